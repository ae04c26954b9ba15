"""Shared steps of the public-information path tests (tests/discussions/test_ppid_*.py):
a citizen files a request over HTTP, the PPID decides, a role is given."""

from __future__ import annotations

import datetime as dt
import io

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from discussions import clock
from discussions.models import Thread

BODY = "Mohon salinan daftar nilai seleksi jabatan pimpinan tinggi pratama tahun 2026."
TITLE = "Permohonan salinan hasil seleksi JPT pratama 2026"
FILED_ON = dt.date(2026, 9, 7)  # a Monday; the decision is due 21 September
DECIDED_ON = dt.date(2026, 9, 17)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def with_role(user, role: str):
    Group.objects.get(name=role).user_set.add(user)
    return user


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def file_request(client, category, day=FILED_ON, title=TITLE) -> Thread:
    with clock.frozen(at(day)):
        response = client.post(reverse("discussions:thread_create"), {
            "kind": "information_request", "category": category.slug, "title": title,
            "body": BODY, "similar_checked": "on",
        })
    assert response.status_code == 302, response.content[:2000]
    return Thread.objects.get(title=title)


def decide(client, thread, day=DECIDED_ON, **overrides):
    """POST the PPID's written decision (a refusal with an exemption unless overridden)."""
    data = {
        "outcome": "refused", "exemption": "h",
        "consequence_test": "Nilai perorangan peserta adalah rahasia pribadi; membukanya "
                            "merugikan peserta lebih besar daripada manfaatnya.",
        "body": "Permohonan ditolak karena berisi nilai perorangan peserta seleksi.",
        "cost": "0",
    } | overrides
    with clock.frozen(at(day)):
        return client.post(reverse("discussions:ppid_decide", args=[thread.pk]), data)
