"""Numbers, structured data and the discussion slot for publication templates
(`{% load publications_tags %}`).

Numbers follow the active language: Indonesian "Rp 1.250.000" and "12,5%", English
"Rp 1,250,000" and "12.5%". Django's USE_THOUSAND_SEPARATOR is left off site-wide (it
would also group years and identifiers); these filters group only where we ask."""

import json
from decimal import Decimal, InvalidOperation

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import select_template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

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


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _format(value: Decimal, decimals: int) -> str:
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.filter
def number(value, decimals=None):
    """1250000 → "1.250.000" (id) / "1,250,000" (en); 12.50 → "12,5". Empty for unknown.
    Without `decimals`, shows as many as the value has (at most 2, trailing zeros cut)."""
    amount = _decimal(value)
    if amount is None:
        return ""
    if decimals is None:
        amount = round(amount, 2).normalize()
        decimals = max(0, -amount.as_tuple().exponent)
    return _format(amount, int(decimals))


@register.filter
def measure(value, unit_of_measure=""):
    """A figure with its unit: "35 menit", "71%" (no space before a percent sign)."""
    text = number(value)
    if not text or not unit_of_measure:
        return text
    if unit_of_measure == "%":
        return f"{text}%"
    return f"{text}\u00a0{unit_of_measure}"


@register.filter
def rupiah(value):
    """1250000 → "Rp 1.250.000" (non-breaking space, so it never wraps)."""
    amount = _decimal(value)
    if amount is None:
        return ""
    sign = "−" if amount < 0 else ""
    return f"{sign}Rp\u00a0{_format(abs(amount).quantize(Decimal(1)), 0)}"


@register.filter
def percent(value, decimals=1):
    """12.5 → "12,5%" (id) / "12.5%" (en); a whole number drops its decimals: "8%"."""
    amount = _decimal(value)
    if amount is None:
        return ""
    decimals = int(decimals)
    rounded = round(amount, decimals)
    if rounded == rounded.to_integral_value():
        decimals = 0
    return f"{_format(rounded, decimals)}%"


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
