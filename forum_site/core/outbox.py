"""The one email outbox (issue 21 §2): one table, one sending path, one retry, one place
that renders the site's emails.

An app declares each kind of email it sends once, in its `AppConfig.ready()`::

    from forum_site.core import outbox

    outbox.register_kind("comment_decision", build_comment_decision)

A kind's builder gets the `OutboxEmail` row and returns an `Envelope` (recipients,
template prefix, context, language, headers) or None when there is nothing to send any
more (the notification was turned off, the comment was confirmed meanwhile, the record
is gone). The core renders every envelope the same way (`render`): `<prefix>_subject.txt`
on one line, `<prefix>_body.txt`, in the envelope's language, with `Auto-Submitted`.

A write queues its email with `queue(kind=, object_id=)` inside its transaction; the row
is handed to the task backend after commit (`send_outbox_email`), so a rolled-back write
sends nothing. `deliver` sends one row under a row lock and records the result: *sent*;
*pending* with the attempt and the error's class counted, and the next attempt
SERAMBI_EMAIL_RETRY_DELAY seconds later (deferred on a backend that can defer, and
by `retry_due`, which `manage.py outbox_retry` runs every 5 minutes); *failed* after
SERAMBI_EMAIL_MAX_ATTEMPTS attempts; *none* when the builder has nothing to send. A mail
outage never fails the write and never loses the email.

allauth's own emails (sign-up confirmation, password reset) are the one exception: allauth
renders them in the request and `accounts.tasks.send_account_email` sends them after
commit (docs/security.md).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import EmailStatus, OutboxEmail
from .plugins import Registry

logger = logging.getLogger(__name__)


@dataclass
class Envelope:
    """What a kind's builder returns: the core renders and sends it."""

    to: list[str]
    template: str  # prefix: "<template>_subject.txt" and "<template>_body.txt"
    context: dict
    language: str = ""
    headers: dict[str, str] = field(default_factory=dict)


Builder = Callable[[OutboxEmail], "Envelope | None"]
KINDS: Registry[Builder] = Registry("email kinds (outbox)", owner="forum_site/core/outbox.py")


def register_kind(kind: str, build: Builder) -> None:
    """Declare a kind of email and the function that builds it from its row."""
    KINDS.add(kind, build)


def kinds() -> list[str]:
    return sorted(KINDS.keys())


# --- write -------------------------------------------------------------------------------


def queue(*, kind: str, object_id: int, language: str = "") -> OutboxEmail:
    """Write one email row in the current transaction; it is sent after commit."""
    return queue_many(kind=kind, object_ids=[object_id], language=language)[0]


def queue_many(*, kind: str, object_ids: Iterable[int], language: str = "") -> list[OutboxEmail]:
    """Write one row per object; they are handed to the task backend after commit."""
    if kind not in KINDS:
        raise ValueError(f"unknown email kind {kind!r}")
    now = timezone.now()
    rows = OutboxEmail.objects.bulk_create(
        OutboxEmail(kind=kind, object_id=pk, language=language, created_at=now,
                    next_attempt_at=now + dt.timedelta(seconds=_retry_delay()))
        for pk in object_ids
    )
    ids = [row.pk for row in rows]
    if ids:
        transaction.on_commit(lambda: enqueue(ids))
    return rows


def cancel(*, kind: str, object_ids: Iterable[int]) -> int:
    """Pending emails about these objects are not to be sent (status *none*)."""
    return OutboxEmail.objects.filter(
        kind=kind, object_id__in=list(object_ids), status=EmailStatus.PENDING
    ).update(status=EmailStatus.NONE)


def forget(*, kind: str, object_ids: Iterable[int]) -> int:
    """Delete the rows about these objects (their records are erased)."""
    deleted, _by_model = OutboxEmail.objects.filter(
        kind=kind, object_id__in=list(object_ids)).delete()
    return deleted


def about(*, kind: str, object_ids: Iterable[int]):
    """The rows about these objects (for exports and retention rules)."""
    return OutboxEmail.objects.filter(kind=kind, object_id__in=list(object_ids))


def enqueue(email_ids: Iterable[int], *, delay: int | None = None) -> None:
    """Hand rows to the task backend. An enqueue that fails leaves them pending for
    `retry_due`; it never fails the request."""
    from .tasks import send_outbox_email

    task = send_outbox_email
    if delay and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + dt.timedelta(seconds=delay))
    for pk in email_ids:
        try:
            task.enqueue(pk)
        except Exception:  # noqa: BLE001 - the row stays pending; the retry sends it
            logger.exception("could not enqueue email %s", pk)


# --- render and send -----------------------------------------------------------------------


def render(envelope: Envelope) -> EmailMessage:
    """The one place the site's emails are rendered: subject on one line (at most 200
    characters), plain-text body, in the envelope's language."""
    with translation.override(envelope.language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{envelope.template}_subject.txt", envelope.context)
        body = render_to_string(f"{envelope.template}_body.txt", envelope.context)
    return EmailMessage(
        subject=" ".join(subject.split())[:200], body=body, to=envelope.to,
        headers={"Auto-Submitted": "auto-generated", **envelope.headers},
    )


def deliver(*, email_id: int) -> str:
    """Send one pending email: "sent", "skipped", "retry" or "failed". Never raises for
    a mail-server error."""
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != EmailStatus.PENDING:
            return "skipped"
        build = KINDS.get(email.kind)
        envelope = build(email) if build is not None else None
        if envelope is None or not envelope.to:
            email.status = EmailStatus.NONE
            email.save(update_fields=["status"])
            return "skipped"
        email.attempts += 1
        try:
            render(envelope).send(fail_silently=False)
        except Exception as exc:  # noqa: BLE001 - SMTP, DNS, timeouts: count and retry
            email.last_error = type(exc).__name__[:200]
            give_up = email.attempts >= settings.SERAMBI_EMAIL_MAX_ATTEMPTS
            email.status = EmailStatus.FAILED if give_up else EmailStatus.PENDING
            delay = _retry_delay()
            email.next_attempt_at = timezone.now() + dt.timedelta(seconds=delay)
            email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            logger.warning("email %s (%s) failed (attempt %s): %s", email_id, email.kind,
                           email.attempts, type(exc).__name__)
            if give_up:
                return "failed"
            transaction.on_commit(lambda: _retry_later(email_id, delay))
            return "retry"
        email.status, email.sent_at, email.last_error = EmailStatus.SENT, timezone.now(), ""
        email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return "sent"


def _retry_delay() -> int:
    return settings.SERAMBI_EMAIL_RETRY_DELAY


def _retry_later(email_id: int, delay: int) -> None:
    """Defer a retry when the backend can; the immediate backend would retry at once
    against the same broken server, so there `retry_due` does it later."""
    from .tasks import send_outbox_email

    if send_outbox_email.get_backend().supports_defer:
        enqueue([email_id], delay=delay)


def retry_due(*, now: dt.datetime | None = None) -> int:
    """Hand again to the task backend every pending email whose next attempt is due (a
    failed attempt, or an enqueue lost to a crash). `manage.py outbox_retry`."""
    now = now or timezone.now()
    ids = list(
        OutboxEmail.objects.filter(status=EmailStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:1000]
    )
    enqueue(ids)
    return len(ids)
