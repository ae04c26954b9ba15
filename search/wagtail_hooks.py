"""Admins see search-engine incidents on the Wagtail dashboard: when Elasticsearch was
unreachable (searches fell back to the database engine) and whether the index needs
`manage.py search_reconcile`."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import status


class SearchStatusPanel(Component):
    name = "search_status"
    template_name = "search/admin/search_status_panel.html"
    order = 140

    def __init__(self, problems):
        self.problems = problems

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["problems"] = self.problems
        return context


@hooks.register("construct_homepage_panels")
def add_search_status_panel(request, panels):
    if request.user.is_superuser or request.user.has_perm("wagtailadmin.access_admin"):
        problems = status.problems()
        if problems:
            panels.append(SearchStatusPanel(problems))
