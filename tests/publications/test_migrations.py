"""The data migration of the outcome's program chooser (publications 0005), run on rows
made in the shape the database had before it (django-test-migrations style, with
Django's executor, as tests/discussions/test_ppid_migrations.py): every link of the old
many-to-many table and every saved revision's `programs` list become OutcomeProgram rows
and `program_links` in their order, and migrating back restores both. Run on SQLite and
on PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.migrating import migrate_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("publications", "0004_program_registration")]
AFTER = [("publications", "0005_outcome_program_links")]


def _old_site(apps):
    """Three programs and two outcomes made by the old editor (checkboxes), and the
    revisions it saved, with historical models. Page paths sit in a corner of the tree
    no fixture uses; the migration reads rows, not the tree."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Revision = apps.get_model("wagtailcore", "Revision")
    Page = apps.get_model("wagtailcore", "Page")
    Program = apps.get_model("publications", "TrainingProgramPage")
    Outcome = apps.get_model("publications", "OutcomePage")
    News = apps.get_model("publications", "NewsPage")
    locale, _created = Locale.objects.get_or_create(language_code="id")
    page_type = ContentType.objects.get_for_model(Page)
    types = {model: ContentType.objects.get_or_create(
        app_label="publications", model=model._meta.model_name)[0]
        for model in (Program, Outcome, News)}
    serial = iter(range(1, 100))

    def page(model, title, **fields):
        n = next(serial)
        return model.objects.create(
            path=f"0001ZZ{n:02d}", depth=2, title=title, draft_title=title,
            slug=f"uji-migrasi-{n}", content_type=types[model], locale=locale, **fields)

    def revision(obj, content):
        return Revision.objects.create(
            content_type=types[type(obj)], base_content_type=page_type,
            object_id=str(obj.pk), object_str=obj.title, created_at=timezone.now(),
            content={"pk": obj.pk, **content})

    programs = [page(Program, f"Pelatihan {name}", summary="Ringkas.", format="course",
                     start_date="2026-03-02", place="Aula", target_participants="ASN")
                for name in ("Kepemimpinan", "Arsip Digital", "Naskah Dinas")]
    first = page(Outcome, "Layanan lebih cepat", summary="Hasil.")
    second = page(Outcome, "Arsip tertata", summary="Hasil.")
    # Rows of the old table (a ParentalManyToManyField), made in this order: the
    # migration keeps the order rows were made in.
    for outcome, program in ((first, programs[2]), (first, programs[0]), (second, programs[1])):
        Outcome.programs.through.objects.create(outcomepage=outcome, trainingprogrampage=program)
    news = page(News, "Berita pelatihan", date="2026-03-09")
    revisions = {
        # A draft that chose another program than the live version, twice by mistake.
        "draft": revision(first, {"title": "Layanan lebih cepat",
                                  "programs": [programs[1].pk, programs[2].pk,
                                               programs[1].pk]}),
        "none": revision(second, {"title": "Arsip tertata", "programs": []}),
        "older": revision(second, {"title": "Arsip tertata"}),  # before programs existed
        "news": revision(news, {"title": "Berita pelatihan", "programs": [programs[0].pk]}),
    }
    return programs, first, second, revisions


def _content(apps, revision):
    return apps.get_model("wagtailcore", "Revision").objects.get(pk=revision.pk).content


@pytest.mark.slow(reason="migrates publications back to 0004, forward, back and forward again")
def test_0005_keeps_every_program_link_and_revision_both_ways(at_latest):
    apps = migrate_to(BEFORE)
    programs, first, second, revisions = _old_site(apps)
    p = [program.pk for program in programs]

    apps = migrate_to(AFTER)
    Link = apps.get_model("publications", "OutcomeProgram")
    Outcome = apps.get_model("publications", "OutcomePage")
    assert list(Link.objects.order_by("outcome_id", "sort_order").values_list(
        "outcome_id", "program_id", "sort_order")) == [
        (first.pk, p[2], 0), (first.pk, p[0], 1), (second.pk, p[1], 0)]
    # The outcome's programs read through the new rows.
    assert set(Outcome.objects.get(pk=first.pk).programs.values_list("pk", flat=True)) == {
        p[2], p[0]}
    draft = _content(apps, revisions["draft"])
    assert "programs" not in draft
    assert draft["program_links"] == [
        {"pk": None, "outcome": first.pk, "program": p[1], "sort_order": 0},
        {"pk": None, "outcome": first.pk, "program": p[2], "sort_order": 1},
    ]
    assert _content(apps, revisions["none"])["program_links"] == []
    assert _content(apps, revisions["older"]) == {"pk": second.pk, "title": "Arsip tertata"}
    # Only outcome revisions are rewritten.
    assert _content(apps, revisions["news"])["programs"] == [p[0]]

    apps = migrate_to(BEFORE)
    Outcome = apps.get_model("publications", "OutcomePage")
    old_links = Outcome.programs.through.objects.order_by("pk")
    assert list(old_links.values_list("outcomepage_id", "trainingprogrampage_id")) == [
        (first.pk, p[2]), (first.pk, p[0]), (second.pk, p[1])]
    assert _content(apps, revisions["draft"]) == {
        "pk": first.pk, "title": "Layanan lebih cepat", "programs": [p[1], p[2]]}
    assert _content(apps, revisions["none"]) == {
        "pk": second.pk, "title": "Arsip tertata", "programs": []}
    assert _content(apps, revisions["older"]) == {"pk": second.pk, "title": "Arsip tertata"}
    assert "OutcomeProgram".lower() not in {
        model._meta.model_name for model in apps.get_app_config("publications").get_models()}

    # And forward once more, to where the suite runs: the same rows, the same order.
    apps = migrate_to(AFTER)
    Link = apps.get_model("publications", "OutcomeProgram")
    assert list(Link.objects.order_by("outcome_id", "sort_order").values_list(
        "outcome_id", "program_id", "sort_order")) == [
        (first.pk, p[2], 0), (first.pk, p[0], 1), (second.pk, p[1], 0)]
    assert [link["program"] for link in _content(apps, revisions["draft"])["program_links"]
            ] == [p[1], p[2]]
