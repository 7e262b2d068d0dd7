from django.urls import path
from rest_framework.routers import SimpleRouter

from apps.ingestion.api import InboundMessageViewSet, ResumeUploadView

router = SimpleRouter()
router.register("inbound-messages", InboundMessageViewSet, basename="inbound-message")
urlpatterns = [path("resumes/", ResumeUploadView.as_view(), name="resume-upload"), *router.urls]
