"""The one authentication backend: passwords are checked only inside allauth's login.

allauth's flow is where the brute-force limits are counted and where an unconfirmed
email is stopped before a session exists. Any other caller of
``django.contrib.auth.authenticate`` (Wagtail's login views, Django's ``LoginView``, a
third-party app mounted later) would skip both, so this backend answers None unless the
call comes from :meth:`forum_site.accounts.adapter.AccountAdapter.authenticate`, which
marks the request while it runs.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model

IN_ALLAUTH_FLOW = "_serambi_allauth_authenticating"


class AllauthOnlyBackend(AuthenticationBackend):
    def authenticate(self, request, **credentials):
        if request is None or not getattr(request, IN_ALLAUTH_FLOW, False):
            return None
        return super().authenticate(request, **credentials)

    def get_user(self, user_id):
        """The signed-in user of each request, with their ASN profile and its unit in
        the same query: every page asks whether the viewer is a verified ASN (forms,
        panels, the landing), and that was one more query per signed-in page."""
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("asn_profile__unit").get(
                pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
