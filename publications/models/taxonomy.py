"""Snippets shared by many pages: competency areas and partner institutions.

They are not Wagtail-translatable objects: each carries its Indonesian text and an
optional English twin, so a program in either language points at the same row and the
open data has one stable code per area and partner."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


def _in_english() -> bool:
    return (get_language() or "").split("-")[0] == "en"


class CompetencyArea(index.Indexed, models.Model):
    """An editable taxonomy: managerial, leadership, innovation, digital/IT for public
    service, project management, … Editors add areas without a code change."""

    name = models.CharField(_("name (Indonesian)"), max_length=120, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    slug = models.SlugField(
        _("code"), max_length=80, unique=True,
        help_text=_("Used in addresses and open data; do not change once published."),
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_en"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("competency area")
        verbose_name_plural = _("competency areas")

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name in the active language (Indonesian when no English name is given)."""
        return self.name_en if _in_english() and self.name_en else self.name


class PartnerInstitution(index.Indexed, models.Model):
    """A university or other institution the office works with, and its MoU."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University or polytechnic")
        OTHER = "other", _("Other institution")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("code"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices,
                            default=Kind.UNIVERSITY)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    mou_document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("MoU document"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    mou_signed_on = models.DateField(_("MoU signed on"), null=True, blank=True)
    mou_valid_until = models.DateField(_("MoU valid until"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("city")]),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        MultiFieldPanel(
            [
                FieldPanel("mou_document"),
                FieldRowPanel([FieldPanel("mou_signed_on"), FieldPanel("mou_valid_until")]),
            ],
            heading=_("Memorandum of understanding (MoU)"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
        index.SearchField("description"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner institution")
        verbose_name_plural = _("partner institutions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mou_valid_until__isnull=True)
                | models.Q(mou_signed_on__isnull=True)
                | models.Q(mou_valid_until__gte=models.F("mou_signed_on")),
                name="publications_partner_mou_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def description_text(self) -> str:
        """The description in the active language, falling back to Indonesian."""
        return self.description_en if _in_english() and self.description_en else self.description

    def clean(self):
        from django.core.exceptions import ValidationError

        if (self.mou_signed_on and self.mou_valid_until
                and self.mou_valid_until < self.mou_signed_on):
            raise ValidationError(
                {"mou_valid_until": _("The MoU cannot end before it was signed.")}
            )
