"""Moderator screens in the Wagtail admin: forum categories (default unit and deadline
profile), the holiday calendar, and the thread list with re-route and close screens.
The public thread page has the same moderator tools; both call the same services, which
check the role."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from forum_site.accounts.permissions import is_moderator

from . import admin_urls
from .models import Category, Holiday


class CategoryViewSet(ModelViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Forum categories")
    form_fields = [
        "name", "name_en", "slug", "description", "description_en", "default_unit",
        "first_response_days", "answer_days", "information_request_days", "extension_days",
        "closing_days", "sort_order", "is_active",
    ]
    list_display = ["name", "default_unit", "answer_days", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "name_en"]


class HolidayViewSet(ModelViewSet):
    model = Holiday
    icon = "date"
    menu_label = _("Holidays and cuti bersama")
    form_fields = ["date", "name", "kind"]
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    ordering = ["-date"]


class ForumMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


class ForumViewSetGroup(ViewSetGroup):
    menu_label = _("Forum")
    menu_icon = "comment"
    menu_order = 720
    items = (CategoryViewSet("forum-categories"), HolidayViewSet("forum-holidays"))


@hooks.register("register_admin_viewset")
def register_forum_viewsets():
    return ForumViewSetGroup()


@hooks.register("register_admin_urls")
def register_forum_admin_urls():
    return [path("forum/threads/", include(admin_urls, namespace="discussions_admin"))]


@hooks.register("register_admin_menu_item")
def register_forum_threads_menu_item():
    return ForumMenuItem(
        _("Forum threads"),
        reverse("discussions_admin:thread_index"),
        icon_name="list-ul",
        order=725,
    )


@hooks.register("register_admin_menu_item")
def register_moderation_queue_menu_item():
    return ForumMenuItem(
        _("Moderation queue"),
        reverse("discussions_admin:moderation_queue"),
        icon_name="warning",
        order=722,
    )
