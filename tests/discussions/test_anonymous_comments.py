"""Visitors without an account (issue 16, §6): the form links the privacy notice and
records their consent; their waiting comment shows to them, marked as waiting, in their
own session only; their email address is deleted a set time after the last decision
email (SERAMBI_ANONYMOUS_EMAIL_RETENTION_DAYS, docs/personal-data.md)."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from discussions.comments.services import anonymous_emails_forget
from discussions.models import Comment, CommentStatus
from forum_site.core import scheduler
from tests.outbox_rows import comment_emails

from .comment_support import last_confirmation_path, post_comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_requests")]

TEXT = "Apakah penanda komentar tamu ini sudah sampai ke petugas layanan?"
QUEUE = "discussions_admin:moderation_queue"


def _post(client, thread, **extra):
    return post_comment(client, thread, TEXT, name="Rahma", email="rahma@contoh.id", **extra)


def test_the_form_links_the_privacy_notice_and_consent_is_recorded(thread, anonymous_client):
    form = anonymous_client.get(reverse("discussions:comment_post"),
                                {"target": f"thread:{thread.pk}"}).content.decode()
    assert f'href="{reverse("core:privacy")}"' in form and 'name="consent"' in form

    refused = _post(anonymous_client, thread, consent="")
    assert refused.status_code == 200 and not Comment.objects.exists()
    assert "pemberitahuan privasi" in refused.content.decode()

    assert _post(anonymous_client, thread).status_code == 302
    comment = Comment.objects.get()
    assert comment.consent_version == settings.PRIVACY_NOTICE_VERSION
    assert comment.consent_given_at is not None


def test_a_waiting_comment_shows_to_its_author_only(thread, anonymous_client,
                                                    moderator_client):
    _post(anonymous_client, thread)
    comment = Comment.objects.get()
    mine = anonymous_client.get(thread.get_absolute_url())
    page = mine.content.decode()
    assert TEXT in page and "Menunggu konfirmasi email" in page
    assert "no-store" in mine["Cache-Control"]  # never kept by a shared cache

    stranger = Client().get(thread.get_absolute_url())
    assert TEXT not in stranger.content.decode()
    assert stranger["Cache-Control"].startswith("public")

    # Confirmed: still theirs to see, now waiting for a moderator.
    confirm = last_confirmation_path()
    anonymous_client.post(confirm)
    assert Comment.objects.get().status == CommentStatus.PENDING
    page = anonymous_client.get(thread.get_absolute_url()).content.decode()
    assert TEXT in page and "Menunggu moderasi" in page
    assert TEXT not in Client().get(thread.get_absolute_url()).content.decode()

    # Published: it is in the tree for everyone, no longer in the "waiting" box.
    moderator_client.post(reverse(QUEUE), {"comments": [comment.pk], "action": "approve"})
    page = Client().get(thread.get_absolute_url()).content.decode()
    assert TEXT in page


def test_another_visitors_session_cannot_claim_a_comment(thread, anonymous_client):
    _post(anonymous_client, thread)
    other = Client()
    session = other.session
    session["serambi_own_comments"] = ["1", None]  # junk is ignored
    session.save()
    other.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert TEXT not in other.get(thread.get_absolute_url()).content.decode()


def _rejected_anonymous_comment(thread, anonymous_client, moderator_client):
    _post(anonymous_client, thread)
    anonymous_client.post(last_confirmation_path())
    comment = Comment.objects.get()
    mail.outbox.clear()
    moderator_client.post(reverse(QUEUE), {"comments": [comment.pk], "action": "reject",
                                           "rule": "off_topic"})
    assert [m.to for m in mail.outbox] == [["rahma@contoh.id"]]
    return comment


def test_the_email_is_deleted_a_set_time_after_the_decision_email(
        thread, anonymous_client, moderator_client):
    assert settings.SERAMBI_ANONYMOUS_EMAIL_RETENTION_DAYS == 30  # docs/personal-data.md
    comment = _rejected_anonymous_comment(thread, anonymous_client, moderator_client)
    sent_at = comment_emails(comment, kind="decision").get().sent_at
    assert sent_at is not None

    assert anonymous_emails_forget(now=sent_at + dt.timedelta(days=29)) == 0
    assert Comment.objects.get().user_email == "rahma@contoh.id"
    assert anonymous_emails_forget(now=sent_at + dt.timedelta(days=30, minutes=1)) == 1
    comment = Comment.objects.get()
    assert comment.user_email == "" and comment.email_forgotten_at is not None
    assert comment.user_name == "Rahma" and comment.status == CommentStatus.REJECTED


def test_the_scheduled_job_deletes_it(thread, anonymous_client, moderator_client):
    comment = _rejected_anonymous_comment(thread, anonymous_client, moderator_client)
    comment_emails(comment).update(sent_at=timezone.now() - dt.timedelta(days=31))
    jobs = {job.command: job for job in scheduler.registered()}
    assert "comments_maintenance" in jobs  # run_scheduler runs it every 10 minutes
    call_command("comments_maintenance")
    assert Comment.objects.get().user_email == ""


def test_no_deletion_while_a_decision_is_still_due(thread, anonymous_client):
    _post(anonymous_client, thread)
    anonymous_client.post(last_confirmation_path())
    # Confirmed long ago but still waiting for a moderator: the decision email needs it.
    Comment.objects.update(confirmed_at=timezone.now() - dt.timedelta(days=90))
    comment_emails().update(sent_at=timezone.now() - dt.timedelta(days=90),
                            created_at=timezone.now() - dt.timedelta(days=90))
    assert anonymous_emails_forget() == 0
    assert Comment.objects.get().user_email == "rahma@contoh.id"
