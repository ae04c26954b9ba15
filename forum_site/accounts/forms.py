from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from forum_site.core.text import has_visible_text

from .models import AsnProfile, PersonalDataRequest, Unit, User
from .selectors import unit_list_active
from .validators import normalise_nip, validate_nip, validate_official_email


def _consent_label():
    return format_html(
        _('I have read the <a href="{}">privacy notice</a> and agree to my data being '
          'processed as it describes.'),
        reverse_lazy("core:privacy"),
    )


class SignupForm(forms.Form):
    """Extra fields on allauth's registration form (allauth's ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=User._meta.get_field("display_name").max_length,
        help_text=_("Shown publicly next to your posts. It does not have to be your real "
                    "name. Phone numbers and email addresses in it are masked."),
        error_messages={"required": _("Enter a display name.")},
    )
    privacy_consent = forms.BooleanField(
        label=lazy(_consent_label, str)(),
        required=True,
        error_messages={"required": _("You must agree to the privacy notice to register.")},
    )

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if not has_visible_text(name):
            raise forms.ValidationError(_("Enter a display name with letters or digits."))
        return name

    def signup(self, request, user):
        """allauth calls this after creating the user; the adapter does the real work."""


class AsnVerificationRequestForm(forms.Form):
    nip = forms.CharField(
        label=_("NIP"),
        max_length=30,
        help_text=_("18 digits. Only moderators see it; it is never published."),
        error_messages={"required": _("Enter your NIP.")},
    )
    position = forms.CharField(
        label=_("Position"),
        max_length=AsnProfile._meta.get_field("position").max_length,
        help_text=_("For example: Analis SDM Aparatur. Shown with your official answers."),
        error_messages={"required": _("Enter your position.")},
    )
    unit = forms.ModelChoiceField(
        label=_("Unit (OPD)"),
        queryset=Unit.objects.none(),
        empty_label=_("Choose your unit"),
        error_messages={
            "required": _("Choose your unit."),
            "invalid_choice": _("Choose a unit from the list."),
        },
    )
    official_email = forms.EmailField(
        label=_("Official email"),
        max_length=254,
        help_text=_("Your work address at the unit. We send a link to it: the request "
                    "reaches the moderators once you confirm it."),
        error_messages={"required": _("Enter your official email address.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_list_active()
        self.fields["nip"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        )
        self.fields["official_email"].widget.attrs.update({"autocomplete": "email"})

    def clean_nip(self):
        # Whether another account names this NIP is never said here (that would tell a
        # stranger who is registered): the moderators see the conflict.
        nip = normalise_nip(self.cleaned_data["nip"])
        validate_nip(nip)
        return nip

    def clean_official_email(self):
        email = self.cleaned_data["official_email"].strip().lower()
        validate_official_email(email, settings.SERAMBI_OFFICIAL_EMAIL_DOMAINS)
        return email

    def clean_position(self):
        position = " ".join(self.cleaned_data["position"].split())
        if not position:
            raise forms.ValidationError(_("Enter your position."))
        return position


class AsnDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Verify")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason or note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting; sent to the applicant."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for rejecting the request."))
        return cleaned


class AsnRevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing the verification"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the person. Their published answers stay signed as they were."),
        error_messages={"required": _("Give the reason for withdrawing the verification.")},
    )


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your current password.")},
    )


class ConsentForm(forms.Form):
    privacy_consent = forms.BooleanField(
        label=lazy(_consent_label, str)(),
        required=True,
        error_messages={"required": _("You must agree to the privacy notice to continue.")},
    )


class PersonalDataRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you ask for?"),
        choices=PersonalDataRequest.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you ask for.")},
    )
    message = forms.CharField(
        label=_("Your request"),
        max_length=PersonalDataRequest._meta.get_field("message").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Say which data and what should change. The office answers within 3×24 hours."
        ),
        error_messages={"required": _("Write your request.")},
    )


class PersonalDataResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Answer to the user"),
        max_length=PersonalDataRequest._meta.get_field("response").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown to the user on their account page."),
        error_messages={"required": _("Write the answer to the request.")},
    )
    done = forms.BooleanField(label=_("The request is done"), required=False, initial=True)
