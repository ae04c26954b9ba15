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


def test_the_outcome_program_chooser_searches_as_the_editor_types(editor, base_url):
    """The Programs panel opens Wagtail's chooser: it lists the outcome's language only,
    typing narrows the list, and a chosen program becomes a row of the panel."""
    editor.goto(base_url + "/admin/pages/search/?" + urllib.parse.urlencode(
        {"q": OUTCOME_TITLE}))
    editor.locator('a[href$="/edit/"]', has_text=OUTCOME_TITLE).first.click()
    editor.wait_for_url("**/edit/")
    total_forms = editor.locator("#id_program_links-TOTAL_FORMS")
    before = int(total_forms.input_value())
    editor.locator("#id_program_links-OPEN_MODAL").click()
    modal = editor.locator(".modal-content")
    search = modal.locator("input[name=q]")
    search.wait_for()
    rows = modal.locator("tbody tr")
    rows.first.wait_for()
    total = rows.count()
    assert total > 3
    assert not any("training" in text.lower() for text in rows.all_inner_texts())
    search.fill("kepemimpinan")
    editor.wait_for_function("""() => {
        const rows = [...document.querySelectorAll('.modal-content tbody tr')];
        return rows.length > 0
            && rows.every(row => row.innerText.toLowerCase().includes('kepemimpinan'));
    }""")
    assert 0 < rows.count() < total
    modal.locator("tbody tr input[type=checkbox]").first.check()
    modal.locator("[data-multiple-choice-submit]").click()
    editor.wait_for_function(
        f"() => Number(document.querySelector('#id_program_links-TOTAL_FORMS').value) > {before}")
    assert "kepemimpinan" in editor.locator(
        f"#inline_child_program_links-{before}").inner_text().lower()
