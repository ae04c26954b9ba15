from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus

from forum_site.core.public_url import rebase
from forum_site.core.ratelimit import client_ip

from . import services, tasks
from .auth_backends import IN_ALLAUTH_FLOW
from .landing import landing_url


def _is_link(value: str) -> bool:
    return value.startswith(("http://", "https://"))


class AccountAdapter(DefaultAccountAdapter):
    """Hooks allauth's registration into our services (role, display name, consent)."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.user_register(
                user=user, display_name=form.cleaned_data.get("display_name", "")
            )
        return user

    def get_login_redirect_url(self, request):
        """Staff land on their work (the unit queue, the moderation queue, the Wagtail
        dashboard: see landing.py); everyone else on the account page."""
        return landing_url(request.user) or super().get_login_redirect_url(request)

    def authenticate(self, request, **credentials):
        """The only place a password is checked (see auth_backends.AllauthOnlyBackend):
        allauth has counted the attempt against its limits and will stop an unconfirmed
        email before any session exists."""
        setattr(request, IN_ALLAUTH_FLOW, True)
        try:
            return super().authenticate(request, **credentials)
        finally:
            setattr(request, IN_ALLAUTH_FLOW, False)

    def _get_login_attempts_cache_key(self, request, **credentials):
        """allauth counts failed logins per "key" (ACCOUNT_RATE_LIMITS["login_failed"]);
        its key is the email alone, so anyone could keep an account locked by sending
        wrong passwords (issue 15, finding 3). Ours is the email *and* the client address:
        a lock stops that address guessing that account, never the owner elsewhere. The
        successful password reset clears it as before (allauth calls this method for that
        too). Guessing from many addresses is bounded by the per-address limit, the
        password rules and, for staff, the second factor (docs/security.md)."""
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{client_ip(request)}"

    def get_client_ip(self, request):
        """The address allauth's limits count (login failures, signup, reset): the same
        one our limiter counts, from SERAMBI_TRUSTED_PROXY_COUNT (one setting)."""
        return client_ip(request)

    def populate_username(self, request, user):
        # There is no username: email is the login.
        return None

    def send_mail(self, template_prefix, email, context):
        """Account emails (confirmation, "already registered", password reset) are
        rendered now and sent by a task (after commit with the database backend), on
        every path alike: a known and a new address cost the request the same (issue 15,
        finding 5). When the task ran at once and the mail server refused (the immediate
        backend: development, tests), the account is still saved and the page says so
        instead of failing with a 500; signing in later sends a new confirmation link, a
        reset can be asked again.

        allauth builds its links (activate_url, password_reset_url, signup_url) from the
        request's host; they are moved onto the public base URL (SERAMBI_BASE_URL), the
        one place every email link comes from."""
        request = getattr(self, "request", None)
        # What allauth's own send_mail puts in every email's context ("Halo dari
        # {{ current_site.name }}!"): the sites row, named after the office at migrate.
        context = {"request": request, "email": email,
                   "current_site": get_current_site(request)} | {
            key: rebase(value) if isinstance(value, str) and _is_link(value) else value
            for key, value in context.items()
        }
        message = self.render_mail(template_prefix, email, context)
        html = next((content for content, mimetype in getattr(message, "alternatives", [])
                     if mimetype == "text/html"), None)
        payload = {
            "kind": template_prefix, "subject": str(message.subject), "body": message.body,
            "from_email": message.from_email, "to": list(message.to), "html": html,
        }
        # With the database task backend (production) the row is written in this
        # request's transaction and the worker sees it only after commit.
        result = tasks.send_account_email.enqueue(**payload)
        if result.status == TaskResultStatus.FAILED and request is not None \
                and hasattr(request, "_messages"):
            messages.warning(request, _(
                "We could not send the email just now. Please try again in a few "
                "minutes: sign in to get a new confirmation link, or ask for the "
                "password reset again."
            ))
