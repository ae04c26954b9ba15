"""Every write on a thread and its official answers. Keyword-only, typed, atomic; each
checks permission first.

One module per area (threads, answers, resolution, reactions, events, deadlines, the
clock's writes); views import from here: `from discussions.threads import services`.
Comments, moderation, notifications, the information path, the survey and the FAQ have
their own `services` in their sub-packages.
"""

from .answers import AnswerConflict, answer_edit, answer_publish, thread_acknowledge, thread_extend
from .reactions import thread_follow, thread_support, thread_unfollow, thread_unsupport
from .resolution import thread_confirm_resolved, thread_dispute
from .threads import (
    text_preview,
    thread_close,
    thread_create,
    thread_masking_preview,
    thread_reroute,
)

__all__ = [
    "AnswerConflict",
    "answer_edit",
    "answer_publish",
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
]
