from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path(_("asn-verification/"), views.asn_verification_request, name="asn_verification_request"),
]
