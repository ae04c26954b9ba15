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

# Figures about the signed-in user that every page's header shows, read in the user's
# own query rather than one query each (issue 20): {attribute: a callable returning an
# expression over the user row}. Apps register theirs in AppConfig.ready().
_USER_ANNOTATIONS: dict = {}


def annotate_signed_in_user(name: str, expression) -> None:
    """Read `expression()` with the user of each request, as `user.<name>`."""
    _USER_ANNOTATIONS[name] = expression


class AllauthOnlyBackend(AuthenticationBackend):
    def authenticate(self, request, **credentials):
        if request is None or not getattr(request, IN_ALLAUTH_FLOW, False):
            return None
        return super().authenticate(request, **credentials)

    def get_user(self, user_id):
        """The signed-in user of each request, with their ASN profile and its unit in
        the same query: every page asks whether the viewer is a verified ASN (forms,
        panels, the landing), and that was one more query per signed-in page. The
        figures apps registered (`annotate_signed_in_user`) come in it too."""
        user_model = get_user_model()
        rows = user_model._default_manager.select_related("asn_profile__unit")
        if _USER_ANNOTATIONS:
            rows = rows.annotate(**{name: expression()
                                    for name, expression in _USER_ANNOTATIONS.items()})
        try:
            user = rows.get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
