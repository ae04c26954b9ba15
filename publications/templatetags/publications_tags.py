"""Numbers, structured data and the discussion slot for publication templates
(`{% load publications_tags %}`).

The number filters (`number`, `measure`, `rupiah`, `percent`) are the site's one
implementation in `forum_site/core/numbers.py`, registered here too so publication
templates need one `load`."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import select_template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from forum_site.core.numbers import register_filters

register = template.Library()
register_filters(register)

# Same escapes as django.utils.html.json_script: nothing in the data can close the
# <script> element or open a comment.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

DISCUSSION_SLOT_TEMPLATES = [
    "discussions/includes/page_discussion.html",
    "publications/includes/discussion_slot_empty.html",
]
HOME_ACTIVITY_SLOT_TEMPLATES = [
    "discussions/includes/home_activity.html",
    "publications/includes/discussion_slot_empty.html",
]


# Status → tag modifier (colour backs up the text, never replaces it).
_STATUS_TAGS = {
    "open": "tag--answered",
    "running": "tag--pending",
    "completed": "tag--grey",
    "cancelled": "tag--rejected",
    "achieved": "tag--answered",
    "partly_achieved": "tag--pending",
    "not_achieved": "tag--rejected",
}


@register.filter
def status_tag(status) -> str:
    """CSS modifier for a program or outcome status tag."""
    return _STATUS_TAGS.get(str(status), "")


@register.simple_tag
def json_ld(data):
    """`<script type="application/ld+json">` with the data escaped like json_script.
    A data block: browsers never execute it, so the strict CSP allows it."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _JSON_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def _slot(context, templates: list[str], **extra) -> str:
    slot = select_template(templates)
    return slot.render({**context.flatten(), **extra}, request=context.get("request"))


@register.simple_tag(takes_context=True)
def discussion_slot(context, page):
    """Where the discussions app attaches threads to a program or outcome.

    Publications never imports discussions: the slot renders
    `discussions/includes/page_discussion.html` when that app provides it (with `page`
    and the request in its context), and nothing otherwise."""
    return _slot(context, DISCUSSION_SLOT_TEMPLATES, page=page)


@register.simple_tag(takes_context=True)
def home_activity_slot(context):
    """Where the discussions app shows the forum's latest activity on the home page:
    `discussions/includes/home_activity.html` when that app provides it (with the home
    page's context and the request), and nothing otherwise."""
    return _slot(context, HOME_ACTIVITY_SLOT_TEMPLATES)


@register.simple_tag(takes_context=True)
def language_alternates(context, page) -> list[dict]:
    """The page in each language it is published in, for <link rel="alternate" hreflang>."""
    from forum_site.core.translations import published_translations

    request = context.get("request")
    return [
        {"language": translation.locale.language_code, "url": translation.get_full_url(request)}
        for translation in published_translations(page, request=request)
    ]
