"""Thread data: categories, threads, official answers, the public event log, reactions
(support, follow) and the holiday calendar the SLA clock counts on.

Models hold fields, constraints and properties over their own fields. Every write goes
through `discussions.threads.services`; the event log and answer history are append-only
(the model refuses updates and deletes, and the database refuses them too: see migration
0002). `discussions.models` imports every model of the app, so Django finds them.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from forum_site.accounts.models import Unit

from ..text import validate_visible

TITLE_MIN_LENGTH = 8
TITLE_MAX_LENGTH = 150
BODY_MIN_LENGTH = 20
BODY_MAX_LENGTH = 10_000
ANSWER_MAX_LENGTH = 20_000
REASON_MAX_LENGTH = 1_000


def _sla_default(key: str) -> int:
    return settings.SERAMBI_SLA_DEFAULTS[key]


# Module-level callables so migrations can refer to them (defaults come from settings).
def default_first_response_days() -> int:
    return _sla_default("first_response")


def default_answer_days() -> int:
    return _sla_default("answer")


def default_information_request_days() -> int:
    return _sla_default("information_request")


def default_extension_days() -> int:
    return _sla_default("extension")


def default_closing_days() -> int:
    return _sla_default("closing")


def _working_days_field(verbose_name, default, help_text):
    return models.PositiveSmallIntegerField(
        verbose_name, default=default, help_text=help_text,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )


class Category(models.Model):
    """A forum category with the unit its threads go to by default and its deadline
    profile (working days, defaults from DESIGN.md)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    default_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("default unit"),
        help_text=_("Threads in this category go to this unit unless the citizen picks another."),
    )
    first_response_days = _working_days_field(
        _("first response (working days)"), default_first_response_days,
        _("The unit acknowledges or answers within this many working days."),
    )
    answer_days = _working_days_field(
        _("official answer (working days)"), default_answer_days,
        _("The unit publishes an official answer within this many working days."),
    )
    information_request_days = _working_days_field(
        _("information request answer (working days)"), default_information_request_days,
        _("UU 14/2008 Pasal 22: a written answer within 10 working days."),
    )
    extension_days = _working_days_field(
        _("information request extension (working days)"), default_extension_days,
        _("One extension with a public reason; UU 14/2008 allows 7 working days."),
    )
    closing_days = _working_days_field(
        _("closing window (working days)"), default_closing_days,
        _("Without a reply from the asker, an answered thread resolves after this many "
          "working days."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name

    @property
    def display_description(self) -> str:
        if self.description_en and (get_language() or "").startswith("en"):
            return self.description_en
        return self.description


class Holiday(models.Model):
    """A day that is not a working day besides Saturdays and Sundays: a national holiday
    or collective leave (cuti bersama). Edited by moderators when a decree changes."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National holiday")
        COLLECTIVE_LEAVE = "collective_leave", _("Collective leave (cuti bersama)")

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NATIONAL)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class ThreadKind(models.TextChoices):
    QUESTION = "question", pgettext_lazy("thread kind", "Question")
    FEEDBACK = "feedback", pgettext_lazy("thread kind", "Feedback")
    COMPLAINT = "complaint", pgettext_lazy("thread kind", "Complaint")
    SUGGESTION = "suggestion", pgettext_lazy("thread kind", "Suggestion")
    INFORMATION_REQUEST = "information_request", pgettext_lazy(
        "thread kind", "Information request"
    )


class ThreadStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("thread status", "Open")
    ANSWERED = "answered", pgettext_lazy("thread status", "Answered")
    RESOLVED = "resolved", pgettext_lazy("thread status", "Resolved")
    REOPENED = "reopened", pgettext_lazy("thread status", "Reopened")
    CLOSED = "closed", pgettext_lazy("thread status", "Closed")


# Threads that wait for the unit: the queue and the deadlines apply to these.
AWAITING_UNIT = (ThreadStatus.OPEN, ThreadStatus.REOPENED)


class CloseReason(models.TextChoices):
    DUPLICATE = "duplicate", _("Duplicate of another thread")
    OFF_TOPIC = "off_topic", _("Off-topic")
    OUT_OF_SCOPE = "out_of_scope", _("Outside the responsibility of the government units here")


class ThreadVisibility(models.TextChoices):
    """Moderation of a whole thread, apart from its status (open, answered…)."""

    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Hidden after flags, pending review")
    HIDDEN = "hidden", _("Hidden by a moderator")
    # Pre-moderation (a new account's thread): only its author and moderators see it,
    # and the unit's deadlines start when a moderator approves it.
    WAITING = "waiting", _("Awaiting moderation")
    REJECTED = "rejected", _("Rejected by a moderator")


# Visibilities a thread's own author still sees (with a notice saying why it is not public).
AUTHOR_SEES = (ThreadVisibility.WAITING, ThreadVisibility.REJECTED)


class InformationDecision(models.TextChoices):
    """What the unit decided on an information request (UU 14/2008; reported yearly)."""

    GRANTED = "granted", _("Granted")
    PARTLY_GRANTED = "partly_granted", _("Partly granted")
    REFUSED = "refused", _("Refused")


class RefusalGround(models.TextChoices):
    """Why (part of) a request was refused: the grounds the annual report counts."""

    EXEMPT = "exempt", _("Exempt information (UU 14/2008 Pasal 17)")
    NOT_HELD = "not_held", _("The office does not hold this information")
    NOT_DOCUMENTED = "not_documented", _("The information is not documented yet")
    OTHER = "other", _("Another reason, explained in the answer")


class Thread(models.Model):
    """A citizen's question, feedback, complaint, suggestion or information request,
    routed to a unit (OPD), with its deadlines and denormalised counters."""

    kind = models.CharField(_("kind"), max_length=24, choices=ThreadKind.choices)
    title = models.CharField(
        _("title"), max_length=TITLE_MAX_LENGTH,
        validators=[validate_visible, MinLengthValidator(TITLE_MIN_LENGTH)],
    )
    body = models.TextField(
        _("text"), max_length=BODY_MAX_LENGTH,
        validators=[validate_visible, MinLengthValidator(BODY_MIN_LENGTH)],
        help_text=_("Markdown source, exactly as written."),
    )
    body_html = models.TextField(editable=False, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="forum_threads", verbose_name=_("author"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="forum_threads", verbose_name=_("unit")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="threads", verbose_name=_("category")
    )
    publication_page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("about the page"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ThreadStatus.choices, default=ThreadStatus.OPEN
    )
    close_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=CloseReason.choices, blank=True
    )
    close_note = models.TextField(_("explanation"), max_length=REASON_MAX_LENGTH, blank=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("duplicate of"),
    )

    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    # Deadlines are dates: the unit has until the end of that working day.
    first_response_due = models.DateField(_("first response due"), null=True, blank=True)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    closing_due = models.DateField(_("closes automatically after"), null=True, blank=True)
    is_overdue = models.BooleanField(_("overdue"), default=False)
    overdue_since = models.DateTimeField(_("first overdue"), null=True, blank=True)
    reminded_for_due = models.DateField(null=True, blank=True, editable=False)
    extended_at = models.DateTimeField(_("deadline extended"), null=True, blank=True)
    extension_reason = models.TextField(
        _("reason for the extension"), max_length=REASON_MAX_LENGTH, blank=True
    )

    # Working days from opening to each milestone, written by the services that set the
    # timestamps (sla.working_days_elapsed), so statistics aggregate them in the database.
    first_response_working_days = models.PositiveIntegerField(
        _("working days to first response"), null=True, blank=True, editable=False
    )
    answer_working_days = models.PositiveIntegerField(
        _("working days to official answer"), null=True, blank=True, editable=False
    )
    resolution_working_days = models.PositiveIntegerField(
        _("working days to resolution"), null=True, blank=True, editable=False
    )

    # Information requests only: the decision the answer announced (annual report).
    information_decision = models.CharField(
        _("decision on the request"), max_length=16, choices=InformationDecision.choices,
        blank=True,
    )
    refusal_ground = models.CharField(
        _("ground for refusal"), max_length=16, choices=RefusalGround.choices, blank=True
    )

    supporters_count = models.PositiveIntegerField(_("supporters"), default=0)
    followers_count = models.PositiveIntegerField(_("followers"), default=0)
    answers_count = models.PositiveIntegerField(_("official answers"), default=0)
    comments_count = models.PositiveIntegerField(_("comments"), default=0)

    visibility = models.CharField(
        _("visibility"), max_length=10, choices=ThreadVisibility.choices,
        default=ThreadVisibility.PUBLISHED, db_index=True,
    )
    flags_weight = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            models.Index(fields=["status", "-created_at"], name="disc_thread_status_idx"),
            models.Index(fields=["unit", "status", "answer_due"], name="disc_thread_queue_idx"),
            models.Index(fields=["is_overdue", "status"], name="disc_thread_overdue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ThreadStatus.CLOSED) | ~Q(close_reason=""),
                name="disc_thread_closed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("discussions:thread_detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.duplicate_of_id and self.duplicate_of_id == self.pk:
            raise ValidationError({"duplicate_of": _("A thread cannot duplicate itself.")})

    @property
    def is_information_request(self) -> bool:
        return self.kind == ThreadKind.INFORMATION_REQUEST

    @property
    def awaits_unit(self) -> bool:
        return self.status in AWAITING_UNIT

    @property
    def active_due(self):
        """The next deadline the unit has to meet, or None."""
        if not self.awaits_unit:
            return None
        if self.first_response_at is None and self.first_response_due:
            return min(d for d in (self.first_response_due, self.answer_due) if d)
        return self.answer_due

    @property
    def next_deadline(self) -> Deadline | None:
        """The one deadline a reader of the thread's row should see, with what it is for:
        the unit's first response or answer while it owes one, else the day an answered
        thread closes unless the asker replies. Listings show it through
        ``discussions/includes/next_deadline.html`` so the rule lives here only."""
        due = self.active_due
        if due:
            if self.first_response_at is None and due == self.first_response_due:
                return Deadline(due, Deadline.FIRST_RESPONSE)
            return Deadline(due, Deadline.ANSWER)
        if self.status == ThreadStatus.ANSWERED and self.closing_due:
            return Deadline(self.closing_due, Deadline.CLOSING)
        return None


class Deadline(NamedTuple):
    """A date and what has to happen by then (see ``Thread.next_deadline``)."""

    date: datetime.date
    kind: str

    FIRST_RESPONSE = "first_response"
    ANSWER = "answer"
    CLOSING = "closing"

    @property
    def label(self) -> str:
        return {
            self.FIRST_RESPONSE: _("first response"),
            self.ANSWER: _("answer"),
            self.CLOSING: _("closes automatically unless the asker replies"),
        }[self.kind]


class ThreadPrivateDetail(models.Model):
    """A piece of personal data the asker typed into their thread's title or body (a
    phone number, an email address, an identity number), masked on every public surface
    and kept here, apart, because the unit may need it to reach them: shown only to the
    unit's verified ASN and moderators, marked as private; never exported as open data
    or indexed; erased with the asker's account (`personal_data.erase_user_data`)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="private_details")
    kind = models.CharField(max_length=10)
    value = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("private detail of the asker")
        verbose_name_plural = _("private details of the asker")

    def __str__(self) -> str:
        return f"{self.thread_id} {self.kind}"


class ThreadEventKind(models.TextChoices):
    CREATED = "created", _("Thread opened")
    ROUTED = "routed", _("Routed to a unit")
    ACKNOWLEDGED = "acknowledged", _("Received by the unit")
    EXTENDED = "extended", _("Deadline extended")
    ANSWERED = "answered", _("Official answer published")
    ANSWER_EDITED = "answer_edited", _("Official answer edited")
    CONFIRMED = "confirmed", _("Confirmed as solved by the asker")
    AUTO_RESOLVED = "auto_resolved", _("Resolved automatically")
    DISPUTED = "disputed", _("Disputed by the asker")
    CLOSED = "closed", _("Closed by a moderator")
    OVERDUE = "overdue", _("Deadline passed")
    HIDDEN = "hidden", _("Hidden by a moderator")
    RESTORED = "restored", _("Shown again by a moderator")
    AUTO_HIDDEN = "auto_hidden", _("Hidden after reports, pending review")
    # The public-information path (ppid_models).
    REGISTERED = "registered", _("Request registered")
    DECIDED = "decided", _("Written decision given")
    OBJECTED = "objected", _("Objection filed")
    OBJECTION_ANSWERED = "objection_answered", _("Objection answered")
    OBJECTION_OVERDUE = "objection_overdue", _("Objection answer overdue")
    KOMISI = "komisi", _("Taken to the Komisi Informasi")
    REJECTED = "rejected", _("Rejected by a moderator")


class ActorRole(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    ASN = "asn", _("ASN")
    MODERATOR = "moderator", _("Moderator")
    SYSTEM = "system", _("Serambi (automatic)")


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk updates and deletes are refused: these rows are a public record."""

    def update(self, **kwargs):
        raise TypeError(f"{self.model.__name__} rows are append-only.")

    def delete(self):
        raise TypeError(f"{self.model.__name__} rows are append-only.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError(f"{type(self).__name__} rows are append-only.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(f"{type(self).__name__} rows are append-only.")


class ThreadEvent(AppendOnlyModel):
    """One step in a thread's public timeline: who, when, from which status to which,
    and why. Re-routing is an event too (data holds the unit names)."""

    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=ThreadEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    # Snapshot of how the actor was shown when it happened (names change; accounts go).
    actor_name = models.CharField(max_length=200, blank=True)
    actor_role = models.CharField(max_length=16, choices=ActorRole.choices)
    at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=16, choices=ThreadStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ThreadStatus.choices)
    reason = models.TextField(max_length=REASON_MAX_LENGTH, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("thread event")
        verbose_name_plural = _("thread events")
        indexes = [models.Index(fields=["thread", "at"], name="disc_event_thread_at_idx")]

    def __str__(self) -> str:
        return f"{self.thread_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    @property
    def changes_status(self) -> bool:
        return self.from_status != self.to_status


class OfficialAnswer(models.Model):
    """A Jawaban Resmi: published by a verified ASN of the thread's unit (or a moderator),
    signed with the name, position and unit they held when publishing."""

    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="official_answers",
    )
    signer_name = models.CharField(_("name"), max_length=200)
    signer_position = models.CharField(_("position"), max_length=200)
    signer_unit = models.CharField(_("unit"), max_length=200)
    body = models.TextField(
        _("answer"), max_length=ANSWER_MAX_LENGTH,
        validators=[validate_visible, MinLengthValidator(BODY_MIN_LENGTH)],
    )
    body_html = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    revisions_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("official answer")
        verbose_name_plural = _("official answers")

    def __str__(self) -> str:
        return f"{self.signer_name} — {self.thread_id}"

    @property
    def anchor(self) -> str:
        return f"jawaban-resmi-{self.pk}"


class OfficialAnswerRevision(AppendOnlyModel):
    """One edit of an official answer, public: who, when, the text before and after."""

    answer = models.ForeignKey(OfficialAnswer, on_delete=models.PROTECT, related_name="revisions")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    editor_name = models.CharField(max_length=200)
    edited_at = models.DateTimeField(default=timezone.now)
    previous_body = models.TextField()
    new_body = models.TextField()

    class Meta:
        ordering = ["-edited_at", "-pk"]
        verbose_name = _("official answer revision")
        verbose_name_plural = _("official answer revisions")

    def __str__(self) -> str:
        return f"{self.answer_id} {self.edited_at:%Y-%m-%d %H:%M}"


class Support(models.Model):
    """'Me too': the user has the same question or problem. A deleted account's support
    still counts (the row stays, without the person), so the counter stays true."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="forum_supports",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="disc_support_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} supports {self.thread_id}"


class Follow(models.Model):
    """A user follows a thread (new official answers are notified). Deleting the account
    removes the row; `signals.forget_deleted_follower` keeps the counter true."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="disc_follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.thread_id}"
