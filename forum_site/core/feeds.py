"""The base of every Atom feed on the site: addresses taken from the request.

Django's feed view makes relative links absolute with `get_current_site(request).domain`;
with `django.contrib.sites` installed (django-contrib-comments needs it) that is the Site
row (example.com), not the address the site is served on. Serambi serves one site at the
address it is requested on (`ALLOWED_HOSTS` vouches for the host; Wagtail's Site decides
the rest), so the feed, its own address and every entry link are made absolute here from
the request, and `add_domain` leaves absolute addresses as they are.

Feeds are inert: every text in them (feed and entry titles, subtitles, summaries) is
plain text, `type="text"` in Atom terms. Django's Atom feed writes summaries as
`type="html"`, which tells a feed reader to decode the (escaped) text and render it as
markup: a thread body's `<svg/onload=…>` or `<a href="&#106;avascript:…">`, harmless
characters on our pages, would become live markup in the reader."""

from __future__ import annotations

import copy

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

_ADDRESSES = ("link", "feed_url", "item_link")
_TEXT = {"type": "text"}


class PlainTextAtom1Feed(Atom1Feed):
    """Atom with every human-readable element marked as plain text."""

    def add_root_elements(self, handler):
        handler = _TypedText(handler, ("title", "subtitle"))
        super().add_root_elements(handler)

    def add_item_elements(self, handler, item):
        handler = _TypedText(handler, ("title", "summary"))
        super().add_item_elements(handler, item)


class _TypedText:
    """Wraps the XML writer: `title`, `subtitle` and `summary` elements are written with
    `type="text"` whatever Django asked for (it asks `type="html"` for summaries)."""

    def __init__(self, handler, names):
        self._handler, self._names = handler, names

    def addQuickElement(self, name, contents=None, attrs=None):  # noqa: N802 - Django's name
        if name in self._names:
            attrs = {**(attrs or {}), **_TEXT}
        self._handler.addQuickElement(name, contents, attrs)

    def __getattr__(self, name):
        return getattr(self._handler, name)


class RequestFeed(Feed):
    feed_type = PlainTextAtom1Feed

    def __call__(self, request, *args, **kwargs):
        # A URLconf shares one feed instance between threads: the request goes on a copy.
        feed = copy.copy(self)
        feed.request = request
        return super(RequestFeed, feed).__call__(request, *args, **kwargs)

    def feed_url(self, obj=None) -> str:
        return self.request.path

    def _get_dynamic_attr(self, attname, obj, default=None):
        # The one funnel through which Feed.get_feed reads every address it later
        # passes to add_domain (documented attributes, called with or without `obj`).
        value = super()._get_dynamic_attr(attname, obj, default)
        if attname in _ADDRESSES and value:
            return self.request.build_absolute_uri(value)
        return value
