"""The suite's own speed limit (pytest hooks, re-exported by tests/conftest.py).

A test whose body uses more than SERAMBI_SLOW_TEST_SECONDS (10 s) of CPU time fails unless
it is marked ``@pytest.mark.slow(reason="…")``: a slow test is built on purpose, never by
accident. CPU time of the test process, not wall time, so that a loaded machine (two
workers on two cores, a browser, a database server) does not turn a fast test into a
failure; `.ci/run` prints the wall-time slowest tests with --durations. Only the test's
own call counts (data built once per module is the point of module_db)."""

import os
import time

import pytest

_CPU_SECONDS = pytest.StashKey[float]()


def slow_test_seconds() -> float:
    return float(os.environ.get("SERAMBI_SLOW_TEST_SECONDS", "10"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    started = time.process_time()
    try:
        return (yield)
    finally:
        item.stash[_CPU_SECONDS] = time.process_time() - started


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    limit = slow_test_seconds()
    cpu = item.stash.get(_CPU_SECONDS, 0.0)
    if call.when != "call" or not report.passed or cpu <= limit:
        return report
    marker = item.get_closest_marker("slow")
    if marker is not None and marker.kwargs.get("reason"):
        return report
    report.outcome = "failed"
    report.longrepr = (
        f"{item.nodeid} used {cpu:.1f} s of CPU (> {limit:g} s): make it faster, "
        "or mark it @pytest.mark.slow(reason=...) saying why it must take this long"
    )
    return report
