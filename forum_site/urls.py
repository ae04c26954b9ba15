from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from forum_site.accounts import views as account_views
from forum_site.core import views as core_views
from publications import views as publications_views

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error

urlpatterns = [
    # One login and one password reset, allauth's: Wagtail's own doors only redirect
    # there (docs/security.md, "One way in"). Before the admin URLs so they win.
    path("admin/login/", account_views.login_elsewhere, name="wagtail_login_redirect"),
    re_path(
        r"^admin/password_reset/", account_views.password_reset_elsewhere,
        name="wagtail_password_reset_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("bahasa/", core_views.set_language, name="set_language"),
    path("sitemap.xml", publications_views.sitemap, name="sitemap"),
    path("api/", include("search.api_urls")),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
    ),
]

# Indonesian lives at the root, English under /en/; URL words are translated too.
urlpatterns += i18n_patterns(
    path(_("account/"), include("allauth.urls")),
    path(_("account/me/"), include("forum_site.accounts.urls")),
    path("", include("forum_site.core.urls")),
    path(_("forum/"), include("discussions.urls")),
    path("", include("search.urls")),
    path("", include("forum_site.transparency.urls")),
    # Wagtail's login for private pages: allauth's instead (see above).
    path("_util/login/", account_views.login_elsewhere, name="wagtail_frontend_login_redirect"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
