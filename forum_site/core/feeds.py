"""The base of every Atom feed on the site: addresses taken from the request.

Django's feed view makes relative links absolute with `get_current_site(request).domain`;
with `django.contrib.sites` installed (django-contrib-comments needs it) that is the Site
row (example.com), not the address the site is served on. Serambi serves one site at the
address it is requested on (`ALLOWED_HOSTS` vouches for the host; Wagtail's Site decides
the rest), so the feed, its own address and every entry link are made absolute here from
the request, and `add_domain` leaves absolute addresses as they are."""

from __future__ import annotations

import copy

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

_ADDRESSES = ("link", "feed_url", "item_link")


class RequestFeed(Feed):
    feed_type = Atom1Feed

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
