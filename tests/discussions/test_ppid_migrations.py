"""The data migrations of the public-information path, each run on rows made in the shape
the database had before it (django-test-migrations style, with Django's executor):
0015 numbers the requests filed before registration existed; 0023 turns each decision's
single attachment into its first DecisionAttachment."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.migrating import migrate_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

UTC = dt.UTC


def _people_and_units(apps):
    User = apps.get_model("accounts", "User")
    Unit = apps.get_model("accounts", "Unit")
    Category = apps.get_model("discussions", "Category")
    bkpsdm = Unit.objects.create(name="Badan Kepegawaian", short_name="BKPSDM",
                                 slug="bkpsdm-uji")
    pupr = Unit.objects.create(name="Dinas Pekerjaan Umum", short_name="Dinas P.U.",
                               slug="pu-uji")
    named = User.objects.create(email="siti@contoh.id", display_name="sitiw",
                                first_name="Siti", last_name="Aminah")
    unnamed = User.objects.create(email="warga@contoh.id", display_name="Warga Mamuju")
    category = Category.objects.create(name="Informasi uji", slug="informasi-uji",
                                       default_unit=bkpsdm)
    return bkpsdm, pupr, named, unnamed, category


@pytest.mark.slow(reason="migrates the database back to discussions 0014 and forward again")
def test_0015_numbers_the_requests_filed_before_it(at_latest):
    apps = migrate_to([("discussions", "0014_ppid_roles")])
    Thread = apps.get_model("discussions", "Thread")
    InformationRequest = apps.get_model("discussions", "InformationRequest")
    Counter = apps.get_model("discussions", "RequestNumberCounter")
    bkpsdm, pupr, named, unnamed, category = _people_and_units(apps)

    def thread(title, when, *, unit=bkpsdm, author=named, kind="information_request"):
        return Thread.objects.create(
            title=title, body="Mohon salinan data untuk penelitian.", kind=kind,
            category=category, unit=unit, author=author, created_at=when, updated_at=when)

    # Already registered when 0015 runs: its number and counter stay as they are.
    registered = thread("Sudah terdaftar", dt.datetime(2026, 2, 2, 2, tzinfo=UTC))
    InformationRequest.objects.create(
        thread=registered, number="PPID/BKPSDM/2026/0001", unit_code="BKPSDM", year=2026,
        sequence=1, received_at=registered.created_at, requester_name="Siti Aminah")
    Counter.objects.create(unit_code="BKPSDM", year=2026, last=1)
    # 31 December 2025, 17.00 UTC is 1 January 2026, 01.00 WITA: a 2026 request.
    new_year = thread("Malam tahun baru", dt.datetime(2025, 12, 31, 17, tzinfo=UTC),
                      author=unnamed)
    last_year = thread("Tahun lalu", dt.datetime(2025, 6, 2, 3, tzinfo=UTC))
    march = thread("Maret", dt.datetime(2026, 3, 2, 3, tzinfo=UTC), author=None)
    other_unit = thread("Unit lain", dt.datetime(2026, 3, 1, 3, tzinfo=UTC), unit=pupr)
    question = thread("Pertanyaan biasa", dt.datetime(2026, 3, 3, 3, tzinfo=UTC),
                      kind="question")

    apps = migrate_to([("discussions", "0015_register_existing_requests")])
    InformationRequest = apps.get_model("discussions", "InformationRequest")
    Counter = apps.get_model("discussions", "RequestNumberCounter")
    ThreadEvent = apps.get_model("discussions", "ThreadEvent")
    rows = {r.thread_id: r for r in InformationRequest.objects.all()}
    assert {pk: rows[pk].number for pk in rows} == {
        registered.pk: "PPID/BKPSDM/2026/0001",
        last_year.pk: "PPID/BKPSDM/2025/0001",
        new_year.pk: "PPID/BKPSDM/2026/0002",  # after the one already registered
        march.pk: "PPID/BKPSDM/2026/0003",
        other_unit.pk: "PPID/DINASPU/2026/0001",
    }
    assert question.pk not in rows
    assert (rows[new_year.pk].unit_code, rows[new_year.pk].year,
            rows[new_year.pk].sequence) == ("BKPSDM", 2026, 2)
    assert rows[new_year.pk].received_at == new_year.created_at
    assert rows[last_year.pk].requester_name == "Siti Aminah"
    assert rows[new_year.pk].requester_name == "Warga Mamuju"  # no real name: display name
    assert rows[march.pk].requester_name == ""  # account deleted
    assert set(Counter.objects.values_list("unit_code", "year", "last")) == {
        ("BKPSDM", 2025, 1), ("BKPSDM", 2026, 3), ("DINASPU", 2026, 1)}
    # No timeline entry is back-dated.
    assert not ThreadEvent.objects.filter(kind="registered").exists()


@pytest.mark.slow(reason="migrates the database back to discussions 0022 and forward again")
def test_0023_keeps_a_single_attachment_as_the_first(at_latest, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "ppid" / "decisions" / "2026").mkdir(parents=True)
    (tmp_path / "ppid" / "decisions" / "2026" / "surat_siti.pdf").write_bytes(b"%PDF-1.4\n")
    apps = migrate_to([("discussions", "0022_event_kinds_merged")])
    Thread = apps.get_model("discussions", "Thread")
    InformationRequest = apps.get_model("discussions", "InformationRequest")
    WrittenDecision = apps.get_model("discussions", "WrittenDecision")
    bkpsdm, _pupr, named, _unnamed, category = _people_and_units(apps)
    decisions = []
    for index, attachment in enumerate(("ppid/decisions/2026/surat_siti.pdf", "")):
        when = dt.datetime(2026, 9, 7 + index, 3, tzinfo=UTC)
        thread = Thread.objects.create(
            title=f"Permohonan {index}", body="Mohon data.", kind="information_request",
            category=category, unit=bkpsdm, author=named, created_at=when, updated_at=when)
        registered = InformationRequest.objects.create(
            thread=thread, number=f"PPID/BKPSDM/2026/{index + 1:04d}", unit_code="BKPSDM",
            year=2026, sequence=index + 1, received_at=when)
        decisions.append(WrittenDecision.objects.create(
            request=registered, outcome="granted", information_form="softcopy",
            body="Data terlampir.", signer_name="Petugas", signer_position="PPID",
            attachment=attachment))

    apps = migrate_to([("discussions", "0023_decision_attachments")])
    DecisionAttachment = apps.get_model("discussions", "DecisionAttachment")
    rows = list(DecisionAttachment.objects.values_list(
        "decision_id", "position", "file", "extension", "size", "name"))
    assert rows == [(decisions[0].pk, 1, "ppid/decisions/2026/surat_siti.pdf", "pdf", 9,
                     "Lampiran 1")]  # the file stays; its name (a person's) is not shown
