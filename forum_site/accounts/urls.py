from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path(_("asn-verification/"), views.asn_verification_request, name="asn_verification_request"),
    path(_("asn-verification/confirm/<str:token>/"), views.asn_email_confirm,
         name="asn_email_confirm"),
    path(_("asn-verification/resend/"), views.asn_email_resend, name="asn_email_resend"),
    path(_("my-data/"), views.personal_data_export, name="personal_data_export"),
    path(_("my-data/request/"), views.personal_data_request_create, name="personal_data_request"),
    path(_("delete/"), views.account_delete, name="account_delete"),
    path(_("consent/"), views.consent, name="consent"),
]
