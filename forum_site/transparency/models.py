"""The annual public-information service report as a Wagtail page: staff write the
narrative (policy, obstacles, recommendations); the figures are generated from the
forum's information requests of the page's year (transparency.report)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

NARRATIVE_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


class InformationServiceReportPage(Page):
    """Laporan Layanan Informasi Publik for one year (UU 14/2008 Pasal 12, Perki 1/2021
    Pasal 56). Sections I–III are generated; the others are written here."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2008), MaxValueValidator(2100)],
        help_text=_("The figures of this year's information requests are added "
                    "automatically."),
    )
    summary = models.TextField(
        _("summary"), max_length=400, blank=True,
        help_text=_("Two or three plain sentences for listings and link previews."),
    )
    policy = RichTextField(
        _("policy on public information"), blank=True, features=NARRATIVE_FEATURES,
        help_text=_("The office's policy and how the PPID is organised."),
    )
    obstacles = RichTextField(
        _("obstacles"), blank=True, features=NARRATIVE_FEATURES,
        help_text=_("Internal and external obstacles in serving information requests."),
    )
    recommendations = RichTextField(
        _("recommendations"), blank=True, features=NARRATIVE_FEATURES,
        help_text=_("Recommendations and follow-up to improve the service."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("summary"),
        FieldPanel("policy"),
        FieldPanel("obstacles"),
        FieldPanel("recommendations"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("policy"),
        index.SearchField("obstacles"),
        index.SearchField("recommendations"),
        index.FilterField("year"),
    ]
    parent_page_types = ["publications.HomePage"]
    subpage_types: list[str] = []
    template = "transparency/information_service_report_page.html"

    class Meta:
        verbose_name = _("annual information-service report")
        verbose_name_plural = _("annual information-service reports")

    def get_context(self, request, *args, **kwargs):
        from .report import report_data

        context = super().get_context(request, *args, **kwargs)
        context.update(report_data(year=self.year))
        context["report_page"] = self
        return context
