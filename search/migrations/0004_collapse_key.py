"""issue 19: the key that groups a thread's comments into one result ("N comments match")."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("serambi_search", "0003_window_indexes")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="collapse_key",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
    ]
