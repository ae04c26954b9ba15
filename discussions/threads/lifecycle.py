"""The thread life cycle in one table: every step a thread can take, from which statuses,
to which status, who may take it, and why it is refused otherwise.

```
          answer            confirm / auto_resolve
  open ──────────▶ answered ──────────────────────▶ resolved
   ▲                │  ▲ answer
   │      dispute   ▼  │
   └─── reopened ◀──┘──┘            close (a moderator, from any status but closed)
                                    ────────────────▶ closed
```

Services guard through `check()` (after locking the row) instead of comparing statuses
themselves; the thread page chooses its forms from `available()`; templates ask the same
answer through the `can` context variable (`can.support`, `can.edit_answer` …), never
through `thread.status`. Who someone *is* (a verified ASN of the unit, the asker, a
moderator) is decided in `discussions.permissions`; the services still call its `check_*`
functions first, so a role refusal stays a 403 with its own message. This table says which
of those roles a step is for, and what state it needs; a state refusal is a
`ValidationError` with code `invalid_state` and the table's message.

The information path's written decision is the step `decide`: PPID staff (the role is
`permissions.is_ppid`, held only on an information request) publish it as the thread's
official answer, once per request. The SLA clock's reminders and "overdue" marks change no
status and are not in the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from forum_site.accounts.permissions import verified_asn_profile

from ..models import Thread, ThreadStatus, ThreadVisibility
from ..permissions import can_answer, can_moderate, is_asker, is_ppid

OPEN, ANSWERED, RESOLVED, REOPENED, CLOSED = (
    ThreadStatus.OPEN, ThreadStatus.ANSWERED, ThreadStatus.RESOLVED, ThreadStatus.REOPENED,
    ThreadStatus.CLOSED,
)
EVERY_STATUS = frozenset(ThreadStatus.values)
AWAITING_UNIT = frozenset({OPEN, REOPENED})

# Roles, as `discussions.permissions` decides them.
UNIT = "unit"  # a verified ASN of the thread's unit, or a moderator (`can_answer`)
ASKER = "asker"  # the person who opened the thread
MODERATOR = "moderator"
MEMBER = "member"  # anyone signed in
ANSWER_AUTHOR = "answer_author"  # an ASN or moderator, on the answers they wrote
SYSTEM = "system"  # the SLA clock
PPID = "ppid"  # PPID staff (`permissions.is_ppid`), on an information request

STATES = "states"  # in a guard list: where the from-status check runs
PUBLISHED = "published"  # in a guard list: where the thread must be public


@dataclass(frozen=True)
class Guard:
    """One more condition a step needs: `test(thread, user)` is true when it holds;
    `message` says why the step is refused when it does not."""

    test: Callable[[Thread, object], bool]
    message: str


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]  # the statuses it can be taken from
    target: str | None  # the status it leads to; None: the status stays
    roles: frozenset[str]
    refused: str  # the message when the thread's status does not allow it
    published_only: bool = False
    hidden: str = _("This thread is hidden by the moderators.")
    # Checked in this order; STATES and PUBLISHED mark where those two checks run.
    guards: tuple = (STATES, PUBLISHED)
    url_name: str = ""  # where the step is taken over HTTP (tests walk the table)
    extra: dict = field(default_factory=dict)


def _not_asker(thread: Thread, user) -> bool:
    return user is None or thread.author_id != getattr(user, "pk", None)


def _not_acknowledged(thread: Thread, user) -> bool:
    return thread.first_response_at is None


def _information_request(thread: Thread, user) -> bool:
    return thread.is_information_request


def _not_extended(thread: Thread, user) -> bool:
    return thread.extended_at is None


def _not_past_due(thread: Thread, user) -> bool:
    from .sla import local_today

    return not (thread.answer_due and local_today() > thread.answer_due)


def _has_closing_date(thread: Thread, user) -> bool:
    return bool(thread.closing_due)


def _not_decided(thread: Thread, user) -> bool:
    from ..ppid.selectors import decision_given

    return not decision_given(thread=thread)


TRANSITIONS: dict[str, Transition] = {t.name: t for t in (
    Transition(
        name="answer", label=_("Publish an official answer"),
        sources=AWAITING_UNIT | {ANSWERED}, target=ANSWERED, roles=frozenset({UNIT}),
        refused=_("This thread is resolved or closed; it takes no new answers."),
        published_only=True,
        hidden=_("This thread is hidden by the moderators; it takes no new answers until it "
                 "is shown again."),
        url_name="discussions:answer_publish",
    ),
    Transition(
        name="acknowledge", label=_("Acknowledge receipt"),
        sources=AWAITING_UNIT, target=None, roles=frozenset({UNIT}),
        refused=_("Only a thread waiting for the unit can be acknowledged."),
        published_only=True,
        guards=(STATES, PUBLISHED, Guard(_not_acknowledged, _(
            "The unit has already responded to this thread."))),
        url_name="discussions:thread_acknowledge",
    ),
    Transition(
        name="extend", label=_("Extend the deadline"),
        sources=AWAITING_UNIT, target=None, roles=frozenset({UNIT}),
        refused=_("Only a request waiting for an answer can be extended."),
        published_only=True,
        guards=(
            Guard(_information_request, _(
                "Only information requests can have their deadline extended.")),
            STATES, PUBLISHED,
            Guard(_not_extended, _(
                "The deadline of this request has already been extended once.")),
            Guard(_not_past_due, _(
                "The deadline has already passed; it can no longer be extended.")),
        ),
        url_name="discussions:thread_extend",
    ),
    Transition(
        name="edit_answer", label=_("Edit this answer"),
        sources=EVERY_STATUS - {CLOSED}, target=None, roles=frozenset({ANSWER_AUTHOR}),
        refused=_("This thread is closed; its answers can no longer be edited."),
        url_name="discussions:answer_edit",
    ),
    Transition(
        name="confirm", label=_("Yes, it solved my problem"),
        sources=frozenset({ANSWERED}), target=RESOLVED, roles=frozenset({ASKER}),
        refused=_("Only an answered thread can be confirmed as solved."),
        url_name="discussions:thread_confirm",
    ),
    Transition(
        name="dispute", label=_("No, reopen the thread"),
        sources=frozenset({ANSWERED}), target=REOPENED, roles=frozenset({ASKER}),
        refused=_("Only an answered thread can be disputed."),
        url_name="discussions:thread_dispute",
    ),
    Transition(
        name="auto_resolve", label=_("Resolved automatically"),
        sources=frozenset({ANSWERED}), target=RESOLVED, roles=frozenset({SYSTEM}),
        # The clock says nothing to anyone when it does not act: plain messages.
        refused="Only an answered thread is resolved automatically.",
        guards=(STATES, Guard(_has_closing_date, "The thread has no closing date.")),
    ),
    Transition(
        name="reroute", label=_("Send to another unit"),
        sources=AWAITING_UNIT | {ANSWERED}, target=None, roles=frozenset({MODERATOR}),
        refused=_("Only threads that are open, reopened or answered can be re-routed."),
        url_name="discussions:thread_reroute",
    ),
    Transition(
        name="close", label=_("Close the thread"),
        sources=EVERY_STATUS - {CLOSED}, target=CLOSED, roles=frozenset({MODERATOR}),
        refused=_("This thread is already closed."),
        url_name="discussions:thread_close",
    ),
    Transition(
        name="support", label=_("Me too"),
        sources=EVERY_STATUS - {CLOSED}, target=None, roles=frozenset({MEMBER}),
        refused=_("This thread is closed."),
        published_only=True,
        guards=(Guard(_not_asker, _(
            "You opened this thread; your support is already counted.")), STATES, PUBLISHED),
        url_name="discussions:thread_support",
    ),
    Transition(
        name="comment", label=_("Comment"),
        sources=EVERY_STATUS - {CLOSED}, target=None,
        roles=frozenset({MEMBER}),  # and visitors, who confirm by email
        refused=_("This thread is closed."),
        published_only=True, hidden=_("Comments are closed on this thread."),
        guards=(PUBLISHED, STATES),
    ),
    Transition(
        name="decide", label=_("Written decision"),
        sources=AWAITING_UNIT | {ANSWERED}, target=ANSWERED, roles=frozenset({PPID}),
        refused=_("This request is resolved or closed; it takes no decision."),
        published_only=True, hidden=_("This request is hidden by the moderators."),
        guards=(
            Guard(_information_request, _(
                "Only an information request takes a written decision.")),
            Guard(_not_decided, _("The decision on this request has already been given.")),
            STATES, PUBLISHED,
        ),
        url_name="discussions:ppid_decide",
    ),
    Transition(
        name="make_faq", label=_("Make a FAQ entry from this thread"),
        sources=frozenset({RESOLVED}), target=None, roles=frozenset({UNIT}),
        refused=_("Only a resolved, public thread can become a FAQ entry."),
        published_only=True,
        hidden=_("Only a resolved, public thread can become a FAQ entry."),
        # Which official answer it is made from is the FAQ service's (`faq_source_answer`).
        url_name="discussions:faq_promote",
    ),
)}


def refusal(thread: Thread, name: str, *, user=None) -> str | None:
    """Why the thread's state does not allow step `name` now (None when it does)."""
    transition = TRANSITIONS[name]
    for guard in transition.guards:
        if guard == STATES:
            if thread.status not in transition.sources:
                return transition.refused
        elif guard == PUBLISHED:
            if transition.published_only and thread.visibility != ThreadVisibility.PUBLISHED:
                return transition.hidden
        elif not guard.test(thread, user):
            return guard.message
    return None


def check(thread: Thread, name: str, *, user=None) -> None:
    """Refuse step `name` (ValidationError, code `invalid_state`) unless the thread's state
    allows it. Services call this after locking the row and checking the role."""
    from .services.common import state_error

    message = refusal(thread, name, user=user)
    if message is not None:
        raise state_error(str(message))


def roles_of(user, thread: Thread) -> frozenset[str]:
    """The roles `user` holds on `thread`, as `discussions.permissions` decides them."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    roles = {MEMBER}
    if can_answer(user, thread):
        roles.add(UNIT)
    if can_moderate(user):
        roles.add(MODERATOR)
    if MODERATOR in roles or verified_asn_profile(user) is not None:
        # As `permissions.check_can_edit_answer`; which answer is theirs is checked per answer.
        roles.add(ANSWER_AUTHOR)
    if is_asker(user, thread):
        roles.add(ASKER)
    if thread.is_information_request and is_ppid(user):
        roles.add(PPID)
    return frozenset(roles)


def available(user, thread: Thread) -> frozenset[str]:
    """The steps `user` may take on `thread` now: their role allows it and the thread's
    state does."""
    roles = roles_of(user, thread)
    return frozenset(
        name for name, transition in TRANSITIONS.items()
        if transition.roles & roles and refusal(thread, name, user=user) is None
    )


def can(user, thread: Thread) -> dict[str, bool]:
    """`available()` for templates: `{% if can.support %}`."""
    steps = available(user, thread)
    return {name: name in steps for name in TRANSITIONS}
