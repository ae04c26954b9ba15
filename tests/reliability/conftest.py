"""Reliability suites (marker `reliability`): concurrency, faults, fuzz.

Every test collected from this folder carries the marker, so `-m reliability` runs them
and `-m "not reliability"` leaves them out. `.ci/run` runs them on SQLite and PostgreSQL
(the PostgreSQL step's `-m "not browser"` includes them); the concurrency tests need
PostgreSQL and skip on SQLite with the reason.
"""

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(HERE):
            item.add_marker(pytest.mark.reliability)
