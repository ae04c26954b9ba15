"""Which URL a page has in each language, for the language switch and hreflang links.

Wagtail keeps one page tree per language, joined by `translation_key`; the English
tree's slugs differ (/program/x/ is /en/programs/x/), so swapping the URL prefix is
not enough for pages. Only wagtail.models.Page APIs are used here, so any app's page
(and base.html, through the `serambi` template tags) can rely on them.
"""

from __future__ import annotations

from wagtail.models import Page, PageQuerySet

from .pages import public


def _public(queryset: PageQuerySet) -> PageQuerySet:
    # Live, not under a view restriction and not past its expiry even if the scheduler
    # has not run yet: what a reader may see.
    return public(queryset)


def _candidates(page: Page, request=None) -> list[Page]:
    """Published pages, in every language, that are `page` or one of its ancestors
    (the site root excepted): the page's own translation first, then the deepest
    ancestor. Kept on the request, since the header's language switch and the page's
    hreflang links both ask for them."""
    cache = getattr(request, "_serambi_translation_candidates", None)
    if cache is None:
        cache = {}
        if request is not None:
            request._serambi_translation_candidates = cache
    if page.pk not in cache:
        ancestors = Page.objects.ancestor_of(page, inclusive=True).filter(depth__gt=1)
        cache[page.pk] = sorted(
            _public(Page.objects.filter(translation_key__in=ancestors.values("translation_key")))
            .select_related("locale"),
            key=lambda p: (p.translation_key != page.translation_key, -p.depth),
        )
    return cache[page.pk]


def published_translations(page: Page, *, request=None) -> list[Page]:
    """`page` in every language it is published in (itself included, if published),
    with their locales loaded, in language-code order."""
    if not getattr(page, "pk", None):
        return []
    return sorted(
        (p for p in _candidates(page, request) if p.translation_key == page.translation_key),
        key=lambda p: p.locale.language_code,
    )


def translated_targets(
    page: Page, *, languages, request=None, query_string: str = ""
) -> dict[str, tuple[str, bool]]:
    """Like `translated_urls`, with whether each URL is `page`'s own translation (True)
    or the nearest translated ancestor it falls back to (False)."""
    if not getattr(page, "pk", None):
        return {}
    targets: dict[str, tuple[str, bool]] = {}
    for candidate in _candidates(page, request):
        code = candidate.locale.language_code
        if code in targets or code not in languages:
            continue
        url = candidate.get_url(request)
        if not url:
            continue
        own = candidate.translation_key == page.translation_key
        if query_string and own:
            url = f"{url}?{query_string}"
        targets[code] = (url, own)
    return targets


def translated_urls(
    page: Page, *, languages, request=None, query_string: str = ""
) -> dict[str, str]:
    """For each language code, where a reader of `page` should land in that language:
    the page's own translation (with `query_string`, so list filters survive), or else
    the nearest ancestor published in that language (a program not yet translated
    lands on the translated program list, or the home page). A language with nothing
    published is left out."""
    targets = translated_targets(page, languages=languages, request=request,
                                 query_string=query_string)
    return {code: url for code, (url, _own) in targets.items()}
