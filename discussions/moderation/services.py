"""Moderation: decisions on comments and threads (always with a published rule for a
rejection or a hiding), flags from registered users, and the append-only ledger.

Every decision writes one `ModerationLedgerEntry`; every change of public visibility goes
through `comments.services.refresh_tree` (comments) or `_thread_visibility_changed` (threads)."""

from __future__ import annotations

import logging
from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from forum_site.accounts.permissions import has_confirmed_email
from forum_site.core import ratelimit

from ..comments.services import queue_comment_email, refresh_tree
from ..models import (
    Area,
    Comment,
    CommentEmailKind,
    CommentStatus,
    Flag,
    ItemKind,
    ModerationAction,
    ModerationLedgerEntry,
    ModerationRule,
    NotificationKind,
    Thread,
    ThreadEventKind,
    ThreadVisibility,
)
from ..permissions import check_can_flag, check_can_moderate
from ..search_records import thread_hidden
from ..text import normalise_text

logger = logging.getLogger(__name__)

# Which statuses each decision applies to, and the status it leads to.
COMMENT_TRANSITIONS = {
    ModerationAction.APPROVE: (
        (CommentStatus.PENDING, CommentStatus.HIDDEN, CommentStatus.APPROVED),
        CommentStatus.APPROVED,
    ),
    ModerationAction.REJECT: ((CommentStatus.PENDING,), CommentStatus.REJECTED),
    ModerationAction.HIDE: ((CommentStatus.APPROVED, CommentStatus.PENDING), CommentStatus.HIDDEN),
    ModerationAction.RESTORE: (
        (CommentStatus.HIDDEN, CommentStatus.REJECTED), CommentStatus.APPROVED,
    ),
}
NEEDS_RULE = (ModerationAction.REJECT, ModerationAction.HIDE)


def _clean_decision(action: str, rule: str, note: str) -> tuple[str, str]:
    if action not in COMMENT_TRANSITIONS:
        raise ValidationError({"action": _("Choose a decision.")})
    if rule and rule not in ModerationRule.values:
        raise ValidationError({"rule": _("Choose one of the published rules.")})
    if action in NEEDS_RULE and not rule:
        raise ValidationError({"rule": _("Rejecting or hiding needs one of the published "
                                         "rules; the author is told which.")})
    note = normalise_text(note)
    if len(note) > 1000:
        raise ValidationError({"note": _("Keep the note under 1000 characters.")})
    return rule, note


def _ledger(*, action, item_kind, item_id, area, rule="", note="", actor=None,
            automatic=False) -> ModerationLedgerEntry:
    return ModerationLedgerEntry.objects.create(
        action=action, item_kind=item_kind, item_id=item_id, area=area, rule=rule,
        note=note, actor=actor, automatic=automatic, at=timezone.now(),
    )


@transaction.atomic
def comments_moderate(
    *, moderator, comment_ids: list[int], action: str, rule: str = "", note: str = ""
) -> int:
    """Approve, reject, hide or restore comments in bulk. Comments the decision does
    not apply to (e.g. rejecting a published comment) are skipped. Returns how many
    changed. The author is emailed the decision and the rule."""
    check_can_moderate(user=moderator)
    rule, note = _clean_decision(action, rule, note)
    allowed_from, to_status = COMMENT_TRANSITIONS[action]
    comments = list(
        Comment.norel_objects.select_for_update(of=("self",)).filter(
            pk__in=comment_ids, status__in=allowed_from
        ).order_by("pk")
    )
    trees = set()
    for comment in comments:
        if comment.status == to_status and not comment.needs_review:
            continue
        Comment.objects.filter(pk=comment.pk).update(
            status=to_status, moderation_rule=rule, moderated_at=timezone.now(),
            needs_review=False, flags_weight=0,
        )
        Flag.objects.filter(comment=comment, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        _ledger(action=action, item_kind=ItemKind.COMMENT, item_id=comment.pk,
                area=comment.area, rule=rule, note=note, actor=moderator)
        trees.add(comment.thread_id)
        if comment.status != to_status:
            comment.status, comment.moderation_rule = to_status, rule
            queue_comment_email(comment=comment, kind=CommentEmailKind.DECISION)
    for thread_id in trees:
        refresh_tree(thread_id=thread_id)
    return len(comments)


THREAD_TRANSITIONS = {
    ModerationAction.HIDE: (
        (ThreadVisibility.PUBLISHED, ThreadVisibility.PENDING), ThreadVisibility.HIDDEN,
    ),
    ModerationAction.RESTORE: (
        (ThreadVisibility.PENDING, ThreadVisibility.HIDDEN, ThreadVisibility.REJECTED),
        ThreadVisibility.PUBLISHED,
    ),
    ModerationAction.APPROVE: (
        (ThreadVisibility.PENDING, ThreadVisibility.WAITING), ThreadVisibility.PUBLISHED,
    ),
    # Pre-moderation: a waiting thread is approved (above) or rejected.
    ModerationAction.REJECT: ((ThreadVisibility.WAITING,), ThreadVisibility.REJECTED),
}


@transaction.atomic
def threads_moderate(
    *, moderator, thread_ids: list[int], action: str, rule: str = "", note: str = ""
) -> int:
    """Approve, reject, hide or restore whole threads (with their comments and official
    answers). A pre-moderated thread approved (or restored after a rejection) opens
    then: `threads.thread_open` starts its deadlines and tells the unit."""
    from ..threads.services.threads import thread_open

    check_can_moderate(user=moderator)
    if action not in THREAD_TRANSITIONS:
        raise ValidationError({"action": _("Threads can be approved, rejected, hidden or "
                                           "restored.")})
    rule, note = _clean_decision(action, rule, note)
    allowed_from, to_visibility = THREAD_TRANSITIONS[action]
    threads = list(Thread.objects.select_for_update().filter(
        pk__in=thread_ids, visibility__in=allowed_from).order_by("pk"))
    for thread in threads:
        never_opened = thread.visibility in (ThreadVisibility.WAITING,
                                             ThreadVisibility.REJECTED)
        # The decision settles every report so far: only later ones count again.
        Thread.objects.filter(pk=thread.pk).update(visibility=to_visibility, flags_weight=0)
        if to_visibility != ThreadVisibility.PUBLISHED:
            thread_hidden(thread.pk)
        if never_opened and to_visibility == ThreadVisibility.PUBLISHED:
            thread_open(thread=thread)
            _tell_the_asker_opened(thread=thread)
        else:
            _tell_the_asker(thread=thread, actor=moderator, rule=rule, kind={
                ThreadVisibility.HIDDEN: ThreadEventKind.HIDDEN,
                ThreadVisibility.REJECTED: ThreadEventKind.REJECTED,
            }.get(to_visibility, ThreadEventKind.RESTORED))
        Flag.objects.filter(thread=thread, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        _ledger(action=action, item_kind=ItemKind.THREAD, item_id=thread.pk, area=Area.FORUM,
                rule=rule, note=note, actor=moderator)
        transaction.on_commit(lambda pk=thread.pk: _thread_visibility_changed(pk))
    return len(threads)


def available_actions(item) -> list[str]:
    """The decisions a moderator can take on one comment or thread now, read from the
    transition tables above (the queue shows one button per decision; the services
    apply the same tables)."""
    if isinstance(item, Thread):
        table, state = THREAD_TRANSITIONS, item.visibility
    else:
        table, state = COMMENT_TRANSITIONS, item.status
    order = (ModerationAction.APPROVE, ModerationAction.REJECT, ModerationAction.HIDE,
             ModerationAction.RESTORE)
    actions = [action for action in order if state in table[action][0]]
    if ModerationAction.APPROVE in actions and ModerationAction.RESTORE in actions:
        actions.remove(ModerationAction.RESTORE)  # the same decision, one button
    # Approving something already published is only useful to settle its reports.
    if (ModerationAction.APPROVE in actions and not isinstance(item, Thread)
            and state == CommentStatus.APPROVED and not item.needs_review):
        actions.remove(ModerationAction.APPROVE)
    return actions


def _tell_the_asker_opened(*, thread: Thread) -> None:
    """The asker hears that their waiting thread is published (the notification points
    at the timeline's first event, 'opened and sent to <unit>')."""
    from ..models import ThreadEvent
    from ..notifications.services import notify

    event = ThreadEvent.objects.filter(thread=thread, kind=ThreadEventKind.CREATED).last()
    notify(kind=NotificationKind.STATUS, thread=thread, users=[thread.author], event=event)


def _tell_the_asker(*, thread: Thread, actor, kind: str, rule: str) -> None:
    """A timeline event (public again once the thread is shown) and a notification to
    the asker naming the published rule; the moderator's note stays in the ledger, and
    whoever reported the thread is never named. The event also re-indexes the thread
    and its answers (`record_event`)."""
    from ..notifications.services import notify
    from ..threads.services.events import record_event

    event = record_event(
        thread=thread, kind=kind, actor=actor, from_status=thread.status,
        reason=str(ModerationRule(rule).label) if rule else "",
        data={"rule": rule} if rule else {},
    )
    notify(kind=NotificationKind.STATUS, thread=thread, users=[thread.author], event=event)


def _thread_visibility_changed(thread_id: int) -> None:
    """Called after commit whenever a thread appears on or disappears from public pages
    (hidden, restored, hidden after flags). The search index needs nothing more: the
    change recorded a thread event, and `record_event` re-projected the thread, its
    answers and its comments once. Cached anonymous pages are dropped."""
    from forum_site.core.page_cache import public_content_changed

    logger.debug("thread %s visibility changed", thread_id)
    public_content_changed()


# --- flags --------------------------------------------------------------------------------


def _flag_weight(user) -> int:
    """What one report weighs: nothing from an account without a confirmed email (the
    report still reaches the moderators), less from a new account."""
    if not has_confirmed_email(user):
        return 0
    age = (timezone.now() - user.date_joined).total_seconds()
    if age < settings.SERAMBI_NEW_ACCOUNT_AGE:
        return settings.SERAMBI_NEW_ACCOUNT_FLAG_WEIGHT
    return settings.SERAMBI_FLAG_WEIGHT


def _clean_flag(user, reason: str, note: str) -> tuple[str, str]:
    check_can_flag(user=user)
    if reason not in ModerationRule.values:
        raise ValidationError({"reason": _("Choose which rule the content breaks.")})
    note = normalise_text(note)[:500]
    return reason, note


def _open_weight(flags) -> int:
    """The weight of the reports made since the last moderator decision (a decision
    resolves every report before it)."""
    return flags.filter(resolved_at__isnull=True).aggregate(total=Sum("weight"))["total"] or 0


def _most_common_reason(flags) -> str:
    counts = Counter(flag.reason for flag in flags)
    return counts.most_common(1)[0][0] if counts else ""


@transaction.atomic
def comment_flag(*, user, comment: Comment, reason: str, note: str = "",
                 ip: str | None = None) -> Flag:
    """Report a comment to the moderators, once per user. When the weight of the flags
    reaches SERAMBI_FLAG_HIDE_THRESHOLD the comment (and its replies) is hidden pending
    review, and the ledger records it."""
    reason, note = _clean_flag(user, reason, note)
    if comment.user_id == user.pk:
        raise ValidationError(_("You cannot report your own comment."), code="own")
    comment = Comment.norel_objects.select_for_update(of=("self",)).get(pk=comment.pk)
    if not comment.is_public:
        raise ValidationError(_("This comment is not published."), code="not_public")
    if Flag.objects.filter(user=user, comment=comment).exists():
        raise ValidationError(_("You have already reported this comment. Thank you."),
                              code="duplicate")
    ratelimit.hit("flag_create", user=user, ip=ip)
    flag = Flag.objects.create(user=user, comment=comment, reason=reason, note=note,
                               weight=_flag_weight(user))
    Comment.objects.filter(pk=comment.pk).update(
        flags_weight=_open_weight(Flag.objects.filter(comment=comment)), needs_review=True
    )
    comment.refresh_from_db()
    if (comment.status == CommentStatus.APPROVED
            and comment.flags_weight >= settings.SERAMBI_FLAG_HIDE_THRESHOLD):
        rule = _most_common_reason(comment.forum_flags.filter(resolved_at__isnull=True))
        Comment.objects.filter(pk=comment.pk).update(
            status=CommentStatus.HIDDEN, moderation_rule=rule, moderated_at=timezone.now()
        )
        _ledger(action=ModerationAction.AUTO_HIDE, item_kind=ItemKind.COMMENT,
                item_id=comment.pk, area=comment.area, rule=rule, automatic=True)
        refresh_tree(thread_id=comment.thread_id)
    return flag


@transaction.atomic
def thread_flag(*, user, thread: Thread, reason: str, note: str = "",
                ip: str | None = None) -> Flag:
    """Report a thread; enough weight hides it pending review (as comments), and the
    asker is told (timeline event, notification and email) under which rule."""
    reason, note = _clean_flag(user, reason, note)
    if thread.author_id == user.pk:
        raise ValidationError(_("You cannot report your own thread."), code="own")
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.visibility != ThreadVisibility.PUBLISHED:
        raise ValidationError(_("This thread is not published."), code="not_public")
    if Flag.objects.filter(user=user, thread=thread).exists():
        raise ValidationError(_("You have already reported this thread. Thank you."),
                              code="duplicate")
    ratelimit.hit("flag_create", user=user, ip=ip)
    flag = Flag.objects.create(user=user, thread=thread, reason=reason, note=note,
                               weight=_flag_weight(user))
    Thread.objects.filter(pk=thread.pk).update(
        flags_weight=_open_weight(Flag.objects.filter(thread=thread)))
    thread.refresh_from_db(fields=["flags_weight"])
    if thread.flags_weight >= settings.SERAMBI_FLAG_HIDE_THRESHOLD:
        rule = _most_common_reason(thread.forum_flags.filter(resolved_at__isnull=True))
        Thread.objects.filter(pk=thread.pk).update(visibility=ThreadVisibility.PENDING)
        thread_hidden(thread.pk)
        _ledger(action=ModerationAction.AUTO_HIDE, item_kind=ItemKind.THREAD,
                item_id=thread.pk, area=Area.FORUM, rule=rule, automatic=True)
        _tell_the_asker(thread=thread, actor=None, kind=ThreadEventKind.AUTO_HIDDEN,
                        rule=rule)
        transaction.on_commit(lambda: _thread_visibility_changed(thread.pk))
    return flag
