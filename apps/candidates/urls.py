from rest_framework.routers import SimpleRouter

from apps.candidates.api import CandidateViewSet, DuplicateReviewViewSet, MergeViewSet

router = SimpleRouter()
router.register("candidates", CandidateViewSet, basename="candidate")
router.register("duplicate-reviews", DuplicateReviewViewSet, basename="duplicate-review")
router.register("merges", MergeViewSet, basename="merge")
urlpatterns = router.urls
