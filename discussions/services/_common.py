"""Helpers the forum services share (not for other apps)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import clock
from ..models import REASON_MAX_LENGTH, Thread
from ..text import normalise_text


def lock_thread(thread: Thread | int) -> Thread:
    """The thread row, locked until the transaction ends (PostgreSQL: SELECT … FOR
    UPDATE; SQLite serialises writers anyway). Re-read so state checks see the truth."""
    pk = thread if isinstance(thread, int) else thread.pk
    return Thread.objects.select_for_update().get(pk=pk)


def required_reason(reason: str | None, *, field: str = "reason") -> str:
    """A reason that is shown publicly: required, normalised, bounded."""
    reason = normalise_text(reason)
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
