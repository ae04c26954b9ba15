"""Test-only URLconf: the project's URLs plus views that fail on purpose."""

from django.urls import path

from forum_site.core import views as core_views
from forum_site.urls import urlpatterns as project_urlpatterns

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error


def boom(request):
    raise RuntimeError("rahasia: budi.santoso@example.id dari 10.20.30.40 NIP 198503302010011002")


# /en/boom/ too: LocaleMiddleware activates English from the path prefix.
urlpatterns = [path("boom/", boom), path("en/boom/", boom), *project_urlpatterns]
