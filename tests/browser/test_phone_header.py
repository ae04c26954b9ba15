"""The folding header on a 390×844 phone (issue 17): the header and the six-item menu
took a third of the screen; now they fold behind "Menu", the page's title is in the
first screen, and the menu opens and closes with and without JavaScript. With the menu
open, axe (every rule: AAA contrast included; it needs JavaScript to run) finds nothing,
the keyboard reaches every item with a visible focus indicator, and nothing sticks out
sideways."""

from __future__ import annotations

import pytest

from . import checks

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PAGES = ["/", "/statistik/", "/en/statistics/"]


def _phone(browser, *, javascript: bool):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript,
                                  locale="id-ID")
    context.set_default_timeout(15_000)
    return context, context.new_page()


def _bottom(page, selector: str) -> float:
    return page.evaluate(f"() => document.querySelector('{selector}').getBoundingClientRect()"
                         ".bottom")


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_the_title_is_in_the_first_screen_and_the_menu_folds(browser, base_url, path,
                                                              javascript):
    context, page = _phone(browser, javascript=javascript)
    try:
        page.goto(base_url + path)
        assert not page.is_visible("#primary-nav") and not page.is_visible("#site-header-tools")
        assert _bottom(page, ".site-header") <= PHONE["height"] / 6  # was about a third
        assert _bottom(page, "main h1") < PHONE["height"] / 2

        page.click(".site-menu-toggle--open")
        assert page.is_visible("#primary-nav") and page.is_visible("#site-search-q")
        links = page.locator("#primary-nav a").all()
        assert len(links) == 6 and all(link.is_visible() for link in links)
        assert checks.check_phone_width(page) == []
        if javascript:
            toggle = page.locator("button.site-menu-toggle")
            assert toggle.get_attribute("aria-expanded") == "true"
            assert toggle.get_attribute("aria-controls") == "site-header-tools primary-nav"
            assert page.url == base_url + path  # the address stays as it was
            page.keyboard.press("Escape")
            assert toggle.get_attribute("aria-expanded") == "false"
            assert page.evaluate("() => document.activeElement.matches('button.site-menu-toggle')")
        else:
            assert page.url.endswith("#menu")
            page.click(".site-menu-toggle--close")
        assert not page.is_visible("#primary-nav")
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_the_open_menu_passes_axe_and_the_keyboard_check(browser, base_url, javascript):
    context, page = _phone(browser, javascript=javascript)
    try:
        page.goto(base_url + "/")
        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")  # the brand
        page.keyboard.press("Tab")  # the toggle
        focused = page.evaluate("() => document.activeElement.className")
        assert "site-menu-toggle" in focused
        page.keyboard.press("Enter")
        assert page.is_visible("#primary-nav")
        if javascript:  # axe runs on timers: a page without JavaScript never finishes it
            assert checks.check_axe(page) == []
        # Tab goes on from the toggle (the browser's focus starting point), so the first
        # stop is not the skip link here; the gate checks the skip link on every page.
        findings = [f for f in checks.check_keyboard(page) if f.rule != "skip-link"]
        assert findings == []
    finally:
        context.close()
