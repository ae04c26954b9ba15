"""Every write in the forum. Keyword-only, typed, atomic; each checks permission first.

One module per area (threads, answers, resolution, reactions, notifications, and the
clock's writes); import from here: `from discussions import services`.
"""

from .answers import AnswerConflict, answer_edit, answer_publish, thread_acknowledge, thread_extend
from .comments import (
    ConfirmationError,
    comment_confirm,
    comment_create,
    comment_delete,
    comment_edit,
    comment_like,
    comment_masking_preview,
    comment_unlike,
    comments_purge_unconfirmed,
    target_for,
)
from .faq import faq_save
from .moderation import (
    available_actions,
    comment_flag,
    comments_moderate,
    thread_flag,
    threads_moderate,
)
from .notifications import (
    notification_preferences_update,
    notification_unsubscribe,
    notifications_mark_read,
)
from .reactions import thread_follow, thread_support, thread_unfollow, thread_unsupport
from .resolution import thread_confirm_resolved, thread_dispute
from .survey import follow_up_plan_save, survey_comments_moderate, survey_invite, survey_submit
from .threads import (
    text_preview,
    thread_close,
    thread_create,
    thread_masking_preview,
    thread_reroute,
)

__all__ = [
    "ConfirmationError",
    "comment_confirm",
    "comment_create",
    "comment_delete",
    "comment_edit",
    "comment_flag",
    "comment_like",
    "comment_masking_preview",
    "comment_unlike",
    "comments_moderate",
    "comments_purge_unconfirmed",
    "target_for",
    "thread_flag",
    "threads_moderate",
    "available_actions",
    "AnswerConflict",
    "answer_edit",
    "answer_publish",
    "notification_preferences_update",
    "notification_unsubscribe",
    "notifications_mark_read",
    "thread_acknowledge",
    "thread_close",
    "thread_confirm_resolved",
    "thread_create",
    "thread_masking_preview",
    "text_preview",
    "thread_dispute",
    "thread_extend",
    "thread_follow",
    "thread_reroute",
    "thread_support",
    "thread_unfollow",
    "thread_unsupport",
    "faq_save",
    "follow_up_plan_save",
    "survey_comments_moderate",
    "survey_invite",
    "survey_submit",
]
