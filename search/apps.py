from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "serambi_search"
    verbose_name = _("Search")

    def ready(self):
        from forum_site.core import demo, menu, scheduler

        menu.register_section("search", _("Search"),
                              paths={"id": "/cari/", "en": "/en/search/"}, order=50)
        demo.register_seeder("search.demo.seed_search_index", order=90)

        scheduler.register("search_reconcile", at="02:50")
        scheduler.register("search_optimise", at="03:15", day=1)
