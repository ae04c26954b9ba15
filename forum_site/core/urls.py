from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

app_name = "core"

urlpatterns = [
    path(_("privacy/"), TemplateView.as_view(template_name="core/privacy.html"), name="privacy"),
]
