"""The site's one email outbox (issue 21 §2): every email Serambi sends about its own
records is a row here, written in the transaction that caused it and sent after commit
(`forum_site/core/outbox.py`)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    NONE = "none", _("No email")
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxEmail(models.Model):
    """One email to send. It holds no address, name or text: its `kind` names the
    registered builder that reads the row `object_id` points at (a notification, a
    comment, an ASN profile) when it is sent, so what goes out is always current and an
    erased account leaves nothing behind here. A failing mail server leaves it pending
    with the attempt counted; `manage.py outbox_retry` (run_scheduler, every 5 minutes)
    sends it again after SERAMBI_EMAIL_RETRY_DELAY, until SERAMBI_EMAIL_MAX_ATTEMPTS
    attempts have failed (then *failed*). *none*: nothing to send any more (turned off,
    confirmed meanwhile, the record is gone)."""

    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("about"))
    language = models.CharField(max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="core_outbox_due_idx"),
            models.Index(fields=["kind", "object_id"], name="core_outbox_about_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.status}"
