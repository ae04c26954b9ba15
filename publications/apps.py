from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publications")

    def ready(self):
        from wagtail.signals import copy_for_translation_done

        from forum_site.accounts.landing import register_landing
        from forum_site.core import demo, menu, scheduler

        from . import search_records
        from .landing import editor_landing
        from .opendata import register_datasets

        copy_for_translation_done.connect(_translation_links_follow,
                                          dispatch_uid="publications_translation_links")
        register_landing(editor_landing, order=30, label=_("Editorial dashboard (Wagtail)"))
        search_records.register_projections()
        search_records.connect_signals()
        menu.register_section(
            "programs", _("Programs"),
            _("Training, workshops, internships and joint research for civil servants."),
            paths={"id": "/program/", "en": "/en/programs/"}, order=10)
        menu.register_section(
            "outcomes", _("Outcomes"),
            _("What each program achieved: indicators, targets, budget and evidence."),
            paths={"id": "/capaian/", "en": "/en/outcomes/"}, order=20)
        for order, seeder in enumerate(("seed_home", "seed_taxonomy", "seed_sections",
                                        "seed_programs", "seed_outcomes",
                                        "seed_reports_and_news", "seed_public_information")):
            demo.register_seeder(f"publications.demo.{seeder}", order=20 + order)
        register_datasets()
        # Wagtail's go-live, expiry and scheduled revisions happen only when this runs.
        scheduler.register("publish_scheduled", every=60)


def _translation_links_follow(sender, source_obj, target_obj, **kwargs):
    from .services import outcome_translation_links_follow

    outcome_translation_links_follow(target=target_obj)
