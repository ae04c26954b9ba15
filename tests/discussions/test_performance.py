"""Query budgets that do not grow with the data, and the thread page's weight."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from discussions.models import (
    Follow,
    OfficialAnswer,
    Support,
    Thread,
    ThreadEvent,
    ThreadStatus,
)
from discussions.text import render_markdown
from tests.accounts.factories import UserFactory

from .conftest import client_for
from .factories import OfficialAnswerFactory, ThreadFactory

LIST_QUERIES = 10
THREAD_QUERIES = 12


def _bulk_threads(category, author, count):
    now = timezone.now()
    Thread.objects.bulk_create([
        Thread(kind="question", title=f"Pertanyaan tentang layanan kepegawaian nomor {n}",
               body="Isi pertanyaan yang cukup panjang untuk contoh.",
               body_html="<p>Isi pertanyaan yang cukup panjang untuk contoh.</p>",
               author=author, unit=category.default_unit, category=category,
               status=ThreadStatus.OPEN if n % 3 else ThreadStatus.ANSWERED,
               is_overdue=n % 7 == 0, created_at=now - dt.timedelta(minutes=n),
               updated_at=now, answer_due=dt.date(2026, 12, 1),
               first_response_due=dt.date(2026, 11, 30))
        for n in range(count)
    ])


@pytest.fixture(autouse=True)
def _office_read_once(db):
    """The office's identity is read once and then kept in the cache (core.office), and
    content types once per process (a migration test run before on this worker empties
    that cache); read both before counting, so every count is of a page as it is served
    after the first."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from forum_site.core.office import current_office

    current_office()
    ContentType.objects.get_for_models(*apps.get_models())


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("size", [20, 500])
def test_thread_list_queries_do_not_grow(size, category, citizen, anonymous_client,
                                         django_assert_max_num_queries):
    _bulk_threads(category, citizen, size)
    url = reverse("discussions:thread_list")
    with django_assert_max_num_queries(LIST_QUERIES):
        response = anonymous_client.get(url + "?status=open&category=pelatihan&page=2")
    assert response.status_code == 200
    client = client_for(citizen)
    with django_assert_max_num_queries(LIST_QUERIES + 4):  # session, user, permissions, ASN
        assert client.get(url).status_code == 200


def test_thread_list_query_count_is_the_same_at_both_sizes(category, citizen, anonymous_client):
    url = reverse("discussions:thread_list")
    _bulk_threads(category, citizen, 20)
    small = _count(anonymous_client, url)
    _bulk_threads(category, citizen, 480)
    assert _count(anonymous_client, url) == small


def _big_thread(category, citizen, *, answers, supporters, followers, events):
    thread = ThreadFactory(category=category, author=citizen, status=ThreadStatus.ANSWERED,
                           answers_count=answers, supporters_count=supporters,
                           followers_count=followers)
    body = "Jawaban resmi yang cukup panjang.\n\n- butir satu\n- butir dua"
    for _ in range(answers):
        OfficialAnswerFactory(thread=thread, body=body, body_html=render_markdown(body))
    users = UserFactory.create_batch(max(supporters, followers), verified_email=False)
    Support.objects.bulk_create([Support(thread=thread, user=u) for u in users[:supporters]])
    Follow.objects.bulk_create([Follow(thread=thread, user=u) for u in users[:followers]])
    for n in range(events):
        ThreadEvent(thread=thread, kind="answered" if n % 2 else "acknowledged",
                    actor_name=f"Pegawai {n}", actor_role="asn", from_status="open",
                    to_status="answered" if n % 2 else "open",
                    reason="Catatan singkat." if n % 3 == 0 else "").save()
    return thread


SIZES = {
    "small": {"answers": 1, "supporters": 2, "followers": 1, "events": 3},
    "large": {"answers": 3, "supporters": 100, "followers": 50, "events": 30},
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("viewer", ["anonymous", "citizen", "asn", "moderator"])
def test_thread_page_queries_do_not_grow(size, viewer, category, citizen, verified_asn,
                                         moderator, django_assert_max_num_queries):
    from django.test import Client

    thread = _big_thread(category, citizen, **SIZES[size])
    user = {"anonymous": None, "citizen": citizen, "asn": verified_asn,
            "moderator": moderator}[viewer]
    client = client_for(user) if user else Client()
    # A signed-in viewer: the session, and an ASN's header counts their unit's overdue
    # threads (the unread notifications come with the user, issue 20).
    with django_assert_max_num_queries(THREAD_QUERIES + (1 if user else 0)):
        response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="timeline__item"') == SIZES[size]["events"]


def test_thread_page_query_count_is_the_same_at_both_sizes(category, citizen, verified_asn):
    small = _big_thread(category, citizen, **SIZES["small"])
    large = _big_thread(category, citizen, **SIZES["large"])
    client = client_for(verified_asn)
    assert _count(client, small.get_absolute_url()) == _count(client, large.get_absolute_url())


def test_thread_page_weighs_under_60_kib(category, citizen, verified_asn):
    """HTML plus every stylesheet, script and icon it loads, uncompressed (the server
    gzips, so what travels is smaller)."""
    thread = _big_thread(category, citizen, **SIZES["large"])
    html = client_for(verified_asn).get(thread.get_absolute_url()).content.decode()
    total = len(html.encode())
    assets = re.findall(r'(?:href|src)="/static/([^"]+)"', html)
    assert any(a.endswith(".css") for a in assets)
    for asset in assets:
        path = finders.find(asset.split("?")[0])
        assert path, asset
        with open(path, "rb") as handle:
            total += len(handle.read())
    assert total <= 60 * 1024, total
    assert "<style" not in html and " style=" not in html
    assert settings.STATIC_URL == "/static/"


def test_queue_queries_do_not_grow(category, citizen, verified_asn,
                                   django_assert_max_num_queries):
    _bulk_threads(category, citizen, 300)
    client = client_for(verified_asn)
    with django_assert_max_num_queries(LIST_QUERIES + 4):
        assert client.get(reverse("discussions:unit_queue")).status_code == 200


def test_answers_are_fetched_once(category, citizen):
    thread = _big_thread(category, citizen, **SIZES["large"])
    assert OfficialAnswer.objects.filter(thread=thread).count() == 3
