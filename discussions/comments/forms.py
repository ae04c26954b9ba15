"""Forms for comments: they parse input; the rules (length, duplicates, who may do what)
live in the services. Flags and the moderation queue have theirs in
`discussions.moderation.forms`."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..forms import MARKDOWN_HELP, with_notice


def _consent_label():
    return format_html(
        _('I have read the <a href="{}">privacy notice</a> and agree that my email address '
          'is used for the confirmation link and the moderators\' decision, then deleted.'),
        reverse_lazy("core:privacy"),
    )


class CommentForm(forms.Form):
    """A comment or a reply. Visitors without an account also give a name and an email
    (for the confirmation link; never shown). `website` is a honeypot and `started` a
    signed time stamp (minimum fill time)."""

    comment = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=with_notice(MARKDOWN_HELP), strip=False,
        max_length=None,
        error_messages={"required": _("Write a comment.")},
    )
    name = forms.CharField(
        label=_("Name to show"), max_length=200, required=False,
        help_text=_("Shown with your comment. Phone numbers and email addresses in it are "
                    "masked."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.CharField(
        label=_("Email address"), max_length=254, required=False,
        help_text=_("We send a confirmation link there. It is never shown."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(label=lazy(_consent_label, str)(), required=False)
    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    # Set once the author was shown how masking changes their text (the next submit posts).
    masking_seen = forms.BooleanField(required=False, widget=forms.HiddenInput)
    target = forms.CharField(widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, anonymous: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.anonymous = anonymous
        if anonymous:
            self.fields["name"].required = True
            self.fields["email"].required = True
            self.fields["name"].error_messages["required"] = _(
                "Give the name to show with your comment.")
            self.fields["email"].error_messages["required"] = _(
                "Give your email address for the confirmation link.")
            self.fields["consent"].required = True
            self.fields["consent"].error_messages["required"] = _(
                "Agree to the privacy notice: your email address is used only for the "
                "confirmation link and the moderators' decision.")
        else:
            for name in ("name", "email", "consent", "website", "started"):
                del self.fields[name]
        self.fields["comment"].widget.attrs["maxlength"] = settings.SERAMBI_COMMENT_MAX_LENGTH

    def visible_public_fields(self):
        return [self[name] for name in ("comment", "name", "email", "consent")
                if name in self.fields]


class CommentEditForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=with_notice(MARKDOWN_HELP), strip=False,
        error_messages={"required": _("Write a comment.")},
    )


def target_key(obj) -> str:
    """How a comment form names what it comments on: "thread:5" or "page:12"."""
    from ..models import Thread

    return f"thread:{obj.pk}" if isinstance(obj, Thread) else f"page:{obj.pk}"


def new_comment_form(*, user, obj, parent=None, data=None) -> CommentForm:
    """The comment (or reply) form for `obj`, as the page and the form view show it."""
    from .services import form_started_token

    initial = {"target": target_key(obj), "parent": parent.pk if parent else None,
               "started": form_started_token()}
    return CommentForm(data, initial=initial, anonymous=not user.is_authenticated)
