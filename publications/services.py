"""Writes for publications that are not editorial work in the Wagtail admin."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from forum_site.accounts import roles

from .models import HomePage

# Tim Komunikasi writes and submits; publishing is the moderator's, via the workflow.
COMMUNICATIONS_PAGE_PERMISSIONS = ("add_page", "change_page")


@transaction.atomic
def editorial_permissions_grant(*, home: HomePage) -> None:
    """Confine Tim Komunikasi to the publications tree.

    Wagtail's default "Editors" group (renamed Tim Komunikasi by accounts' 0002_roles)
    holds its page permissions on the tree root, which would let it create and edit
    pages anywhere, in any site. This moves them onto the home page and each of its
    translations, so the team edits below the publications tree only. Idempotent."""
    group = Group.objects.get(name=roles.COMMUNICATIONS)
    homes = Page.objects.filter(translation_key=home.translation_key, depth=home.depth)
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=COMMUNICATIONS_PAGE_PERMISSIONS
    )
    for page in homes:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )
    GroupPagePermission.objects.filter(group=group).exclude(
        page__in=homes.values("pk")
    ).delete()
