"""The page registry stays in step with the URL configuration and the demo data.

No browser needed: these run in every `make test`, so a renamed or retranslated URL
breaks here, with a plain message, before the browser gate visits a 404.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from .pages import ASN_LOGIN, CASES, DEMO_LOGIN, LANGUAGES, PAGES


def test_registry_names_are_unique_and_every_page_has_both_languages():
    assert len({p.name for p in PAGES}) == len(PAGES)
    for page in PAGES:
        assert set(page.urls) == set(LANGUAGES), page.name
        assert page.urls["en"].startswith("/en/"), page.name
        assert not page.urls["id"].startswith("/en/"), page.name


@pytest.mark.parametrize("case", [c for c in CASES if c.page.route], ids=lambda c: c.id)
def test_registry_url_is_what_django_reverses(case):
    with translation.override(case.lang):
        assert reverse(case.page.route) == case.path


def test_registry_demo_login_is_a_seed_demo_account():
    from forum_site.accounts import demo

    assert DEMO_LOGIN["password"] == demo.DEMO_PASSWORD
    assert DEMO_LOGIN["login"] in [account[0] for account in demo.ACCOUNTS]


def test_registry_signed_in_pages_use_seed_demo_accounts():
    from discussions import demo as forum_demo
    from forum_site.accounts import demo

    assert ASN_LOGIN["login"] in forum_demo.ASN_BY_UNIT.values()
    assert ASN_LOGIN["password"] == demo.DEMO_PASSWORD
    for page in PAGES:
        if page.login:
            assert page.login in (DEMO_LOGIN, ASN_LOGIN), page.name
