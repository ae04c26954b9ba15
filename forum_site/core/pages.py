"""Page queries the whole site shares.

`public(queryset)` is Wagtail's `PageQuerySet.public()` in the same statement: Wagtail
first reads every view restriction (one query) and adds a condition per restricted page,
once for every queryset it filters; a home page that lists programs, outcomes, news and
reports paid eight such queries (issue 20). Here the condition is one `NOT EXISTS`: no
restriction on a page whose path is a prefix of this page's path (the page itself or an
ancestor, as `descendant_of(…, inclusive=True)` in Wagtail)."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import PageQuerySet, PageViewRestriction


def unrestricted() -> Exists:
    """True for a page with no view restriction on itself or an ancestor (negated)."""
    return ~Exists(PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length(F("page__path")))
    ))


def public(queryset: PageQuerySet) -> PageQuerySet:
    """Live, not under a view restriction and not past its expiry even if the scheduler
    has not run yet: what a reader may see."""
    now = timezone.now()
    return queryset.live().filter(unrestricted()).filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=now)
    )


class ViewRestrictionsInOneQuery:
    """Mixin for page models: Wagtail's check before serving a page reads the ancestors
    (to resolve aliases), then their restrictions: two queries on every page (issue 20).
    Here the restrictions on the page or an ancestor are read by path in one. An alias
    page still goes Wagtail's way; Serambi makes none (translations are copies), so an
    alias among the ancestors is not looked for."""

    def get_view_restrictions(self):
        if getattr(self, "alias_of_id", None):
            return super().get_view_restrictions()
        steplen = self.steplen
        prefixes = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        return PageViewRestriction.objects.filter(page__path__in=prefixes)
