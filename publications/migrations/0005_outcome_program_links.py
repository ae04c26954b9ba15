"""An outcome's programs become rows of OutcomeProgram (issue 18: the editor's flat list
of checkboxes becomes Wagtail's chooser with search, which adds one row per program).

The links already made are kept, in the order they were made: the rows of the old
many-to-many table, and the `programs` list of every saved revision (drafts and
scheduled revisions), which becomes that revision's `program_links`. `OutcomePage.programs`
stays, now read through the new rows, so queries and prefetches do not change."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def _outcome_revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="publications",
                                              model="outcomepage").first()
    if content_type is None:
        return Revision.objects.none()
    return Revision.objects.filter(content_type=content_type)


def links_forward(apps, schema_editor):
    OutcomePage = apps.get_model("publications", "OutcomePage")
    OutcomeProgram = apps.get_model("publications", "OutcomeProgram")
    Old = OutcomePage.programs.through
    orders = {}
    rows = []
    for old in Old.objects.order_by("outcomepage_id", "pk"):
        order = orders.get(old.outcomepage_id, 0)
        orders[old.outcomepage_id] = order + 1
        rows.append(OutcomeProgram(outcome_id=old.outcomepage_id,
                                   program_id=old.trainingprogrampage_id, sort_order=order))
    OutcomeProgram.objects.bulk_create(rows)

    for revision in _outcome_revisions(apps).iterator():
        content = revision.content or {}
        if "programs" not in content:
            continue
        ids = list(dict.fromkeys(content.pop("programs") or []))
        content["program_links"] = [
            {"pk": None, "outcome": content.get("pk"), "program": program_id,
             "sort_order": order}
            for order, program_id in enumerate(ids)
        ]
        revision.content = content
        revision.save(update_fields=["content"])


def links_backward(apps, schema_editor):
    OutcomePage = apps.get_model("publications", "OutcomePage")
    OutcomeProgram = apps.get_model("publications", "OutcomeProgram")
    Old = OutcomePage.programs.through
    Old.objects.bulk_create([
        Old(outcomepage_id=link.outcome_id, trainingprogrampage_id=link.program_id)
        for link in OutcomeProgram.objects.order_by("outcome_id", "sort_order", "pk")
    ])
    for revision in _outcome_revisions(apps).iterator():
        content = revision.content or {}
        if "program_links" not in content:
            continue
        links = sorted(content.pop("program_links") or [],
                       key=lambda link: link.get("sort_order") or 0)
        content["programs"] = [link["program"] for link in links]
        revision.content = content
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0004_program_registration"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="OutcomeProgram",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("outcome", modelcluster.fields.ParentalKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="program_links",
                    to="publications.outcomepage")),
                ("program", models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="outcome_links",
                    to="publications.trainingprogrampage", verbose_name="program")),
            ],
            options={
                "verbose_name": "program",
                "verbose_name_plural": "programs",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.AddConstraint(
            model_name="outcomeprogram",
            constraint=models.UniqueConstraint(fields=("outcome", "program"),
                                               name="publications_outcome_program_once"),
        ),
        migrations.RunPython(links_forward, links_backward),
        migrations.RemoveField(model_name="outcomepage", name="programs"),
        migrations.AddField(
            model_name="outcomepage",
            name="programs",
            field=models.ManyToManyField(
                blank=True, help_text="The programs that produced this result.",
                related_name="outcomes", through="publications.OutcomeProgram",
                to="publications.trainingprogrampage", verbose_name="programs"),
        ),
    ]
