"""Every write on comments, one module per concern: `targets` (what a comment is about,
whether comments are open), `tree` (the reply tree and the one place where public
visibility changes), `posting`, `confirmation` (anonymous comments), `editing` (the
author's own changes and likes), `emails` (the comment emails, sent through the site's
one outbox), `notifications` (telling the asker, followers and the parent's author once a
comment is public).

Views and other packages import the public API from here:
`from discussions.comments import services`.
"""

from .confirmation import (
    ConfirmationError,
    anonymous_emails_forget,
    comment_confirm,
    comments_purge_unconfirmed,
    confirmation_check,
    make_confirmation_token,
)
from .editing import can_still_edit, comment_delete, comment_edit, comment_like, comment_unlike
from .emails import queue_comment_email
from .posting import (
    check_form_timing,
    comment_create,
    comment_masking_preview,
    form_started_token,
)
from .targets import Target, check_open, target_for
from .tree import refresh_tree

__all__ = [
    "ConfirmationError",
    "Target",
    "anonymous_emails_forget",
    "can_still_edit",
    "check_form_timing",
    "check_open",
    "comment_confirm",
    "comment_create",
    "comment_delete",
    "comment_edit",
    "comment_like",
    "comment_masking_preview",
    "comment_unlike",
    "comments_purge_unconfirmed",
    "confirmation_check",
    "form_started_token",
    "make_confirmation_token",
    "queue_comment_email",
    "refresh_tree",
    "target_for",
]
