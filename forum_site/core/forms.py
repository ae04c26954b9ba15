from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        error_messages={"invalid_choice": _("This language is not available.")},
    )
    next = forms.CharField(required=False, max_length=2000)
    # Set by the switch when `next` is not the page's translation but its nearest
    # translated ancestor: the landing page then says why the reader is there.
    untranslated = forms.BooleanField(required=False)
