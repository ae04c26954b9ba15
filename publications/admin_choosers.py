"""The program chooser of the outcome editor (issue 18): Wagtail's chooser modal with a
search box, listing only programs in the outcome's language, drafts marked.

The page editor's chooser script sends the language of the page being edited as
`locale` (Wagtail's ACTIVE_CONTENT_LOCALE); the list keeps to it, and the outcome form
refuses a program in another language whatever the request says (admin_forms)."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.models import Locale


class ProgramFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search programs"), required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Title, e.g. kepemimpinan")}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching, self.search_query = True, query
            for word in query.split():
                objects = objects.filter(title__icontains=word)
        return objects


def program_state(program) -> str:
    """"draft" for a program never published, else its status (open, run…)."""
    if not program.live:
        return str(_("draft"))
    return str(program.get_status_display())


class ProgramChooseViewMixin:
    filter_form_class = ProgramFilterForm
    ordering = ("-start_date", "title", "pk")
    per_page = 20

    def get_object_list(self):
        from publications import selectors

        return selectors.program_choices(locale=self.chooser_locale)

    @property
    def chooser_locale(self) -> Locale:
        code = self.request.GET.get("locale", "")
        return Locale.objects.filter(language_code=code).first() or Locale.get_default()

    @property
    def columns(self):
        return [
            self.title_column,
            Column("start_date", label=_("start date"), accessor=lambda program: (
                date_format(program.start_date, "j M Y") if program.start_date else "")),
            Column("state", label=_("Status"), accessor=program_state),
        ]


class ProgramChooseView(ProgramChooseViewMixin, chooser_views.ChooseView):
    pass


class ProgramChooseResultsView(ProgramChooseViewMixin, chooser_views.ChooseResultsView):
    pass


class ProgramChooserViewSet(ChooserViewSet):
    model = "publications.TrainingProgramPage"
    icon = "calendar"
    choose_one_text = _("Choose a program")
    choose_another_text = _("Choose another program")
    edit_item_text = _("Edit this program")
    page_title = _("Choose programs")
    choose_view_class = ProgramChooseView
    choose_results_view_class = ProgramChooseResultsView
    preserve_url_parameters = ["multiple", "locale"]


program_chooser_viewset = ProgramChooserViewSet("program_chooser", url_prefix="program-chooser")
