"""Routes of the public host: the platform admin, health, API docs and the inbound mail webhooks."""

from django.contrib import admin
from django.urls import path, re_path

from apps.ingestion.webhooks import MailgunInboundView, SendGridInboundView
from ats.urls_common import urlpatterns as common_urlpatterns

urlpatterns = [
    *common_urlpatterns,
    path("admin/", admin.site.urls),
    # Mailgun posts parsed fields to inbound/ and the raw MIME to inbound_mime/ (same view).
    re_path(r"^anymail/mailgun/inbound(_mime)?/$", MailgunInboundView.as_view(), name="mailgun_inbound_webhook"),
    path("anymail/sendgrid/inbound/", SendGridInboundView.as_view(), name="sendgrid_inbound_webhook"),
]
