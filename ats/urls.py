"""Routes of tenant hosts: the staff admin and the REST API."""

from django.contrib import admin
from django.urls import include, path

from apps.staff.api import TenantTokenObtainView, TenantTokenRefreshView
from ats.urls_common import urlpatterns as common_urlpatterns

urlpatterns = [
    *common_urlpatterns,
    path("admin/", admin.site.urls),
    path("api/auth/token/", TenantTokenObtainView.as_view(), name="token_obtain_pair"),
    path("api/auth/token/refresh/", TenantTokenRefreshView.as_view(), name="token_refresh"),
    path("api/", include("apps.audit.urls")),
    path("api/", include("apps.candidates.urls")),
    path("api/", include("apps.applications.urls")),
    path("api/", include("apps.ingestion.urls")),
]

handler404 = "ats.errors.not_found"
