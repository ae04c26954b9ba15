"""A written decision has several attached documents (issue 22: "the attached
documents"): `DecisionAttachment` rows replace the single `WrittenDecision.attachment`,
which each decision that had one keeps as its first row (same file, not moved)."""

import django.db.models.deletion
from django.db import migrations, models


def copy_single_attachments(apps, schema_editor):
    WrittenDecision = apps.get_model("discussions", "WrittenDecision")
    DecisionAttachment = apps.get_model("discussions", "DecisionAttachment")
    for decision in WrittenDecision.objects.exclude(attachment="").order_by("pk"):
        stored = decision.attachment
        try:
            size = stored.storage.size(stored.name)
        except OSError:
            size = 0
        # The old field took PDFs only; the original name is not shown any more (it
        # could name a person): the number's position stands in for it.
        DecisionAttachment.objects.create(
            decision=decision, position=1, file=stored.name, extension="pdf",
            name="Lampiran 1", size=size,
        )


def restore_single_attachments(apps, schema_editor):
    WrittenDecision = apps.get_model("discussions", "WrittenDecision")
    DecisionAttachment = apps.get_model("discussions", "DecisionAttachment")
    for attachment in DecisionAttachment.objects.filter(position=1, extension="pdf"):
        WrittenDecision.objects.filter(pk=attachment.decision_id).update(
            attachment=attachment.file.name)


class Migration(migrations.Migration):

    dependencies = [
        ("discussions", "0022_event_kinds_merged"),
    ]

    operations = [
        migrations.CreateModel(
            name="DecisionAttachment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveSmallIntegerField()),
                ("file", models.FileField(max_length=200, upload_to="ppid/decisions/%Y/")),
                ("name", models.CharField(max_length=120, verbose_name="document name")),
                ("extension", models.CharField(max_length=5)),
                ("size", models.PositiveIntegerField(default=0)),
                ("decision", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="attachments", to="discussions.writtendecision")),
            ],
            options={
                "verbose_name": "attached document",
                "verbose_name_plural": "attached documents",
                "ordering": ["position", "pk"],
                "constraints": [models.UniqueConstraint(fields=("decision", "position"), name="disc_decision_attachment_position_once")],
            },
        ),
        migrations.RunPython(copy_single_attachments, restore_single_attachments),
        migrations.RemoveField(
            model_name="writtendecision",
            name="attachment",
        ),
    ]
