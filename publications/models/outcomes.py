"""Outcomes: what a program changed, measured by indicators, with schedule and budget
against plan. Progress and variance are computed (publications.metrics), never typed."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from publications import metrics
from publications.admin_forms import OutcomePageForm
from publications.blocks import BodyBlock

from .base import PublicationIndexPage, PublicationPage
from .programs import RUPIAH_DIGITS, ProgramStatus

MEASURE_DIGITS = 14


class OutcomeStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    PARTLY_ACHIEVED = "partly_achieved", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


class OutcomeIndexPage(PublicationIndexPage):
    subpage_types = ["publications.OutcomePage"]
    template = "publications/outcome_index_page.html"

    class Meta:
        verbose_name = _("outcome index")

    def feed_items(self, request):
        from publications import selectors

        return selectors.outcome_list_public(index=self)

    def get_context(self, request, *args, **kwargs):
        from publications import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.outcome_listing(index=self, params=request.GET))
        return context


class OutcomePage(PublicationPage):
    # Edited as `program_links` (the editor's chooser, one row per program); this is the
    # same set for queries (`programs__…`, prefetches, `program.outcomes`).
    programs = models.ManyToManyField(
        "publications.TrainingProgramPage", verbose_name=_("programs"), blank=True,
        related_name="outcomes", through="publications.OutcomeProgram",
        help_text=_("The programs that produced this result."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=OutcomeStatus.choices,
        default=OutcomeStatus.IN_PROGRESS,
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned finish"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual finish"), null=True, blank=True)
    budget_planned = models.DecimalField(
        _("planned budget (Rp)"), max_digits=RUPIAH_DIGITS, decimal_places=0,
        null=True, blank=True,
    )
    budget_actual = models.DecimalField(
        _("actual cost (Rp)"), max_digits=RUPIAH_DIGITS, decimal_places=0,
        null=True, blank=True,
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *PublicationPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("status"),
        MultipleChooserPanel(
            "program_links", chooser_field_name="program", label=_("Programs"),
            heading=_("Programs"), help_text=_(
                "The programs that produced this result, in this outcome's language. "
                "Choose them with search; a draft is marked and shows on the outcome "
                "once it is published."),
        ),
        InlinePanel("indicators", label=_("Indicators"), heading=_("Indicators"), min_num=0),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("planned_start"), FieldPanel("planned_end")]),
                FieldRowPanel([FieldPanel("actual_start"), FieldPanel("actual_end")]),
            ],
            heading=_("Schedule"),
        ),
        FieldRowPanel([FieldPanel("budget_planned"), FieldPanel("budget_actual")],
                      heading=_("Budget")),
        FieldPanel("body"),
        InlinePanel("evidence", label=_("Evidence"), heading=_("Evidence: documents and photos")),
    ]
    search_fields = [
        *PublicationPage.search_fields,
        index.SearchField("body"),
        index.FilterField("status"),
        index.RelatedFields("indicators", [index.SearchField("name")]),
    ]

    parent_page_types = ["publications.OutcomeIndexPage"]
    subpage_types: list[str] = []
    base_form_class = OutcomePageForm
    schema_type = "Report"
    template = "publications/outcome_page.html"

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        indexes = [models.Index(fields=["status"])]

    def clean(self):
        super().clean()
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned finish cannot be before the planned start.")
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            errors["actual_end"] = _("The actual finish cannot be before the actual start.")
        today = timezone.localdate()
        for name in ("actual_start", "actual_end"):
            if getattr(self, name) and getattr(self, name) > today and name not in errors:
                errors[name] = _("An actual date cannot be in the future: enter it once "
                                 "it has happened, or use the planned dates.")
        if errors:
            raise ValidationError(errors)

    def program_errors(self, *, programs, locale, publishing: bool) -> list[str]:
        """Why these programs cannot be this outcome's (empty when they can): every
        program in the outcome's language, and, when it is being published or sent for
        review, none still waiting to run."""
        errors = []
        for program in programs:
            if program.locale_id != locale.pk:
                errors.append(_(
                    "“%(program)s” is in another language. Choose the program in the "
                    "outcome's language (each translation links its own programs)."
                ) % {"program": program.title})
        if publishing:
            for program in programs:
                if program.status in (ProgramStatus.PLANNED, ProgramStatus.OPEN):
                    errors.append(_(
                        "“%(program)s” has not run yet (status: %(status)s). An outcome "
                        "reports what a program produced: publish it once the program "
                        "has run, or save it as a draft."
                    ) % {"program": program.title, "status": program.get_status_display()})
        return errors

    @property
    def schedule_variance(self):
        return metrics.schedule_variance(planned_end=self.planned_end, actual_end=self.actual_end)

    @property
    def budget_variance(self):
        return metrics.budget_variance(planned=self.budget_planned, actual=self.budget_actual)

    def get_context(self, request, *args, **kwargs):
        from publications import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.outcome_detail(outcome=self))
        return context

    def structured_data(self, request) -> dict:
        data = super().structured_data(request)
        data["creativeWorkStatus"] = self.get_status_display()
        return data


class OutcomeProgram(Orderable):
    """One program an outcome reports on: a row the editor's program chooser adds
    (publications.wagtail_hooks.ProgramChooserViewSet), so the choice is searchable and
    ordered and survives in revisions like the indicators do."""

    outcome = ParentalKey(OutcomePage, on_delete=models.CASCADE, related_name="program_links")
    program = models.ForeignKey(
        "publications.TrainingProgramPage", on_delete=models.CASCADE,
        related_name="outcome_links", verbose_name=_("program"),
    )

    panels = [FieldPanel("program")]

    class Meta(Orderable.Meta):
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        constraints = [models.UniqueConstraint(fields=["outcome", "program"],
                                               name="publications_outcome_program_once")]

    def __str__(self):
        return str(self.program)


class OutcomeIndicator(Orderable):
    """One measured indicator of an outcome: baseline → target, and the actual value."""

    page = ParentalKey(OutcomePage, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=255)
    unit_of_measure = models.CharField(
        _("unit of measure"), max_length=60, help_text=_("e.g. days, %, people, services")
    )
    baseline = models.DecimalField(_("baseline"), max_digits=MEASURE_DIGITS, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=MEASURE_DIGITS, decimal_places=2)
    actual = models.DecimalField(
        _("actual"), max_digits=MEASURE_DIGITS, decimal_places=2, null=True, blank=True,
        help_text=_("Leave empty until it has been measured."),
    )
    measured_on = models.DateField(_("date measured"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=255, blank=True,
        help_text=_("Where the figure comes from, e.g. 'SIMPEG BKPSDM, December 2026'."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("unit_of_measure"), FieldPanel("baseline"),
                       FieldPanel("target")]),
        FieldRowPanel([FieldPanel("actual"), FieldPanel("measured_on")]),
        FieldPanel("source"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def clean(self):
        if self.actual is not None and self.measured_on is None:
            raise ValidationError({"measured_on": _("Say when the actual value was measured.")})
        if self.measured_on and self.measured_on > timezone.localdate():
            raise ValidationError({"measured_on": _(
                "The measurement date cannot be in the future.")})

    def __str__(self) -> str:
        return self.name

    @property
    def progress(self):
        """Percent of the way from baseline to target (see metrics.indicator_progress)."""
        return metrics.indicator_progress(
            baseline=self.baseline, target=self.target, actual=self.actual
        )

    @property
    def progress_for_meter(self):
        """Progress clamped to 0–100 for a <meter> element; the text shows the real value."""
        progress = self.progress
        if progress is None:
            return None
        return max(0, min(100, progress))


class OutcomeEvidence(Orderable):
    """A document or photo that proves the outcome (handover report, photo of the building)."""

    page = ParentalKey(OutcomePage, on_delete=models.CASCADE, related_name="evidence")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )
    caption = models.CharField(_("caption"), max_length=250)

    panels = [FieldPanel("caption"), FieldRowPanel([FieldPanel("document"), FieldPanel("image")])]

    class Meta(Orderable.Meta):
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(document__isnull=False) | models.Q(image__isnull=False),
                name="publications_evidence_has_file",
            )
        ]

    def clean(self):
        if not self.document_id and not self.image_id:
            raise ValidationError(_("Choose a document or a photo."))
