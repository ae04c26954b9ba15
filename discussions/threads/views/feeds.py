"""Atom feeds: the newest threads, the newest official answers, and each unit's overdue
threads. Titles and summaries are plain text; the feed
framework escapes them as XML, so nothing in them is markup to a feed reader."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from forum_site.core.feeds import RequestFeed

from ... import statistics
from ...text import plain_excerpt
from .. import selectors


class LatestThreadsFeed(RequestFeed):
    def title(self):
        return _("Serambi forum: new threads")

    def subtitle(self):
        return _("Questions, feedback and complaints to government units, with their status.")

    def link(self):
        return reverse("discussions:thread_list")

    def items(self):
        return selectors.thread_list_public()[:30]

    def item_title(self, item):
        return f"[{item.get_status_display()}] {item.title}"

    def item_description(self, item):
        return plain_excerpt(item.body, length=400)

    def item_author_name(self, item):
        return item.author.public_name if item.author else None

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.display_name, item.unit.name]


class LatestAnswersFeed(RequestFeed):
    """New official answers: the answer's signature is its position and unit (the
    signer's name is on the thread page, never in a machine-readable feed)."""

    def title(self):
        return _("Serambi forum: new official answers")

    def subtitle(self):
        return _("Official answers (Jawaban Resmi) published by government units.")

    def link(self):
        return reverse("discussions:thread_list")

    def items(self):
        return selectors.answers_public().order_by("-created_at", "-pk")[:30]

    def item_title(self, item):
        return _("Official answer: %(title)s") % {"title": item.thread.title}

    def item_description(self, item):
        return plain_excerpt(item.body, length=400)

    def item_link(self, item):
        return f"{item.thread.get_absolute_url()}#{item.anchor}"

    def item_author_name(self, item):
        return f"{item.signer_position}, {item.signer_unit}"

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.edited_at or item.created_at

    def item_categories(self, item):
        return [item.thread.unit.name]


class OverdueThreadsFeed(RequestFeed):
    """Threads of one unit that are past a deadline, oldest first."""

    def get_object(self, request, slug):
        from forum_site.accounts.models import Unit

        try:
            return Unit.objects.get(slug=slug)
        except Unit.DoesNotExist as exc:
            raise Http404 from exc

    def title(self, unit):
        return _("Overdue threads: %(unit)s") % {"unit": unit.name}

    def subtitle(self, unit):
        return _("Threads past a deadline and still waiting for an answer from this unit.")

    def link(self, unit):
        return reverse("discussions:thread_list") + f"?status=overdue&unit={unit.slug}"

    def items(self, unit):
        return statistics.overdue_threads(selectors.threads_public().filter(unit=unit))[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return _("Due %(due)s.") % {"due": item.active_due.isoformat() if item.active_due
                                    else "-"}

    def item_pubdate(self, item):
        return item.overdue_since or item.updated_at

    def item_updateddate(self, item):
        return item.updated_at
