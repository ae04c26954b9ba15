"""The legal path of a public-information request (UU 14/2008; Perki 1/2021), on top of
the forum thread of the kind "Permohonan Informasi":

1. `InformationRequest`: the registration number given at once (Pasal 22) and the
   receipt (tanda bukti penerimaan).
2. `WrittenDecision`: the PPID's written notice (Pasal 22(7)): granted in full, in part,
   refused (a Pasal 17 exemption and the consequence test), or not held (naming the
   office that holds it).
3. `Objection`: the requester's keberatan (Pasal 35–36) to the atasan PPID, answered in
   writing within 30 working days.
4. The dispute notice (Pasal 37): 14 working days to take it to the Komisi Informasi,
   dated on the objection (`komisi_due`), and the date the requester says they went.

Registration numbers have the form ``PPID/<UNIT-CODE>/<YEAR>/<NNNN>``: the unit code is
the unit's short name (else its slug) in capitals without spaces or punctuation, the
year is the year of receipt in the site's time zone, and NNNN counts the requests of
that code in that year from 0001, taken from `RequestNumberCounter` under a row lock, so
two requests filed at the same moment never share a number (unique in the database too).

Personal data: the requester's name is kept here for the letters they receive (receipt,
decision, case file); public registers and open data never show it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..threads.models import REASON_MAX_LENGTH, OfficialAnswer, Thread

LETTER_MAX_LENGTH = 10_000


class RequestNumberCounter(models.Model):
    """The last sequence number given for one unit code in one year."""

    unit_code = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit_code", "year"], name="disc_reqnum_once"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_code}/{self.year}: {self.last}"


class InformationRequest(models.Model):
    """A registered public-information request: one per information-request thread."""

    thread = models.OneToOneField(
        Thread, on_delete=models.PROTECT, related_name="information_request",
        verbose_name=_("thread"),
    )
    number = models.CharField(_("registration number"), max_length=40, unique=True)
    unit_code = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    # For the letters the requester receives; never on a public page or export.
    requester_name = models.CharField(_("requester"), max_length=200, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("registered information request")
        verbose_name_plural = _("registered information requests")
        constraints = [
            models.UniqueConstraint(fields=["unit_code", "year", "sequence"],
                                    name="disc_inforeq_seq_once"),
        ]
        permissions = [
            ("decide_informationrequest",
             "Record the written decision on information requests (PPID)"),
            ("answer_objection", "Answer objections to the PPID (atasan PPID)"),
        ]

    def __str__(self) -> str:
        return self.number


class DecisionOutcome(models.TextChoices):
    GRANTED = "granted", _("Granted in full")
    PARTLY_GRANTED = "partly_granted", _("Granted in part")
    REFUSED = "refused", _("Refused (exempt information)")
    NOT_HELD = "not_held", _("Not held by this office")


class Exemption(models.TextChoices):
    """UU 14/2008 Pasal 17: the information exempt from disclosure."""

    LAW_ENFORCEMENT = "a", _("Pasal 17 a: would obstruct law enforcement")
    INTELLECTUAL_PROPERTY = "b", _("Pasal 17 b: intellectual property, fair competition")
    DEFENCE = "c", _("Pasal 17 c: state defence and security")
    NATURAL_WEALTH = "d", _("Pasal 17 d: Indonesia's natural wealth")
    ECONOMY = "e", _("Pasal 17 e: the national economy")
    FOREIGN_RELATIONS = "f", _("Pasal 17 f: foreign relations")
    AUTHENTIC_DEEDS = "g", _("Pasal 17 g: a person's last will or authentic deeds")
    PRIVACY = "h", _("Pasal 17 h: personal secrets (privacy)")
    INTERNAL_MEMORANDA = "i", _("Pasal 17 i: memoranda or letters exempt by their nature")
    BY_LAW = "j", _("Pasal 17 j: not to be disclosed under another law")


class InformationForm(models.TextChoices):
    SOFTCOPY = "softcopy", _("Electronic copy (softcopy)")
    HARDCOPY = "hardcopy", _("Printed copy (hardcopy)")
    VIEWING = "viewing", _("Viewing and taking notes at the office")


class WrittenDecision(models.Model):
    """The PPID's written notice on a request (pemberitahuan tertulis, Pasal 22(7)); it
    is published as the thread's official answer and given as a PDF letter."""

    request = models.OneToOneField(
        InformationRequest, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("decision"), max_length=16, choices=DecisionOutcome.choices)
    exemption = models.CharField(
        _("exemption (UU 14/2008 Pasal 17)"), max_length=1, choices=Exemption.choices,
        blank=True,
    )
    consequence_test = models.TextField(
        _("consequence test"), max_length=REASON_MAX_LENGTH * 3, blank=True,
        help_text=_("Why disclosing this information would cause the harm the exemption "
                    "protects against (UU 14/2008 Pasal 19)."),
    )
    holding_office = models.CharField(
        _("office that holds the information"), max_length=200, blank=True
    )
    information_form = models.CharField(
        _("form of the information"), max_length=10, choices=InformationForm.choices,
        blank=True,
    )
    cost = models.PositiveIntegerField(_("cost (rupiah)"), default=0)
    cost_note = models.CharField(_("how the cost is computed"), max_length=300, blank=True)
    body = models.TextField(_("explanation"), max_length=LETTER_MAX_LENGTH)
    answer = models.OneToOneField(
        OfficialAnswer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    signer_name = models.CharField(max_length=200)
    signer_position = models.CharField(max_length=200)
    decided_at = models.DateTimeField(default=timezone.now)
    working_days = models.PositiveIntegerField(_("working days taken"), default=0)
    on_time = models.BooleanField(_("within the deadline"), default=True)

    class Meta:
        verbose_name = _("written decision")
        verbose_name_plural = _("written decisions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="refused") | (~Q(exemption="") & ~Q(consequence_test="")),
                name="disc_decision_refusal_has_exemption",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request.number}: {self.outcome}"


# The documents attached to a written decision (issue 22: "the attached documents"):
# at most this many, each at most this size, of these types (the content must match the
# type: forum_site.core.uploads.check_document_content; ppid.services checks them).
ATTACHMENT_MAX_FILES = 5
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_EXTENSIONS = ("pdf", "xlsx", "ods", "csv", "docx", "odt")
ATTACHMENT_NAME_MAX_LENGTH = 120
ATTACHMENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


class DecisionAttachment(models.Model):
    """One document attached to a written decision: public with the decision (its page
    link, the letter's list, the case-file ZIP); no uploader, a masked display name."""

    decision = models.ForeignKey(
        WrittenDecision, on_delete=models.CASCADE, related_name="attachments"
    )
    position = models.PositiveSmallIntegerField()
    # Saved under a random name (ppid.services): the uploaded file's own name, which may
    # hold a person's name, never reaches the file system or a URL; `name` keeps it masked.
    file = models.FileField(upload_to="ppid/decisions/%Y/", max_length=200)
    name = models.CharField(_("document name"), max_length=ATTACHMENT_NAME_MAX_LENGTH)
    extension = models.CharField(max_length=5)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")
        constraints = [
            models.UniqueConstraint(fields=["decision", "position"],
                                    name="disc_decision_attachment_position_once"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def download_name(self) -> str:
        """The file name of a download: the request number and the position (no
        personal data, whatever the uploaded file was called)."""
        number = self.decision.request.number.replace("/", "-")
        return f"lampiran-{number}-{self.position}.{self.extension}"


class ObjectionGround(models.TextChoices):
    """UU 14/2008 Pasal 35(1): the grounds for an objection."""

    REFUSED = "a", _("The request was refused (Pasal 17 exemption)")
    PERIODIC_NOT_PROVIDED = "b", _("Periodic information was not provided")
    NOT_ANSWERED = "c", _("The request was not answered")
    NOT_AS_REQUESTED = "d", _("The request was answered other than as asked")
    NOT_FULFILLED = "e", _("The request was not fulfilled")
    UNREASONABLE_COST = "f", _("An unreasonable cost was charged")
    LATE = "g", _("The answer came later than the law allows")


class Objection(models.Model):
    """The requester's objection (keberatan) to the atasan PPID: one per request (and so
    per decision), filed within 30 working days, answered within 30 working days."""

    request = models.OneToOneField(
        InformationRequest, on_delete=models.PROTECT, related_name="objection"
    )
    number = models.CharField(_("objection number"), max_length=44, unique=True)
    grounds = models.JSONField(_("grounds"), default=list)
    reason = models.TextField(_("reasons"), max_length=REASON_MAX_LENGTH * 3)
    filed_at = models.DateTimeField(_("filed"), default=timezone.now)
    due = models.DateField(_("answer due"))
    answer = models.TextField(_("written answer"), max_length=LETTER_MAX_LENGTH, blank=True)
    upheld = models.BooleanField(_("objection upheld"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    signer_name = models.CharField(max_length=200, blank=True)
    signer_position = models.CharField(max_length=200, blank=True)
    answer_working_days = models.PositiveIntegerField(null=True, blank=True)
    answered_late = models.BooleanField(default=False)
    is_overdue = models.BooleanField(_("overdue"), default=False)
    overdue_since = models.DateTimeField(null=True, blank=True)
    reminded_for_due = models.DateField(null=True, blank=True, editable=False)
    # Pasal 37: 14 working days from the objection's answer (or its due date, if late).
    komisi_due = models.DateField(_("Komisi Informasi deadline"), null=True, blank=True)
    komisi_filed_at = models.DateTimeField(_("taken to the Komisi Informasi"), null=True,
                                           blank=True)

    class Meta:
        ordering = ["-filed_at", "-pk"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return self.number

    @property
    def ground_labels(self) -> list[str]:
        labels = dict(ObjectionGround.choices)
        return [str(labels.get(code, code)) for code in self.grounds]
