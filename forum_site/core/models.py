"""The core's own records.

- `OfficeIdentity` (issue 17): one row, edited by Tim Komunikasi in Wagtail (Settings →
  Office identity), shown in the header, the footer, the emails, the PDFs and the pages'
  structured data. Read it through `forum_site.core.office.current_office()` (cached),
  never with a query of your own.
- `OutboxEmail` (issue 21 §2): the site's one email outbox. Every email Serambi sends about
  its own records is a row here, written in the transaction that caused it and sent after
  commit (`forum_site/core/outbox.py`)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


# The first values come from the deployment's settings (SERAMBI_OFFICE_NAME, …), so a new
# site shows the office it was configured for until the communications team edits it.
def default_office_name() -> str:
    return settings.SERAMBI_OFFICE_NAME


def default_office_address() -> str:
    return settings.SERAMBI_CONTACT_ADDRESS


def default_office_email() -> str:
    return settings.SERAMBI_CONTACT_EMAIL


phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ().-]{4,30}$",
    _("Enter a telephone number: digits, spaces, brackets and dashes, optionally starting with +."),
)


@register_setting(icon="site")
class OfficeIdentity(BaseGenericSetting):
    name = models.CharField(
        _("office name"), max_length=150, default=default_office_name,
        help_text=_("The office's full official name, as on its letterhead."),
    )
    name_en = models.CharField(
        _("office name in English"), max_length=150, blank=True,
        help_text=_("Shown on the English pages. Leave empty to use the name above."),
    )
    parent_agency = models.CharField(
        _("parent agency"), max_length=150, blank=True,
        help_text=_("The ministry, agency or local government the office belongs to, if any."),
    )
    address = models.TextField(
        _("address"), max_length=300, default=default_office_address,
        help_text=_("Postal address, shown in the footer, the emails and the PDF letters."),
    )
    email = models.EmailField(_("contact email"), default=default_office_email)
    phone = models.CharField(_("telephone"), max_length=40, blank=True,
                             validators=[phone_validator])
    service_hours = models.CharField(
        _("service hours"), max_length=150, blank=True,
        help_text=_("For example: Monday–Friday 08.00–16.00 WITA."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Shown beside the site's name in the header, at most 48 pixels high. "
                    "Use an image the office may publish. Empty: the plain Serambi mark."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("name_en"), FieldPanel("parent_agency")],
                        heading=_("Name")),
        FieldPanel("logo"),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("email"), FieldPanel("phone"),
                         FieldPanel("service_hours")], heading=_("Contact")),
    ]

    class Meta:
        verbose_name = _("office identity")
        verbose_name_plural = _("office identity")

    def __str__(self) -> str:
        return self.name


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
