"""PDF letters from HTML templates (WeasyPrint, Debian's DejaVu fonts).

Templates carry their own stylesheet (discussions/ppid/pdf/base.html); nothing is
fetched: the URL fetcher accepts only `data:` URLs, so a letter never reaches the
network or the file system whatever text it contains."""

from __future__ import annotations

import io
import logging
import zipfile

from django.conf import settings
from django.template.loader import render_to_string

# WeasyPrint logs every layout step at INFO: noise in the site's logs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML, URLFetcher

    office = {
        "office_name": settings.SERAMBI_OFFICE_NAME,
        "office_address": settings.SERAMBI_CONTACT_ADDRESS,
        "office_email": settings.SERAMBI_CONTACT_EMAIL,
    }
    html = render_to_string(template, office | context)
    fetcher = URLFetcher(allowed_protocols=("data",))
    return HTML(string=html, url_fetcher=fetcher, base_url="data:,").write_pdf()


def zip_bytes(files: list[tuple[str, bytes]]) -> bytes:
    """A ZIP of (name, content) pairs, names as given (callers make them safe)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            archive.writestr(name, content)
    return buffer.getvalue()
