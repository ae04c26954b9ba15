"""Atom feed of the newest threads. Titles and summaries are plain text; the feed
framework escapes them as XML, so nothing in them is markup to a feed reader."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .. import selectors
from ..text import plain_excerpt


class LatestThreadsFeed(Feed):
    feed_type = Atom1Feed

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
