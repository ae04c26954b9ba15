"""Atom feeds for the program, outcome, news and report indexes (`<index>/feed/`).

Each index page serves its own feed (RoutablePageMixin), so a feed is in the language of
its index and lists exactly what the index lists: published, public pages only."""

import uuid

from forum_site.core.feeds import RequestFeed
from forum_site.core.office import current_office

FEED_LENGTH = 30


class PageFeed(RequestFeed):
    def __init__(self, *, index):
        super().__init__()
        self.index = index

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index) -> str:
        return f"{index.title} – Serambi"

    def subtitle(self, index) -> str:
        return index.intro or current_office().name

    def link(self, index) -> str:
        return index.get_url(self.request)

    def feed_url(self, index) -> str:
        return index.get_url(self.request) + index.reverse_subpage("feed")

    def author_name(self) -> str:
        return current_office().name

    def items(self, index):
        return index.feed_items(self.request).defer_streamfields()[:FEED_LENGTH]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary

    def item_link(self, item) -> str:
        return item.get_url(self.request)

    def item_guid(self, item) -> str:
        # Stable across title and slug changes, distinct for each translation.
        return uuid.uuid5(item.translation_key, self.index.locale.language_code).urn

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at
