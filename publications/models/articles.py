"""Reports (Laporan) and news (Berita)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.search import index

from publications.blocks import BodyBlock

from .base import PublicationIndexPage, PublicationPage


class ReportIndexPage(PublicationIndexPage):
    subpage_types = ["publications.ReportPage"]
    template = "publications/report_index_page.html"

    class Meta:
        verbose_name = _("report index")

    def feed_items(self, request):
        from publications import selectors

        return selectors.report_list_public(index=self)

    def get_context(self, request, *args, **kwargs):
        from publications import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.report_listing(index=self, params=request.GET))
        return context


class ReportPage(PublicationPage):
    """A published report: annual performance, program evaluation, public-information
    service report. The document is the report itself; the body summarises it."""

    date = models.DateField(_("report date"))
    period = models.CharField(
        _("period covered"), max_length=100, blank=True, help_text=_("e.g. 'Tahun 2026'")
    )
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("report document"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *PublicationPage.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("period")]),
        FieldPanel("unit"),
        FieldPanel("document"),
        FieldPanel("body"),
    ]
    search_fields = [
        *PublicationPage.search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["publications.ReportIndexPage"]
    subpage_types: list[str] = []
    schema_type = "Report"
    template = "publications/report_page.html"

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def structured_data(self, request) -> dict:
        data = super().structured_data(request)
        data["dateCreated"] = self.date.isoformat()
        if self.period:
            data["temporalCoverage"] = self.period
        return data


class NewsIndexPage(PublicationIndexPage):
    subpage_types = ["publications.NewsPage"]
    template = "publications/news_index_page.html"

    class Meta:
        verbose_name = _("news index")

    def feed_items(self, request):
        from publications import selectors

        return selectors.news_list_public(index=self)

    def get_context(self, request, *args, **kwargs):
        from publications import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.news_listing(index=self, params=request.GET))
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "publications.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(PublicationPage):
    date = models.DateField(_("date"))
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Shown at the top and in link previews."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *PublicationPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("date"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *PublicationPage.search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["publications.NewsIndexPage"]
    subpage_types: list[str] = []
    schema_type = "NewsArticle"
    template = "publications/news_page.html"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tags"] = list(self.tags.all())
        return context

    def structured_data(self, request) -> dict:
        data = super().structured_data(request)
        data["datePublished"] = self.date.isoformat()
        return data
