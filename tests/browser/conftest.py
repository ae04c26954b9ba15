"""Fixtures of the browser gate: the site served for real, one Chromium, page captures.

Debian's chromium (/usr/bin/chromium) is driven by Playwright for Python; Playwright never
downloads a browser here. Without chromium the gate is skipped with a message — except
under CI (CI=true), where a missing browser fails it: `.ci/run` must always run the gate.

Everything is package-scoped, not session-scoped: Playwright's sync API keeps an asyncio
loop marked as running in this thread while it is alive, which makes Django refuse ORM
calls ("SynchronousOnlyOperation") in tests that run after it. Package scope shuts the
browser down as soon as the last test of tests/browser has run.

Set SERAMBI_GATE_BASE_URL=http://127.0.0.1:8000 to check an already running site instead
of starting one (it must have the demo data: `make run`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from . import checks
from .pages import CASES, PageCase, resolve

CHROMIUM = os.environ.get("SERAMBI_CHROMIUM", "/usr/bin/chromium")
# STACK-NOTES: the flags that work on these machines. The host-resolver rule makes every
# host but the site's own fail at once, so a stray third-party URL is recorded (and
# reported) without the browser ever trying to reach the network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def chromium_missing_reason() -> str | None:
    if Path(CHROMIUM).exists() and os.access(CHROMIUM, os.X_OK):
        return None
    return (
        f"browser gate: Chromium not found at {CHROMIUM} "
        "(install it with `bash scripts/install-browser-deps.sh`, needs root)"
    )


def pytest_report_header(config):
    reason = chromium_missing_reason()
    if reason is None:
        return f"browser gate: {CHROMIUM}"
    return reason + (" — CI=true: the gate FAILS" if in_ci() else " — browser tests SKIPPED")


def pytest_collection_modifyitems(config, items):
    reason = chromium_missing_reason()
    if reason is None or in_ci():
        return
    skip = pytest.mark.skip(reason=reason + "; CI is not set, so the gate is skipped")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="package")
def base_url(request):
    external = os.environ.get("SERAMBI_GATE_BASE_URL")
    if external:
        resolve(external.rstrip("/"))
        yield external.rstrip("/")
        return
    from .server import serve_site

    # On SQLite the site starts from the test run's freshly migrated database (a copy).
    with serve_site(migrated=request.getfixturevalue("migrated_database_copy")) as url:
        resolve(url)  # ids of seeded objects some page URLs need (pages.py)
        yield url


@pytest.fixture(scope="package")
def browser():
    reason = chromium_missing_reason()
    if reason is not None:
        pytest.fail(f"{reason}; CI=true, so the gate may not be skipped", pytrace=False)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, chromium_sandbox=False, args=CHROMIUM_ARGS,
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@dataclass
class CaseResult:
    """What the gate saw of one page in one language."""

    case: PageCase
    capture: checks.Capture | None = None
    nojs: checks.Capture | None = None
    findings: dict[str, list[checks.Finding]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    stats: dict = field(default_factory=dict)
    seconds: float = 0.0


class Gate:
    """Visits each page once with JavaScript and once without, runs the checks that need
    the live page (axe, keyboard, forms) while it is open, and keeps the results for the
    individual tests. The Nu checker runs once over every page."""

    def __init__(self, browser, base_url: str, workdir: Path):
        self.browser = browser
        self.base_url = base_url
        self.workdir = workdir
        self._results: dict[str, CaseResult] = {}
        self._html_findings: dict[str, list[checks.Finding]] | None = None
        self._sessions: dict[str, dict] = {}  # login -> Playwright storage_state

    def url(self, case: PageCase) -> str:
        return self.base_url + case.path

    def result(self, case: PageCase) -> CaseResult:
        if case.id not in self._results:
            self._results[case.id] = self._run(case)
        return self._results[case.id]

    def _guard(self, result: CaseResult, name: str, func, *args, **kwargs):
        try:
            result.findings[name] = func(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - reported by the test that owns the check
            result.errors[name] = f"{type(exc).__name__}: {exc}"

    def _context(self, case: PageCase, **options):
        if case.page.login:
            options["storage_state"] = self._session(case.page.login)
        context = self.browser.new_context(
            locale="id-ID" if case.lang == "id" else "en-GB", **options
        )
        context.set_default_timeout(10_000)
        return context

    def _session(self, credentials: dict[str, str]) -> dict:
        """Sign in once per account through the real login form; reuse its cookies."""
        key = credentials["login"]
        if key not in self._sessions:
            context = self.browser.new_context(locale="id-ID")
            context.set_default_timeout(10_000)
            try:
                page = context.new_page()
                page.goto(self.base_url + "/akun/login/")
                form = page.locator("form:has(input[type=password])").first
                for name, value in credentials.items():
                    form.locator(f'[name="{name}"]').fill(value)
                with page.expect_navigation(wait_until="load"):
                    form.locator("button[type=submit], button:not([type])").first.click()
                signed_in = "/login/" not in page.url
                state = context.storage_state()
            finally:
                context.close()
            if not signed_in:
                raise AssertionError(f"could not sign in as {key} (still on the login page)")
            self._sessions[key] = state
        return self._sessions[key]

    def _run(self, case: PageCase) -> CaseResult:
        started = time.monotonic()
        result = CaseResult(case)
        url = self.url(case)
        try:
            context = self._context(case)
        except Exception as exc:  # noqa: BLE001 - signing in failed
            result.errors["visit"] = f"{type(exc).__name__}: {exc}"
            result.seconds = time.monotonic() - started
            return result
        try:
            page, _recorder, result.capture = checks.visit(context, url)
            self._guard(result, "axe", checks.check_axe, page, stats=result.stats)
            self._guard(result, "keyboard", checks.check_keyboard, page, stats=result.stats)
        except Exception as exc:  # noqa: BLE001
            result.errors["visit"] = f"{type(exc).__name__}: {exc}"
        finally:
            context.close()
        # Without JavaScript, on a phone's width: how many citizens meet the site.
        context = self._context(case, java_script_enabled=False, viewport=checks.PHONE)
        try:
            page, _recorder, result.nojs = checks.visit(context, url)
            self._guard(result, "phone_width", checks.check_phone_width, page)
            self._guard(result, "forms", checks.check_forms, page, self.base_url)
            self._guard(result, "submit", self._submit, page, case)
        except Exception as exc:  # noqa: BLE001
            result.errors["nojs"] = f"{type(exc).__name__}: {exc}"
        finally:
            context.close()
        result.seconds = time.monotonic() - started
        return result

    def _submit(self, page, case: PageCase) -> list[checks.Finding]:
        findings = []
        for selector, values in case.page.nojs_submit.items():
            page.goto(self.url(case))
            findings += checks.submit_form(page, selector, values)
        return findings

    def html_findings(self, case: PageCase) -> list[checks.Finding]:
        if self._html_findings is None:
            files = {}
            for other in CASES:
                capture = self.result(other).capture
                if capture is None:
                    continue
                path = self.workdir / f"{other.id}.html"
                path.write_text(capture.html, encoding="utf-8")
                files[other.id] = path
            self._html_findings = checks.validate_html(files)
        if case.id not in self._html_findings:
            raise AssertionError(f"{case.id}: page could not be captured")
        return self._html_findings[case.id]


_GATES: list[Gate] = []


@pytest.fixture(scope="package")
def gate(browser, base_url):
    workdir = Path(tempfile.mkdtemp(prefix="serambi-gate-"))
    gate = Gate(browser, base_url, workdir)
    _GATES.append(gate)
    try:
        yield gate
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def pytest_terminal_summary(terminalreporter):
    """One line per page: what the gate saw (weight against budget, findings per check)."""
    results = [r for gate in _GATES for r in gate._results.values()]
    if not results:
        return
    write = terminalreporter.write_line
    terminalreporter.section("browser gate: pages")
    stats = results[0].stats
    if "axe_version" in stats:
        write(f"axe-core {stats['axe_version']} ({stats['axe_rules']} rules, all enabled); "
              f"budget = transferred bytes of everything but images, cold cache")
    write(f"{'page':<22}{'status':>7}{'KiB':>8}{'budget':>8}{'files':>6}{'tabbed':>7}"
          f"{'s':>6}  findings")
    for r in results:
        capture = r.capture
        kib = checks.transferred(capture.resources) / 1024 if capture else 0
        files = len(checks.counted(capture.resources)) if capture else 0
        counts = {k: len(v) for k, v in r.findings.items() if v}
        counts.update(dict.fromkeys(r.errors, "error"))
        summary = ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"
        write(f"{r.case.id:<22}{capture.status if capture else '-'!s:>7}{kib:>8.1f}"
              f"{r.case.page.budget / 1024:>8.0f}{files:>6}{r.stats.get('tabbed', 0):>7}"
              f"{r.seconds:>6.1f}  {summary}")
