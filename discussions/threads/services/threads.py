"""Opening, re-routing and closing threads."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forum_site.accounts.models import Unit
from forum_site.core import ratelimit
from forum_site.core.redaction import masked_values

from ... import clock
from ...models import (
    AWAITING_UNIT,
    Category,
    CloseReason,
    Follow,
    NotificationKind,
    Thread,
    ThreadEventKind,
    ThreadKind,
    ThreadPrivateDetail,
    ThreadStatus,
    ThreadVisibility,
)
from ...notifications.services import notify, unit_asn_users
from ...permissions import (
    check_can_create_thread,
    check_can_moderate_threads,
    thread_needs_approval,
)
from ...text import normalise_text, normalise_title, render_markdown
from .. import lifecycle
from ..sla import answer_due_from, is_past_due, local_today, thread_deadlines
from .common import lock_thread, public_text, record_masking, required_reason, touch
from .events import record_event


@dataclass(frozen=True)
class MaskingPreview:
    title: str
    body: str
    kinds: list[str]


def thread_masking_preview(*, title: str, body: str) -> MaskingPreview:
    """How `thread_create` will store this title and body: the author sees it before
    posting when personal data would be masked (nothing is stored)."""
    masked: set[str] = set()
    return MaskingPreview(
        title=public_text(normalise_title(title), masked=masked),
        body=public_text(normalise_text(body), masked=masked),
        kinds=sorted(masked),
    )


@dataclass(frozen=True)
class TextPreview:
    html: str
    masked: bool


def text_preview(*, body: str) -> TextPreview:
    """A thread, answer or comment as it will be published: masked, then rendered from
    Markdown to the same safe HTML the page shows (the "Pratinjau" button; nothing is
    stored)."""
    masked: set[str] = set()
    text = public_text(normalise_text(body), masked=masked)
    return TextPreview(html=render_markdown(text), masked=bool(masked))


@transaction.atomic
def thread_create(
    *,
    author,
    title: str,
    body: str,
    kind: str,
    category: Category,
    unit: Unit | None = None,
    publication_page=None,
    ip: str | None = None,
) -> Thread:
    """A citizen opens a thread. It goes to `unit` if they picked one, else to the
    category's default unit; its deadlines follow the category's profile. The unit's
    ASN are notified. Counts against the `thread_create` rate limit (RateLimited).

    A thread by an author the trust rule does not trust yet
    (`permissions.thread_needs_approval`) is stored waiting for a moderator: only its
    author and moderators see it, it has no deadlines and the unit hears nothing until
    `thread_open` runs on approval."""
    check_can_create_thread(user=author)
    if kind not in ThreadKind.values:
        raise ValidationError({"kind": _("Choose what kind of message this is.")})
    if not category.is_active:
        raise ValidationError({"category": _("This category is no longer open for new threads.")})
    unit = unit or category.default_unit
    if not unit.is_active:
        raise ValidationError({"unit": _("This unit no longer takes new threads.")})
    ratelimit.hit("thread_create", user=author, ip=ip)

    now = clock.now()
    masked: set[str] = set()
    thread = Thread(
        kind=kind,
        title=public_text(normalise_title(title), masked=masked),
        body=public_text(normalise_text(body), masked=masked),
        author=author,
        unit=unit,
        category=category,
        publication_page=publication_page,
        status=ThreadStatus.OPEN,
        created_at=now,
        updated_at=now,
    )
    waiting = thread_needs_approval(author)
    if waiting:
        thread.visibility = ThreadVisibility.WAITING
    else:
        _set_deadlines(thread, now=now)
    thread.body_html = render_markdown(thread.body)
    # The asker follows their own thread from the start ('Diikuti'; they may unfollow).
    thread.followers_count = 1
    thread.full_clean()
    thread.save()
    Follow.objects.create(thread=thread, user=author)
    record_masking(thread_id=thread.pk, masked=masked)
    _keep_private_details(thread, normalise_title(title), normalise_text(body))
    if not waiting:
        _announce_opened(thread, at=now)
    return thread


def _keep_private_details(thread: Thread, *texts: str) -> None:
    """What masking took out of the asker's title and body, kept apart for the unit's
    ASN and moderators (`ThreadPrivateDetail`); nothing when nothing was masked."""
    seen, rows = set(), []
    for text in texts:
        for kind, value in masked_values(text):
            if (kind, value) not in seen and len(rows) < 20:
                seen.add((kind, value))
                rows.append(ThreadPrivateDetail(thread=thread, kind=kind, value=value[:200]))
    ThreadPrivateDetail.objects.bulk_create(rows)


def _set_deadlines(thread: Thread, *, now) -> None:
    deadlines = thread_deadlines(category=thread.category, kind=thread.kind,
                                 start=local_today(now))
    thread.first_response_due = deadlines.first_response
    thread.answer_due = deadlines.answer


def _announce_opened(thread: Thread, *, at) -> None:
    """The thread reaches its unit: the public timeline's first event, and the unit's
    ASN are notified."""
    unit = thread.unit
    event = record_event(
        thread=thread, kind=ThreadEventKind.CREATED, actor=thread.author, from_status="",
        to_status=ThreadStatus.OPEN, at=at,
        data={"unit": unit.name, "chosen_by_author": unit.pk != thread.category.default_unit_id},
    )
    if thread.is_information_request:
        # UU 14/2008 Pasal 22: the registration number is given at once.
        from ...ppid.services import information_request_register

        information_request_register(thread=thread)
    notify(
        kind=NotificationKind.ROUTED, thread=thread, event=event,
        users=unit_asn_users(unit_id=unit.pk), exclude=[thread.author],
    )


def thread_open(*, thread: Thread) -> Thread:
    """A pre-moderated thread approved by a moderator (called by `threads_moderate`
    inside its transaction, with the row locked): it opens now. Its opening time, and
    with it every deadline and every working-day duration the statistics count, start
    at the approval, not at the moment it was written; the unit is notified."""
    now = clock.now()
    thread.visibility = ThreadVisibility.PUBLISHED
    thread.created_at = now
    _set_deadlines(thread, now=now)
    thread.is_overdue = False
    thread.save(update_fields=touch(thread, "visibility", "created_at", "first_response_due",
                                    "answer_due", "is_overdue"))
    _announce_opened(thread, at=now)
    return thread


@transaction.atomic
def thread_reroute(*, moderator, thread: Thread, unit: Unit, reason: str) -> Thread:
    """A moderator sends a thread to another unit, with a public reason. A thread
    still waiting for an answer gets a full answer period at the new unit. The new
    unit's ASN and the asker are notified."""
    check_can_moderate_threads(user=moderator)
    masked: set[str] = set()
    reason = required_reason(reason, masked=masked)
    thread = lock_thread(thread)
    record_masking(thread_id=thread.pk, masked=masked)
    lifecycle.check(thread, "reroute")
    if unit.pk == thread.unit_id:
        raise ValidationError({"unit": _("The thread is already with this unit.")})
    if not unit.is_active:
        raise ValidationError({"unit": _("This unit no longer takes new threads.")})
    previous_unit = thread.unit
    thread.unit = unit
    fields = ["unit"]
    if thread.status in AWAITING_UNIT:
        today = local_today()
        thread.answer_due = answer_due_from(
            category=thread.category, kind=thread.kind, start=today
        )
        thread.is_overdue = is_past_due(thread, today=today)
        thread.reminded_for_due = None
        fields += ["answer_due", "is_overdue", "reminded_for_due"]
    thread.save(update_fields=touch(thread, *fields))
    event = record_event(
        thread=thread, kind=ThreadEventKind.ROUTED, actor=moderator,
        from_status=thread.status, reason=reason,
        data={"from_unit": previous_unit.name, "unit": unit.name},
    )
    notify(
        kind=NotificationKind.ROUTED, thread=thread, event=event,
        users=unit_asn_users(unit_id=unit.pk), exclude=[moderator],
    )
    notify(
        kind=NotificationKind.STATUS, thread=thread, event=event,
        users=[thread.author], exclude=[moderator],
    )
    return thread


@transaction.atomic
def thread_close(
    *,
    moderator,
    thread: Thread,
    reason_kind: str,
    reason: str,
    duplicate_of: Thread | None = None,
) -> Thread:
    """A moderator closes a thread as a duplicate, off-topic or out of scope. The reason
    is shown to everyone on the thread, and the asker is notified."""
    check_can_moderate_threads(user=moderator)
    if reason_kind not in CloseReason.values:
        raise ValidationError({"reason_kind": _("Choose why the thread is closed.")})
    masked: set[str] = set()
    reason = required_reason(reason, masked=masked)
    if reason_kind == CloseReason.DUPLICATE:
        if duplicate_of is None:
            raise ValidationError(
                {"duplicate_of": _("Give the number of the thread this one duplicates.")}
            )
        if duplicate_of.pk == (thread.pk if isinstance(thread, Thread) else thread):
            raise ValidationError({"duplicate_of": _("A thread cannot duplicate itself.")})
    else:
        duplicate_of = None
    thread = lock_thread(thread)
    lifecycle.check(thread, "close")
    record_masking(thread_id=thread.pk, masked=masked)
    previous = thread.status
    thread.status = ThreadStatus.CLOSED
    thread.close_reason = reason_kind
    thread.close_note = reason
    thread.duplicate_of = duplicate_of
    thread.closed_at = clock.now()
    thread.is_overdue = False
    thread.full_clean()
    thread.save(
        update_fields=touch(
            thread, "status", "close_reason", "close_note", "duplicate_of", "closed_at",
            "is_overdue",
        )
    )
    event = record_event(
        thread=thread, kind=ThreadEventKind.CLOSED, actor=moderator, from_status=previous,
        to_status=ThreadStatus.CLOSED, reason=reason,
        data={"close_reason": reason_kind,
              "duplicate_of": duplicate_of.pk if duplicate_of else None},
    )
    notify(
        kind=NotificationKind.STATUS, thread=thread, event=event,
        users=[thread.author], exclude=[moderator],
    )
    return thread
