from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "forum_site.accounts"
    label = "accounts"
    verbose_name = _("Accounts and units")

    def ready(self):
        from forum_site.core import demo

        from . import emails

        emails.register()  # its kinds of email in the site's one outbox
        demo.register_seeder("forum_site.accounts.demo.seed_accounts", order=10)

        from . import staff_language

        staff_language.install()

        from .auth_backends import annotate_signed_in_user
        from .permissions import MODERATOR_ATTRIBUTE, moderator_permission_expression

        annotate_signed_in_user(MODERATOR_ATTRIBUTE, moderator_permission_expression)
