"""Reads of the FAQ: the public entries, a filtered list, the entries like a new
question."""

from __future__ import annotations

from ..models import (
    ThreadVisibility,
)


def faqs_public():
    """FAQ entries whose source thread the public can see (a hidden thread takes its
    entry with it)."""
    from ..models import FaqEntry

    return (FaqEntry.objects.filter(thread__visibility=ThreadVisibility.PUBLISHED)
            .select_related("unit", "category", "thread"))


def faq_list(*, unit=None, category=None):
    entries = faqs_public()
    if unit is not None:
        entries = entries.filter(unit=unit)
    if category is not None:
        entries = entries.filter(category=category)
    return entries.order_by("unit__name", "category__sort_order", "question")


def similar_faqs(*, title: str, limit: int = 3) -> list:
    """FAQ entries most like `title` (offered on the new-thread form before the similar
    threads), best first."""
    from search.selectors import similar_ids

    ids = similar_ids(title, record_type="faq", limit=limit + 3)
    if not ids:
        return []
    by_pk = {entry.pk: entry for entry in faqs_public().filter(pk__in=ids)}
    return [by_pk[pk] for pk in ids if pk in by_pk][:limit]
