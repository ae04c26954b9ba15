"""Pre-moderation by trust (issue 16, §5): a new account's first threads wait for a
moderator. Only their author (told "Menunggu moderasi") and moderators see them; the unit
hears of them, and their deadlines start, when a moderator approves. Trust is the rule
comments follow (`permissions.is_trusted_author`): verified ASN and moderators are
trusted, a citizen's account once it is old enough and has enough approved posts."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from discussions.models import (
    Comment,
    CommentStatus,
    ModerationLedgerEntry,
    Notification,
    NotificationKind,
    Thread,
    ThreadEvent,
    ThreadVisibility,
)
from discussions.threads.sla import local_today, thread_deadlines
from forum_site.accounts import roles
from tests.accounts.factories import UserFactory

from .conftest import client_for

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("commit_after_requests"),
]

QUEUE = "discussions_admin:moderation_queue"
WORD = "penandautasmenunggu"


@pytest.fixture(autouse=True)
def _premoderation_on(settings):
    settings.SERAMBI_THREAD_PREMODERATION = True  # the production default
    settings.SERAMBI_RATE_LIMITS_ENABLED = False


def _post_thread(client, category, word=WORD):
    return client.post(reverse("discussions:thread_create"), {
        "kind": "question", "category": category.slug,
        "title": f"Pertanyaan {word} tentang jadwal diklat",
        "body": f"Mohon informasi {word} tentang jadwal pelatihan dasar tahun depan.",
        "similar_checked": "on",
    })


def _established(**kwargs):
    return UserFactory(display_name="Warga Lama", roles=[roles.CITIZEN],
                       date_joined=timezone.now() - dt.timedelta(days=60), **kwargs)


def test_a_new_accounts_thread_waits_and_only_its_author_sees_it(
        citizen_client, category, verified_asn, verified_asn_client, anonymous_client,
        moderator_client):
    response = _post_thread(citizen_client, category)
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    assert thread.visibility == ThreadVisibility.WAITING
    # No deadline yet, no word to the unit.
    assert thread.first_response_due is None and thread.answer_due is None
    assert not Notification.objects.filter(kind=NotificationKind.ROUTED).exists()
    assert not ThreadEvent.objects.filter(thread=thread).exists()

    page = citizen_client.get(thread.get_absolute_url(), follow=True).content.decode()
    assert "Menunggu moderasi" in page and WORD in page
    mine = citizen_client.get(reverse("discussions:my_threads")).content.decode()
    assert WORD in mine and "Menunggu moderasi" in mine

    other = client_for(UserFactory(roles=[roles.CITIZEN]))
    for client in (anonymous_client, verified_asn_client, other):
        assert client.get(thread.get_absolute_url()).status_code == 404
        for url, data in (
            (reverse("discussions:thread_list"), {}),
            (reverse("discussions:feed"), {}),
            (reverse("search:search"), {"q": "jadwal diklat"}),
        ):
            assert WORD not in client.get(url, data).content.decode(), url
        assert client.get(reverse("search_api:search"), {"q": WORD}).json()["total"] == 0
    assert WORD not in verified_asn_client.get(reverse("discussions:unit_queue")).content.decode()
    # Support and follow are refused as for any thread the visitor cannot see.
    assert other.post(reverse("discussions:thread_support", args=[thread.pk])).status_code == 404
    # The moderators' queue lists it.
    assert WORD in moderator_client.get(reverse(QUEUE)).content.decode()


def test_the_home_page_does_not_list_a_waiting_thread(citizen_client, category, home_page,
                                                      anonymous_client):
    _post_thread(citizen_client, category)
    assert WORD not in anonymous_client.get("/").content.decode()


def test_approval_opens_the_thread_and_starts_its_deadlines(
        citizen, citizen_client, category, verified_asn, moderator_client, anonymous_client):
    _post_thread(citizen_client, category)
    thread = Thread.objects.get()
    # Written ten days ago: the unit's clock must not count those days.
    Thread.objects.filter(pk=thread.pk).update(created_at=timezone.now() - dt.timedelta(days=10))
    mail.outbox.clear()

    response = moderator_client.post(reverse(QUEUE), {"threads": [thread.pk],
                                                      "action": "approve"})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.visibility == ThreadVisibility.PUBLISHED
    assert timezone.now() - thread.created_at < dt.timedelta(minutes=1)
    due = thread_deadlines(category=category, kind=thread.kind, start=local_today())
    assert (thread.first_response_due, thread.answer_due) == (due.first_response, due.answer)
    assert not thread.is_overdue
    # The timeline opens at the approval; the unit and the author are told.
    event = ThreadEvent.objects.get(thread=thread)
    assert event.kind == "created" and event.actor_id == citizen.pk
    assert Notification.objects.filter(kind=NotificationKind.ROUTED, user=verified_asn).exists()
    assert Notification.objects.filter(kind=NotificationKind.STATUS, user=citizen).exists()
    assert {message.to[0] for message in mail.outbox} == {citizen.email, verified_asn.email}
    assert ModerationLedgerEntry.objects.filter(item_kind="thread", item_id=thread.pk,
                                                action="approve").exists()
    assert WORD in anonymous_client.get(thread.get_absolute_url()).content.decode()
    assert WORD in anonymous_client.get(reverse("discussions:thread_list")).content.decode()
    assert anonymous_client.get(reverse("search_api:search"), {"q": WORD}).json()["total"] == 1


def test_rejection_tells_the_author_their_text_the_rule_and_what_to_do(
        citizen, citizen_client, category, moderator_client, anonymous_client):
    _post_thread(citizen_client, category)
    thread = Thread.objects.get()
    mail.outbox.clear()
    response = moderator_client.post(reverse(QUEUE), {"threads": [thread.pk],
                                                      "action": "reject", "rule": "spam"})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.visibility == ThreadVisibility.REJECTED
    assert anonymous_client.get(thread.get_absolute_url()).status_code == 404
    response = citizen_client.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert "Tidak diterbitkan" in response.content.decode()

    [message] = mail.outbox
    assert message.to == [citizen.email]
    body = message.body
    assert thread.title in body and thread.body in body  # their text back
    assert "Spam" in body  # the rule
    links = re.findall(r"https://serambi\.test\S+", body)
    assert "https://serambi.test" + reverse("discussions:thread_create") in links
    assert "https://serambi.test" + reverse("discussions:moderation_ledger") in links
    assert f"https://serambi.test{thread.get_absolute_url()}" in links
    assert str(thread.pk) in body and "ppid@" in body  # how to ask for a review

    # A review: the moderator restores it, and it opens then.
    moderator_client.post(reverse(QUEUE), {"threads": [thread.pk], "action": "restore"})
    thread.refresh_from_db()
    assert thread.visibility == ThreadVisibility.PUBLISHED and thread.answer_due is not None


@pytest.mark.parametrize("who", ["verified_asn", "moderator"])
def test_asn_and_moderators_are_trusted(request, who, category):
    user = request.getfixturevalue(who)
    _post_thread(client_for(user), category)
    assert Thread.objects.get().visibility == ThreadVisibility.PUBLISHED


@override_settings(SERAMBI_TRUSTED_MIN_APPROVED=1)
def test_trust_is_earned_by_approved_posts(category, moderator_client):
    author = _established()
    client = client_for(author)
    _post_thread(client, category, word="pertama")
    first = Thread.objects.get()
    assert first.visibility == ThreadVisibility.WAITING  # old enough, nothing approved yet
    moderator_client.post(reverse(QUEUE), {"threads": [first.pk], "action": "approve"})
    _post_thread(client, category, word="kedua")
    second = Thread.objects.exclude(pk=first.pk).get()
    assert second.visibility == ThreadVisibility.PUBLISHED
    # The same rule decides comments: the approved thread counts for them too.
    client.post(reverse("discussions:comment_post"),
                {"target": f"thread:{second.pk}", "comment": "Saya juga menunggu jadwalnya."})
    assert Comment.objects.get().status == CommentStatus.APPROVED


def test_a_young_account_waits_however_many_posts(category, moderator_client, settings):
    settings.SERAMBI_TRUSTED_MIN_APPROVED = 0
    author = UserFactory(roles=[roles.CITIZEN])  # joined now
    _post_thread(client_for(author), category)
    assert Thread.objects.get().visibility == ThreadVisibility.WAITING
    settings.SERAMBI_TRUSTED_ACCOUNT_AGE = 0
    _post_thread(client_for(author), category, word="lagi")
    assert Thread.objects.filter(visibility=ThreadVisibility.PUBLISHED).count() == 1


def test_sla_tick_leaves_a_waiting_thread_alone(citizen_client, category):
    from discussions.threads.sla import sla_tick

    _post_thread(citizen_client, category)
    sla_tick(today=local_today() + dt.timedelta(days=60))
    thread = Thread.objects.get()
    assert not thread.is_overdue and thread.visibility == ThreadVisibility.WAITING
