"""Writes to the search index. Apps call `index_later` where their own writes happen; the
commands call `rebuild` and `reconcile`. The database is always the source of truth."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db import transaction

from . import status
from .engines import EngineUnavailable, SearchEngine, database_engine, write_engines
from .records import make_key, projection_for, projections

logger = logging.getLogger("search")


def _noop(_message: str) -> None:
    pass


def index_later(record_type: str, ids: Iterable[int]) -> None:
    """After the current transaction commits, re-project `ids` and update every engine
    (records that stopped being public are removed). Safe outside a transaction too."""
    ids = sorted({int(pk) for pk in ids})
    if not ids:
        return

    def enqueue():
        from .tasks import index_records_task

        index_records_task.enqueue(record_type, ids)

    transaction.on_commit(enqueue)


def remove_now(record_type: str, ids: Iterable[int]) -> None:
    """Take `ids` out of every engine now, not when a worker gets to the queue: for
    moderation that hides something. The database engine's rows go inside the current
    transaction (gone for every search the moment the decision commits, back if it rolls
    back); the other engines are written synchronously right after commit, and an
    unreachable one is recorded for `search_reconcile` like any failed write. The queued
    `index_later` that follows re-projects the same ids and finds nothing to add."""
    keys = [make_key(record_type, pk) for pk in sorted({int(pk) for pk in ids})]
    if not keys:
        return
    database = database_engine()
    database.delete(keys)
    others = [engine for engine in write_engines() if engine.name != database.name]
    if others:
        transaction.on_commit(lambda: [_write(engine, upsert=[], delete=keys)
                                       for engine in others])


def index_records(*, record_type: str, ids: list[int]) -> dict[str, int]:
    """Project `ids` now and write them to every engine. An unreachable engine does not
    fail the caller: the incident is recorded and `search_reconcile` repairs it."""
    projection = projection_for(record_type)
    if projection is None:
        raise ValueError(f"no search projection registered for {record_type!r}")
    records = projection.records(ids)
    public = {r.key for r in records}
    gone = [make_key(record_type, pk) for pk in ids if make_key(record_type, pk) not in public]
    done = {"indexed": len(records), "removed": len(gone)}
    for engine in write_engines():
        _write(engine, upsert=records, delete=gone)
    return done


def _write(engine: SearchEngine, *, upsert, delete) -> bool:
    try:
        if upsert:
            engine.upsert(upsert)
        if delete:
            engine.delete(delete)
    except EngineUnavailable as exc:
        if engine.name == database_engine().name:
            raise
        status.record_failure(engine=engine.name, error=exc, needs_reconcile=True)
        return False
    status.record_success(engine=engine.name)
    return True


def all_public_records(progress: Callable[[str], None] = _noop):
    for projection in projections():
        progress(f"{projection.type}: projecting")
        yield from projection.iter_records()


def rebuild(*, progress: Callable[[str], None] = _noop,
            engines: list[SearchEngine] | None = None) -> dict[str, int]:
    """Rebuild every engine from the database. Elasticsearch builds a new index and swaps
    its alias; the database engine replaces its rows in one transaction, then
    reorganises them in date order (`optimise`)."""
    counts = {}
    for engine in engines or write_engines():
        progress(f"rebuilding {engine.name}")
        counts[engine.name] = engine.rebuild(all_public_records(progress), progress=progress)
        status.record_reconciled(engine=engine.name)
        progress(f"{engine.name}: {counts[engine.name]} records")
        engine.optimise(progress=progress)
    return counts


def optimise(*, progress: Callable[[str], None] = _noop,
             engines: list[SearchEngine] | None = None) -> list[str]:
    """Reorganise every engine's index for reading; returns the engines' names."""
    names = []
    for engine in engines or write_engines():
        engine.optimise(progress=progress)
        names.append(engine.name)
    return names


def reconcile(*, progress: Callable[[str], None] = _noop,
              engines: list[SearchEngine] | None = None) -> dict[str, dict[str, int]]:
    """Compare each engine with what is public now and repair the difference: add what is
    missing, update what changed (by checksum), remove what should not be there.
    Idempotent: a second run finds nothing to do."""
    expected = {record.key: record for record in all_public_records(progress)}
    report = {}
    for engine in engines or write_engines():
        present = engine.checksums()
        stale = [r for key, r in expected.items() if present.get(key) != r.checksum]
        extra = [key for key in present if key not in expected]
        progress(f"{engine.name}: {len(present)} indexed, {len(expected)} public, "
                 f"{len(stale)} to write, {len(extra)} to remove")
        for start in range(0, len(stale), 500):
            engine.upsert(stale[start:start + 500])
            progress(f"{engine.name}: written {min(start + 500, len(stale))}/{len(stale)}")
        if extra:
            engine.delete(extra)
        status.record_reconciled(engine=engine.name)
        status.record_success(engine=engine.name)
        report[engine.name] = {"written": len(stale), "removed": len(extra)}
    return report
