"""The gate tested on itself: a deliberately broken page must fail the checks, and a
plain good page must pass them — with the very functions test_pages.py uses.

The broken page has an image without alt text, a third-party script
(https://cdn.example.com/x.js — the browser's host-resolver rule makes it fail at once,
nothing leaves the machine) and a 200 KiB inline blob, served without compression by a
tiny HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import base64
import random
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from . import checks
from .pages import BUDGETS

pytestmark = pytest.mark.browser

PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="
BLOB = base64.b64encode(random.Random(8).randbytes(150 * 1024)).decode()  # 200 KiB of text

BROKEN = f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken page</title>
<script src="https://cdn.example.com/x.js"></script></head>
<body>
<main>
<h1>Broken page</h1>
<p><img src="{PIXEL}" width="1" height="1"></p>
<div hidden>{BLOB}</div>
</main>
</body>
</html>
"""

GOOD = f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Good page</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="Good page">
<meta property="og:description" content="A page that passes.">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "WebPage"}}</script>
</head>
<body>
<a href="#main">Skip to content</a>
<main id="main">
<h1>Good page</h1>
<p><img src="{PIXEL}" width="1" height="1" alt="A dot"></p>
<p><a href="/elsewhere">A link</a></p>
</main>
</body>
</html>
"""


class _Handler(BaseHTTPRequestHandler):
    pages = {"/broken": BROKEN, "/good": GOOD}

    def do_GET(self):  # noqa: N802 - http.server's naming
        body = self.pages.get(self.path, "").encode()
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def little_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def seen(browser, little_server):
    """Visit both pages once; keep what the checks need from the live pages."""
    out = {}
    for name in ("broken", "good"):
        context = browser.new_context()
        try:
            page, _recorder, capture = checks.visit(context, f"{little_server}/{name}")
            out[name] = {
                "capture": capture,
                "axe": checks.check_axe(page),
                "keyboard": checks.check_keyboard(page),
            }
        finally:
            context.close()
    return out


def _rules(findings):
    return {f.rule for f in findings}


def test_axe_check_fails_on_image_without_alt(seen):
    assert "axe:image-alt" in _rules(seen["broken"]["axe"])
    assert seen["good"]["axe"] == [], checks.report("good page", seen["good"]["axe"])


def test_foreign_host_check_fails_on_third_party_script(seen, little_server):
    broken = checks.check_foreign_hosts(seen["broken"]["capture"].requests, little_server)
    assert [f.message for f in broken] == ["request to cdn.example.com"]
    assert checks.check_foreign_hosts(seen["good"]["capture"].requests, little_server) == []


def test_budget_check_fails_on_200_kib_inline_blob(seen):
    broken = seen["broken"]["capture"].resources
    assert checks.transferred(broken) > 200 * 1024
    assert _rules(checks.check_budget(broken, BUDGETS["page"])) == {"budget"}
    assert _rules(checks.check_budget(broken, BUDGETS["thread"])) == {"budget"}
    assert checks.check_budget(seen["good"]["capture"].resources, BUDGETS["thread"]) == []


def test_compression_check_fails_on_uncompressed_html(seen):
    assert "compression" in _rules(checks.check_compression(seen["broken"]["capture"].resources))


def test_keyboard_check_fails_without_skip_link(seen):
    assert "skip-link" in _rules(seen["broken"]["keyboard"])
    assert seen["good"]["keyboard"] == [], checks.report("good page", seen["good"]["keyboard"])


def test_structured_data_check_fails_without_open_graph(seen):
    broken = checks.check_structured_data(seen["broken"]["capture"].html, jsonld=True, feed=True)
    assert _rules(broken) == {"open-graph", "json-ld", "feed"}
    good = checks.check_structured_data(seen["good"]["capture"].html, jsonld=True, feed=False)
    assert good == []


def test_html_check_fails_on_invalid_markup(seen, tmp_path):
    files = {}
    for name in ("broken", "good"):
        files[name] = tmp_path / f"{name}.html"
        files[name].write_text(seen[name]["capture"].html, encoding="utf-8")
    findings = checks.validate_html(files)
    assert any("alt" in f.message for f in findings["broken"]), findings["broken"]
    assert findings["good"] == [], checks.report("good page", findings["good"])
