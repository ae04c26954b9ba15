"""Notifications: one row per user and event, shown on the site and emailed (through the
site's one outbox, forum_site/core/outbox.py), and each user's choices per kind."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum_site.core.models import EmailStatus  # noqa: F401 - the outbox's email states

from ..threads.models import OfficialAnswer, Thread, ThreadEvent


class NotificationKind(models.TextChoices):
    ANSWER = "answer", _("An official answer to my thread")
    STATUS = "status", _("A change of status or deadline on my thread")
    FOLLOWED_ANSWER = "followed_answer", _("A new official answer on a thread I follow")
    ROUTED = "routed", _("A thread sent to my unit")
    REOPENED = "reopened", _("A thread of my unit reopened by the asker")
    DEADLINE = "deadline", _("A deadline of my unit approaching or passed")
    OBJECTION = "objection", _("An objection to a PPID decision for me to answer")
    SURVEY = "survey", _("An invitation to rate the service my thread received")
    # Comments (issue 17): told once a comment is public (approved), never of one's own.
    COMMENT = "comment", _("A comment on my thread")
    FOLLOWED_COMMENT = "followed_comment", _("A comment on a thread I follow")
    REPLY = "reply", _("A reply to my comment")


# (email, on this site) for a kind the user never chose for: everything on, except emails
# about every comment on a followed thread (a busy thread would fill the mailbox).
KIND_DEFAULTS = {NotificationKind.FOLLOWED_COMMENT: (False, True)}


def kind_default(kind: str) -> tuple[bool, bool]:
    """(email, on_site) for a kind without a saved preference."""
    return KIND_DEFAULTS.get(kind, (True, True))


# Kinds only ASN of a unit receive (the preferences page shows them to ASN only).
UNIT_KINDS = (NotificationKind.ROUTED, NotificationKind.REOPENED, NotificationKind.DEADLINE)


class Notification(models.Model):
    """One notification to one user: shown in their on-site list, and emailed unless
    they turned the kind off. The email is a row of the site's outbox (kind
    `notification`, `object_id` = this row), so a failing mail server delays it instead
    of losing it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    # Empty only for a comment on a program or outcome page (then `comment` is set).
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    comment = models.ForeignKey(
        "discussions.Comment", on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )
    answer = models.ForeignKey(
        OfficialAnswer, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    event = models.ForeignKey(
        ThreadEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    show_on_site = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["user", "-created_at"], name="disc_notif_user_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(thread__isnull=False) | models.Q(comment__isnull=False),
                name="disc_notif_about_something",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user_id}"


class NotificationPreference(models.Model):
    """A user's choice for one kind of notification. No row means everything on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
        related_name="forum_notification_preferences",
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    email = models.BooleanField(_("email"), default=True)
    on_site = models.BooleanField(_("on this site"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="disc_notif_pref_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: email={self.email} site={self.on_site}"
