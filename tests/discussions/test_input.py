"""Bad input gives form errors; hostile input renders inert wherever it appears: the
page, its <title> and meta tags, JSON-LD, emails, the Atom feed and the Wagtail admin."""

import json
import re

import pytest
from django.core import mail
from django.urls import reverse

from discussions.models import Thread, ThreadEvent

from .factories import ThreadFactory
from .html_checks import assert_inert

GOOD_BODY = "Mohon penjelasan jadwal pelatihan kepemimpinan tahun depan."
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff" * 6


def _post(client, topic, **fields):
    data = {"kind": "question", "category": topic.slug,
            "title": "Jadwal pelatihan kepemimpinan 2027", "body": GOOD_BODY,
            "similar_checked": "on"}
    data.update(fields)
    return client.post(reverse("discussions:thread_create"), data)


@pytest.mark.parametrize("field,value", [
    ("title", ""),
    ("title", "     "),
    ("title", ZERO_WIDTH),
    ("title", "\u200b \u200b \t \u00a0"),
    ("title", "x" * 151),
    ("title", "Pendek"),
    ("body", ""),
    ("body", " \n\n \t "),
    ("body", ZERO_WIDTH),
    ("body", "a" * 10_001),
    ("kind", "not-a-kind"),
    ("category", "no-such-topic"),
])
def test_bad_title_or_body_gives_form_errors(citizen_client, category, field, value):
    response = _post(citizen_client, category, **{field: value})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert f'href="#id_{field}' in page  # the summary links to the field
    assert not Thread.objects.exists()


def test_zero_width_padding_does_not_satisfy_the_minimum(citizen_client, category):
    response = _post(citizen_client, category, title="Ok" + "\u200b" * 20)
    assert response.status_code == 200
    assert not Thread.objects.exists()


def test_invisible_characters_are_removed_from_saved_text(citizen_client, category):
    response = _post(citizen_client, category,
                     title="Jadwal\u200b pelatihan\u202e kepemimpinan  2027")
    assert response.status_code == 302
    assert Thread.objects.get().title == "Jadwal pelatihan kepemimpinan 2027"


XSS_TITLE = '<script>alert("t")</script> Judul "><img src=x onerror=alert(1)>'
XSS_BODY = """Halo <script>alert(1)</script>

<img src=x onerror=alert(2)> <svg onload=alert(3)></svg>

[klik saya](javascript:alert(4)) dan [data](data:text/html;base64,PHNjcmlwdD4=)

<a href="javascript:alert(6)">tautan</a> <iframe src="https://evil.example"></iframe>

[aman](https://mamujukab.go.id) </script><script>alert(7)</script>
"""


@pytest.fixture
def hostile_thread(citizen_client, citizen, category, verified_asn,
                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(citizen_client, category, title=XSS_TITLE, body=XSS_BODY)
    assert response.status_code == 302
    return Thread.objects.get()


def test_hostile_text_is_inert_on_the_thread_page(anonymous_client, hostile_thread):
    page = anonymous_client.get(hostile_thread.get_absolute_url()).content.decode()
    assert_inert(page)
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<script>" not in title and "&lt;script&gt;" in title
    assert 'content="&lt;script&gt;alert(&quot;t&quot;)' in page  # og:title attribute
    # The safe link survives, with rel; the others are gone.
    assert '<a href="https://mamujukab.go.id" rel="nofollow ugc noopener">aman</a>' in page
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and json.loads(data)["headline"] == XSS_TITLE


def test_hostile_text_is_inert_in_lists_queue_feed_and_similar(
        anonymous_client, verified_asn_client, citizen_client, hostile_thread, category):
    for client, url in (
        (anonymous_client, reverse("discussions:thread_list")),
        (verified_asn_client, reverse("discussions:unit_queue")),
    ):
        page = client.get(url).content.decode()
        assert_inert(page)
        assert "&lt;script&gt;alert(&quot;t&quot;)" in page
    feed = anonymous_client.get(reverse("discussions:feed")).content.decode()
    assert "<script>" not in feed and "&lt;script&gt;" in feed
    assert "<img" not in feed
    # The similar-threads list on the new-thread form.
    page = citizen_client.post(reverse("discussions:thread_create"), {
        "kind": "question", "category": category.slug, "title": "Judul img script alert",
        "body": GOOD_BODY,
    }).content.decode()
    assert_inert(page)


def test_hostile_text_is_plain_text_in_email(hostile_thread, verified_asn):
    message = next(m for m in mail.outbox if verified_asn.email in m.to)
    assert message.content_subtype == "plain"
    assert not getattr(message, "alternatives", None)
    assert "\n" not in message.subject and hostile_thread.title in message.subject


def test_hostile_text_is_escaped_in_the_admin(moderator_client, hostile_thread):
    for url in (reverse("discussions_admin:thread_index"),
                reverse("discussions_admin:thread_moderate", args=[hostile_thread.pk])):
        response = moderator_client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert '<script>alert("t")' not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(&quot;t&quot;)" in page


def test_hostile_reason_is_inert_on_the_timeline(moderator_client, anonymous_client, category):
    thread = ThreadFactory(category=category)
    response = moderator_client.post(reverse("discussions:thread_close", args=[thread.pk]), {
        "reason_kind": "off_topic", "reason": '<script>alert("r")</script><b onclick=x>b</b>',
    })
    assert response.status_code == 302
    page = anonymous_client.get(thread.get_absolute_url()).content.decode()
    assert_inert(page)
    assert "&lt;script&gt;alert(&quot;r&quot;)&lt;/script&gt;" in page
    assert ThreadEvent.objects.get(thread=thread, kind="closed").reason.startswith("<script>")


@pytest.mark.parametrize("url_name,data", [
    ("answer_publish", {"body": "  \u200b  "}),
    ("answer_publish", {"body": "x" * 20_001}),
])
def test_empty_or_overlong_answers_give_form_errors(verified_asn_client, category, url_name,
                                                    data):
    thread = ThreadFactory(category=category)
    response = verified_asn_client.post(reverse(f"discussions:{url_name}", args=[thread.pk]),
                                        data)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert thread.answers.count() == 0


def test_dispute_needs_a_reason(citizen, citizen_client, category):
    thread = ThreadFactory(category=category, author=citizen, status="answered")
    response = citizen_client.post(reverse("discussions:thread_dispute", args=[thread.pk]),
                                   {"reason": "\u200b"})
    assert response.status_code == 200
    assert 'href="#dispute_reason"' in response.content.decode()
    thread.refresh_from_db()
    assert thread.status == "answered"
