"""The moderation section of /statistik/ and the `moderation-ledger` open dataset: built
from a ledger written by the real moderation services, the section's figures, the dataset
(CSV and JSON), the ledger page and its CSV all give the same numbers, with no person and
no hidden text."""

import json
import re
from collections import Counter

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from discussions.models import Comment
from discussions.moderation import services as moderation_services
from forum_site.transparency.sections import Filters, moderation_section
from tests.discussions.comment_support import make_comment
from tests.discussions.factories import ThreadFactory

from .helpers import csv_rows

pytestmark = pytest.mark.django_db

SECRET = "TEKS-TERSEMBUNYI-Rahasia"


def _body(response) -> str:
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


@pytest.fixture
def ledger(settings, citizen, verified_asn, moderator):
    """Approve 3, reject 1 (spam), hide 1 (abuse) and restore it, hide it again, one
    comment hidden after reports (personal data), one thread hidden (off-topic)."""
    settings.SERAMBI_FLAG_HIDE_THRESHOLD = 1
    thread = ThreadFactory()
    texts = ["Komentar pertama tentang layanan", "Komentar kedua tentang jadwal",
             "Komentar ketiga tentang pelatihan", f"{SECRET} iklan obat"]
    comments = [make_comment(thread, user=citizen, text=text) for text in texts]
    with TestCase.captureOnCommitCallbacks(execute=True):
        moderation_services.comments_moderate(moderator=moderator, action="approve",
                                              comment_ids=[c.pk for c in comments[:3]])
        moderation_services.comments_moderate(moderator=moderator, action="reject", rule="spam",
                                              comment_ids=[comments[3].pk],
                                              note=f"catatan {SECRET}")
        moderation_services.comments_moderate(moderator=moderator, action="hide", rule="abuse",
                                              comment_ids=[comments[0].pk])
        moderation_services.comments_moderate(moderator=moderator, action="restore",
                                              comment_ids=[comments[0].pk])
        moderation_services.comments_moderate(moderator=moderator, action="hide", rule="abuse",
                                              comment_ids=[comments[0].pk])
        moderation_services.comment_flag(user=verified_asn,
                                         comment=Comment.objects.get(pk=comments[1].pk),
                                         reason="personal_data")
        hidden_thread = ThreadFactory(title=f"Judul {SECRET}")
        moderation_services.threads_moderate(moderator=moderator, thread_ids=[hidden_thread.pk],
                                             action="hide", rule="off_topic")
    return comments


def test_section_dataset_and_ledger_page_give_the_same_numbers(ledger, client):
    month = timezone.localdate().strftime("%Y-%m")
    dataset = csv_rows(client.get("/data/moderation-ledger.csv"))
    assert list(dataset[0]) == ["month", "item_kind", "area", "action", "rule", "count"]
    assert {row["month"] for row in dataset} == {month}
    counts = Counter()
    for row in dataset:
        counts[(row["item_kind"], row["action"], row["rule"])] += int(row["count"])
    assert counts == {
        ("comment", "approve", ""): 3, ("comment", "reject", "spam"): 1,
        ("comment", "hide", "abuse"): 2, ("comment", "restore", ""): 1,
        ("comment", "auto_hide", "personal_data"): 1, ("thread", "hide", "off_topic"): 1,
    }

    # The ledger page's CSV is the same dataset, byte for byte (BOM option included).
    assert _body(client.get(reverse("discussions:moderation_ledger_csv"))) == _body(
        client.get("/data/moderation-ledger.csv"))
    bom = _body(client.get(reverse("discussions:moderation_ledger_csv") + "?bom=1"))
    assert bom.startswith("\ufeffmonth,")
    rows = json.loads(_body(client.get("/data/moderation-ledger.json")))["rows"]
    assert sorted((r["item_kind"], r["action"], r["rule"] or "", r["count"]) for r in rows) == \
        sorted((k, a, r, n) for (k, a, r), n in counts.items())

    # The statistics section (the function and the rendered page).
    data = moderation_section(Filters())
    by_rule = {row["code"]: row for row in data["rule_rows"]}
    assert by_rule["spam"]["comments"] == [1, 0, 0]  # rejected, hidden, after reports
    assert by_rule["abuse"]["comments"] == [0, 2, 0]
    assert by_rule["personal_data"]["comments"] == [0, 0, 1]
    assert by_rule["off_topic"]["threads"] == [1, 0]  # hidden, after reports
    assert sum(r["comments_total"] + r["threads_total"] for r in data["rule_rows"]) == sum(
        n for (_k, action, _r), n in counts.items() if action in ("reject", "hide", "auto_hide"))
    this_month = data["month_rows"][-1]
    # approve, reject, hide, auto_hide, restore, redact
    assert this_month["counts"] == [3, 1, 3, 1, 1, 0]
    assert data["total_decisions"] == sum(counts.values()) == 9
    assert data["total_removals"] == this_month["removals"] == 5
    assert len(data["month_rows"]) == 12

    page = _body(client.get("/statistik/"))
    section = page[page.index('id="moderation"'):page.index('id="training"')]
    assert 'role="img"' in section and "<title" in section and "<desc" in section
    assert " style=" not in section
    assert reverse("discussions:moderation_ledger") in section
    assert "Pelecehan, hinaan atau ujaran kebencian: 2 komentar, 0 diskusi" in section

    # The ledger page totals agree.
    ledger_page = _body(client.get(reverse("discussions:moderation_ledger")))
    totals = dict(re.findall(r"<li>([^<:]+): <strong>(\d+)</strong></li>", ledger_page))
    assert sorted(int(n) for n in totals.values()) == sorted(
        Counter(action for (_k, action, _r) in counts.elements()).values())


def test_no_hidden_text_note_or_person_anywhere(ledger, client, citizen, moderator):
    urls = ["/statistik/", "/en/statistics/", "/data/", "/data/moderation-ledger.csv",
            "/data/moderation-ledger.json", reverse("discussions:moderation_ledger"),
            reverse("discussions:moderation_ledger_csv")]
    for url in urls:
        body = _body(client.get(url))
        for secret in (SECRET, citizen.email, citizen.public_name, moderator.email,
                       moderator.public_name):
            assert secret not in body, f"{secret} in {url}"


def test_data_page_documents_the_ledger_dataset(client, db):
    html = _body(client.get("/data/"))
    assert 'href="/data/moderation-ledger.csv?bom=1"' in html
    assert 'href="/data/moderation-ledger.json"' in html
    assert "<code>moderation-ledger.rule</code>" in html


def test_empty_ledger_section(client, db):
    data = moderation_section(Filters())
    assert data["total_decisions"] == 0 and len(data["month_rows"]) == 12
    assert _body(client.get("/statistik/")).count('id="chart-moderation-') >= 2


def test_threads_hidden_by_moderation_leave_the_statistics(client, moderator, unit_a,
                                                           category_a):
    from forum_site.transparency.sections import overdue_section, overview_section

    shown = ThreadFactory(category=category_a, unit=unit_a, is_overdue=True)
    hidden = ThreadFactory(category=category_a, unit=unit_a, is_overdue=True,
                           title=f"Judul {SECRET}")
    with TestCase.captureOnCommitCallbacks(execute=True):
        moderation_services.threads_moderate(moderator=moderator, thread_ids=[hidden.pk],
                                             action="hide", rule="spam")
    assert overview_section(Filters())["counts"].total == 1
    overdue = overdue_section(Filters())
    assert overdue["total"] == 1 and [t.pk for t in overdue["oldest"]] == [shown.pk]
    assert [row["thread_id"] for row in csv_rows(client.get("/data/threads.csv"))] == [
        str(shown.pk)]
    for url in ("/statistik/", reverse("transparency:unit_detail", args=[unit_a.slug]),
                reverse("discussions:overdue_feed", args=[unit_a.slug])):
        assert SECRET not in _body(client.get(url))
