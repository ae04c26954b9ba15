from allauth.account.adapter import DefaultAccountAdapter

from . import services


class AccountAdapter(DefaultAccountAdapter):
    """Hooks allauth's registration into our services (role, display name, consent)."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.user_register(
                user=user, display_name=form.cleaned_data.get("display_name", "")
            )
        return user

    def populate_username(self, request, user):
        # There is no username: email is the login.
        return None
