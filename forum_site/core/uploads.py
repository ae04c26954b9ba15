"""Checks on files uploaded in the Wagtail admin (docs/security.md, "Uploads").

Wagtail already limits the size (WAGTAILDOCS_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_UPLOAD_SIZE)
and the extension (WAGTAILDOCS_EXTENSIONS, WAGTAILIMAGES_EXTENSIONS), and checks that an
image really is an image of its extension's format. For documents it trusts the
extension, so ``DocumentForm`` (WAGTAILDOCS_DOCUMENT_FORM_BASE) also looks at the
content: a ``.pdf`` must start like a PDF, Office/OpenDocument files must be the ZIP
packages they claim to be, text files must be text and not HTML. ``ImageForm``
(WAGTAILIMAGES_IMAGE_FORM_BASE) decodes the whole image once: a truncated or corrupt
file is a form error instead of a 500 when Wagtail reads it after saving.
"""

from __future__ import annotations

import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

ZIP_PACKAGES = {
    "docx": "[Content_Types].xml", "xlsx": "[Content_Types].xml",
    "pptx": "[Content_Types].xml", "odt": "mimetype", "ods": "mimetype",
}
TEXT = {"csv", "txt"}
MARKUP_STARTS = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<head")


def check_document_content(file, extension: str) -> None:
    """Raise ValidationError when the bytes do not match the extension."""
    extension = extension.lower()
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    mismatch = ValidationError(
        _("The content of this file does not match its type (.%(extension)s)."),
        code="content_mismatch", params={"extension": extension},
    )
    if extension == "pdf":
        if not head.startswith(b"%PDF-"):
            raise mismatch
    elif extension in ZIP_PACKAGES:
        try:
            with zipfile.ZipFile(file) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise mismatch from exc
        finally:
            file.seek(0)
        if ZIP_PACKAGES[extension] not in names:
            raise mismatch
    elif extension in TEXT:
        if b"\x00" in head or head.lstrip().lower().startswith(MARKUP_STARTS):
            raise mismatch
        try:
            head[: len(head) - 3 if len(head) == 4096 else None].decode("utf-8")
        except UnicodeDecodeError:
            try:
                head.decode("cp1252")  # Excel's CSV export on Indonesian Windows
            except UnicodeDecodeError as exc:
                raise mismatch from exc


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            extension = file.name.rsplit(".", 1)[-1] if "." in file.name else ""
            check_document_content(file, extension)
        return file


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            field.to_python = _refusing_broken_images(field.to_python)

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            file.seek(0)
            try:
                with Image.open(file) as image:
                    image.load()
            except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
                raise _broken_image() from exc
            finally:
                file.seek(0)
        return file


def _broken_image() -> ValidationError:
    return ValidationError(_("This image file is damaged or incomplete."), code="broken_image")


def _refusing_broken_images(to_python):
    """Wagtail's image field reads the pixel size before any form validation and lets
    Pillow's errors through (a 500 for a truncated PNG): make them a form error."""

    def wrapped(data):
        try:
            return to_python(data)
        except ValidationError:
            raise
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise _broken_image() from exc

    return wrapped
