from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    """Public statistics, unit pages and the annual information-service report: the one
    app that reads from both feature apps (discussions and publications) selectors."""

    name = "forum_site.transparency"
    label = "transparency"
    verbose_name = _("Transparency")

    def ready(self):
        from forum_site.core import demo, menu

        from . import sections

        sections.register_sections()
        menu.register_section(
            "statistics", _("Statistics"),
            _("How quickly we answer, participation in programs and other public figures."),
            paths={"id": "/statistik/", "en": "/en/statistics/"}, order=40)
        demo.register_seeder("forum_site.transparency.demo.seed_information_report",
                             order=60)
