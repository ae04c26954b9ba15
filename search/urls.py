"""The search page, mounted in the language-prefixed patterns: /cari/ and /en/search/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "search"

urlpatterns = [
    path(_("search/"), views.search, name="search"),
]
