from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from forum_site.core.pages import ViewRestrictionsInOneQuery
from forum_site.core.routing import LocalizedFromCache


class HomePage(LocalizedFromCache, ViewRestrictionsInOneQuery, Page):
    """Beranda: what the office does, the latest programs, outcomes and news, and key
    figures. The latest forum activity is a slot the discussions app fills."""

    intro = models.TextField(
        _("introduction"), max_length=600, blank=True,
        help_text=_("One or two sentences under the page title."),
    )
    body = RichTextField(
        _("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find a page below the home page by its whole path in one statement (plus the
        specific row), rather than Wagtail's walk of one child lookup and one specific
        lookup per level (issue 20: a programme two levels down cost five page queries).
        The same statement reads the page's parent (the breadcrumb's, kept where
        treebeard's `get_parent()` looks first); a page right below the home page has
        the home page as its parent. Anything the direct lookup does not find as a live
        page (a sub-route of a routable index page such as its feed, a draft) goes the
        usual way."""
        if path_components:
            from django.contrib.contenttypes.models import ContentType
            from wagtail.url_routing import RouteResult

            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            wanted = [url_path]
            if len(path_components) > 1:
                wanted.append(f"{self.url_path}{'/'.join(path_components[:-1])}/")
            rows = {page.url_path: page for page in
                    Page.objects.filter(url_path__in=wanted).descendant_of(self)
                    .order_by("-path")}
            found = rows.get(url_path)
            if found is not None and found.live:
                # The specific row with what its page shows from other tables (the
                # locale, a program's organiser and area): one query, not one each.
                model = ContentType.objects.get_for_id(found.content_type_id).model_class()
                related = ("locale", *getattr(model, "serve_select_related", ()))
                page = model.objects.select_related(*related).filter(pk=found.pk).first()
                if page is not None:
                    parent = rows.get(wanted[-1]) if len(wanted) > 1 else self
                    if parent is not None and parent.path == page.path[:-page.steplen]:
                        page._cached_parent_obj = parent
                    return RouteResult(page)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from forum_site.core.office import current_office
        from forum_site.core.public_url import absolute_url
        from publications import selectors

        context = super().get_context(request, *args, **kwargs)
        # The locale's id: the filters need no Locale row (one query fewer).
        context.update(selectors.home_highlights(locale=self.locale_id))
        context.update(selectors.home_index_pages(home=self))
        # The office itself (schema.org), from the office-identity setting.
        context["structured_data"] = {
            "@context": "https://schema.org",
            **current_office().structured_data(absolute=absolute_url),
            "url": self.get_full_url(request),
        }
        return context
