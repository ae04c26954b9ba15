"""Engine health: failures are logged and recorded, so admins see them (Wagtail dashboard)."""

from __future__ import annotations

import logging

from django.db import DatabaseError
from django.utils import timezone

from .models import EngineStatus

logger = logging.getLogger("search")


def record_failure(*, engine: str, error: Exception | str, needs_reconcile: bool) -> None:
    logger.warning("search engine %s unavailable: %s", engine, str(error)[:300])
    try:
        status, _created = EngineStatus.objects.get_or_create(engine=engine)
        status.last_error_at = timezone.now()
        status.last_error = str(error)[:300]
        status.failures += 1
        status.needs_reconcile = status.needs_reconcile or needs_reconcile
        status.save()
    except DatabaseError:  # never let bookkeeping break a search or a write
        logger.exception("could not record search engine status")


def record_success(*, engine: str) -> None:
    """Cheap when nothing changed: one UPDATE, only for an engine that had failed."""
    try:
        EngineStatus.objects.filter(engine=engine, failures__gt=0).update(
            failures=0, last_ok_at=timezone.now()
        )
    except DatabaseError:
        logger.exception("could not record search engine status")


def record_reconciled(*, engine: str) -> None:
    EngineStatus.objects.update_or_create(
        engine=engine,
        defaults={"needs_reconcile": False, "last_reconcile_at": timezone.now()},
    )


def problems() -> list[EngineStatus]:
    """Engines that failed since their last success, or whose index may have drifted."""
    from django.db.models import Q

    return list(EngineStatus.objects.filter(Q(failures__gt=0) | Q(needs_reconcile=True)))
