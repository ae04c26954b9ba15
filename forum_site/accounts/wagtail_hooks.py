from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_urls, admin_views, services
from .models import Unit
from .permissions import is_moderator

data_request_urls = (
    [
        path("", admin_views.data_request_queue, name="queue"),
        path("<int:pk>/", admin_views.data_request_answer, name="answer"),
    ],
    "accounts_data_requests",
)


@hooks.register("register_admin_urls")
def register_accounts_admin_urls():
    return [
        path("asn-verification/", include(admin_urls, namespace="accounts_admin")),
        path("personal-data-requests/", include(data_request_urls)),
    ]


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


@hooks.register("register_admin_menu_item")
def register_data_request_menu_item():
    return ModeratorMenuItem(
        _("Personal data requests"),
        reverse("accounts_data_requests:queue"),
        icon_name="lock",
        order=705,
    )


class UnitEditView(EditView):
    def save_instance(self):
        """A unit switched off takes its ASN verifications with it (issue 15, finding 6):
        nobody answers officially for a unit that no longer exists."""
        was_active = Unit.objects.filter(pk=self.object.pk).values_list(
            "is_active", flat=True).first()
        instance = super().save_instance()
        if was_active and not instance.is_active:
            services.asn_verifications_revoke_for_unit(unit=instance, moderator=self.request.user)
        return instance


class UnitViewSet(ModelViewSet):
    model = Unit
    edit_view_class = UnitEditView
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
