"""Training programs: what was run, with whom, for whom, at what cost."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from publications import metrics
from publications.admin_forms import TrainingProgramPageForm
from publications.blocks import BodyBlock

from .base import PublicationIndexPage, PublicationPage

RUPIAH_DIGITS = 15  # up to Rp 999 triliun, whole rupiah (budgets have no sen)


class ProgramFormat(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    COURSE = "course", _("Course")
    INTERNSHIP = "internship", _("Internship")
    JOINT_RESEARCH = "joint_research", _("Joint research")
    SOCIALISATION = "socialisation", _("Outreach session")


class ProgramStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for registration")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class TrainingProgramIndexPage(PublicationIndexPage):
    """Program: the list of programs, filtered by area, format, year, status and unit."""

    subpage_types = ["publications.TrainingProgramPage"]
    template = "publications/training_program_index_page.html"

    class Meta:
        verbose_name = _("program index")

    def feed_items(self, request):
        from publications import selectors

        return selectors.program_list_public(index=self)

    def get_context(self, request, *args, **kwargs):
        from publications import selectors

        context = super().get_context(request, *args, **kwargs)
        listing = selectors.program_listing(index=self, params=request.GET)
        context.update(listing)
        return context


class TrainingProgramPage(PublicationPage):
    competency_area = models.ForeignKey(
        "publications.CompetencyArea", verbose_name=_("competency area"),
        on_delete=models.PROTECT, null=True, related_name="programs",
    )
    format = models.CharField(_("format"), max_length=20, choices=ProgramFormat.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ProgramStatus.choices, default=ProgramStatus.PLANNED
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    organiser = models.ForeignKey(
        "accounts.Unit", verbose_name=_("organising unit"), on_delete=models.PROTECT,
        null=True, related_name="training_programs",
    )
    partners = ParentalManyToManyField(
        "publications.PartnerInstitution", verbose_name=_("partner institutions"),
        blank=True, related_name="programs",
    )
    target_participants = models.CharField(
        _("target participants"), max_length=255,
        help_text=_("Who the program is for, e.g. 'Administrators (eselon III) in all units'."),
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    participants = models.PositiveIntegerField(
        _("actual participants"), null=True, blank=True,
        help_text=_("Fill in when the program has run."),
    )
    budget_planned = models.DecimalField(
        _("planned budget (Rp)"), max_digits=RUPIAH_DIGITS, decimal_places=0,
        null=True, blank=True,
    )
    budget_spent = models.DecimalField(
        _("budget spent (Rp)"), max_digits=RUPIAH_DIGITS, decimal_places=0,
        null=True, blank=True,
    )
    registration_deadline = models.DateField(
        _("registration closes on"), null=True, blank=True,
        help_text=_("Required while the program is open for registration."),
    )
    registration_requirements = models.TextField(
        _("who may register and what to send"), blank=True,
        help_text=_("Eligibility, documents, approval from the head of unit, and so on."),
    )
    registration_url = models.URLField(
        _("registration link"), blank=True,
        help_text=_("The form or page where people register (an address starting with https://)."),
    )
    registration_contact = models.CharField(
        _("registration contact"), max_length=200, blank=True,
        help_text=_("An office desk, email address or phone number of the organising unit."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    base_form_class = TrainingProgramPageForm

    content_panels = [
        *PublicationPage.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("competency_area"), FieldPanel("format")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("organiser")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("place"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("target_participants"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("participants")]),
            ],
            heading=_("Participants"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_deadline"),
                FieldPanel("registration_requirements"),
                FieldRowPanel([FieldPanel("registration_url"),
                               FieldPanel("registration_contact")]),
            ],
            heading=_("Registration"),
        ),
        FieldRowPanel([FieldPanel("budget_planned"), FieldPanel("budget_spent")],
                      heading=_("Budget")),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments"), heading=_("Attachments")),
    ]
    search_fields = [
        *PublicationPage.search_fields,
        index.SearchField("body"),
        index.SearchField("place"),
        index.SearchField("target_participants"),
        index.FilterField("format"),
        index.FilterField("status"),
        index.FilterField("start_date"),
        index.FilterField("competency_area"),
        index.FilterField("organiser"),
        index.RelatedFields("competency_area", [index.SearchField("name")]),
        index.RelatedFields("organiser", [index.SearchField("name")]),
    ]

    # Loaded with the page when it is served (HomePage.route): its template shows them.
    serve_select_related = ("organiser", "competency_area")
    parent_page_types = ["publications.TrainingProgramIndexPage"]
    subpage_types: list[str] = []
    schema_type = "Event"
    template = "publications/training_program_page.html"

    class Meta:
        verbose_name = _("training program")
        verbose_name_plural = _("training programs")
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="publications_program_dates_ordered",
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.participants and self.status in (ProgramStatus.PLANNED, ProgramStatus.OPEN):
            errors["participants"] = _("A program that has not started has no participants yet.")
        if errors:
            raise ValidationError(errors)

    @property
    def year(self) -> int | None:
        return self.start_date.year if self.start_date else None

    @property
    def participation_rate(self):
        return metrics.participation_rate(capacity=self.capacity, participants=self.participants)

    @property
    def budget_variance(self):
        return metrics.budget_variance(planned=self.budget_planned, actual=self.budget_spent)

    def get_context(self, request, *args, **kwargs):
        from publications import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.program_detail(program=self))
        return context

    def structured_data(self, request) -> dict:
        data = super().structured_data(request)
        del data["headline"]
        status = {
            ProgramStatus.CANCELLED: "https://schema.org/EventCancelled",
        }.get(self.status, "https://schema.org/EventScheduled")
        data.update(
            {
                "startDate": self.start_date.isoformat(),
                "eventStatus": status,
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "location": {"@type": "Place", "name": self.place,
                             "address": self.place},
            }
        )
        if self.end_date:
            data["endDate"] = self.end_date.isoformat()
        if self.organiser_id:
            data["organizer"] = {"@type": "GovernmentOrganization", "name": self.organiser.name}
        if self.capacity:
            data["maximumAttendeeCapacity"] = self.capacity
        if self.competency_area_id:
            data["about"] = self.competency_area.label
        return data


class ProgramAttachment(Orderable):
    page = ParentalKey(TrainingProgramPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("link text"), max_length=200, blank=True,
        help_text=_("Leave empty to use the document's title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def label(self) -> str:
        return self.title or self.document.title
