"""What a comment is about (a thread, or a program or outcome page) and whether
comments are open there."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ...models import Area, Thread

PAGE_AREAS = {"trainingprogrampage": Area.PROGRAM, "outcomepage": Area.OUTCOME}


@dataclass(frozen=True)
class Target:
    """What a comment is about: a thread, or a program or outcome page."""

    obj: object
    area: str

    @property
    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.obj, for_concrete_model=True)

    @property
    def url(self) -> str:
        if isinstance(self.obj, Thread):
            return self.obj.get_absolute_url()
        return self.obj.url


def target_for(obj) -> Target:
    """The comment target for a thread or a live program/outcome page (ValidationError
    for anything else)."""
    if isinstance(obj, Thread):
        return Target(obj=obj, area=Area.FORUM)
    area = PAGE_AREAS.get(type(obj).__name__.lower())
    if area is None:
        raise ValidationError(_("Comments are not open on this page."), code="invalid_target")
    return Target(obj=obj, area=area)


def check_open(target: Target) -> None:
    obj = target.obj
    if isinstance(obj, Thread):
        from ...threads.lifecycle import refusal

        message = refusal(obj, "comment")  # public and not closed
        if message is not None:
            raise ValidationError(str(message), code="closed")
    elif not obj.live:
        # Only live pages get here: the posting view looks the page up with
        # live().public() (selectors.linkable_page), the page slot renders served pages.
        raise ValidationError(_("Comments are not open on this page."), code="closed")
