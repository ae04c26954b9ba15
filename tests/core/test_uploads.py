"""Uploads through the Wagtail admin: size and type limits, content checks, and how
documents are served (only PDFs inline; everything else downloads). Oversized request
bodies get a translated 413 page."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _add_document(client, name: str, content: bytes):
    return client.post(reverse("wagtaildocs:add"), {
        "title": name, "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile(name, content),
    })


@pytest.mark.parametrize("name,content", [
    ("laporan.pdf", PDF), ("notulen.docx", _docx()),
    ("data.csv", b"kabupaten,peserta\nMamuju,40\nMajene,25\n"),
])
def test_real_documents_are_accepted(superuser_client, name, content):
    response = _add_document(superuser_client, name, content)
    assert response.status_code == 302, response.content.decode()[:500]
    assert get_document_model().objects.filter(title=name).exists()


@pytest.mark.parametrize("name,content", [
    ("laporan.pdf", b"<html><script>alert(1)</script></html>"),  # not a PDF
    ("notulen.docx", PDF),                                         # not a ZIP package
    ("data.csv", b"<!DOCTYPE html><html><body>x</body></html>"),  # HTML as text
    ("data.txt", b"MZ\x90\x00\x03\x00\x00\x00"),                   # a Windows program
    ("halaman.html", b"<html></html>"),                            # extension not allowed
    ("gambar.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
])
def test_documents_whose_content_or_type_is_wrong_are_refused(superuser_client, name, content):
    response = _add_document(superuser_client, name, content)
    assert response.status_code == 200  # the form again, with the error
    assert not get_document_model().objects.exists()


def test_document_size_limit(superuser_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = _add_document(superuser_client, "besar.pdf", PDF + b"0" * 2048)
    assert response.status_code == 200
    assert not get_document_model().objects.exists()


def _serve(client, document):
    return client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]))


def test_documents_are_served_safely(superuser_client, client):
    _add_document(superuser_client, "laporan.pdf", PDF)
    _add_document(superuser_client, "notulen.docx", _docx())
    _add_document(superuser_client, "data.csv", b"a,b\n1,2\n")
    documents = {d.title: d for d in get_document_model().objects.all()}

    pdf = _serve(client, documents["laporan.pdf"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("inline")
    downloads = [_serve(client, documents[title]) for title in ("notulen.docx", "data.csv")]
    for download in downloads:
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith("attachment;")
    for response in (pdf, *downloads):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"


def _add_image(client, name: str, content: bytes):
    return client.post(reverse("wagtailimages:add"), {
        "title": name, "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile(name, content),
    })


def test_images_are_type_and_size_checked(superuser_client, settings):
    assert _add_image(superuser_client, "titik.png", PNG).status_code == 302
    assert _add_image(superuser_client, "palsu.png", PDF).status_code == 200
    broken = _add_image(superuser_client, "rusak.png", PNG[:40] + b"\x00" * 30 + PNG[-12:])
    assert broken.status_code == 200
    assert _add_image(superuser_client, "gambar.svg",
                      b"<svg xmlns='http://www.w3.org/2000/svg'/>").status_code == 200
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10
    assert _add_image(superuser_client, "titik2.png", PNG).status_code == 200
    assert get_image_model().objects.count() == 1


def test_oversized_request_body_is_a_translated_413(client, settings, db):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(reverse("set_language"), {"language": "en", "next": "x" * 5000})
    assert response.status_code == 413
    assert "Data terlalu besar" in response.content.decode()
    with translation.override("en"):
        login = reverse("account_login")
    english = client.post(login, {"login": "x" * 5000, "password": "y"})
    assert english.status_code == 413
    assert "Too much data" in english.content.decode()
