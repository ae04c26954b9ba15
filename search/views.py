"""The search page (/cari/, /en/search/), its JSON twin (/api/search) and suggestions."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from forum_site.core import ratelimit

from . import selectors
from .records import translate_label


def _limit(request: HttpRequest, action: str) -> None:
    """Anonymous visitors are limited per address; signed-in users are trusted more."""
    if not request.user.is_authenticated:
        ratelimit.hit(action, ip=ratelimit.client_ip(request))


def _language(request: HttpRequest) -> str:
    lang = request.GET.get("lang", "")
    return lang if lang in dict(settings.LANGUAGES) else (get_language() or "id")[:2]


@require_GET
def search(request: HttpRequest):
    _limit(request, "search")
    try:
        result = selectors.search_page(request.GET, language=_language(request))
    except selectors.PageOutOfRange as exc:
        raise Http404 from exc
    # The page has its own search form: the header's would be a second search landmark.
    return render(request, "search/search.html", {"result": result, "hide_site_search": True})


@require_GET
def search_api(request: HttpRequest):
    """JSON results; the schema is documented in docs/search-api.md."""
    _limit(request, "search")
    language = _language(request)
    with translation.override(language):
        try:
            result = selectors.search_page(request.GET, language=language)
        except selectors.PageOutOfRange:
            return JsonResponse({"error": "page out of range"}, status=404)
        if result.message and not result.searched:
            return JsonResponse({"query": result.text, "error": result.message}, status=400)
        data = serialise(request, result)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_GET
def suggest_api(request: HttpRequest):
    _limit(request, "search_suggest")
    language = _language(request)
    suggestions = selectors.autocomplete(request.GET.get("q", "")[:300], language=language)
    with translation.override(language):
        data = {"suggestions": [
            {"title": s.title, "url": s.url, "type": s.type,
             "type_label": selectors.type_label(s.type)} for s in suggestions
        ]}
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def serialise(request: HttpRequest, result: selectors.SearchPage) -> dict:
    query = result.query
    return {
        "query": result.text,
        "sort": query.sort if query else "relevance",
        "page": result.page,
        "pages": result.pages,
        "per_page": query.per_page if query else 0,
        "total": result.total,
        "total_is_lower_bound": result.total_capped,
        "facet_counts_cover": result.facet_window or None,
        "engine": result.engine,
        "suggestion": {
            "query": result.suggestion,
            "url": request.build_absolute_uri(
                f"{reverse('search:search')}?{urlencode({'q': result.suggestion})}"),
        } if result.suggestion else None,
        "results": [
            {
                "type": hit.type,
                "type_label": selectors.type_label(hit.type),
                "id": hit.id,
                "url": request.build_absolute_uri(hit.url),
                "title": hit.title_html.replace("<mark>", "").replace("</mark>", ""),
                "title_html": str(hit.title_html),
                "snippet_html": str(hit.snippet_html),
                "date": hit.date.isoformat() if hit.date else None,
                "unit": hit.unit_label or None,
                "status": translate_label(hit.status_label) or None,
                "matches": hit.matches,
            }
            for hit in result.hits
        ],
        "facets": {
            facet.name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in facet.values
            ]
            for facet in result.facets
        },
    }
