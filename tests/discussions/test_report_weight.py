"""Reports and the moderator's decision: a decision settles every report before it, so
only reports made after the last decision count towards hiding again; and only accounts
with a confirmed email address make reports that count."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from discussions.models import Comment, CommentStatus, Flag, Thread, ThreadVisibility

from .comment_support import make_comment
from .conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_requests")]

QUEUE = "discussions_admin:moderation_queue"


def _report_thread(users, thread):
    for user in users:
        response = client_for(user).post(reverse("discussions:thread_flag", args=[thread.pk]),
                                         {"reason": "off_topic"})
        assert response.status_code == 302


def test_after_a_restore_one_new_report_does_not_hide_the_thread_again(
        thread, established_users, moderator_client, anonymous_client):
    _report_thread(established_users[:3], thread)
    assert Thread.objects.get().visibility == ThreadVisibility.PENDING
    moderator_client.post(reverse(QUEUE), {"threads": [thread.pk], "action": "restore"})
    assert Thread.objects.get().visibility == ThreadVisibility.PUBLISHED
    _report_thread(established_users[3:4], thread)
    thread.refresh_from_db()
    assert thread.visibility == ThreadVisibility.PUBLISHED
    assert thread.flags_weight == 2  # the one report since the decision
    assert anonymous_client.get(thread.get_absolute_url()).status_code == 200
    # Enough new reports still hide it.
    from tests.accounts.factories import UserFactory

    more = [UserFactory(date_joined=established_users[0].date_joined) for _ in range(2)]
    _report_thread(more, thread)
    assert Thread.objects.get().visibility == ThreadVisibility.PENDING


def test_reports_from_unconfirmed_accounts_do_not_count(thread, established_users,
                                                         moderator_client):
    EmailAddress.objects.filter(user__in=established_users).update(verified=False)
    _report_thread(established_users, thread)
    thread.refresh_from_db()
    assert thread.visibility == ThreadVisibility.PUBLISHED and thread.flags_weight == 0
    # The reports are kept for the moderators (on the thread screen), weighing nothing.
    assert list(Flag.objects.filter(thread=thread).values_list("weight", flat=True)) == [0] * 5
    page = moderator_client.get(reverse("discussions_admin:thread_moderate", args=[thread.pk]))
    assert page.status_code == 200 and established_users[0].public_name in page.content.decode()


def test_a_comment_approved_after_reports_needs_new_reports_to_hide_again(
        thread, verified_asn, established_users, moderator_client):
    comment = make_comment(thread, user=verified_asn, text="Pendaftaran dibuka bulan depan.")
    url = reverse("discussions:comment_flag", args=[comment.pk])
    for user in established_users[:3]:
        client_for(user).post(url, {"reason": "spam"})
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.HIDDEN
    moderator_client.post(reverse(QUEUE), {"comments": [comment.pk], "action": "approve"})
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.APPROVED
    client_for(established_users[3]).post(url, {"reason": "spam"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED and comment.flags_weight == 2
