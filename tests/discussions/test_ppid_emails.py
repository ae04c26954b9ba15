"""The emails of the public-information path, end to end: the requester gets one email
for the PPID's decision (its text, the PDF letter and the attached documents, each link
opening for them), the atasan PPID's objection email and the requester's email on its
answer carry the case file; the on-site notices name the step."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from discussions import clock
from forum_site.accounts import roles
from tests.accounts.factories import UserFactory
from tests.discussions.factories import CategoryFactory
from tests.email_links import email_links

from .ppid_helpers import at, client_for, decide, file_request, with_role

pytestmark = pytest.mark.django_db

GRANTED = {"outcome": "granted", "information_form": "softcopy", "exemption": "",
           "consequence_test": "",
           "body": "Rekapitulasi nilai agregat seleksi kami lampirkan pada keputusan ini."}


@pytest.fixture
def case(citizen, unit_a, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    category = CategoryFactory(default_unit=unit_a, slug="informasi-publik")
    thread = file_request(client_for(citizen), category)
    officer = with_role(UserFactory(display_name="Petugas PPID"), roles.PPID)
    superior = with_role(UserFactory(display_name="Atasan PPID"), roles.PPID_SUPERIOR)
    return thread, officer, superior


def _mails_to(user):
    return [m for m in mail.outbox if user.email in m.to]


def _path(url: str) -> str:
    return urlsplit(url).path


def test_the_requester_gets_one_email_with_the_letter_and_documents(
    case, citizen, django_capture_on_commit_callbacks,
):
    thread, officer, _superior = case
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client_for(officer), thread, attachments=[
            SimpleUploadedFile("rekap.pdf", b"%PDF-1.4\n% rekap\n")], **GRANTED)
    assert response.status_code == 302
    (email,) = _mails_to(citizen)  # one email, not an answer email and a status email
    assert "Keputusan tertulis atas permohonan Anda" in email.subject
    assert "PPID telah memberikan keputusan tertulis" in email.body
    assert "Rekapitulasi nilai agregat seleksi" in email.body  # the letter's text
    links = {_path(url) for url in email_links(email)}
    letter = reverse("discussions:ppid_decision_pdf", args=[thread.pk])
    document = reverse("discussions:ppid_attachment", args=[thread.pk, 1])
    assert {letter, document} <= links
    requester = client_for(citizen)
    pdf = requester.get(letter)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert b"".join(requester.get(document).streaming_content).startswith(b"%PDF-1.4")
    # The on-site notice names the step.
    notices = requester.get(reverse("discussions:notification_list")).content.decode()
    assert "PPID memberikan keputusan tertulis atas permohonan Anda" in notices


def test_objection_emails_carry_the_case_file(case, citizen,
                                              django_capture_on_commit_callbacks):
    thread, officer, superior = case
    assert decide(client_for(officer), thread).status_code == 302  # refused, 17 September
    mail.outbox.clear()
    requester = client_for(citizen)
    with django_capture_on_commit_callbacks(execute=True), clock.frozen(
            at(dt.date(2026, 9, 21))):
        response = requester.post(reverse("discussions:ppid_object", args=[thread.pk]), {
            "grounds": ["a"], "reason": "Saya hanya meminta nilai agregat, bukan nilai "
                                        "perorangan; penolakan tidak tepat."})
    assert response.status_code == 302
    (to_superior,) = _mails_to(superior)
    case_file = reverse("discussions:ppid_case_file_pdf", args=[thread.pk])
    assert case_file in {_path(url) for url in email_links(to_superior)}
    assert client_for(superior).get(case_file).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), clock.frozen(
            at(dt.date(2026, 10, 1))):
        response = client_for(superior).post(
            reverse("discussions:ppid_objection_answer", args=[thread.pk]),
            {"upheld": "0", "answer": "Keberatan ditolak; nilai perorangan tetap "
                                      "dikecualikan."})
    assert response.status_code == 302
    (to_requester,) = _mails_to(citizen)
    assert "Jawaban atas keberatan Anda" in to_requester.subject
    assert "Komisi Informasi" in to_requester.body
    assert case_file in {_path(url) for url in email_links(to_requester)}
    assert requester.get(case_file).status_code == 200
    notices = requester.get(reverse("discussions:notification_list")).content.decode()
    assert "Atasan PPID menjawab keberatan Anda" in notices
