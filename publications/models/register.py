"""Partners page and the public-information register (DIP, Daftar Informasi Publik)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from forum_site.core.pages import ViewRestrictionsInOneQuery
from publications import metrics

# A periodic (berkala) item must be refreshed at least every six months
# (UU 14/2008 Pasal 9; Perki 1/2021): older ones are flagged to editors.
PERIODIC_REFRESH_MONTHS = 6


class PartnersPage(ViewRestrictionsInOneQuery, Page):
    """Mitra: every partner institution with its MoU and the programs done together."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["publications.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "publications/partners_page.html"

    class Meta:
        verbose_name = _("partners page")

    def get_context(self, request, *args, **kwargs):
        from publications import selectors

        context = super().get_context(request, *args, **kwargs)
        context["partners"] = selectors.partner_list_public(locale=self.locale)
        return context


class InformationCategory(models.TextChoices):
    PERIODIC = "berkala", _("Periodic")
    IMMEDIATE = "serta_merta", _("Immediate")
    ON_REQUEST = "setiap_saat", _("Available at any time")
    EXEMPT = "dikecualikan", _("Exempt")


class PublicInformationEntryQuerySet(models.QuerySet):
    def needing_refresh(self, *, today: dt.date | None = None):
        """Periodic items last updated more than six months ago, and any item past its
        own refresh date."""
        today = today or timezone.localdate()
        cutoff = metrics.months_before(today, PERIODIC_REFRESH_MONTHS)
        return self.filter(
            models.Q(category=InformationCategory.PERIODIC, last_updated__lt=cutoff)
            | models.Q(refresh_due__lt=today)
        )


class PublicInformationEntry(index.Indexed, models.Model):
    """One line of the DIP. Exempt items are listed (the public has a right to know they
    exist and why they are exempt) but never carry a document or link."""

    category = models.CharField(_("category"), max_length=16, choices=InformationCategory.choices)
    title = models.CharField(_("information"), max_length=255)
    description = models.TextField(_("summary"), blank=True)
    responsible_unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("responsible unit"), on_delete=models.PROTECT,
        related_name="public_information",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    link = models.URLField(_("link"), blank=True)
    exemption_reason = models.TextField(
        _("reason for exemption"), blank=True,
        help_text=_("For exempt information: the legal basis and the consequence test."),
    )
    last_updated = models.DateField(_("last updated"))
    refresh_due = models.DateField(
        _("refresh due"), null=True, blank=True,
        help_text=_("When the information must next be updated."),
    )

    panels = [
        FieldRowPanel([FieldPanel("category"), FieldPanel("responsible_unit")]),
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("link")], heading=_("Where to find it")
        ),
        FieldPanel("exemption_reason"),
        FieldRowPanel([FieldPanel("last_updated"), FieldPanel("refresh_due")]),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.FilterField("category"),
    ]

    objects = PublicInformationEntryQuerySet.as_manager()

    class Meta:
        ordering = ["category", "title"]
        verbose_name = _("public-information entry")
        verbose_name_plural = _("public-information register (DIP)")
        indexes = [models.Index(fields=["category", "last_updated"])]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.category == InformationCategory.EXEMPT:
            if not self.exemption_reason.strip():
                errors["exemption_reason"] = _("Give the reason this information is exempt.")
            if self.document_id or self.link:
                errors["document"] = _("Exempt information is never published.")
        if self.refresh_due and self.last_updated and self.refresh_due < self.last_updated:
            errors["refresh_due"] = _("The refresh date cannot be before the last update.")
        if errors:
            raise ValidationError(errors)

    def needs_refresh(self, *, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        if self.refresh_due and self.refresh_due < today:
            return True
        return (
            self.category == InformationCategory.PERIODIC
            and self.last_updated < metrics.months_before(today, PERIODIC_REFRESH_MONTHS)
        )

    needs_refresh.boolean = True  # type: ignore[attr-defined]
    needs_refresh.short_description = _("needs refresh")  # type: ignore[attr-defined]


class PublicInformationPage(ViewRestrictionsInOneQuery, Page):
    """Daftar Informasi Publik: the register, grouped by category."""

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["publications.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "publications/public_information_page.html"

    class Meta:
        verbose_name = _("public-information register page")

    def get_context(self, request, *args, **kwargs):
        from publications import selectors

        context = super().get_context(request, *args, **kwargs)
        context["register"] = selectors.public_information_register()
        return context
