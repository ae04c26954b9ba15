"""The documents attached to the PPID's written decision (issue 22: "the attached
documents"): several in one field without JavaScript, their limits as translated form
errors (413 for a body over every limit, never 500), and where they show: the public
page, the receipt, the letter, the case-file ZIP, with no personal data."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from discussions.models import DecisionAttachment, WrittenDecision
from forum_site.accounts import roles
from tests.accounts.factories import UserFactory
from tests.discussions.factories import CategoryFactory

from .ppid_helpers import client_for, decide, file_request, pdf_text, with_role

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% lampiran uji\n%%EOF\n"
CSV = b"golongan;laki-laki;perempuan\nIII;1904;2371\n"
GRANTED = {"outcome": "granted", "information_form": "softcopy", "exemption": "",
           "consequence_test": "",
           "body": "Salinan rekapitulasi nilai agregat kami lampirkan pada keputusan ini."}


def _pdf(name="rekap.pdf", content=PDF):
    return SimpleUploadedFile(name, content, "application/pdf")


def _docx(*extra: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in ("[Content_Types].xml", "word/document.xml", *extra):
            package.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def case(citizen, unit_a, media):
    category = CategoryFactory(default_unit=unit_a, slug="informasi-publik")
    thread = file_request(client_for(citizen), category)
    officer = with_role(UserFactory(display_name="Petugas PPID", first_name="Andi",
                                    last_name="Petugas"), roles.PPID)
    return thread, client_for(officer)


def _stored_files(media) -> list:
    return [path for path in media.rglob("*") if path.is_file()]


def test_the_form_takes_several_files_without_javascript(case):
    thread, officer = case
    html = officer.get(thread.get_absolute_url()).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file" name="attachments"' in html and " multiple" in html
    assert "Paling banyak 5 berkas" in html  # the limits, in Indonesian


def test_several_documents_are_public_with_the_decision(case, citizen, media):
    thread, officer = case
    files = [_pdf("Rekap nilai (hubungi 081234567890).pdf"),
             SimpleUploadedFile("rekap_per_golongan.csv", CSV, "text/csv")]
    assert decide(officer, thread, attachments=files, **GRANTED).status_code == 302
    decision = WrittenDecision.objects.get()
    rows = list(decision.attachments.all())
    assert [(a.position, a.extension, a.size) for a in rows] == [
        (1, "pdf", len(PDF)), (2, "csv", len(CSV))]
    # The phone number in a file name is masked, and the stored name is random.
    assert "081234567890" not in rows[0].name and "Rekap nilai" in rows[0].name
    assert rows[1].name == "rekap per golongan"
    assert all("Rekap" not in a.file.name and "golongan" not in a.file.name for a in rows)

    # The public page lists them, for anyone; the download holds only the number.
    page = client_for(None).get(thread.get_absolute_url()).content.decode()
    assert "Rekap nilai" in page and "rekap per golongan" in page
    assert "081234567890" not in page, page[page.index("081234567890") - 300:][:400]
    assert "Andi Petugas" in page  # the signer, as on every official answer
    link = reverse("discussions:ppid_attachment", args=[thread.pk, 2])
    assert link in page
    response = client_for(None).get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CSV
    assert response["Content-Disposition"] == (
        'attachment; filename="lampiran-PPID-BKPSDM-2026-0001-2.csv"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for(None).get(
        reverse("discussions:ppid_attachment", args=[thread.pk, 3])).status_code == 404

    # The receipt page, the letter and the case-file ZIP carry them too.
    requester = client_for(citizen)
    receipt = requester.get(reverse("discussions:ppid_receipt", args=[thread.pk]))
    assert "rekap per golongan" in receipt.content.decode()
    letter = pdf_text(requester.get(reverse("discussions:ppid_decision_pdf",
                                            args=[thread.pk])).content)
    assert "Dokumen terlampir" in letter and "lampiran-PPID-BKPSDM-2026-0001-1.pdf" in letter
    archive = zipfile.ZipFile(io.BytesIO(requester.get(
        reverse("discussions:ppid_case_file_zip", args=[thread.pk])).content))
    assert archive.read("lampiran-PPID-BKPSDM-2026-0001-1.pdf") == PDF
    assert archive.read("lampiran-PPID-BKPSDM-2026-0001-2.csv") == CSV


def test_a_hidden_thread_hides_its_attachments(case, moderator):
    from discussions.moderation.services import threads_moderate

    thread, officer = case
    assert decide(officer, thread, attachments=[_pdf()], **GRANTED).status_code == 302
    link = reverse("discussions:ppid_attachment", args=[thread.pk, 1])
    assert client_for(None).get(link).status_code == 200
    threads_moderate(moderator=moderator, thread_ids=[thread.pk], action="hide", rule="spam")
    link = reverse("discussions:ppid_attachment", args=[thread.pk, 1])
    assert client_for(None).get(link).status_code == 404


@pytest.mark.parametrize(("files", "message"), [
    (lambda: [_pdf(f"lampiran-{n}.pdf") for n in range(6)], "Lampirkan paling banyak 5"),
    (lambda: [_pdf("besar.pdf", PDF + b"0" * (5 * 1024 * 1024))], "lebih besar dari 5 MB"),
    (lambda: [SimpleUploadedFile("program.exe", b"MZ\x90\x00", "application/octet-stream")],
     "salah satu jenis berikut"),
    (lambda: [_pdf("palsu.pdf", b"<html><script>alert(1)</script></html>")],
     "isinya tidak sesuai dengan jenisnya"),
    (lambda: [_pdf("skrip.pdf", PDF + b"<< /S /JavaScript /JS (app.alert(1)) >>")],
     "memuat skrip, makro"),
    (lambda: [SimpleUploadedFile("makro.docx", _docx("word/vbaProject.bin"))],
     "memuat skrip, makro"),
])
def test_bad_attachments_are_form_errors_and_nothing_is_saved(case, media, files, message):
    thread, officer = case
    response = decide(officer, thread, attachments=files(), **GRANTED)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WrittenDecision.objects.exists() and not DecisionAttachment.objects.exists()
    assert _stored_files(media) == []
    thread.refresh_from_db()
    assert thread.answers_count == 0


def test_a_good_docx_and_a_plain_pdf_pass(case):
    thread, officer = case
    files = [SimpleUploadedFile("surat.docx", _docx()), _pdf()]
    assert decide(officer, thread, attachments=files, **GRANTED).status_code == 302
    assert DecisionAttachment.objects.count() == 2


def test_a_body_over_every_limit_is_413_not_500(case):
    thread, officer = case
    response = officer.post(reverse("discussions:ppid_decide", args=[thread.pk]),
                            GRANTED, CONTENT_LENGTH=str(40 * 1024 * 1024))
    assert response.status_code == 413
    assert "Data terlalu besar" in response.content.decode()
    assert not WrittenDecision.objects.exists()
