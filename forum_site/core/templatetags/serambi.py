"""Template helpers for Serambi's public templates (`{% load serambi %}`).

The site's main sections are registered by each app (forum_site/core/menu.py): the
primary navigation (templates/includes/primary_nav.html) and the home page's "what you
can do here" list both read them through `site_sections`.
Nothing here touches the database except `public_url`, which emails use, and
`language_switch_targets`, which looks up the current Wagtail page's translations.
"""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, get_language_info

from .. import menu

register = template.Library()


def _href(section: menu.Section, language: str) -> str:
    if section.paths is None:
        try:
            return reverse("wagtail_serve", args=[""])
        except NoReverseMatch:
            return "/"
    return section.paths.get(language) or section.paths[settings.LANGUAGE_CODE]


@register.simple_tag(takes_context=True)
def site_sections(context) -> list[dict]:
    """The main sections with their URL in the current language and whether the
    current page is in them (for aria-current). Works without a request."""
    language = get_language() or settings.LANGUAGE_CODE
    request = context.get("request")
    path = getattr(request, "path", None)
    items = []
    for section in menu.sections():
        href = _href(section, language)
        if path is None:
            current = False
        elif section.paths is None:
            current = path == href
        else:
            current = path.startswith(href)
        items.append(
            {"key": section.key, "label": section.label, "description": section.description,
             "href": href, "current": current}
        )
    return items


@register.simple_tag
def privacy_notice_version() -> str:
    """The privacy notice version that registration consent is recorded against."""
    return settings.PRIVACY_NOTICE_VERSION


@register.simple_tag
def public_url(viewname: str, *args) -> str:
    """Absolute URL of a public page, for emails (no request there): the public base
    URL (SERAMBI_BASE_URL) + the path in the active language."""
    from ..public_url import absolute_url

    return absolute_url(reverse(viewname, args=args))


@register.simple_tag
def admin_url(viewname: str, *args) -> str:
    """Absolute URL of a Wagtail admin page, for emails to moderators."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(viewname, args=args)


@register.simple_tag(takes_context=True)
def language_switch_targets(context) -> list[dict]:
    """The languages a reader can switch to, each with the `next` URL the switch should
    land on: for a Wagtail page, its published translation in that language (or the
    nearest translated ancestor, with `translated` False so the switch says the page
    has no version in that language); for any other view, the current path, which
    core.views.set_language translates with Django's translate_url."""
    from wagtail.models import Page

    from forum_site.core.translations import translated_targets

    current = get_language() or settings.LANGUAGE_CODE
    request = context.get("request")
    fallback = request.get_full_path() if request is not None else "/"
    others = [code for code, _name in settings.LANGUAGES if code != current]
    page = context.get("page")
    targets = {}
    is_page = isinstance(page, Page) and bool(getattr(page, "pk", None))
    if is_page and others:
        query_string = request.META.get("QUERY_STRING", "") if request is not None else ""
        targets = translated_targets(page, languages=others, request=request,
                                     query_string=query_string)
    return [
        {"code": code, "name": get_language_info(code)["name_local"],
         "next": targets.get(code, (fallback, True))[0],
         "translated": not is_page or targets.get(code, (fallback, False))[1]}
        for code in others
    ]
