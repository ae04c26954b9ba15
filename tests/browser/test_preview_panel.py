"""The editor's live preview panel shows the page (issue 18).

The panel is an iframe on the admin's own origin. When the preview carried the public
page's `frame-ancestors 'none'` and `X-Frame-Options: DENY`, Chromium refused to render it
and the panel showed its "refused to connect" page; only "open in new tab" worked.
Signs in as the demo communications-team account (forum_site/accounts/demo.py) and opens
the first demo outcome (publications/demo.py) in the page editor."""

from __future__ import annotations

import urllib.parse

import pytest

from publications.demo import OUTCOMES

pytestmark = pytest.mark.browser

COMMS = {"login": "komunikasi@serambi.localhost", "password": "serambi-demo-2026"}
OUTCOME_TITLE = OUTCOMES[0]["title"]

# The h1 inside the preview iframe, once it has rendered; null while it has not, and for
# a refused frame (Chromium's error page is not same-origin, so contentDocument is null).
PREVIEW_H1 = """() => {
    const frame = document.querySelector('#w-preview-iframe');
    const doc = frame && frame.contentDocument;
    const h1 = doc && doc.querySelector('main h1');
    return h1 ? h1.textContent.trim() : null;
}"""


@pytest.fixture
def editor(browser, base_url):
    context = browser.new_context(locale="id-ID")
    context.set_default_timeout(20_000)
    page = context.new_page()
    # The admin's login door leads to allauth's, the site's one login (docs/security.md).
    page.goto(base_url + "/admin/login/?next=/admin/")
    form = page.locator("form:has(input[type=password])").first
    for name, value in COMMS.items():
        form.locator(f'[name="{name}"]').fill(value)
    with page.expect_navigation(wait_until="load"):
        form.locator("button[type=submit], button:not([type])").first.click()
    assert "/login/" not in page.url, "could not sign in as the communications team"
    yield page
    context.close()


def test_the_preview_panel_renders_the_page_being_edited(editor, base_url):
    editor.goto(base_url + "/admin/pages/search/?" + urllib.parse.urlencode(
        {"q": OUTCOME_TITLE}))
    editor.locator('a[href$="/edit/"]', has_text=OUTCOME_TITLE).first.click()
    editor.wait_for_url("**/edit/")
    editor.locator('[data-side-panel-toggle="preview"]').click()

    handle = editor.wait_for_function(PREVIEW_H1, timeout=30_000)
    assert handle.json_value() == OUTCOME_TITLE
    frame = next(f for f in editor.frames if "/edit/preview/" in f.url)
    # The page's own stylesheet applies inside the panel, as it will on the public site.
    assert frame.evaluate("() => document.styleSheets.length") > 0


def test_the_outcome_program_picker_filters_as_the_editor_types(editor, base_url):
    """The picker lists the outcome's language only; typing hides what does not match
    (a checked program always stays in view)."""
    editor.goto(base_url + "/admin/pages/search/?" + urllib.parse.urlencode(
        {"q": OUTCOME_TITLE}))
    editor.locator('a[href$="/edit/"]', has_text=OUTCOME_TITLE).first.click()
    editor.wait_for_url("**/edit/")
    picker = editor.locator("[data-program-picker]")
    search = picker.locator("[data-program-picker-search]")
    assert search.is_visible()  # hidden in the HTML, shown by the script
    labels = picker.locator("label:has(input[type=checkbox])")
    total = labels.count()
    assert total > 3
    search.fill("kepemimpinan")
    visible = [label.inner_text() for label in labels.all() if label.is_visible()]
    assert 0 < len(visible) < total
    for text in visible:
        checked = picker.locator("label", has_text=text.strip()).locator("input").is_checked()
        assert "kepemimpinan" in text.lower() or checked, text
