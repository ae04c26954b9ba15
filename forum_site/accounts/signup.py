"""allauth's registration form, doing the same work for a known and a new address.

Kept apart from forms.py: allauth builds its SignupForm on ACCOUNT_SIGNUP_FORM_CLASS
(forms.SignupForm), so the subclass can only be defined once allauth's form exists."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class AccountSignupForm(AllauthSignupForm):
    def try_save(self, request):
        """For a known address allauth creates nothing and only emails the owner, which
        answered in ~60 ms against 500-1200 ms for a new account: the time told who has an
        account (issue 15, finding 5). Hash the password all the same (the expensive
        part); the email goes out after commit on both paths (AccountAdapter.send_mail)."""
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
