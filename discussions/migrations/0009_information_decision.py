"""The decision an official answer announces on an information request (granted, partly
granted, refused) and the ground for refusal: what the annual public-information service
report (UU 14/2008 Pasal 12, Perki 1/2021 Pasal 56) counts."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("discussions", "0008_thread_working_day_durations"),
    ]

    operations = [
        migrations.AddField(
            model_name="thread",
            name="information_decision",
            field=models.CharField(
                blank=True,
                choices=[("granted", "Granted"), ("partly_granted", "Partly granted"),
                         ("refused", "Refused")],
                max_length=16, verbose_name="decision on the request",
            ),
        ),
        migrations.AddField(
            model_name="thread",
            name="refusal_ground",
            field=models.CharField(
                blank=True,
                choices=[("exempt", "Exempt information (UU 14/2008 Pasal 17)"),
                         ("not_held", "The office does not hold this information"),
                         ("not_documented", "The information is not documented yet"),
                         ("other", "Another reason, explained in the answer")],
                max_length=16, verbose_name="ground for refusal",
            ),
        ),
    ]
