from rest_framework.routers import SimpleRouter

from apps.applications.api import ApplicationViewSet, JobViewSet

router = SimpleRouter()
router.register("jobs", JobViewSet, basename="job")
router.register("applications", ApplicationViewSet, basename="application")
urlpatterns = router.urls
