"""'Diskusi saya' and 'Diikuti' over HTTP: a citizen's own threads and the threads they
follow, with status and next deadline; the asker follows their thread from the start;
both pages linked from the header and the account page for signed-in users only."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from discussions.models import Follow, Thread, ThreadStatus, ThreadVisibility
from discussions.threads import services

from .conftest import client_for
from .factories import FollowFactory, ThreadFactory

pytestmark = pytest.mark.django_db

MINE, FOLLOWED = "/forum/diskusi-saya/", "/forum/diikuti/"


def _ask(client, category, title="Jadwal pelatihan kepemimpinan 2027"):
    response = client.post(reverse("discussions:thread_create"), {
        "kind": "question", "category": category.slug, "title": title,
        "body": "Mohon informasi jadwal pendaftaran pelatihan kepemimpinan.",
        "similar_checked": "on"})
    assert response.status_code == 302
    return Thread.objects.get(title=title)


def test_the_urls_are_indonesian_and_english():
    assert reverse("discussions:my_threads") == MINE
    assert reverse("discussions:followed_threads") == FOLLOWED
    with translation.override("en"):
        assert reverse("discussions:my_threads") == "/en/forum/my-threads/"
        assert reverse("discussions:followed_threads") == "/en/forum/following/"


def test_the_asker_follows_their_thread_and_sees_it_on_both_pages(
        citizen, citizen_client, category):
    thread = _ask(citizen_client, category)
    assert Follow.objects.filter(thread=thread, user=citizen).exists()
    assert thread.followers_count == 1

    for url in (MINE, FOLLOWED):
        html = citizen_client.get(url).content.decode()
        assert f'<a href="/forum/{thread.pk}/">{thread.title}</a>' in html
        assert "Terbuka" in html  # status
        with translation.override("id"):  # the next deadline: the first response's
            assert date_format(thread.first_response_due, "j F Y") in html
        assert "tanggapan pertama" in html


def test_the_pages_show_only_the_users_threads(citizen, citizen_client, category, trusted):
    other = ThreadFactory(category=category, author=trusted, title="Utas milik orang lain")
    followed = ThreadFactory(category=category, author=trusted, title="Utas yang saya ikuti")
    FollowFactory(thread=followed, user=citizen)
    mine = ThreadFactory(category=category, author=citizen, title="Utas saya sendiri")

    mine_html = citizen_client.get(MINE).content.decode()
    assert mine.title in mine_html
    assert followed.title not in mine_html and other.title not in mine_html

    followed_html = citizen_client.get(FOLLOWED).content.decode()
    assert followed.title in followed_html
    assert other.title not in followed_html
    assert mine.title not in followed_html  # a factory thread: nobody followed it


def test_answered_thread_shows_its_status_and_the_closing_date(
        citizen, citizen_client, category, verified_asn):
    thread = _ask(citizen_client, category)
    services.answer_publish(user=verified_asn, thread=thread, body="Dibuka Februari 2027.")
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.ANSWERED
    html = citizen_client.get(MINE).content.decode()
    assert "Dijawab" in html
    assert "ditutup otomatis bila penanya tidak menanggapi" in html


def test_the_asker_who_follows_gets_one_email_for_an_answer(
        citizen, citizen_client, category, verified_asn, django_capture_on_commit_callbacks):
    thread = _ask(citizen_client, category)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_publish(user=verified_asn, thread=thread, body="Dibuka Februari 2027.")
    assert [m.to for m in mail.outbox] == [[citizen.email]]


def test_a_hidden_thread_stays_on_my_page_marked_and_unlinked(
        citizen, citizen_client, category):
    thread = ThreadFactory(category=category, author=citizen, title="Utas yang disembunyikan",
                           visibility=ThreadVisibility.HIDDEN)
    FollowFactory(thread=thread, user=citizen)
    html = citizen_client.get(MINE).content.decode()
    assert thread.title in html and "Disembunyikan oleh moderator" in html
    assert f'href="/forum/{thread.pk}/"' not in html
    assert thread.title not in citizen_client.get(FOLLOWED).content.decode()


def test_overdue_is_shown(citizen, citizen_client, category):
    ThreadFactory(category=category, author=citizen, is_overdue=True,
                  first_response_due=dt.date(2026, 1, 5), answer_due=dt.date(2026, 1, 9))
    html = citizen_client.get(MINE).content.decode()
    assert "Terlambat" in html and "5 Januari 2026" in html


def test_english_pages(citizen, category):
    client = client_for(citizen)
    ThreadFactory(category=category, author=citizen, title="My own thread")
    html = client.get("/en/forum/my-threads/").content.decode()
    assert "<h1>My discussions</h1>" in html and "Next deadline" in html
    assert "My own thread" in html
    html = client.get("/en/forum/following/").content.decode()
    assert "<h1>Following</h1>" in html and "You do not follow any thread yet" in html


def test_empty_pages_say_so(citizen_client):
    assert "Anda belum membuka diskusi." in citizen_client.get(MINE).content.decode()
    assert "Anda belum mengikuti diskusi" in citizen_client.get(FOLLOWED).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(anonymous_client):
    for url in (MINE, FOLLOWED):
        response = anonymous_client.get(url)
        assert response.status_code == 302 and "/akun/" in response["Location"]


def test_header_and_account_page_link_the_pages_for_signed_in_users_only(
        citizen_client, anonymous_client, home_page):
    signed_in = citizen_client.get("/forum/").content.decode()
    assert f'href="{MINE}"' in signed_in and f'href="{FOLLOWED}"' in signed_in
    account = citizen_client.get(reverse("accounts:overview")).content.decode()
    assert f'href="{MINE}"' in account and f'href="{FOLLOWED}"' in account
    anonymous = anonymous_client.get("/forum/")
    assert f'href="{MINE}"'.encode() not in anonymous.content
    assert "private" not in anonymous.get("Cache-Control", "")  # still cacheable


@pytest.mark.parametrize("url", [MINE, FOLLOWED])
def test_query_count_does_not_grow_with_the_threads(
        citizen, citizen_client, category, url, django_assert_max_num_queries):
    def add(n):
        for _ in range(n):
            thread = ThreadFactory(category=category, author=citizen)
            FollowFactory(thread=thread, user=citizen)

    add(3)
    with django_assert_max_num_queries(12) as few:
        assert citizen_client.get(url).status_code == 200
    add(30)  # more than a page
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = citizen_client.get(url).content.decode()
    assert "Halaman 1 dari 2" in html


def test_the_asker_and_the_unit_read_the_same_next_deadline(
        citizen, citizen_client, verified_asn_client, category):
    """One rule (Thread.next_deadline) and one include: 'Diskusi saya' and the unit's
    queue show the same date with the same words."""
    acknowledged = ThreadFactory(
        category=category, author=citizen, title="Sudah diterima unit, menunggu jawaban",
        first_response_at=dt.datetime(2026, 9, 2, 9, tzinfo=dt.UTC),
        first_response_due=dt.date(2026, 9, 3), answer_due=dt.date(2026, 9, 30))
    waiting = ThreadFactory(
        category=category, author=citizen, title="Belum ditanggapi sama sekali oleh unit",
        first_response_due=dt.date(2026, 9, 4), answer_due=dt.date(2026, 9, 30))
    expected = {
        acknowledged: '<time datetime="2026-09-30">30 September 2026</time><br>'
                      '<span class="muted forum-small">jawaban</span>',
        waiting: '<time datetime="2026-09-04">4 September 2026</time><br>'
                 '<span class="muted forum-small">tanggapan pertama</span>',
    }
    mine = citizen_client.get(MINE).content.decode()
    queue = verified_asn_client.get(reverse("discussions:unit_queue")).content.decode()
    for thread, cell in expected.items():
        for html in (mine, queue):
            row = html[html.index(thread.title):]
            row = row[:row.index("</tr>")]
            assert cell in row
