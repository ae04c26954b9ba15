from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "forum_site.core"
    label = "core"
    verbose_name = _("Serambi core")

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
        from .public_url import sync_sites

        # After django.contrib.sites' tables exist and before it would create its
        # example.com row; Wagtail's Site table exists by then too (post_migrate runs
        # after every migration). dispatch_uid: once, however often ready() runs.
        post_migrate.connect(sync_sites, sender=apps.get_app_config("sites"),
                             dispatch_uid="serambi.sync_sites")

        from . import page_cache

        page_cache.connect_signals()

        from . import routing

        routing.connect_signals()

        from . import office

        office.connect_signals()

        from . import menu, scheduler

        menu.register_section("home", _("Home"), order=0)
        # Periodic jobs of the core (docs/operations.md); times are WITA.
        scheduler.register("clearsessions", at="02:30")
        scheduler.register("purge_personal_data", at="02:40")
        scheduler.register("backup", at="01:00")  # into SERAMBI_BACKUP_ROOT
        # The one email outbox: pending emails whose next attempt is due (outbox.py).
        scheduler.register("outbox_retry", every=5 * 60)
