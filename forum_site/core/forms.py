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


class _ListedChoiceIterator(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.rows():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.rows()) + (self.field.empty_label is not None)


class ListedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose rows are read once per form: the value is validated
    against them and the widget renders them (Django's field queries for each, a
    filtered listing paid two queries per filter; issue 20)."""

    iterator = _ListedChoiceIterator

    def rows(self) -> list:
        if getattr(self, "_rows_of", None) is not self.queryset:
            self._rows, self._rows_of = list(self.queryset), self.queryset
        return self._rows

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        for obj in self.rows():
            if str(getattr(obj, key)) == str(value):
                return obj
        raise forms.ValidationError(self.error_messages["invalid_choice"],
                                    code="invalid_choice", params={"value": value})
