"""The anonymous page cache (forum_site/core/page_cache.py, issue 20): anonymous pages are
served from the cache per language, never to anyone signed in, never a page carrying a
form token or setting a cookie, and a post, an answer, an approval, a publish, a
moderation decision (also one that changes nothing but the ledger) and a survey response
each empty it at once (each proved over HTTP: the anonymous visitor sees the change on
the very next request). The home page's lists and figures, kept for signed-in visitors
too, follow a publish the same way."""

import pytest
from django.core.cache import cache
from django.test import Client, TestCase
from django.urls import reverse

from discussions.models import Comment, CommentStatus
from tests.discussions.comment_support import post_comment
from tests.discussions.conftest import client_for, commit_after_requests  # noqa: F401
from tests.discussions.factories import CategoryFactory, ThreadFactory
from tests.publications import factories as pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_requests")]

QUEUE = "discussions_admin:moderation_queue"


@pytest.fixture
def thread(unit_a, citizen):
    category = CategoryFactory(name="Pelatihan", slug="pelatihan", default_unit=unit_a)
    return ThreadFactory(category=category, author=citizen)


@pytest.fixture
def program(home_page):
    return pages.publish(pages.program_page(), parent=pages.program_index(parent=home_page))


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.SERAMBI_PAGE_CACHE_SECONDS = 300
    settings.SERAMBI_RATE_LIMITS_ENABLED = False
    cache.clear()
    yield
    cache.clear()


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get("X-Serambi-Cache"), response.content.decode()


def _cached(url) -> str:
    """The page as an anonymous visitor gets it once it is in the cache."""
    _get(Client(), url)
    state, html = _get(Client(), url)
    assert state == "hit", url
    return html


def test_anonymous_pages_are_served_from_the_cache_per_language(home_page, thread):
    client = Client()
    assert _get(client, "/")[0] == "miss"
    state, html = _get(client, "/")
    assert state == "hit" and 'lang="id"' in html and "Beranda Serambi" in html
    assert _get(client, "/en/")[0] == "miss"  # another language, another entry
    state, html = _get(client, "/en/")
    assert state == "hit" and 'lang="en"' in html and "Serambi home" in html
    url = thread.get_absolute_url()
    assert [_get(client, url)[0], _get(client, url)[0]] == ["miss", "hit"]
    gzipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert gzipped.get("X-Serambi-Cache") == "miss"  # compressed bodies are kept apart
    gzipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert gzipped.get("X-Serambi-Cache") == "hit" and gzipped["Content-Encoding"] == "gzip"
    assert gzipped["Cache-Control"].startswith("public")
    assert "Content-Security-Policy" in gzipped


def test_signed_in_visitors_never_get_a_cached_page(home_page, thread, citizen):
    url = thread.get_absolute_url()
    _cached(url)
    response = client_for(citizen).get(url)
    assert "X-Serambi-Cache" not in response
    assert "Siti Warga" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_pages_with_a_form_token_or_a_cookie_are_never_stored(home_page, thread):
    form_page = f"{reverse('discussions:comment_post')}?target=thread:{thread.pk}"
    client = Client()
    for _attempt in range(2):
        response = client.get(form_page)
        assert response.status_code == 200 and "csrfmiddlewaretoken" in response.content.decode()
        assert "X-Serambi-Cache" not in response
    # A visitor with a flash message waiting gets a fresh page (and the message).
    _cached(thread.get_absolute_url())
    client.cookies["messages"] = "x"
    assert "X-Serambi-Cache" not in client.get(thread.get_absolute_url())


def test_a_post_empties_the_cache(thread, verified_asn):
    url = thread.get_absolute_url()
    assert "Jadwal angkatan kedua" not in _cached(url)
    post_comment(client_for(verified_asn), thread, "Jadwal angkatan kedua diumumkan Senin.")
    state, html = _get(Client(), url)
    assert state == "miss" and "Jadwal angkatan kedua" in html


def test_an_answer_empties_the_cache(thread, verified_asn):
    url = thread.get_absolute_url()
    assert "Pendaftaran dibuka bulan depan" not in _cached(url)
    _cached(reverse("discussions:thread_list"))
    response = client_for(verified_asn).post(
        reverse("discussions:answer_publish", args=[thread.pk]),
        {"body": "Pendaftaran dibuka bulan depan melalui laman BKPSDM.", "seen_answers": "0"},
    )
    assert response.status_code == 302
    state, html = _get(Client(), url)
    assert state == "miss" and "Pendaftaran dibuka bulan depan" in html
    assert _get(Client(), reverse("discussions:thread_list"))[0] == "miss"


def test_an_approval_empties_the_cache(thread, citizen, moderator):
    moderator.is_staff = True
    moderator.save()
    post_comment(client_for(citizen), thread, "Apakah pelatihan ini terbuka untuk PPPK?")
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    url = thread.get_absolute_url()
    assert "terbuka untuk PPPK" not in _cached(url)
    response = client_for(moderator).post(
        reverse(QUEUE), {"action": "approve", "comments": [comment.pk]}
    )
    assert response.status_code in (200, 302)
    state, html = _get(Client(), url)
    assert state == "miss" and "terbuka untuk PPPK" in html


def test_a_publish_empties_the_cache(program):
    index = program.get_parent().specific
    url = index.url
    assert "Judul baru pelatihan" not in _cached(url)
    program.title = "Judul baru pelatihan kepemimpinan"
    # What the editor's Publish button runs (and the workflow and scheduled publishing),
    # committed as the admin's request commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        program.save_revision().publish()
    state, html = _get(Client(), url)
    assert state == "miss" and "Judul baru pelatihan" in html


def test_a_moderation_decision_empties_the_cache(thread, moderator):
    moderator.is_staff = True
    moderator.save()
    url = reverse("discussions:thread_list")
    assert thread.title in _cached(url)
    _cached(thread.get_absolute_url())
    response = client_for(moderator).post(
        reverse(QUEUE), {"action": "hide", "threads": [thread.pk], "rule": "spam"}
    )
    assert response.status_code in (200, 302)
    state, html = _get(Client(), url)
    assert state == "miss" and thread.title not in html
    assert Client().get(thread.get_absolute_url()).status_code == 404


def test_a_decision_that_changes_nothing_public_still_empties_the_ledger(
        thread, citizen, moderator):
    """Rejecting a comment that was never public changes no thread page, but the public
    moderation ledger counts it: every ledger entry empties the cache."""
    moderator.is_staff = True
    moderator.save()
    post_comment(client_for(citizen), thread, "Iklan jasa pengurusan berkas, hubungi kami.")
    comment = Comment.objects.get()
    url = reverse("discussions:moderation_ledger")
    before = _cached(url)
    response = client_for(moderator).post(
        reverse(QUEUE), {"action": "reject", "comments": [comment.pk], "rule": "spam"}
    )
    assert response.status_code in (200, 302)
    assert Comment.objects.get().status == CommentStatus.REJECTED
    state, html = _get(Client(), url)
    assert state == "miss" and html != before


def test_the_home_highlights_are_cached_for_signed_in_visitors_until_a_publish(
        program, citizen):
    """The home page's lists and key figures are the same for everyone: a signed-in
    visitor (never served a cached page) is served them from the cache, and the next
    publish shows on the very next request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(citizen)
    assert program.title in _get(client, "/")[1]
    with CaptureQueriesContext(connection) as cached:
        state, html = _get(client, "/")
    assert state is None and program.title in html  # a fresh page, never a cached one
    assert not any('"publications_trainingprogrampage"' in q["sql"] for q in cached)
    index = program.get_parent().specific
    with TestCase.captureOnCommitCallbacks(execute=True):
        newer = pages.publish(pages.program_page(title="Pelatihan Inovasi Pelayanan Publik",
                                                 slug="inovasi-pelayanan"), parent=index)
    html = _get(client, "/")[1]
    assert newer.title in html
    with TestCase.captureOnCommitCallbacks(execute=True):
        newer.unpublish()
    assert newer.title not in _get(client, "/")[1]


def test_a_survey_response_empties_the_cache(unit_a, citizen):
    """The satisfaction survey's figures (unit page, statistics) count responses that
    change no thread: the response itself empties the cache."""
    from tests.discussions.factories import resolved_thread

    category = CategoryFactory(name="Layanan", slug="layanan", default_unit=unit_a)
    thread = resolved_thread(author=citizen, category=category)
    url = reverse("transparency:unit_detail", args=[unit_a.slug])
    before = _cached(url)
    from discussions.survey.models import ELEMENT_FIELDS

    scores = dict.fromkeys(ELEMENT_FIELDS, "4")
    response = client_for(citizen).post(
        reverse("discussions:survey_answer", args=[thread.pk]), scores)
    assert response.status_code == 302
    state, html = _get(Client(), url)
    assert state == "miss" and html != before
