"""The minimal authenticated API view both sides of the overhead benchmark serve."""

from django.urls import path
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class Ping(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        return Response({"user": request.user.pk})


urlpatterns = [path("bench/ping/", Ping.as_view())]
