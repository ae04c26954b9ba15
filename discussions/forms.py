"""What the forum's forms share: the text field that tidies and checks published text,
the masking notice, per-form element ids, and putting a service's errors on a form.
Each sub-package keeps its own forms (`threads/forms.py`, `comments/forms.py` …); the
rules about who may do what, and state, live in services and permissions."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .text import normalise_text, normalise_title, validate_visible

MARKDOWN_HELP = _(
    "You can use Markdown: **bold**, *italic*, lines starting with - (or 1.) for a list, "
    "[text](https://…) or a plain https://… address for a link. A new line stays a new "
    "line. HTML is shown as text."
)


PERSONAL_DATA_NOTICE = _(
    "Phone numbers, email addresses and NIK, NIP, KK or NPWP numbers are masked before "
    "publishing."
)


def with_notice(help_text):
    """A public text field's help text, followed by the masking notice."""
    return format_lazy("{} {}", help_text, PERSONAL_DATA_NOTICE) if help_text else (
        PERSONAL_DATA_NOTICE)


class CleanTextField(forms.CharField):
    """A text field that removes invisible characters before checking its length, so
    zero-width-only or whitespace-only input counts as empty, and refuses text without
    a visible letter or digit (`validate_visible`)."""

    default_validators = [validate_visible]

    def __init__(self, *, single_line: bool = False, **kwargs):
        self.single_line = single_line
        kwargs.setdefault("strip", True)
        # Everything typed here is published, masked (services' `public_text`).
        kwargs["help_text"] = with_notice(kwargs.get("help_text"))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_title(value) if self.single_line else normalise_text(value)


class PrefixedIds:
    """Several forms share the thread page: give each its own element ids (the field
    names stay plain, so the POST is the same)."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        if self.id_prefix:
            kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


def errors_from(exc: ValidationError, form: forms.Form) -> None:
    """Put a service's ValidationError on the form (field errors where the field exists)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
