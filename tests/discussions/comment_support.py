"""Helpers for the comment tests: targets, form posts as a browser sends them, and
comments placed directly through the service."""

from __future__ import annotations

import re
import time

from django.core import mail, signing
from django.urls import reverse

from discussions.comments.services.posting import FORM_STARTED_SALT

OUTCOME_TEXT = "Apakah capaian ini juga berlaku untuk kecamatan di luar Mamuju?"


class _PastSigner(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 60)


def started_token(*, seconds_ago: int = 60) -> str:
    if seconds_ago <= 0:
        return signing.TimestampSigner(salt=FORM_STARTED_SALT).sign("form")
    return _PastSigner(salt=FORM_STARTED_SALT).sign("form")


def target_key(obj) -> str:
    from discussions.models import Thread

    return f"thread:{obj.pk}" if isinstance(obj, Thread) else f"page:{obj.pk}"


def post_comment(client, obj, text: str, *, parent=None, name=None, email=None, **extra):
    data = {"target": target_key(obj), "comment": text, "started": started_token()}
    if parent is not None:
        data["parent"] = parent.pk
    if name is not None:
        data["name"] = name
    if email is not None:
        data["email"] = email
        data["consent"] = "on"  # the privacy notice, agreed to on the anonymous form
    data.update(extra)
    return client.post(reverse("discussions:comment_post"), data)


def confirmation_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def last_confirmation_path() -> str:
    return confirmation_path(mail.outbox[-1])


def make_comment(obj, *, user, text: str, parent=None, moderator=None,
                 after_commit: bool = True):
    """A comment through the real service; approved by `moderator` if it waits.

    `after_commit=False` drops what the service leaves for after the commit (the search
    index, the notification emails): for tests that only need the comments on a page,
    where those cost half of building a long thread."""
    from django.test import TestCase

    from discussions.comments import services as comment_services
    from discussions.models import CommentStatus
    from discussions.moderation import services as moderation_services

    with TestCase.captureOnCommitCallbacks(execute=after_commit):
        comment = comment_services.comment_create(
            target=comment_services.target_for(obj), user=user, body=text, parent=parent,
        )
    if comment.status == CommentStatus.PENDING and moderator is not None:
        with TestCase.captureOnCommitCallbacks(execute=True):
            moderation_services.comments_moderate(moderator=moderator, comment_ids=[comment.pk],
                                                  action="approve")
        comment.refresh_from_db()
    return comment
