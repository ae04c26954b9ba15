from django.urls import path

from .moderation import admin_views

app_name = "discussions_admin"

urlpatterns = [
    path("", admin_views.thread_index, name="thread_index"),
    path("<int:pk>/", admin_views.thread_moderate, name="thread_moderate"),
    path("moderation/", admin_views.moderation_queue, name="moderation_queue"),
]
