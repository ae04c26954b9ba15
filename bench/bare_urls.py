from django.http import HttpResponse
from django.urls import include, path
from wagtail import urls as wagtail_urls


def hello(request):
    return HttpResponse("Hello, world.", content_type="text/plain")


urlpatterns = [path("hello/", hello), path("", include(wagtail_urls))]
