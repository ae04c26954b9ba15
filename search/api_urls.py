"""The JSON API, language-neutral (?lang=en for English records): /api/search."""

from django.urls import path

from . import views

app_name = "search_api"

urlpatterns = [
    path("search", views.search_api, name="search"),
    path("search/suggest", views.suggest_api, name="suggest"),
]
