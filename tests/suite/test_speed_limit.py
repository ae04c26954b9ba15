"""The suite refuses a test over the time limit unless it is marked slow with a reason."""


pytest_plugins = ["pytester"]

INNER_TESTS = """
import time
import pytest

def busy(seconds):
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass

def test_quick():
    pass

def test_waits_without_cpu():
    time.sleep(0.6)

def test_too_slow():
    busy(0.6)

@pytest.mark.slow(reason="waits on purpose")
def test_slow_with_reason():
    busy(0.6)

@pytest.mark.slow
def test_slow_without_reason():
    busy(0.6)
"""


def test_a_slow_test_fails_unless_marked_with_a_reason(pytester, monkeypatch):
    pytester.makeconftest(
        "from tests.speed_limit import pytest_runtest_call, pytest_runtest_makereport  # noqa\n"
        "def pytest_configure(config):\n"
        "    config.addinivalue_line('markers', 'slow(reason): slow on purpose')\n"
    )
    pytester.makepyfile(test_inner=INNER_TESTS)
    with monkeypatch.context() as patch:  # restored before this test's own report
        patch.setenv("SERAMBI_SLOW_TEST_SECONDS", "0.3")
        result = pytester.runpytest("-p", "no:django", "-p", "no:xdist", "-p",
                                    "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=2)
    result.stdout.fnmatch_lines(["*test_too_slow used *s of CPU (> 0.3 s)*"])
    assert "test_slow_with_reason used" not in result.stdout.str()
