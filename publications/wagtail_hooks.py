"""Admin for the publication snippets, the editors' dashboard panels (public-information
entries due for a refresh, pages without a translation), and the checks that keep an
outcome from being published, by the bulk action or a reviewer's approval, for a program
that has not run yet (publications.publishing)."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from forum_site.accounts.permissions import check_can_edit_publications

from .admin_choosers import program_chooser_viewset
from .models import CompetencyArea, OutcomePage, PartnerInstitution, PublicInformationEntry
from .publishing import publish_refusal
from .selectors import translation_gaps

STALE_LIST_LIMIT = 10


class CompetencyAreaViewSet(SnippetViewSet):
    model = CompetencyArea
    icon = "tag"
    menu_label = _("Competency areas")
    list_display = ["name", "name_en", "slug", "sort_order"]
    search_fields = ["name", "name_en"]
    ordering = ["sort_order", "name"]


class PartnerInstitutionViewSet(SnippetViewSet):
    model = PartnerInstitution
    icon = "site"
    menu_label = _("Partner institutions")
    list_display = ["name", "kind", "city", "mou_valid_until"]
    list_filter = ["kind"]
    search_fields = ["name", "city"]


class PublicInformationFilterSet(WagtailFilterSet):
    needs_refresh = django_filters.BooleanFilter(
        label=_("Needs refresh"), method="filter_needs_refresh",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = PublicInformationEntry
        fields = ["category", "responsible_unit"]

    def filter_needs_refresh(self, queryset, name, value):
        if value is None:
            return queryset
        stale = queryset.needing_refresh()
        return stale if value else queryset.exclude(pk__in=stale.values("pk"))


class PublicInformationEntryViewSet(SnippetViewSet):
    model = PublicInformationEntry
    icon = "list-ul"
    menu_label = _("Public-information register (DIP)")
    list_display = [
        "title", "category", "responsible_unit", "last_updated", "refresh_due",
        BooleanColumn("needs_refresh", label=_("Needs refresh"),
                      accessor=lambda entry: entry.needs_refresh()),
    ]
    filterset_class = PublicInformationFilterSet
    search_fields = ["title", "description"]


class PublicationsSnippetGroup(SnippetViewSetGroup):
    items = (CompetencyAreaViewSet, PartnerInstitutionViewSet, PublicInformationEntryViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Publication data")
    menu_name = "publication-data"
    menu_order = 250


register_snippet(PublicationsSnippetGroup)


@hooks.register("register_admin_viewset")
def register_program_chooser():
    """The outcome editor's program chooser (publications.admin_choosers)."""
    return program_chooser_viewset


class StalePublicInformationPanel(Component):
    """Dashboard panel: periodic (berkala) items older than six months and items past
    their refresh date, for editors who can change them."""

    name = "stale_public_information"
    template_name = "publications/admin/stale_public_information_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        stale = PublicInformationEntry.objects.needing_refresh().select_related(
            "responsible_unit"
        ).order_by("last_updated")
        url_prefix = "wagtailsnippets_publications_publicinformationentry"
        context.update({
            "stale_count": stale.count(),
            "stale_entries": stale[:STALE_LIST_LIMIT],
            "edit_url_name": f"{url_prefix}:edit",
            "listing_url": reverse(f"{url_prefix}:list") + "?needs_refresh=true",
        })
        return context


@hooks.register("construct_homepage_panels")
def add_stale_public_information_panel(request, panels):
    if request.user.has_perm("publications.change_publicinformationentry"):
        panels.append(StalePublicInformationPanel())


class TranslationGapsPanel(Component):
    """Dashboard panel: pages with no English version yet, and English versions published
    before their Indonesian original last changed (issue 18: nothing told the editor)."""

    name = "translation_gaps"
    template_name = "publications/admin/translation_gaps_panel.html"
    order = 160

    def __init__(self, *, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["gaps"] = translation_gaps(language="en")
        # Wagtail's "Translate" (wagtail.contrib.simple_translation) makes the English
        # draft; the panel offers it to those who may use it.
        context["can_translate"] = self.user.has_perm("simple_translation.submit_translation")
        return context


@hooks.register("construct_homepage_panels")
def add_translation_gaps_panel(request, panels):
    try:
        check_can_edit_publications(user=request.user)
    except PermissionDenied:
        return
    panels.append(TranslationGapsPanel(user=request.user))


def _edit_button(page):
    return messages.button(reverse("wagtailadmin_pages:edit", args=[page.pk]), gettext("Edit"))


@hooks.register("before_bulk_action")
def refuse_bulk_publish_of_unready_outcomes(request, action_type, objects, action):
    """The explorer's bulk "Publish" skips the editor's form, so it asks the same rule
    (publications.publishing) for every selected page and, with "include descendants",
    for the draft outcomes below them.

    Wagtail's bulk-action API lets this hook answer in place of the action (before it
    runs, inside its transaction), but offers no supported way to drop single pages from
    the batch. So a selection with an offending outcome is refused whole, and every
    offending page is named: the editor publishes the rest again without them."""
    if action_type != "publish" or not isinstance(action, PublishBulkAction):
        return None
    pages = list(objects)
    if action.cleaned_form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages.extend(page.get_descendants().not_live().type(OutcomePage))
    refused = [(page, reason) for page in pages if (reason := publish_refusal(page=page))]
    if not refused:
        return None
    messages.error(request, gettext(
        "Nothing was published: some selected pages cannot be published yet. Publish the "
        "others without them."))
    for page, reason in refused:
        messages.error(request, reason, buttons=[_edit_button(page)])
    return redirect(action.next_url)


class OutcomeWorkflowActionView(WorkflowActionView):
    """A reviewer's workflow action on an outcome, from the dashboard's task list or the
    page's status panel. "Approve" finishes the review and publishes the latest revision
    without the editor's form, so it first asks the same rule the editor applies
    (publications.publishing); a refusal is a message and the page stays in review,
    unpublished. Like the editor, every approval is checked, not only the last task's:
    an outcome is sent for review only when it could be published. "Request changes"
    stays open, since that is the answer to such an outcome."""

    def post(self, request, *args, **kwargs):
        if self.action_name == "approve" and (reason := publish_refusal(page=self.object)):
            messages.error(request, reason, buttons=[_edit_button(self.object)])
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                # The modal ("Approve with comment") closes and the page reloads with the
                # message, as after a successful action.
                return self.render_modal_json(
                    request, {"step": "success", "redirect": self.redirect_url})
            return redirect(self.redirect_url)
        return super().post(request, *args, **kwargs)


class OutcomePageViewSet(PageViewSet):
    """Wagtail routes the page admin views by page type; outcomes only change who checks
    a workflow approval (OutcomeWorkflowActionView)."""

    model = OutcomePage
    workflow_action_view_class = OutcomeWorkflowActionView
    # Keep Wagtail's own explorer listing below the outcome index (a page viewset would
    # otherwise take over the listing of its parent page types).
    parent_models = ()


@hooks.register("register_admin_viewset")
def register_outcome_page_viewset():
    return OutcomePageViewSet("outcome_pages")
