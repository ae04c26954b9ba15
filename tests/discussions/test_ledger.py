"""The public moderation ledger: counts by month, rule, area and action, a CSV with
stable columns, the published rules, and nothing personal."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from discussions.models import ModerationLedgerEntry
from discussions.moderation import selectors as moderation_selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(moderator):
    now = timezone.now()
    rows = [
        ("hide", "comment", "forum", "abuse", now, "hinaan kepada Budi"),
        ("hide", "comment", "forum", "abuse", now, ""),
        ("reject", "comment", "outcome", "spam", now, ""),
        ("auto_hide", "thread", "forum", "off_topic", now, ""),
        ("approve", "comment", "program", "", now - dt.timedelta(days=40), ""),
    ]
    for action, kind, area, rule, at, note in rows:
        ModerationLedgerEntry.objects.create(action=action, item_kind=kind, item_id=1,
                                             area=area, rule=rule, at=at, note=note,
                                             actor=moderator)


def test_counts_are_grouped_in_the_database(entries):
    rows = moderation_selectors.moderation_ledger_counts(by=("action", "rule"))
    counts = {(r["action"], r["rule"]): r["count"] for r in rows}
    assert counts[("hide", "abuse")] == 2 and counts[("reject", "spam")] == 1
    monthly = moderation_selectors.moderation_ledger_counts(by=("month",))
    assert [r["count"] for r in monthly] == [4, 1]  # newest month first
    since = timezone.now() - dt.timedelta(days=10)
    assert sum(r["count"] for r in moderation_selectors.moderation_ledger_counts(since=since)) == 4
    with pytest.raises(ValueError):
        moderation_selectors.moderation_ledger_counts(by=("actor",))


def test_ledger_page_in_both_languages(entries, client):
    html = client.get(reverse("discussions:moderation_ledger")).content.decode()
    assert "Catatan Moderasi" in html and "Pelecehan, hinaan atau ujaran kebencian" in html
    assert "Budi" not in html and "Moderator Serambi" not in html  # no notes, no people
    assert 'id="aturan"' in html
    english = client.get("/en/forum/moderation-ledger/").content.decode()
    assert "Moderation ledger" in english and "Spam or advertising" in english


def test_ledger_csv(entries, client):
    response = client.get(reverse("discussions:moderation_ledger_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["month", "item_kind", "area", "action", "rule", "count"]
    body = {tuple(row[1:]) for row in rows[1:]}
    assert ("comment", "forum", "hide", "abuse", "2") in body
    assert sum(int(row[5]) for row in rows[1:]) == 5
    assert "Budi" not in response.content.decode()


def test_empty_ledger_says_so(client, db):
    html = client.get(reverse("discussions:moderation_ledger")).content.decode()
    assert "Belum ada keputusan moderasi" in html
