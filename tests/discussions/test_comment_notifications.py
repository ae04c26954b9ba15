"""Notifications about comments (issue 17): the asker and followers of a thread hear of a
new comment, a commenter of a reply to their comment (on program and outcome pages too),
only once the comment is public, never of their own, each kind switchable."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from discussions.comments import services as comment_services
from discussions.models import Notification, NotificationPreference
from discussions.moderation import services as moderation_services

from .comment_support import make_comment, post_comment
from .conftest import client_for
from .factories import FollowFactory

PHONE = "0812 3456 7890"
QUESTION = "Apakah jadwal pelatihan ini juga berlaku untuk pegawai kecamatan?"
REPLY = f"Betul, silakan hubungi panitia di nomor {PHONE} untuk mendaftar."


def _kinds(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


def test_asker_and_followers_hear_of_a_comment_only_once_it_is_approved(
        thread, citizen, moderator, commit_after_requests):
    follower = FollowFactory(thread=thread).user
    FollowFactory(thread=thread, user=citizen)  # the asker follows their thread too
    newcomer = client_for(_new_citizen())
    response = post_comment(newcomer, thread, QUESTION)
    assert response.status_code == 302
    comment = thread_comment(thread)
    assert comment.status == "pending"
    assert not Notification.objects.exists() and not mail.outbox  # not before approval

    moderation_services.comments_moderate(moderator=moderator, comment_ids=[comment.pk],
                               action="approve")
    assert _kinds(citizen) == ["comment"]
    assert _kinds(follower) == ["followed_comment"]
    assert _kinds(comment.user) == []  # never told of one's own comment


def thread_comment(thread):
    from discussions.models import Comment

    return Comment.objects.filter(object_pk=str(thread.pk)).latest("pk")


def _new_citizen():
    from forum_site.accounts import roles
    from tests.accounts.factories import UserFactory

    return UserFactory(display_name="Budi Baru", roles=[roles.CITIZEN])


def test_comment_email_to_the_asker_links_the_comment_and_quotes_the_masked_text(
        thread, citizen, verified_asn, django_capture_on_commit_callbacks):
    FollowFactory(thread=thread)  # a follower: on this site only, by default
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_services.comment_create(
            target=comment_services.target_for(thread), user=verified_asn, body=REPLY)
    assert [m.to[0] for m in mail.outbox] == [citizen.email]
    message = mail.outbox[0]
    assert thread.title in message.subject
    assert "Dewi Pegawai" in message.body
    assert PHONE not in message.body and "silakan hubungi panitia" in message.body
    link = f"https://serambi.test/forum/komentar/{comment.pk}/"
    assert link in message.body
    page = Client().get(urlsplit(link).path, follow=True)
    assert page.status_code == 200 and f'id="komentar-{comment.pk}"' in page.content.decode()


def test_a_reply_on_a_program_page_notifies_the_parent_commenter(
        program, citizen, verified_asn, moderator, django_capture_on_commit_callbacks):
    parent = make_comment(program, user=citizen, text=QUESTION, moderator=moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reply = comment_services.comment_create(
            target=comment_services.target_for(program), user=verified_asn, body=REPLY,
            parent=parent)
    notification = Notification.objects.get(user=citizen)
    assert notification.kind == "reply" and notification.thread_id is None
    assert notification.comment_id == reply.pk
    [message] = mail.outbox
    assert message.to == [citizen.email] and program.title in message.subject
    assert f"/forum/komentar/{reply.pk}/" in message.body and PHONE not in message.body

    page = client_for(citizen).get(reverse("discussions:notification_list"))
    html = page.content.decode()
    assert page.status_code == 200
    assert reverse("discussions:comment_permalink", args=[reply.pk]) in html
    assert program.title in html and PHONE not in html
    assert 'class="count-badge">1<' in html  # the header's unread count


def test_a_reply_notifies_the_parent_not_again_as_asker_and_not_oneself(
        thread, citizen, verified_asn, moderator):
    parent = make_comment(thread, user=verified_asn, text=QUESTION)
    asker_reply = make_comment(thread, user=citizen, text=REPLY, parent=parent,
                               moderator=moderator)
    assert _kinds(verified_asn) == ["reply"]  # the asker answered the ASN's comment
    assert _kinds(citizen) == ["comment"]  # of the first comment, not of their own reply
    make_comment(thread, user=verified_asn, text="Terima kasih atas jawabannya, sangat membantu.",
                 parent=asker_reply)
    assert sorted(_kinds(citizen)) == ["comment", "reply"]  # one per comment, reply wins


def test_hiding_and_restoring_a_comment_does_not_notify_again(
        thread, citizen, verified_asn, moderator, django_capture_on_commit_callbacks):
    comment = make_comment(thread, user=verified_asn, text=QUESTION)
    for action, rule in (("hide", "off_topic"), ("restore", "")):
        with django_capture_on_commit_callbacks(execute=True):
            moderation_services.comments_moderate(moderator=moderator, comment_ids=[comment.pk],
                                       action=action, rule=rule)
    assert _kinds(citizen) == ["comment"]


def test_each_comment_kind_is_switchable_and_the_follow_default_is_on_site_only(
        thread, citizen, verified_asn, django_capture_on_commit_callbacks):
    client = client_for(citizen)
    url = reverse("discussions:notification_preferences")
    html = client.get(url).content.decode()
    for label in ("Komentar pada diskusi saya", "Komentar pada diskusi yang saya ikuti",
                  "Balasan untuk komentar saya"):
        assert label in html
    assert re.search(r'name="followed_comment__email"(?![^>]*checked)', html)
    assert re.search(r'name="followed_comment__site"[^>]*checked', html)
    assert re.search(r'name="comment__email"[^>]*checked', html)

    data = {f"{kind}__{box}": "on" for kind in ("answer", "status", "comment", "reply")
            for box in ("email", "site")}
    data.pop("comment__email")
    assert client.post(url, data).status_code == 302
    assert NotificationPreference.objects.get(user=citizen, kind="comment").email is False
    with django_capture_on_commit_callbacks(execute=True):
        comment_services.comment_create(
            target=comment_services.target_for(thread), user=verified_asn, body=QUESTION)
    assert _kinds(citizen) == ["comment"] and not mail.outbox  # on the site, no email


def test_unsubscribe_from_reply_emails(program, citizen, verified_asn, moderator,
                                       django_capture_on_commit_callbacks):
    parent = make_comment(program, user=citizen, text=QUESTION, moderator=moderator)
    make_comment(program, user=verified_asn, text=REPLY, parent=parent)
    header = mail.outbox[-1].extra_headers["List-Unsubscribe"]
    response = Client().post(urlsplit(header[1:-1]).path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=citizen, kind="reply").email is False
    mail.outbox.clear()
    make_comment(program, user=verified_asn, text="Satu lagi tambahan informasi untuk Anda.",
                 parent=parent)
    assert _kinds(citizen) == ["reply", "reply"] and not mail.outbox


@pytest.mark.parametrize("language", ["en"])
def test_reply_email_in_english_links_the_english_permalink(
        language, program, citizen, verified_asn, moderator):
    citizen.preferred_language = language
    citizen.save(update_fields=["preferred_language"])
    parent = make_comment(program, user=citizen, text=QUESTION, moderator=moderator)
    reply = make_comment(program, user=verified_asn, text=REPLY, parent=parent)
    message = mail.outbox[-1]
    assert "replied to your comment" in message.body
    assert f"/en/forum/comments/{reply.pk}/" in message.body
