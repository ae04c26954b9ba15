"""One number format, site-wide (issue 21 §5): `forum_site/core/numbers.py` writes
figures, money and percentages in the reader's language, and every template library
that offers them (`serambi_numbers`, `publications_tags`) offers those very functions."""

import pytest
from django.template import engines
from django.utils import translation

from forum_site.core import numbers
from forum_site.core.templatetags import serambi_numbers
from publications.templatetags import publications_tags

TEMPLATE = ("{% load serambi_numbers %}{{ n|number }} · {{ n|rupiah }} · {{ p|percent }} · "
            "{{ m|measure:'menit' }} · {{ p|measure:'%' }} · [{{ none|number }}]")


@pytest.mark.parametrize(("language", "expected"), [
    ("id", "1.250.000 · Rp\u00a01.250.000 · 12,5% · 35\u00a0menit · 12,5% · []"),
    ("en", "1,250,000 · Rp\u00a01,250,000 · 12.5% · 35\u00a0menit · 12.5% · []"),
])
def test_numbers_follow_the_readers_language(language, expected):
    template = engines["django"].from_string(TEMPLATE)
    with translation.override(language):
        html = template.render({"n": 1250000, "p": "12.50", "m": 35, "none": None})
    assert html == expected


def test_negative_money_and_whole_percentages():
    with translation.override("id"):
        assert numbers.rupiah(-1500.4) == "−Rp\u00a01.500"
        assert numbers.percent(8.0) == "8%"
        assert numbers.number("not a number") == ""


@pytest.mark.parametrize("library", [serambi_numbers.register, publications_tags.register])
def test_every_library_offers_the_one_implementation(library):
    for name, function in numbers.FILTERS.items():
        assert library.filters[name] is function, name
