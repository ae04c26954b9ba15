from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    """Public statistics, unit pages and the annual information-service report: the one
    app that reads from both feature apps (discussions and publications) selectors."""

    name = "forum_site.transparency"
    label = "transparency"
    verbose_name = _("Transparency")
