"""Routes of the public host: the platform admin, health, API docs (webhooks come with ingestion)."""

from django.contrib import admin
from django.urls import path

from ats.urls_common import urlpatterns as common_urlpatterns

urlpatterns = [
    *common_urlpatterns,
    path("admin/", admin.site.urls),
]
