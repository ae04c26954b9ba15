from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from forum_site.accounts.services import second_factor_reset


class Command(BaseCommand):
    help = ("Remove an account's second factor (TOTP and recovery codes) after its owner "
            "lost both; check who is asking first (docs/security.md).")

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        try:
            removed = second_factor_reset(email=email)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Removed {removed} authenticator(s).")
