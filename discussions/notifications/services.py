"""Notifications: an on-site entry and an email per recipient.

The notification row is written in the same transaction as the answer or status change
it announces, and its email is queued in the site's one outbox (`forum_site/core/outbox.py`,
kind `notification`) in that transaction too: sent after commit, retried while the mail
server is down, given up as *failed* after SERAMBI_EMAIL_MAX_ATTEMPTS attempts.
`build_notification_email` is what the outbox asks for when it sends one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from forum_site.accounts.models import AsnProfile
from forum_site.core import outbox
from forum_site.core.office import current_office
from forum_site.core.public_url import absolute_url

from .. import clock
from ..models import (
    Notification,
    NotificationKind,
    NotificationPreference,
    OfficialAnswer,
    Thread,
    ThreadEvent,
    kind_default,
)

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "discussions.notifications.unsubscribe"
EMAIL_KIND = "notification"  # the outbox kind of every notification email


# --- who ------------------------------------------------------------------------------


def unit_asn_users(*, unit_id: int) -> list:
    """Active users verified as ASN of the unit: the people a unit's notices go to."""
    profiles = AsnProfile.objects.filter(
        unit_id=unit_id, status=AsnProfile.Status.VERIFIED, user__is_active=True
    ).select_related("user")
    return [profile.user for profile in profiles]


def follower_users(*, thread: Thread) -> list:
    from django.contrib.auth import get_user_model

    return list(
        get_user_model().objects.filter(forum_follows__thread=thread, is_active=True)
    )


# --- write ------------------------------------------------------------------------------


def notify(
    *,
    kind: str,
    thread: Thread | None,
    users: Iterable,
    comment=None,
    answer: OfficialAnswer | None = None,
    event: ThreadEvent | None = None,
    exclude: Iterable = (),
) -> list[Notification]:
    """Create notifications for `users` (minus `exclude`, inactive users and those who
    turned this kind off) and send their emails after commit."""
    excluded = {user.pk for user in exclude if user is not None}
    recipients = {}
    for user in users:
        if user is not None and user.is_active and user.pk not in excluded:
            recipients[user.pk] = user
    if not recipients:
        return []
    preferences = {
        pref.user_id: pref
        for pref in NotificationPreference.objects.filter(user_id__in=recipients, kind=kind)
    }
    rows, emailed = [], []
    for user in recipients.values():
        pref = preferences.get(user.pk)
        email, on_site = (pref.email, pref.on_site) if pref else kind_default(kind)
        if not (email or on_site):
            continue
        rows.append(
            Notification(
                user=user, kind=kind, thread=thread, comment=comment, answer=answer,
                event=event, show_on_site=on_site, created_at=clock.now(),
            )
        )
        emailed.append(bool(email and user.email))
    created = Notification.objects.bulk_create(rows)
    wanted = [row.pk for row, email in zip(created, emailed, strict=True) if email]
    outbox.queue_many(kind=EMAIL_KIND, object_ids=wanted)
    return created


# --- send ------------------------------------------------------------------------------


def make_unsubscribe_token(*, user_id: int, kind: str) -> str:
    """A signed, salted reference to (account, kind); no email address or name in it."""
    return signing.dumps([user_id, kind], salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, kind) from a token; raises signing.BadSignature if forged or damaged."""
    try:
        user_id, kind = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (ValueError, TypeError) as exc:
        raise signing.BadSignature("malformed token") from exc
    if not isinstance(user_id, int) or kind not in NotificationKind.values:
        raise signing.BadSignature("malformed token")
    return user_id, kind


def rejection_links() -> dict:
    """Links and contact every rejection email gives (threads and comments): the
    published rules and whom to ask for a review. Absolute, in the active language."""
    return {
        "rules_url": absolute_url(reverse("discussions:moderation_ledger")),
        "contact_email": current_office().email,
    }


def _rejection_context(event: ThreadEvent) -> dict:
    from ..models import RULE_DESCRIPTIONS, ModerationRule

    rule = (event.data or {}).get("rule", "")
    return {
        **rejection_links(),
        "new_thread_url": absolute_url(reverse("discussions:thread_create")),
        "rule_description": RULE_DESCRIPTIONS.get(ModerationRule(rule), "") if rule else "",
    }


def _page_title(comment) -> str:
    page = comment.content_object if comment is not None else None
    return getattr(page, "title", "") or ""


def build_notification_email(row) -> outbox.Envelope | None:
    """The outbox's builder for a notification email: in the recipient's language, with
    a one-click unsubscribe link in the body and in List-Unsubscribe (RFC 8058). None
    when it is no longer wanted (the kind turned off, the account inactive or gone)."""
    notification = (
        Notification.objects.select_related("user", "thread", "answer", "event", "comment")
        .filter(pk=row.object_id).first()
    )
    if notification is None or not notification.user.is_active or not notification.user.email:
        return None
    pref = NotificationPreference.objects.filter(
        user_id=notification.user_id, kind=notification.kind
    ).first()
    if not (pref.email if pref is not None else kind_default(notification.kind)[0]):
        return None
    return notification_envelope(notification)


# Steps of the public-information path whose emails carry the request's papers.
_PPID_PAPER_EVENTS = ("decided", "objected", "objection_answered", "objection_overdue")


def _ppid_links(notification: Notification) -> dict:
    """For a step of an information request: the decision letter, the documents attached
    to the decision and the case file (absolute links; the papers ask the reader to sign
    in and are for the requester and the PPID's people only)."""
    event = notification.event
    if event is None or event.kind not in _PPID_PAPER_EVENTS:
        return {}
    from ..ppid.selectors import attachments_of, decision_of, request_for

    thread = notification.thread
    registered = request_for(thread=thread)
    decision = decision_of(registered)
    if decision is None and event.kind == "decided":
        return {}
    links = {"case_file_url": absolute_url(
        reverse("discussions:ppid_case_file_pdf", args=[thread.pk]))}
    if decision is not None:
        links["letter_url"] = absolute_url(
            reverse("discussions:ppid_decision_pdf", args=[thread.pk]))
        links["attachment_links"] = [
            (attachment.name, absolute_url(reverse(
                "discussions:ppid_attachment", args=[thread.pk, attachment.position])))
            for attachment in attachments_of(decision)]
    return links


def notification_envelope(notification: Notification) -> outbox.Envelope:
    """Recipient, template and context of a notification's email."""
    user = notification.user
    language = user.preferred_language or settings.LANGUAGE_CODE
    token = make_unsubscribe_token(user_id=user.pk, kind=notification.kind)
    with translation.override(language):
        thread = notification.thread
        comment = notification.comment
        unsubscribe_url = absolute_url(reverse("discussions:unsubscribe", args=[token]))
        context = {
            "notification": notification,
            "kind": notification.kind,
            "kind_label": NotificationKind(notification.kind).label,
            "user": user,
            "thread": thread,
            "answer": notification.answer,
            "event": notification.event,
            "comment": comment,
            "about_title": thread.title if thread is not None else _page_title(comment),
            # A comment's lasting address finds the page of comments that holds it.
            "thread_url": absolute_url(
                reverse("discussions:comment_permalink", args=[comment.pk])
                if comment is not None else thread.get_absolute_url()
            ),
            "survey_url": absolute_url(reverse("discussions:survey_answer", args=[thread.pk]))
            if notification.kind == NotificationKind.SURVEY else "",
            "preferences_url": absolute_url(reverse("discussions:notification_preferences")),
            "unsubscribe_url": unsubscribe_url,
            "office_name": current_office().name,
        }
        context.update(_ppid_links(notification))
        if notification.event is not None and notification.event.kind == "rejected":
            # The author gets their text back, the rule, and how to post again or ask
            # for a review.
            context.update(_rejection_context(notification.event))
    return outbox.Envelope(
        to=[user.email], template="discussions/email/notification", context=context,
        language=language,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


# --- the recipient's own actions ------------------------------------------------------


@transaction.atomic
def notifications_mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications (all, or those listed) as read."""
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        rows = rows.filter(pk__in=list(notification_ids))
    return rows.update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_update(*, user, choices: dict[str, tuple[bool, bool]]) -> None:
    """Save (email, on_site) per kind for the user."""
    if not user.is_authenticated:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    for kind, (email, on_site) in choices.items():
        if kind not in NotificationKind.values:
            continue
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": bool(email), "on_site": bool(on_site)}
        )


@transaction.atomic
def notification_unsubscribe(*, token: str) -> tuple[int, str]:
    """One-click unsubscribe: turn off emails of one kind for the token's account."""
    from django.contrib.auth import get_user_model

    user_id, kind = read_unsubscribe_token(token)
    if not get_user_model().objects.filter(pk=user_id).exists():
        raise signing.BadSignature("unknown account")
    pref, _created = NotificationPreference.objects.get_or_create(
        user_id=user_id, kind=kind, defaults={"email": False}
    )
    if pref.email:
        pref.email = False
        pref.save(update_fields=["email"])
    outbox.cancel(kind=EMAIL_KIND, object_ids=Notification.objects.filter(
        user_id=user_id, kind=kind).values_list("pk", flat=True))
    return user_id, kind
