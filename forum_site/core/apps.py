from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "forum_site.core"
    label = "core"
    verbose_name = _("Serambi core")

    def ready(self):
        from . import scheduler

        # Periodic jobs of the core (docs/operations.md); times are WITA.
        scheduler.register("clearsessions", at="02:30")
        scheduler.register("purge_personal_data", at="02:40")
        scheduler.register("backup", at="01:00")  # into SERAMBI_BACKUP_ROOT
