from django import template

from ..records import translate_label, type_labels

register = template.Library()


@register.filter
def search_type_label(record_type: str) -> str:
    return str(type_labels().get(record_type, record_type))


@register.filter
def search_label(stored: str) -> str:
    """A label stored as a msgid (statuses, formats), in the visitor's language."""
    return translate_label(stored)
