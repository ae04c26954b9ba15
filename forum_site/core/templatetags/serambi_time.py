"""One way to show a moment, site-wide (`{% load serambi_time %}`).

Times are shown in the site's time zone (WITA), with one format per language: Indonesian
writes "4 Desember 2026, 13.06 WITA" (a dot between hours and minutes, as Indonesian
style guides do), English "4 December 2026, 13:06 WITA". `{% moment value %}` wraps it in
`<time datetime="…">` with the ISO instant for machines; `relative=True` (only on pages
that are never cached, such as a signed-in user's notifications) leads with "3 jam yang
lalu" and keeps the absolute time beside it.
"""

import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

DATETIME_FORMATS = {"id": "j F Y, H.i T", "en": "j F Y, H:i T"}


@register.filter
def datetime_local(value) -> str:
    """The absolute form of a moment in the reader's language and the site's zone."""
    if not isinstance(value, datetime.datetime):
        return ""
    language = (get_language() or "id").split("-")[0]
    return date_format(timezone.localtime(value), DATETIME_FORMATS.get(language, "j F Y, H:i T"))


@register.simple_tag
def moment(value, relative: bool = False) -> str:
    """`<time datetime="ISO">absolute</time>`, or "relative (absolute)" when asked."""
    if not isinstance(value, datetime.datetime):
        return ""
    absolute = datetime_local(value)
    iso = timezone.localtime(value).isoformat(timespec="seconds")
    if not relative:
        return format_html('<time datetime="{}">{}</time>', iso, absolute)
    now = timezone.now()
    if abs((now - value).total_seconds()) < 60:
        ago = _("just now")
    else:
        ago = _("%(time)s ago") % {"time": timesince(value, now, depth=1)}
    return format_html('<time datetime="{}" title="{}">{}</time> <span class="muted">({})</span>',
                       iso, absolute, ago, absolute)


@register.filter
def changed_after(later, earlier) -> bool:
    """True when `later` is more than a minute after `earlier` (a page republished, not
    the same publication seen twice)."""
    if not (isinstance(later, datetime.datetime) and isinstance(earlier, datetime.datetime)):
        return False
    return (later - earlier).total_seconds() > 60
