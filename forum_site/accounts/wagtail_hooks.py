from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_urls
from .models import Unit
from .permissions import is_moderator


@hooks.register("register_admin_urls")
def register_accounts_admin_urls():
    return [path("asn-verification/", include(admin_urls, namespace="accounts_admin"))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_verification_menu_item():
    return ModeratorMenuItem(
        _("ASN verification"),
        reverse("accounts_admin:verification_queue"),
        icon_name="user",
        order=700,
    )


class UnitViewSet(ModelViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units (OPD)")
    menu_order = 710
    add_to_admin_menu = True
    form_fields = ["name", "short_name", "slug", "description", "public_email", "is_active"]
    list_display = ["name", "short_name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "short_name"]


@hooks.register("register_admin_viewset")
def register_unit_viewset():
    return UnitViewSet("units")
