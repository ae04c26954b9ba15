"""Render stored posts again with the Markdown rules the help text promises (a list
straight under a line of text, new lines as line breaks, bare https:// addresses as
links; discussions/text.py). Only `body_html` changes: it is derived from the stored
(already masked) text, which stays as it is. Idempotent."""

from django.db import migrations

BATCH = 500


def rerender(apps, schema_editor):
    from discussions.text import render_markdown

    for model_name, source in (("Thread", "body"), ("OfficialAnswer", "body"),
                               ("Comment", "comment")):
        model = apps.get_model("discussions", model_name)
        changed = []
        for row in model.objects.only("pk", source, "body_html").iterator(chunk_size=BATCH):
            html = render_markdown(getattr(row, source))
            if html != row.body_html:
                row.body_html = html
                changed.append(row)
            if len(changed) >= BATCH:
                model.objects.bulk_update(changed, ["body_html"])
                changed = []
        if changed:
            model.objects.bulk_update(changed, ["body_html"])


class Migration(migrations.Migration):
    dependencies = [("discussions", "0011_thread_event_auto_hidden")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop, elidable=True)]
