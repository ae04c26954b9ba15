"""The checks of the browser gate, as plain functions that return findings.

A finding is one thing wrong with a page; an empty list means the page passes. The gate's
tests (test_pages.py) call these on every page type in both languages, and the gate's own
test (test_gate_self.py) calls the same functions on a deliberately broken page to prove
that they do find what they claim to find.

Nothing here fetches anything from the network: axe-core and the Nu HTML checker come
from tests/browser/node_modules (pinned in package.json / package-lock.json, installed by
scripts/install-browser-deps.sh).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

ONE_YEAR = 31_536_000
# Resource types (CDP Network.ResourceType) that do not count towards the weight budget.
BUDGET_EXCLUDED_TYPES = {"Image", "Media"}
# Text responses that must arrive compressed. Bodies under 200 bytes are exempt: Django's
# GZipMiddleware leaves them alone because gzip would make them bigger.
COMPRESSED_TYPES = {"Document", "Stylesheet", "Script"}
COMPRESSION_MIN_BYTES = 200
ACCEPTED_ENCODINGS = {"gzip", "br"}
# ManifestStaticFilesStorage: name.<12 hex digits of MD5>.ext
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+(\.map)?$")


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    where: str = ""

    def __str__(self) -> str:
        where = f"\n      at {self.where}" if self.where else ""
        return f"  - [{self.rule}] {self.message}{where}"


def report(title: str, findings: list[Finding]) -> str:
    return f"{title}: {len(findings)} finding(s)\n" + "\n".join(str(f) for f in findings)


# --- capturing a page ----------------------------------------------------------------


@dataclass
class Resource:
    request_id: str
    url: str
    type: str = "Other"
    method: str = "GET"
    status: int | None = None
    mime: str = ""
    request_headers: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    encoded_bytes: int = 0  # bytes on the wire: headers + (compressed) body
    decoded_bytes: int = 0  # body after decompression
    from_cache: bool = False
    finished: bool = False
    failed: str = ""


@dataclass
class Capture:
    url: str
    status: int | None
    html: str
    requests: list[str]  # every URL the page asked for (page.on("request"))
    resources: list[Resource]
    main_text: str | None


class NetworkRecorder:
    """Records every response of one page through the DevTools protocol, with the byte
    counts Chromium itself reports (encodedDataLength: what crossed the wire)."""

    def __init__(self, context, page):
        self.resources: dict[str, Resource] = {}
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        self.cdp = context.new_cdp_session(page)
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.requestWillBeSentExtraInfo", self._sent_extra)
        self.cdp.on("Network.responseReceived", self._received)
        self.cdp.on("Network.dataReceived", self._data)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.loadingFailed", self._failed)
        self.cdp.send("Network.enable")
        # A cold visit, as a citizen's first one: nothing from the HTTP cache.
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def _get(self, request_id: str) -> Resource:
        return self.resources.setdefault(request_id, Resource(request_id=request_id, url=""))

    def _sent(self, p):
        res = self._get(p["requestId"])
        if p.get("redirectResponse"):
            # The redirect hop counts too; keep it under its own key.
            hop_id = f"{p['requestId']}#{len(self.resources)}"
            hop = Resource(**{**res.__dict__, "request_id": hop_id})
            hop.status = p["redirectResponse"]["status"]
            hop.headers = _lower(p["redirectResponse"].get("headers", {}))
            hop.encoded_bytes = p["redirectResponse"].get("encodedDataLength", 0)
            hop.finished = True
            self.resources[hop.request_id] = hop
            res.decoded_bytes = 0
        res.url = p["request"]["url"]
        res.method = p["request"]["method"]
        res.type = p.get("type", res.type)
        res.request_headers = {**_lower(p["request"].get("headers", {})), **res.request_headers}

    def _sent_extra(self, p):
        res = self._get(p["requestId"])
        res.request_headers.update(_lower(p.get("headers", {})))

    def _received(self, p):
        res = self._get(p["requestId"])
        response = p["response"]
        res.type = p.get("type", res.type)
        res.url = response["url"]
        res.status = response["status"]
        res.mime = response.get("mimeType", "")
        res.headers = _lower(response.get("headers", {}))
        res.from_cache = bool(response.get("fromDiskCache") or response.get("fromPrefetchCache"))

    def _data(self, p):
        self._get(p["requestId"]).decoded_bytes += p.get("dataLength", 0)

    def _finished(self, p):
        res = self._get(p["requestId"])
        res.encoded_bytes = p.get("encodedDataLength", 0)
        res.finished = True

    def _failed(self, p):
        res = self._get(p["requestId"])
        res.failed = p.get("errorText", "failed")
        res.finished = True

    def settle(self, page, timeout: float = 5.0) -> None:
        """Let pending responses finish (events arrive while Playwright pumps)."""
        deadline = time.monotonic() + timeout
        quiet_since = None
        while time.monotonic() < deadline:
            page.wait_for_timeout(50)
            pending = [r for r in self.resources.values() if not r.finished]
            if pending:
                quiet_since = None
                continue
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= 0.15:
                return


def _lower(headers: dict) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in headers.items()}


MAIN_TEXT_JS = "() => { const m = document.querySelector('main'); return m ? m.innerText : null; }"


def visit(context, url: str):
    """Open `url` in a new page of `context`; returns (page, recorder, capture)."""
    page = context.new_page()
    recorder = NetworkRecorder(context, page)
    response = page.goto(url, wait_until="load")
    recorder.settle(page)
    html = ""
    if response is not None:
        try:
            html = response.body().decode("utf-8", errors="replace")
        except Exception:  # noqa: BLE001 - a body that cannot be read is reported as empty
            html = ""
    capture = Capture(
        url=url,
        status=response.status if response is not None else None,
        html=html,
        requests=list(recorder.requests),
        resources=list(recorder.resources.values()),
        main_text=page.evaluate(MAIN_TEXT_JS),
    )
    return page, recorder, capture


# --- status -------------------------------------------------------------------------------


def check_status(capture: Capture, expected: int) -> list[Finding]:
    if capture.status != expected:
        return [Finding("status", f"answered {capture.status}, expected {expected}", capture.url)]
    return []


# --- accessibility: axe-core --------------------------------------------------------------

AXE_RUN_JS = """async () => {
  // Every rule axe knows, experimental ones included: runOnly with the full list enables
  // rules that are off by default.
  const ids = axe.getRules().map(r => r.ruleId);
  const results = await axe.run(document, {
    runOnly: {type: 'rule', values: ids},
    resultTypes: ['violations'],
  });
  return {version: axe.version, rules: ids.length, violations: results.violations};
}"""


def axe_source() -> str:
    if not AXE_JS.exists():
        raise FileNotFoundError(
            f"{AXE_JS} is missing: run `bash scripts/install-browser-deps.sh` "
            "(npm ci in tests/browser)."
        )
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page) -> dict:
    page.evaluate(axe_source())
    return page.evaluate(AXE_RUN_JS)


def check_axe(page, stats: dict | None = None) -> list[Finding]:
    """axe-core with all rules on the live page: one finding per violating element."""
    results = run_axe(page)
    if stats is not None:
        stats.update(axe_version=results["version"], axe_rules=results["rules"])
    findings = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            target = " ".join(
                t if isinstance(t, str) else " >>> ".join(t) for t in node.get("target", [])
            )
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            html = re.sub(r"\s+", " ", node.get("html", ""))[:160]
            findings.append(
                Finding(
                    f"axe:{violation['id']}",
                    f"({violation.get('impact') or 'n/a'}) {violation['help']} — {summary}",
                    f"{target}  {html}",
                )
            )
    return findings


# --- no request to other hosts ------------------------------------------------------------


def check_foreign_hosts(requests: list[str], base_url: str) -> list[Finding]:
    own = urlsplit(base_url).netloc
    findings = []
    for url in requests:
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"}:
            continue
        if parts.netloc != own:
            findings.append(Finding("foreign-host", f"request to {parts.netloc or url}", url))
    return findings


# --- weight, compression, caching ---------------------------------------------------------


def counted(resources: list[Resource]) -> list[Resource]:
    """What the budget counts: everything but images (an icon fetched as type "Other"
    is still an image)."""
    return [
        r for r in resources
        if r.type not in BUDGET_EXCLUDED_TYPES and not r.mime.startswith("image/")
    ]


def transferred(resources: list[Resource]) -> int:
    return sum(r.encoded_bytes for r in counted(resources))


def check_budget(resources: list[Resource], budget: int) -> list[Finding]:
    total = transferred(resources)
    if total <= budget:
        return []
    lines = ", ".join(
        f"{urlsplit(r.url).path or r.url} {r.type} {r.encoded_bytes} B"
        for r in sorted(counted(resources), key=lambda r: -r.encoded_bytes)
    )
    return [
        Finding(
            "budget",
            f"{total} B transferred ({total / 1024:.1f} KiB) > budget {budget} B "
            f"({budget / 1024:.0f} KiB), images excluded",
            lines,
        )
    ]


def check_compression(resources: list[Resource]) -> list[Finding]:
    findings = []
    document = next((r for r in resources if r.type == "Document"), None)
    if document is not None:
        offered = document.request_headers.get("accept-encoding", "")
        if not any(enc in offered for enc in ACCEPTED_ENCODINGS):
            findings.append(
                Finding("compression", f"browser offered no gzip/br ({offered!r})", document.url)
            )
    for r in resources:
        if r.type not in COMPRESSED_TYPES or r.failed or r.status is None:
            continue
        if 300 <= r.status < 400 or r.status == 204:
            continue  # no body to compress
        if r.decoded_bytes < COMPRESSION_MIN_BYTES:
            continue
        encoding = r.headers.get("content-encoding", "").strip().lower()
        if encoding not in ACCEPTED_ENCODINGS:
            findings.append(
                Finding(
                    "compression",
                    f"{r.type} of {r.decoded_bytes} B served with "
                    f"Content-Encoding {encoding or 'none'} (gzip or br expected)",
                    r.url,
                )
            )
    return findings


def _max_age(cache_control: str) -> int | None:
    match = re.search(r"max-age=(\d+)", cache_control)
    return int(match.group(1)) if match else None


def check_static_caching(resources: list[Resource], base_url: str,
                         static_prefix: str = "/static/") -> list[Finding]:
    own = urlsplit(base_url).netloc
    findings = []
    for r in resources:
        parts = urlsplit(r.url)
        if parts.netloc != own or not parts.path.startswith(static_prefix) or r.status != 200:
            continue
        if not HASHED_NAME.search(parts.path):
            findings.append(Finding("static-hashed-name", "static file name has no content hash",
                                    r.url))
        cache_control = r.headers.get("cache-control", "")
        max_age = _max_age(cache_control)
        if max_age is None or max_age < ONE_YEAR:
            findings.append(
                Finding("static-cache", f"Cache-Control {cache_control or '(none)'!r}: "
                        f"max-age of at least {ONE_YEAR} expected", r.url)
            )
    return findings


# --- structured data ------------------------------------------------------------------------


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "meta" and a.get("property"):
            self.meta.setdefault(a["property"], a.get("content", ""))
        elif tag == "link":
            self.links.append(a)
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in_jsonld = True
            self._buffer = []

    def handle_data(self, data):
        if self._in_jsonld:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_jsonld:
            self.jsonld.append("".join(self._buffer))
            self._in_jsonld = False


def check_structured_data(html: str, *, jsonld: bool, feed: bool,
                          base_url: str = "") -> list[Finding]:
    parser = _HeadParser()
    parser.feed(html)
    findings = []
    for prop in ("og:title", "og:description"):
        if not parser.meta.get(prop, "").strip():
            findings.append(Finding("open-graph", f'<meta property="{prop}"> missing or empty'))
    for index, block in enumerate(parser.jsonld, 1):
        try:
            data = json.loads(block)
        except ValueError as exc:
            findings.append(Finding("json-ld", f"JSON-LD block {index} does not parse: {exc}"))
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if not isinstance(item, dict) or not item.get("@type") or (
                not item.get("@context") and not isinstance(data, list)
            ):
                findings.append(Finding("json-ld", f"JSON-LD block {index} lacks @context/@type"))
    if jsonld and not parser.jsonld:
        findings.append(Finding("json-ld", 'no <script type="application/ld+json"> block'))
    feeds = [
        link for link in parser.links
        if "alternate" in link.get("rel", "").lower().split()
        and link.get("type", "").lower() == "application/atom+xml"
    ]
    if feed and not feeds:
        findings.append(
            Finding("feed", '<link rel="alternate" type="application/atom+xml"> missing')
        )
    for link in feeds:
        if not link.get("href"):
            findings.append(Finding("feed", "Atom <link rel=alternate> without href"))
        elif base_url and urlsplit(urljoin(base_url, link["href"])).netloc != urlsplit(
            base_url
        ).netloc:
            findings.append(Finding("feed", "Atom feed on another host", link["href"]))
    return findings


# --- JavaScript off --------------------------------------------------------------------------


def _normalise(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def check_same_main_text(with_js: str | None, without_js: str | None) -> list[Finding]:
    if with_js is None or without_js is None:
        return [Finding("nojs-main", "page has no <main> element")]
    a, b = _normalise(with_js), _normalise(without_js)
    if a == b:
        return []
    # Point at the first difference so the report is readable.
    i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return [
        Finding(
            "nojs-main",
            "main content differs with JavaScript off",
            f"char {i}: with JS …{a[max(0, i - 40):i + 60]!r}… / without JS "
            f"…{b[max(0, i - 40):i + 60]!r}…",
        )
    ]


FORMS_JS = """() => [...document.forms].map((form, index) => {
  const submits = [...form.elements].filter(el =>
      (el.tagName === 'BUTTON' && (el.getAttribute('type') || 'submit').toLowerCase() === 'submit')
      || (el.tagName === 'INPUT' && ['submit', 'image'].includes(el.type)));
  return {
    index,
    id: form.id || '',
    name: form.getAttribute('aria-label') || form.id || form.getAttribute('action') || '',
    action: form.action,
    actionAttr: form.getAttribute('action'),
    method: form.method,
    methodAttr: form.getAttribute('method'),
    hasCsrf: !!form.querySelector('input[name=csrfmiddlewaretoken]'),
    hasPassword: !!form.querySelector('input[type=password]'),
    submits: submits.length,
  };
})"""


def check_forms(page, base_url: str) -> list[Finding]:
    """Every form submits without JavaScript: a real same-site action, GET or POST (POST when
    it carries a CSRF token or a password), and a submit button."""
    own = urlsplit(base_url).netloc
    findings = []
    for form in page.evaluate(FORMS_JS):
        where = f"form #{form['index'] + 1} {form['name']!r}"
        action = urlsplit(form["action"])
        if action.scheme not in {"http", "https"} or action.netloc != own:
            findings.append(Finding("nojs-form", f"action {form['action']!r} is not a page "
                                    "of this site", where))
        if form["method"] not in {"get", "post"}:
            findings.append(Finding("nojs-form", f"method {form['method']!r}", where))
        if (form["hasCsrf"] or form["hasPassword"]) and form["method"] != "post":
            findings.append(Finding("nojs-form", "sends a CSRF token or password but "
                                    f"method is {form['method']!r}", where))
        if form["submits"] == 0:
            findings.append(Finding("nojs-form", "no submit button", where))
    return findings


def submit_form(page, selector: str, values: dict[str, str]) -> list[Finding]:
    """Fill and submit a form (JavaScript off); the server must answer normally."""
    form = page.locator(selector).first
    if form.count() == 0:
        return [Finding("nojs-submit", f"no form matches {selector!r}", page.url)]
    for name, value in values.items():
        form.locator(f'[name="{name}"]').fill(value)
    button = form.locator(
        'button:not([type]), button[type=submit], input[type=submit], input[type=image]'
    ).first
    with page.expect_navigation(wait_until="load") as navigation:
        button.click()
    response = navigation.value
    status = response.status if response is not None else None
    if status is None or status >= 400:
        return [Finding("nojs-submit", f"submitting {selector!r} answered {status}", page.url)]
    return []


# --- keyboard ---------------------------------------------------------------------------------

FOCUSABLE = (
    "a[href], area[href], button, input:not([type=hidden]), select, textarea, iframe, "
    "summary, [tabindex], [contenteditable=''], [contenteditable='true'], "
    "audio[controls], video[controls]"
)

REMEMBER_UNFOCUSED_JS = """(selector) => {
  const style = el => {
    const s = getComputedStyle(el);
    return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
            boxShadow: s.boxShadow};
  };
  const all = [...document.querySelectorAll(selector)];
  window.__gateUnfocused = new Map(all.map(el => [el, style(el)]));
}"""

ACTIVE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const s = getComputedStyle(el);
  const before = (window.__gateUnfocused && window.__gateUnfocused.get(el))
      || {outline: 'none 0px rgba(0, 0, 0, 0)', boxShadow: 'none'};
  const r = el.getBoundingClientRect();
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '')
      .trim().slice(0, 40);
  const classes = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
  let desc = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes;
  if (el.getAttribute('href')) desc += `[href="${el.getAttribute('href')}"]`;
  if (el.name) desc += `[name="${el.name}"]`;
  if (text) desc += ` "${text}"`;
  const href = el.getAttribute('href') || '';
  return {
    desc,
    isSkipLink: el.tagName === 'A' && href.startsWith('#') && href.length > 1
        && !!document.getElementById(decodeURIComponent(href.slice(1))),
    outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
    outlineColor: s.outlineColor,
    outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
    boxShadow: s.boxShadow, before,
    rect: {x: r.x, y: r.y, w: r.width, h: r.height},
    viewport: {w: innerWidth, h: innerHeight},
  };
}"""


def _transparent(colour: str) -> bool:
    return colour in {"transparent", ""} or bool(re.search(r"rgba\([^)]*,\s*0\)$", colour))


def focus_visible(info: dict) -> tuple[bool, str]:
    outline = (
        info["outlineStyle"] != "none" and info["outlineWidth"] > 0
        and not _transparent(info["outlineColor"])
    )
    shadow = info["boxShadow"]
    shadow_changed = shadow != info["before"]["boxShadow"] and shadow != "none"
    if not (outline or shadow_changed):
        return False, (f"no focus indicator (outline {info['outline']!r}, box-shadow "
                       f"{shadow!r}, unchanged from unfocused)")
    r, v = info["rect"], info["viewport"]
    if r["w"] <= 0 or r["h"] <= 0:
        return False, "focused element has no size (hidden)"
    if r["x"] + r["w"] <= 0 or r["y"] + r["h"] <= 0 or r["x"] >= v["w"] or r["y"] >= v["h"]:
        return False, f"focused element is off screen at ({r['x']:.0f}, {r['y']:.0f})"
    return True, ""


def check_keyboard(page, *, max_steps: int = 30, stats: dict | None = None) -> list[Finding]:
    """Tab once: the skip link has focus, and shows it. Then Tab on through up to
    `max_steps` elements: each focused element shows a visible focus indicator."""
    findings = []
    stats = {} if stats is None else stats
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); "
                  "window.scrollTo(0, 0); }")
    page.evaluate(REMEMBER_UNFOCUSED_JS, FOCUSABLE)
    seen = []
    for step in range(max_steps):
        page.keyboard.press("Tab")
        info = page.evaluate(ACTIVE_JS)
        if info is None:
            if step == 0:
                findings.append(Finding("skip-link", "Tab focused nothing"))
            break
        if step == 0 and not info["isSkipLink"]:
            findings.append(
                Finding("skip-link", "first Tab does not focus a skip link (an <a href=\"#id\"> "
                        "whose target exists)", info["desc"])
            )
        if seen and info["desc"] == seen[0]:
            break  # went round
        seen.append(info["desc"])
        stats["tabbed"] = len(seen)
        visible, why = focus_visible(info)
        if not visible:
            findings.append(Finding("focus-visible", why, f"Tab #{step + 1}: {info['desc']}"))
    return findings


# --- valid HTML: the Nu HTML checker ------------------------------------------------------------


def validate_html(files: dict[str, Path]) -> dict[str, list[Finding]]:
    """Run vnu.jar ONCE over all files (the JVM start is slow); findings per key."""
    if not VNU_JAR.exists():
        raise FileNotFoundError(
            f"{VNU_JAR} is missing: run `bash scripts/install-browser-deps.sh` "
            "(npm ci in tests/browser)."
        )
    by_path = {path.resolve(): key for key, path in files.items()}
    results: dict[str, list[Finding]] = {key: [] for key in files}
    if not files:
        return results
    done = subprocess.run(  # noqa: S603 - fixed argv
        [shutil.which("java") or "java", "-Xss2m", "-jar", str(VNU_JAR),
         "--format", "json", "--exit-zero-always", *[str(p) for p in files.values()]],
        capture_output=True, text=True, timeout=300, check=False,
    )
    try:
        messages = json.loads(done.stderr or done.stdout)["messages"]
    except (ValueError, KeyError) as exc:
        raise RuntimeError(f"vnu.jar gave no JSON ({exc}):\n{done.stderr[-2000:]}") from exc
    for msg in messages:
        if msg.get("type") not in {"error", "non-document-error"}:
            continue  # info and warnings do not fail the gate
        url = msg.get("url", "")
        path = Path(urlsplit(url).path).resolve() if url.startswith("file:") else None
        key = by_path.get(path)
        where = f"line {msg.get('lastLine', '?')}: {msg.get('extract', '').strip()[:160]}"
        finding = Finding("html:" + msg.get("subType", msg["type"]), msg.get("message", ""), where)
        if key is None:
            for bucket in results.values():
                bucket.append(finding)
        else:
            results[key].append(finding)
    return results


PHONE = {"width": 390, "height": 844}  # a common phone, in CSS pixels

OVERFLOW_JS = """(width) => {
  const out = [];
  if (document.documentElement.scrollWidth <= width + 1) return out;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right <= width + 1 || r.width === 0) continue;
    // Inside a box that scrolls sideways on its own (a wide table): fine.
    let p = el.parentElement, scrolls = false;
    while (p && p !== document.body) {
      const ox = getComputedStyle(p).overflowX;
      if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') { scrolls = true; break; }
      p = p.parentElement;
    }
    if (scrolls) continue;
    const tag = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    out.push(`${tag} right edge at ${Math.round(r.right)}px`);
    if (out.length >= 5) break;
  }
  if (!out.length) out.push(`page ${document.documentElement.scrollWidth}px wide`);
  return out;
}"""


def check_phone_width(page) -> list[Finding]:
    """On a 390 px wide screen the page scrolls only down: nothing sticks out sideways
    (a table may scroll inside its own box)."""
    return [Finding("phone-width", f"wider than {PHONE['width']} px", where)
            for where in page.evaluate(OVERFLOW_JS, PHONE["width"])]
