"""The satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB 14/2017): one
response per resolved thread, from its asker, and the follow-up plan a unit publishes
for a year's results. Figures are computed in `discussions.survey.skm`; writes are in
`discussions.survey.services`."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum_site.accounts.models import Unit

SURVEY_COMMENT_MAX_LENGTH = 1_000
FOLLOW_UP_MAX_LENGTH = 5_000

# The nine elements (unsur) of PermenPANRB 14/2017, in the regulation's order:
# (field name, label, question).
ELEMENTS = (
    ("requirements", _("Requirements"),
     _("How well did the requirements of the service match what you were asked for?")),
    ("procedure", _("Procedure"),
     _("How easy was the procedure of the service?")),
    ("service_time", _("Service time"),
     _("How fast was the service?")),
    ("cost", _("Cost or fee"),
     _("How fair was the cost of the service (free services: was it really free)?")),
    ("product", _("Product of the service"),
     _("How well did the result of the service match what was promised?")),
    ("competence", _("Staff competence"),
     _("How competent were the staff who served you?")),
    ("conduct", _("Staff conduct"),
     _("How courteous and friendly were the staff who served you?")),
    ("complaint_handling", _("Handling of complaints, suggestions and feedback"),
     _("How well are complaints, suggestions and feedback handled?")),
    ("facilities", _("Facilities"),
     _("How good are the facilities (here: this forum and the office's channels)?")),
)
ELEMENT_FIELDS = tuple(name for name, _label, _question in ELEMENTS)

# The regulation's 1–4 scale (the questionnaire words them per element; these are the
# general ones).
SCALE = (
    (1, _("1 · Not good")),
    (2, _("2 · Less than good")),
    (3, _("3 · Good")),
    (4, _("4 · Very good")),
)


def _score_field(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(4)], choices=SCALE
    )


class SurveyCommentStatus(models.TextChoices):
    NONE = "none", _("No comment")
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Gender(models.TextChoices):
    MALE = "m", _("Male")
    FEMALE = "f", _("Female")


class AgeBand(models.TextChoices):
    UNDER_20 = "lt20", _("Under 20")
    FROM_20 = "20-29", _("20–29")
    FROM_30 = "30-39", _("30–39")
    FROM_40 = "40-49", _("40–49")
    FROM_50 = "50+", _("50 or older")


class Education(models.TextChoices):
    SD = "sd", _("Primary school (SD) or lower")
    SMP = "smp", _("Junior secondary (SMP)")
    SMA = "sma", _("Senior secondary (SMA/SMK)")
    DIPLOMA = "diploma", _("Diploma (D1–D4)")
    S1 = "s1", _("Bachelor (S1)")
    S2 = "s2", _("Master (S2)")
    S3 = "s3", _("Doctorate (S3)")


class Occupation(models.TextChoices):
    CIVIL_SERVANT = "pns", _("Civil servant (PNS/PPPK)")
    MILITARY = "tni", _("Armed forces (TNI)")
    POLICE = "polri", _("Police (POLRI)")
    PRIVATE = "private", _("Private sector employee")
    SELF_EMPLOYED = "self", _("Self-employed")
    STUDENT = "student", _("Student")
    OTHER = "other", _("Other")


class SurveyResponse(models.Model):
    """One asker's rating of the service their resolved thread received. The unit is
    copied from the thread when the response is given; the respondent is never shown
    publicly (public pages show aggregates only, comments without a name)."""

    thread = models.OneToOneField(
        "discussions.Thread", on_delete=models.PROTECT, related_name="survey_response"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="survey_responses", verbose_name=_("unit")
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="survey_responses",
    )
    requirements = _score_field(_("Requirements"))
    procedure = _score_field(_("Procedure"))
    service_time = _score_field(_("Service time"))
    cost = _score_field(_("Cost or fee"))
    product = _score_field(_("Product of the service"))
    competence = _score_field(_("Staff competence"))
    conduct = _score_field(_("Staff conduct"))
    complaint_handling = _score_field(_("Handling of complaints, suggestions and feedback"))
    facilities = _score_field(_("Facilities"))
    comment = models.TextField(_("comment"), max_length=SURVEY_COMMENT_MAX_LENGTH, blank=True)
    comment_status = models.CharField(
        _("comment status"), max_length=10, choices=SurveyCommentStatus.choices,
        default=SurveyCommentStatus.NONE,
    )
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age"), max_length=6, choices=AgeBand.choices, blank=True)
    education = models.CharField(
        _("education"), max_length=8, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("occupation"), max_length=8, choices=Occupation.choices, blank=True
    )
    # The year the service was completed (the thread's resolution): the period it counts in.
    period_year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    created_at = models.DateTimeField(_("answered"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    editable_until = models.DateTimeField(_("editable until"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("satisfaction survey response")
        verbose_name_plural = _("satisfaction survey responses")
        indexes = [models.Index(fields=["unit", "period_year"], name="disc_skm_unit_year_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__gte": 1}) & Q(**{f"{name}__lte": 4}),
                name=f"disc_skm_{name}_1_4",
            )
            for name in ELEMENT_FIELDS
        ]

    def __str__(self) -> str:
        return f"SKM {self.thread_id}"

    def scores(self) -> list[int]:
        return [getattr(self, name) for name in ELEMENT_FIELDS]


class FollowUpPlan(models.Model):
    """A unit's published follow-up plan (rencana tindak lanjut) for a year's survey
    results, written by its verified ASN or a moderator."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="survey_follow_up_plans",
        verbose_name=_("unit"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    elements = models.JSONField(_("elements addressed"), default=list, blank=True)
    plan = models.TextField(_("follow-up plan"), max_length=FOLLOW_UP_MAX_LENGTH)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    updated_by_name = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "unit__name"]
        verbose_name = _("survey follow-up plan")
        verbose_name_plural = _("survey follow-up plans")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="disc_skm_plan_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"
