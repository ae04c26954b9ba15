"""Numbers in the reader's language (`{% load serambi_numbers %}`): `number`, `measure`,
`rupiah` and `percent`, from the one implementation in `forum_site/core/numbers.py`."""

from django import template

from ..numbers import register_filters

register = template.Library()
register_filters(register)
