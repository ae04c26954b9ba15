from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "discussions"
    verbose_name = _("Discussions")

    def ready(self):
        from forum_site.accounts import personal_data
        from forum_site.accounts.auth_backends import annotate_signed_in_user
        from forum_site.accounts.landing import register_landing
        from forum_site.core import demo, menu, retention, scheduler

        from . import search_records, signals  # noqa: F401 - signals: receivers
        from .landing import moderation_landing, unit_queue_landing
        from .notifications.selectors import USER_UNREAD_ATTRIBUTE, unread_count_expression
        from .opendata import register_datasets
        from .personal_data import erase_user_data, export_user_data

        # The header's unread count, read with the signed-in user (issue 20).
        annotate_signed_in_user(USER_UNREAD_ATTRIBUTE, unread_count_expression)
        register_landing(moderation_landing, order=10, label=_("Moderation queue"))
        register_landing(unit_queue_landing, order=20, label=_("Unit queue"))
        personal_data.register_exporter("discussions", export_user_data)
        personal_data.register_eraser(erase_user_data)
        register_datasets()
        search_records.register_projections()
        search_records.connect_signals()
        menu.register_section(
            "forum", _("Forum"),
            _("Ask a question, give feedback or make a complaint, and get an official answer."),
            paths={"id": "/forum/", "en": "/en/forum/"}, order=30)
        demo.register_seeder("discussions.demo.seed_forum", order=30)
        demo.register_seeder("discussions.comments.demo.seed_comments", order=40)
        demo.register_seeder("discussions.survey.demo.seed_survey", order=45)
        # django-contrib-comments (under django-comments-xtd) keeps the poster's IP.
        retention.register_ip_field("django_comments.Comment", field="ip_address",
                                    date_field="submit_date")
        self._page_cache()
        self._emails()
        scheduler.register("sla_tick", every=15 * 60)  # overdue marks, reminders
        scheduler.register("comments_maintenance", every=10 * 60)
        scheduler.register("holidays_sync", at="03:00", day=1, month=12)

    @staticmethod
    def _emails() -> None:
        """The forum's kinds of email in the site's one outbox (forum_site/core/outbox.py)."""
        from forum_site.core import outbox

        from .comments.services.emails import (
            EMAIL_KINDS,
            build_comment_confirmation,
            build_comment_decision,
        )
        from .notifications.services import EMAIL_KIND, build_notification_email

        outbox.register_kind(EMAIL_KIND, build_notification_email)
        outbox.register_kind(EMAIL_KINDS["confirmation"], build_comment_confirmation)
        outbox.register_kind(EMAIL_KINDS["decision"], build_comment_decision)

    @staticmethod
    def _page_cache() -> None:
        """What admins edit outside the services and anonymous pages show (topic and unit
        names, holidays in deadlines) empties the anonymous page cache, and so do the
        public figures written without a visibility change: every moderation decision
        (the ledger's counts, also a pending comment rejected) and the satisfaction
        survey's responses and follow-up plans. Thread and comment writes do it from the
        services (record_event, visibility_changed)."""
        from forum_site.accounts.models import Unit
        from forum_site.core.page_cache import invalidate_on

        from .models import Category, Holiday
        from .moderation.models import ModerationLedgerEntry
        from .survey.models import FollowUpPlan, SurveyResponse

        invalidate_on(Category, Unit, Holiday, ModerationLedgerEntry, SurveyResponse,
                      FollowUpPlan)
