"""Notifications: one row per user and event, shown on the site and emailed (its email
state kept on the row), and each user's choices per kind."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


# Kinds only ASN of a unit receive (the preferences page shows them to ASN only).
UNIT_KINDS = (NotificationKind.ROUTED, NotificationKind.REOPENED, NotificationKind.DEADLINE)


class EmailStatus(models.TextChoices):
    NONE = "none", _("No email")
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """One notification to one user: shown in their on-site list, and emailed unless
    they turned the kind off. The email's state is kept so a failing mail server delays
    it instead of losing it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    answer = models.ForeignKey(
        OfficialAnswer, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    event = models.ForeignKey(
        ThreadEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    show_on_site = models.BooleanField(default=True)
    email_status = models.CharField(
        max_length=10, choices=EmailStatus.choices, default=EmailStatus.NONE
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_last_error = models.CharField(max_length=200, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["user", "-created_at"], name="disc_notif_user_idx"),
            models.Index(fields=["email_status", "created_at"], name="disc_notif_email_idx"),
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
