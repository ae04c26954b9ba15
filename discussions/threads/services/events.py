"""The public timeline: every status change and every step of a thread is one
append-only `ThreadEvent` (who, when, from, to, why)."""

from __future__ import annotations

import datetime as dt

from forum_site.accounts.permissions import is_moderator, verified_asn_profile
from forum_site.core.page_cache import public_content_changed

from ... import clock
from ...models import ActorRole, Thread, ThreadEvent
from ...search_records import thread_changed


def actor_snapshot(user, *, thread: Thread | None = None) -> tuple[str, str]:
    """How an actor is shown on the timeline: (public name, role)."""
    if user is None:
        return "", ActorRole.SYSTEM
    profile = verified_asn_profile(user)
    if profile is not None and (thread is None or profile.unit_id == thread.unit_id):
        return user.public_name, ActorRole.ASN
    if is_moderator(user):
        return user.public_name, ActorRole.MODERATOR
    return user.public_name, ActorRole.CITIZEN


def record_event(
    *,
    thread: Thread,
    kind: str,
    actor,
    from_status: str,
    to_status: str | None = None,
    reason: str = "",
    data: dict | None = None,
    at: dt.datetime | None = None,
) -> ThreadEvent:
    name, role = actor_snapshot(actor, thread=thread)
    event = ThreadEvent(
        thread=thread,
        kind=kind,
        actor=actor,
        actor_name=name,
        actor_role=role,
        at=at or clock.now(),
        from_status=from_status,
        to_status=to_status or from_status,
        reason=reason,
        data=data or {},
    )
    event.full_clean(exclude=["thread", "actor"])
    event.save()
    # Every write to a thread records an event: the one place to keep search and the
    # anonymous page cache in step.
    thread_changed(thread.pk)
    public_content_changed()
    return event
