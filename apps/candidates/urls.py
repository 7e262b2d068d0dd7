from rest_framework.routers import SimpleRouter

from apps.candidates.api import CandidateViewSet

router = SimpleRouter()
router.register("candidates", CandidateViewSet, basename="candidate")
urlpatterns = router.urls
