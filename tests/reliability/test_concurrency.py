"""Concurrency through real database transactions: requests from several threads at the
same moment (a barrier releases them together), each with its own connection.

Each scenario is a row of ``SCENARIOS``: how many requests, who sends them, what they
post, and what must hold afterwards. All requests must answer without a 500 and every
acknowledged write must be in the database exactly once. Adding a scenario (e.g. "20
concurrent replies to one comment" once comments are merged) is one ``Scenario(...)``.

PostgreSQL only: the SQLite test database is one in-memory connection and serialises
writers, so threads would not exercise row locks or unique constraints under contention.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.urls import reverse

from discussions.models import OfficialAnswer, Support, Thread, ThreadEvent
from forum_site.accounts import roles
from tests.accounts.factories import AsnProfileFactory, UnitFactory, UserFactory
from tests.discussions.factories import CategoryFactory, ThreadFactory

POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
pytestmark = [
    # Decided at collection, before any database set-up: on SQLite nothing is created.
    pytest.mark.skipif(not POSTGRES, reason=(
        "needs PostgreSQL: SQLite's test database serialises writers, so concurrent "
        "requests would not contend on row locks")),
    # Real commits; the migration data (groups, Wagtail root) is restored for each test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@dataclass(frozen=True)
class Scenario:
    name: str
    workers: int
    # world → one user per worker (the same user repeated tests double submits)
    users: Callable[[dict], list]
    # (world, worker index) → (url, data)
    request: Callable[[dict, int], tuple[str, dict]]
    # (world, statuses) → None; asserts what must hold afterwards
    check: Callable[[dict, list[int]], None]


def _asns(world, n):
    return [AsnProfileFactory(user=UserFactory(roles=[roles.CITIZEN, roles.ASN]),
                              unit=world["unit"], verified=True).user for _ in range(n)]


def _citizens(n):
    return [UserFactory(roles=[roles.CITIZEN]) for _ in range(n)]


def _check_answers(world, statuses):
    assert statuses == [302, 302]
    thread = Thread.objects.get(pk=world["thread"].pk)
    saved = OfficialAnswer.objects.filter(thread=thread)
    assert saved.count() == 2 == thread.answers_count
    assert {a.body for a in saved} == {_answer_body(0), _answer_body(1)}
    assert ThreadEvent.objects.filter(thread=thread, kind="answered").count() == 2


def _answer_body(i):
    return f"Jawaban resmi nomor {i}: pendaftaran dibuka pada bulan Maret."


def _check_supports(world, statuses):
    assert statuses == [302] * len(statuses)
    thread = Thread.objects.get(pk=world["thread"].pk)
    assert Support.objects.filter(thread=thread).count() == len(statuses)
    assert thread.supporters_count == len(statuses)


def _check_double_support(world, statuses):
    assert all(status == 302 for status in statuses)
    thread = Thread.objects.get(pk=world["thread"].pk)
    assert Support.objects.filter(thread=thread).count() == 1 == thread.supporters_count


def _check_threads(world, statuses):
    assert statuses == [302] * len(statuses)
    titles = set(Thread.objects.filter(title__startswith="Serentak").values_list("title",
                                                                                 flat=True))
    assert titles == {_thread_title(i) for i in range(len(statuses))}


def _thread_title(i):
    return f"Serentak {i}: bagaimana mengurus mutasi antarkabupaten?"


SCENARIOS = [
    Scenario(
        "two official answers on one thread",
        workers=2,
        users=lambda w: _asns(w, 2),
        # No "seen answers" count: both were written without seeing the other, and both
        # are kept (the conflict page for a stale count is tested in tests/discussions).
        request=lambda w, i: (reverse("discussions:answer_publish", args=[w["thread"].pk]),
                              {"body": _answer_body(i)}),
        check=_check_answers,
    ),
    Scenario(
        "ten citizens supporting one thread",
        workers=10,
        users=lambda w: _citizens(10),
        request=lambda w, i: (reverse("discussions:thread_support", args=[w["thread"].pk]), {}),
        check=_check_supports,
    ),
    Scenario(
        "one citizen double-clicking support five times",
        workers=5,
        users=lambda w: _citizens(1) * 5,
        request=lambda w, i: (reverse("discussions:thread_support", args=[w["thread"].pk]), {}),
        check=_check_double_support,
    ),
    Scenario(
        "ten citizens opening threads at once",
        workers=10,
        users=lambda w: _citizens(10),
        request=lambda w, i: (reverse("discussions:thread_create"), {
            "kind": "question", "category": w["category"].slug, "title": _thread_title(i),
            "body": "Mohon penjelasan alur dan dokumen yang dibutuhkan untuk mutasi.",
            "similar_checked": "on",
        }),
        check=_check_threads,
    ),
    # Comments (issue 5) add here:
    # Scenario("twenty replies to one comment", workers=20, users=lambda w: _citizens(20),
    #          request=lambda w, i: (<reply URL of w["comment"]>, {<reply form>}),
    #          check=<all 20 saved, each once, tree order consistent>),
]


@pytest.fixture
def world(settings):
    settings.SERAMBI_RATE_LIMITS_ENABLED = False
    unit = UnitFactory(slug="bkpsdm-serentak")
    category = CategoryFactory(default_unit=unit, slug="mutasi")
    thread = ThreadFactory(category=category, author=UserFactory(roles=[roles.CITIZEN]))
    return {"unit": unit, "category": category, "thread": thread}


def _run_at_once(scenario: Scenario, world: dict) -> list[int]:
    users = scenario.users(world)
    assert len(users) == scenario.workers
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    connections.close_all()  # each thread opens its own connection
    barrier = threading.Barrier(scenario.workers)
    statuses: list[int | None] = [None] * scenario.workers
    errors: list[BaseException] = []

    def work(index: int):
        try:
            url, data = scenario.request(world, index)
            barrier.wait(timeout=30)
            statuses[index] = clients[index].post(url, data).status_code
        except BaseException as exc:  # noqa: BLE001 - reported below, with the traceback
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(scenario.workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if errors:
        raise errors[0]
    return statuses


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_concurrent_writes(world, scenario: Scenario):
    statuses = _run_at_once(scenario, world)
    assert 500 not in statuses
    scenario.check(world, statuses)
