from django.urls import path

from . import admin_views

app_name = "accounts_admin"

urlpatterns = [
    path("", admin_views.verification_queue, name="verification_queue"),
    path("<int:pk>/", admin_views.verification_review, name="verification_review"),
    path("<int:pk>/revoke/", admin_views.verification_revoke, name="verification_revoke"),
]
