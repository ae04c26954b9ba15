"""The public-information path over HTTP (UU 14/2008, Perki 1/2021): registration number
and receipt, the PPID's written decision, the objection to the atasan PPID, its clock,
the case file for the Komisi Informasi, the registers and the annual report."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core import mail
from django.urls import reverse

from discussions import clock
from discussions.models import (
    InformationRequest,
    Objection,
    Thread,
    ThreadEvent,
    WrittenDecision,
)
from discussions.threads.sla import sla_tick
from forum_site.accounts import roles
from tests.accounts.factories import UserFactory
from tests.discussions.factories import CategoryFactory

from .ppid_helpers import BODY, TITLE, at, pdf_text
from .ppid_helpers import with_role as _with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def ppid_officer(db):
    return _with_role(UserFactory(display_name="Petugas PPID", first_name="Andi",
                                  last_name="Petugas"), roles.PPID)


@pytest.fixture
def superior(db):
    return _with_role(UserFactory(display_name="Atasan PPID", first_name="Budi",
                                  last_name="Atasan"), roles.PPID_SUPERIOR)


@pytest.fixture
def category(unit_a):
    return CategoryFactory(default_unit=unit_a, slug="informasi-publik")


def _file_request(client, category, day=dt.date(2026, 9, 7)) -> Thread:
    with clock.frozen(at(day)):
        response = client.post(reverse("discussions:thread_create"), {
            "kind": "information_request", "category": category.slug, "title": TITLE,
            "body": BODY, "similar_checked": "on",
        })
    assert response.status_code == 302, response.content[:2000]
    return Thread.objects.get(title=TITLE)


def _decide_refusal(client, thread, day=dt.date(2026, 9, 17), **overrides):
    data = {
        "outcome": "refused", "exemption": "h",
        "consequence_test": "Nilai perorangan peserta adalah rahasia pribadi; membukanya "
                            "merugikan peserta lebih besar daripada manfaatnya.",
        "body": "Permohonan ditolak karena berisi nilai perorangan peserta seleksi.",
        "cost": "0",
    } | overrides
    with clock.frozen(at(day)):
        return client.post(reverse("discussions:ppid_decide", args=[thread.pk]), data)


def _object(client, thread, day=dt.date(2026, 9, 21), **overrides):
    data = {"grounds": ["a"], "reason": "Saya hanya meminta nilai agregat, bukan nilai "
                                        "perorangan; penolakan tidak tepat."} | overrides
    with clock.frozen(at(day)):
        return client.post(reverse("discussions:ppid_object", args=[thread.pk]), data)


def test_done_means_the_whole_path_over_http(
    client, citizen, category, ppid_officer, superior, verified_asn,
    django_capture_on_commit_callbacks,
):
    client.force_login(citizen)
    thread = _file_request(client, category)

    # 1. Registration number at once, receipt page and PDF.
    registered = InformationRequest.objects.get(thread=thread)
    assert registered.number == "PPID/BKPSDM/2026/0001"
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "PPID/BKPSDM/2026/0001" in page
    receipt = client.get(reverse("discussions:ppid_receipt", args=[thread.pk]))
    assert receipt.status_code == 200 and "PPID/BKPSDM/2026/0001" in receipt.content.decode()
    text = pdf_text(client.get(reverse("discussions:ppid_receipt_pdf", args=[thread.pk]))
                    .content)
    assert "PPID/BKPSDM/2026/0001" in text and "07-09-2026" in text and "21-09-2026" in text
    assert "Kantor Regional" in text  # the office's identity from the settings

    # 2. The PPID decides: refusal with the Pasal 17 exemption and consequence test.
    officer = client_for(ppid_officer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _decide_refusal(officer, thread).status_code == 302
    decision = WrittenDecision.objects.get(request=registered)
    assert (decision.outcome, decision.exemption, decision.working_days) == ("refused", "h", 8)
    thread.refresh_from_db()
    assert thread.information_decision == "refused" and thread.answers_count == 1
    assert any(citizen.email in m.to for m in mail.outbox)
    letter = pdf_text(client.get(reverse("discussions:ppid_decision_pdf", args=[thread.pk]))
                      .content)
    assert "PPID/BKPSDM/2026/0001" in letter and "Pasal 17" in letter

    # 3. The citizen objects (2 working days later); it goes to the atasan PPID.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _object(client, thread).status_code == 302
    objection = Objection.objects.get(request=registered)
    assert objection.due == dt.date(2026, 11, 2)  # 30 working days after 21 September
    assert any(superior.email in m.to for m in mail.outbox)

    # The atasan does not answer in time: the tick marks the objection overdue.
    with clock.frozen(at(dt.date(2026, 11, 3), 1)):
        result = sla_tick(today=dt.date(2026, 11, 3))
    assert result.objections_overdue == 1
    objection.refresh_from_db()
    assert objection.is_overdue and objection.komisi_due == dt.date(2026, 11, 20)
    assert ThreadEvent.objects.filter(thread=thread, kind="objection_overdue").count() == 1

    # ... and answers late.
    boss = client_for(superior)
    with clock.frozen(at(dt.date(2026, 11, 5))):
        response = boss.post(reverse("discussions:ppid_objection_answer", args=[thread.pk]),
                             {"upheld": "0", "answer": "Keberatan ditolak; nilai perorangan "
                                                       "tetap dikecualikan."})
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.answered_late and objection.answer_working_days == 33
    assert objection.komisi_due == dt.date(2026, 11, 25)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Komisi Informasi" in page and "25 November 2026" in page

    # 4. The citizen takes it to the Komisi, and downloads the case file.
    with clock.frozen(at(dt.date(2026, 11, 10))):
        assert client.post(reverse("discussions:ppid_komisi", args=[thread.pk])).status_code == 302
    case = pdf_text(client.get(reverse("discussions:ppid_case_file_pdf", args=[thread.pk]))
                    .content)
    for date in ("07-09-2026", "21-09-2026", "17-09-2026", "02-11-2026", "03-11-2026",
                 "05-11-2026", "10-11-2026", "25-11-2026"):
        assert date in case, date
    # Working days since receipt: decision 8, objection 10, its due date 40, overdue 41,
    # answered 43, Komisi 46, the Komisi deadline 57; the answer took 33.
    rows = [line for line in case.splitlines() if "-2026" in line]
    joined = "\n".join(rows)
    for label, from_receipt in (("17-09-2026", "8"), ("02-11-2026", "40"),
                                ("03-11-2026", "41"), ("05-11-2026", "43"),
                                ("10-11-2026", "46"), ("25-11-2026", "57")):
        assert any(label in row and f" {from_receipt} " in f" {row} " for row in rows), (
            label, joined)
    assert "33" in case
    archive = zipfile.ZipFile(io.BytesIO(client.get(
        reverse("discussions:ppid_case_file_zip", args=[thread.pk])).content))
    assert sorted(archive.namelist()) == [
        "berkas-PPID-BKPSDM-2026-0001.pdf", "keputusan-PPID-BKPSDM-2026-0001.pdf",
        "tanda-terima-PPID-BKPSDM-2026-0001.pdf"]

    # 5. Both registers list the case, without personal data.
    anonymous = client_for(None)
    for name in ("discussions:ppid_request_register", "discussions:ppid_objection_register"):
        html = anonymous.get(reverse(name)).content.decode()
        assert "PPID/BKPSDM/2026/0001" in html
        assert citizen.public_name not in html and citizen.email not in html
    for slug in ("information-request-register", "information-objection-register"):
        response = anonymous.get(reverse("core:dataset_csv", args=[slug]))
        csv = b"".join(response.streaming_content).decode()
        assert "PPID/BKPSDM/2026/0001" in csv and citizen.public_name not in csv

    # The annual report counts the objection and the dispute.
    report = anonymous.get(reverse("transparency:information_report", args=[2026]))
    html = report.content.decode()
    assert 'data-figure="objections">1<' in html
    assert 'data-figure="disputes">1<' in html
    assert 'data-figure="objections_late">1<' in html

    # Every step is on the public timeline.
    kinds = set(ThreadEvent.objects.filter(thread=thread).values_list("kind", flat=True))
    assert {"registered", "decided", "objected", "objection_overdue", "objection_answered",
            "komisi"} <= kinds


def client_for(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- bad input: a clear form error, nothing saved --------------------------------------


@pytest.fixture
def decided(client, citizen, category, ppid_officer):
    """A registered request refused by the PPID on 17 September 2026."""
    client.force_login(citizen)
    thread = _file_request(client, category)
    assert _decide_refusal(client_for(ppid_officer), thread).status_code == 302
    return thread


def test_refusal_without_exemption_is_a_form_error(client, citizen, category, ppid_officer):
    client.force_login(citizen)
    thread = _file_request(client, category)
    response = _decide_refusal(client_for(ppid_officer), thread, exemption="",
                               consequence_test="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "wajib menyebut pengecualian" in html and "uji konsekuensi" in html
    assert not WrittenDecision.objects.exists()
    thread.refresh_from_db()
    assert thread.answers_count == 0 and thread.information_decision == ""


def test_late_objection_is_a_form_error(client, decided):
    # 30 working days after 17 September 2026 end on 29 October.
    response = _object(client, decided, day=dt.date(2026, 10, 30))
    assert response.status_code == 200
    assert ("30 hari kerja untuk mengajukan keberatan berakhir pada 29-10-2026"
            in response.content.decode())
    assert not Objection.objects.exists()
    assert _object(client, decided, day=dt.date(2026, 10, 29)).status_code == 302


def test_second_objection_is_a_form_error(client, decided):
    assert _object(client, decided).status_code == 302
    response = _object(client, decided, day=dt.date(2026, 9, 22))
    assert response.status_code == 200
    assert "sudah diajukan; hanya satu" in response.content.decode()
    assert Objection.objects.count() == 1
    assert ThreadEvent.objects.filter(thread=decided, kind="objected").count() == 1


def test_objection_without_ground_is_a_form_error(client, decided):
    response = _object(client, decided, grounds=[])
    assert response.status_code == 200 and "paling sedikit satu alasan" in response.content.decode()
    assert not Objection.objects.exists()


def test_objection_before_any_decision_or_deadline_is_a_form_error(client, citizen, category):
    client.force_login(citizen)
    thread = _file_request(client, category)
    response = _object(client, thread, day=dt.date(2026, 9, 10))
    assert response.status_code == 200 and "setelah PPID memutuskan" in (
        response.content.decode())
    assert not Objection.objects.exists()


def test_objection_after_a_missed_deadline_needs_no_decision(client, citizen, category):
    client.force_login(citizen)
    thread = _file_request(client, category)  # due 21 September
    assert _object(client, thread, day=dt.date(2026, 9, 22), grounds=["c"]).status_code == 302


# --- forged attempts by the wrong roles: 403, nothing saved ------------------------------


def test_objection_by_someone_else_is_refused(decided, verified_asn, ppid_officer):
    other = UserFactory(display_name="Warga Lain", roles=[roles.CITIZEN])
    for user in (other, verified_asn, ppid_officer):
        assert _object(client_for(user), decided).status_code == 403
    assert not Objection.objects.exists()


def test_decision_by_anyone_but_ppid_is_refused(
    client, citizen, category, verified_asn, moderator, superior
):
    client.force_login(citizen)
    thread = _file_request(client, category)
    for user in (citizen, verified_asn, moderator, superior):
        assert _decide_refusal(client_for(user), thread).status_code == 403, user
    assert not WrittenDecision.objects.exists()


def test_objection_answer_by_anyone_but_the_atasan_is_refused(
    client, decided, ppid_officer, verified_asn, moderator, citizen
):
    assert _object(client, decided).status_code == 302
    url = reverse("discussions:ppid_objection_answer", args=[decided.pk])
    for user in (citizen, ppid_officer, verified_asn, moderator):
        response = client_for(user).post(url, {"upheld": "1", "answer": "Keberatan diterima "
                                                                      "seluruhnya, terima kasih."})
        assert response.status_code == 403, user
    assert Objection.objects.get().answered_at is None


def test_komisi_step_by_someone_else_is_refused(decided, verified_asn):
    response = client_for(verified_asn).post(reverse("discussions:ppid_komisi",
                                                     args=[decided.pk]))
    assert response.status_code == 403


def test_case_papers_are_for_the_requester_and_the_ppid(decided, verified_asn, ppid_officer,
                                                         superior, citizen):
    names = ("ppid_receipt", "ppid_receipt_pdf", "ppid_decision_pdf", "ppid_case_file_pdf")
    for name in names:
        url = reverse(f"discussions:{name}", args=[decided.pk])
        assert client_for(verified_asn).get(url).status_code == 403
        assert client_for(None).get(url).status_code == 302  # to the login
        for user in (citizen, ppid_officer, superior):
            assert client_for(user).get(url).status_code == 200


# --- registration numbers ----------------------------------------------------------------


def test_numbers_count_per_unit_code_and_year(client, citizen, category, unit_b):
    from discussions.ppid.services import information_request_register
    from tests.discussions.factories import ThreadFactory

    client.force_login(citizen)
    first = _file_request(client, category)
    later = ThreadFactory(kind="information_request", category=category,
                          created_at=at(dt.date(2026, 9, 8)))
    other_unit = ThreadFactory(kind="information_request", unit=unit_b, category=category,
                               created_at=at(dt.date(2026, 9, 8)))
    next_year = ThreadFactory(kind="information_request", category=category,
                              created_at=at(dt.date(2027, 1, 4)))
    numbers = [information_request_register(thread=t).number
               for t in (later, other_unit, next_year)]
    assert first.information_request.number == "PPID/BKPSDM/2026/0001"
    assert numbers == ["PPID/BKPSDM/2026/0002", "PPID/DINKES/2026/0001",
                       "PPID/BKPSDM/2027/0001"]
    # Registering twice gives the same number back.
    assert information_request_register(thread=later).number == "PPID/BKPSDM/2026/0002"


def test_a_question_gets_no_registration_number(client, citizen, category):
    client.force_login(citizen)
    with clock.frozen(at(dt.date(2026, 9, 7))):
        client.post(reverse("discussions:thread_create"), {
            "kind": "question", "category": category.slug, "title": TITLE, "body": BODY,
            "similar_checked": "on",
        })
    assert Thread.objects.count() == 1 and not InformationRequest.objects.exists()


def test_pages_and_letters_speak_indonesian_and_english(client, decided, citizen):
    from django.utils import translation

    client.force_login(citizen)
    with translation.override("id"):
        receipt_url = reverse("discussions:ppid_receipt", args=[decided.pk])
        register_url = reverse("discussions:ppid_request_register")
    assert "/tanda-terima/" in receipt_url and "/permohonan-informasi/register/" in register_url
    page = client.get(decided.get_absolute_url()).content.decode()
    assert "Nomor registrasi" in page and "Ditolak (informasi yang dikecualikan)" in page
    assert "Diregistrasi sebagai permohonan informasi publik PPID/BKPSDM/2026/0001" in page
    letter = pdf_text(client.get(reverse("discussions:ppid_decision_pdf", args=[decided.pk]))
                      .content)
    assert "PEMBERITAHUAN TERTULIS" in letter and "Pasal 17 huruf h" in letter
    with translation.override("en"):
        english = client.get(reverse("discussions:ppid_request_register")).content.decode()
    assert "Register of public-information requests" in english


def test_account_deletion_removes_the_requester_name_from_the_letters(decided, citizen):
    from discussions.personal_data import erase_user_data

    registered = InformationRequest.objects.get(thread=decided)
    assert registered.requester_name
    erase_user_data(user=citizen, pseudonym="Pengguna terhapus 1")
    registered.refresh_from_db()
    assert registered.requester_name == "Pengguna terhapus 1"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_requests_never_share_a_number():
    """Twelve requests registered at the same moment, each in its own transaction and
    connection: twelve different numbers, 0001 to 0012 (PostgreSQL: the counter row
    lock; SQLite serialises writers, so there is no race to test)."""
    import threading

    from django.db import connection, connections

    from discussions.ppid.services import information_request_register
    from tests.accounts.factories import UnitFactory
    from tests.discussions.factories import ThreadFactory

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent transactions and row locks")
    unit = UnitFactory(short_name="BKPSDM", slug="bkpsdm-uji")
    category = CategoryFactory(default_unit=unit)
    threads = [ThreadFactory(kind="information_request", category=category, indexed=False,
                             created_at=at(dt.date(2026, 9, 7))) for _ in range(12)]
    barrier = threading.Barrier(len(threads))
    errors = []

    def register(thread):
        try:
            barrier.wait(timeout=30)
            information_request_register(thread=thread)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=register, args=(t,)) for t in threads]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert not errors
    numbers = sorted(InformationRequest.objects.values_list("number", flat=True))
    assert numbers == [f"PPID/BKPSDM/2026/{n:04d}" for n in range(1, 13)]


def test_granted_with_an_attachment_goes_into_the_zip(client, citizen, category, ppid_officer,
                                                      settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path)
    client.force_login(citizen)
    thread = _file_request(client, category)
    officer = client_for(ppid_officer)
    page = officer.get(thread.get_absolute_url()).content.decode()
    assert reverse("discussions:ppid_decide", args=[thread.pk]) in page  # the form is there
    fake = SimpleUploadedFile("daftar.pdf", b"<html>bukan pdf</html>", "application/pdf")
    response = _decide_refusal(officer, thread, outcome="granted", information_form="softcopy",
                               attachments=fake, body="Salinan daftar nilai agregat terlampir.")
    assert response.status_code == 200 and not WrittenDecision.objects.exists()
    real = SimpleUploadedFile("daftar.pdf", b"%PDF-1.4\n% lampiran uji\n", "application/pdf")
    response = _decide_refusal(officer, thread, outcome="granted", information_form="softcopy",
                               attachments=real, cost="5000", cost_note="Fotokopi 50 lembar",
                               body="Salinan daftar nilai agregat terlampir.")
    assert response.status_code == 302
    decision = WrittenDecision.objects.get()
    assert (decision.outcome, decision.cost, decision.exemption) == ("granted", 5000, "")
    archive = zipfile.ZipFile(io.BytesIO(client.get(
        reverse("discussions:ppid_case_file_zip", args=[thread.pk])).content))
    assert archive.read("lampiran-PPID-BKPSDM-2026-0001-1.pdf").startswith(b"%PDF-1.4")


def test_objection_clock_reminds_once_then_marks_overdue_once(decided, client, superior):
    from discussions.models import Notification

    assert _object(client, decided).status_code == 302  # due 2 November 2026
    sla_tick(today=dt.date(2026, 10, 30))  # one working day before
    sla_tick(today=dt.date(2026, 10, 30))
    # One when it was filed, one reminder.
    assert Notification.objects.filter(user=superior, kind="objection").count() == 2
    assert sla_tick(today=dt.date(2026, 11, 3)).objections_overdue == 1
    assert sla_tick(today=dt.date(2026, 11, 4)).objections_overdue == 0
    assert Notification.objects.filter(user=superior, kind="objection").count() == 3
