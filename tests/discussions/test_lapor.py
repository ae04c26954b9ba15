"""Hand-off to SP4N-LAPOR!: a thread closed as outside the office's authority, or overdue
past the set limit, shows its asker how to report it there, with a masked summary; the
closing reason is on the public timeline."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from discussions.models import ThreadStatus

from .conftest import client_for
from .factories import ThreadFactory

BODY = ("Surat rekomendasi saya ditolak kantor kecamatan tanpa alasan. Hubungi saya di "
        "0812-3456-7890 bila perlu.")


def test_closed_outside_authority_shows_the_asker_the_handoff(citizen, moderator, category):
    thread = ThreadFactory(author=citizen, category=category, body=BODY, indexed=False)
    response = client_for(moderator).post(
        reverse("discussions:thread_close", args=[thread.pk]),
        {"reason_kind": "out_of_scope", "reason": "Ini kewenangan pemerintah kecamatan."})
    assert response.status_code == 302
    page = client_for(citizen).get(thread.get_absolute_url()).content.decode()
    assert "SP4N-LAPOR!" in page and 'id="lapor-summary"' in page
    summary = page.split('id="lapor-summary"')[1].split("</textarea>")[0]
    assert thread.title in summary and "Ini kewenangan pemerintah kecamatan." in summary
    assert "3456-7890" not in summary and "Surat rekomendasi saya ditolak" in summary
    assert "https://serambi.test/forum/" in summary
    # The closing reason is on the timeline, for everyone.
    public = client_for(moderator).get(thread.get_absolute_url()).content.decode()
    timeline = public.split('class="timeline"')[1]
    assert "Di luar kewenangan unit pemerintah di sini" in timeline
    assert 'id="lapor-summary"' not in public


def test_other_closing_reasons_do_not_offer_the_handoff(citizen, moderator, category):
    thread = ThreadFactory(author=citizen, category=category, indexed=False)
    client_for(moderator).post(reverse("discussions:thread_close", args=[thread.pk]),
                               {"reason_kind": "off_topic", "reason": "Bukan soal layanan."})
    page = client_for(citizen).get(thread.get_absolute_url()).content.decode()
    assert 'id="lapor-summary"' not in page


def test_overdue_past_the_limit_offers_the_handoff(citizen, category, settings):
    settings.SERAMBI_LAPOR_AFTER_OVERDUE_DAYS = 10
    now = timezone.now()
    late = ThreadFactory(author=citizen, category=category, status=ThreadStatus.OPEN,
                         is_overdue=True, overdue_since=now - dt.timedelta(days=11),
                         indexed=False)
    recent = ThreadFactory(author=citizen, category=category, status=ThreadStatus.OPEN,
                           is_overdue=True, overdue_since=now - dt.timedelta(days=3),
                           indexed=False)
    client = client_for(citizen)
    assert 'id="lapor-summary"' in client.get(late.get_absolute_url()).content.decode()
    assert 'id="lapor-summary"' not in client.get(recent.get_absolute_url()).content.decode()
