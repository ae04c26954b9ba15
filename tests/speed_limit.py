"""The suite's own speed limit (a pytest hook, re-exported by tests/conftest.py)."""

import os

import pytest


def slow_test_seconds() -> float:
    return float(os.environ.get("SERAMBI_SLOW_TEST_SECONDS", "10"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A test whose body runs longer than SERAMBI_SLOW_TEST_SECONDS (10 s) fails unless it is marked
    ``@pytest.mark.slow(reason="…")``: a slow test is built on purpose, never by accident.
    Only the test's own call counts (module data built once is the point of module_db);
    `.ci/run` prints the slowest tests with --durations."""
    report = yield
    limit = slow_test_seconds()
    if call.when != "call" or not report.passed or call.duration <= limit:
        return report
    marker = item.get_closest_marker("slow")
    if marker is not None and marker.kwargs.get("reason"):
        return report
    report.outcome = "failed"
    report.longrepr = (
        f"{item.nodeid} took {call.duration:.1f} s (> {limit:g} s): make it faster, "
        "or mark it @pytest.mark.slow(reason=...) saying why it must take this long"
    )
    return report
