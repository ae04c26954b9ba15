"""Helpers the forum services share (not for other apps)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _

from ... import clock
from ...models import REASON_MAX_LENGTH, Thread
from ...redaction import redact
from ...text import normalise_text


def lock_thread(thread: Thread | int) -> Thread:
    """The thread row, locked until the transaction ends (PostgreSQL: SELECT … FOR
    UPDATE; SQLite serialises writers anyway). Re-read so state checks see the truth."""
    pk = thread if isinstance(thread, int) else thread.pk
    return Thread.objects.select_for_update().get(pk=pk)


def public_text(value: str, *, masked: set[str]) -> str:
    """The one masking step for forum text that becomes public (titles, bodies, official
    answers, notes and reasons): personal data replaced by labels before the text is
    stored; the kinds found are added to `masked` (see `record_masking`)."""
    text, kinds = redact(value)
    masked.update(kinds)
    return text


def record_masking(*, thread_id: int, masked: set[str]) -> None:
    """A `redact` row in the moderation ledger for a thread whose text (or an answer or
    reason on it) was masked: what kinds, never the data."""
    if not masked:
        return
    from ...models import Area, ItemKind, ModerationAction, ModerationLedgerEntry

    ModerationLedgerEntry.objects.create(
        action=ModerationAction.REDACT, item_kind=ItemKind.THREAD, item_id=thread_id,
        area=Area.FORUM, rule="personal_data", automatic=True, note=", ".join(sorted(masked)),
    )


def required_reason(reason: str | None, *, field: str = "reason",
                    masked: set[str] | None = None) -> str:
    """A reason that is shown publicly: required, normalised, bounded, masked."""
    reason = public_text(normalise_text(reason), masked=masked if masked is not None else set())
    if not reason:
        raise ValidationError(
            {field: ValidationError(_("Give a reason; it is shown publicly on the thread."),
                                    code="required")}
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {field: ValidationError(
                _("Keep the reason under %(max)s characters.") % {"max": REASON_MAX_LENGTH},
                code="max_length",
            )}
        )
    return reason


def state_error(message: str) -> ValidationError:
    """The thread is not in a state that allows this (closed, already confirmed…)."""
    return ValidationError(message, code="invalid_state")


def touch(thread: Thread, *fields: str) -> list[str]:
    thread.updated_at = clock.now()
    return [*fields, "updated_at"]


def counted_add(row_model: type[models.Model], *, counter: tuple[models.Model, str],
                **row) -> bool:
    """Create the row once (support, follow, like) and move the owner's counter in the
    same transaction with an F() expression, so it stays exact under concurrent clicks.
    Returns False if the row already existed."""
    _row, created = row_model.objects.get_or_create(**row)
    if created:
        owner, field = counter
        type(owner).objects.filter(pk=owner.pk).update(**{field: F(field) + 1})
    return created


def counted_remove(row_model: type[models.Model], *, counter: tuple[models.Model, str],
                   **row) -> bool:
    """Delete the row and move the counter back (never below zero). False if absent."""
    deleted, _rows = row_model.objects.filter(**row).delete()
    if deleted:
        owner, field = counter
        type(owner).objects.filter(pk=owner.pk, **{f"{field}__gt": 0}).update(
            **{field: F(field) - 1}
        )
    return bool(deleted)
