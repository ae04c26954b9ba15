"""The page quality gate (issue 8): every public page type in tests/browser/pages.py, in
Indonesian and English, in headless Chromium against the site served by gunicorn.

One test per check and page, so a failure names both. `make test-browser` runs these alone.
"""

from __future__ import annotations

import pytest

from . import checks
from .pages import CASES, PageCase

pytestmark = pytest.mark.browser

cases = pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])


def _result(gate, case: PageCase, *needed: str):
    result = gate.result(case)
    problems = {k: v for k, v in result.errors.items() if k in ("visit", *needed)}
    if problems:
        pytest.fail(f"{case.id} ({gate.url(case)}): "
                    + "; ".join(f"{k}: {v}" for k, v in problems.items()), pytrace=False)
    return result


def _assert_none(case: PageCase, gate, title: str, findings: list[checks.Finding]) -> None:
    if findings:
        pytest.fail(checks.report(f"{case.id} {gate.url(case)} — {title}", findings),
                    pytrace=False)


@cases
def test_page_answers_expected_status(gate, case):
    result = _result(gate, case)
    _assert_none(case, gate, "status", checks.check_status(result.capture, case.page.status))


@cases
def test_axe_finds_no_violations(gate, case):
    result = _result(gate, case, "axe")
    _assert_none(case, gate, "axe-core, all rules", result.findings["axe"])


@cases
def test_html_is_valid(gate, case):
    _result(gate, case)
    _assert_none(case, gate, "Nu HTML checker errors", gate.html_findings(case))


@cases
def test_no_request_to_other_hosts(gate, case):
    result = _result(gate, case, "nojs")
    findings = checks.check_foreign_hosts(result.capture.requests, gate.base_url)
    if result.nojs is not None:
        findings += checks.check_foreign_hosts(result.nojs.requests, gate.base_url)
    _assert_none(case, gate, "requests to other hosts", sorted(set(findings), key=str))


@cases
def test_main_content_same_without_javascript(gate, case):
    result = _result(gate, case, "nojs")
    _assert_none(case, gate, "JavaScript off: main content",
                 checks.check_same_main_text(result.capture.main_text, result.nojs.main_text))


@cases
def test_forms_submit_without_javascript(gate, case):
    result = _result(gate, case, "nojs", "forms", "submit")
    _assert_none(case, gate, "JavaScript off: forms",
                 result.findings["forms"] + result.findings.get("submit", []))


@cases
def test_keyboard_skip_link_first_and_focus_visible(gate, case):
    result = _result(gate, case, "keyboard")
    _assert_none(case, gate, "keyboard", result.findings["keyboard"])


@cases
def test_weight_within_budget(gate, case):
    result = _result(gate, case)
    _assert_none(case, gate, f"weight ({case.page.kind} budget)",
                 checks.check_budget(result.capture.resources, case.page.budget))


@cases
def test_text_responses_compressed(gate, case):
    result = _result(gate, case)
    _assert_none(case, gate, "compression", checks.check_compression(result.capture.resources))


@cases
def test_static_files_hashed_and_cached_for_a_year(gate, case):
    result = _result(gate, case)
    _assert_none(case, gate, "static caching",
                 checks.check_static_caching(result.capture.resources, gate.base_url))


@cases
def test_structured_data(gate, case):
    result = _result(gate, case)
    _assert_none(case, gate, "structured data",
                 checks.check_structured_data(result.capture.html, jsonld=case.page.jsonld,
                                              feed=case.page.feed, base_url=gate.base_url))


@cases
def test_fits_a_390px_phone_screen(gate, case):
    """Citizens read on phones: at 390 px, without JavaScript, nothing sticks out sideways."""
    result = _result(gate, case, "nojs", "phone_width")
    _assert_none(case, gate, "390 px phone width", result.findings["phone_width"])
