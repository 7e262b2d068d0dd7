"""Token serializers that write the tenant into tokens and check it on refresh."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer, TokenRefreshSerializer
from rest_framework_simplejwt.tokens import RefreshToken, Token

from apps.staff.authentication import TENANT_CLAIM, check_token_tenant, current_tenant_id


class TenantTokenObtainPairSerializer(TokenObtainPairSerializer):
    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        self.tenant_id = current_tenant_id(self.context["request"])
        return super().validate(attrs)

    def get_token(self, user: AbstractBaseUser) -> Token:  # type: ignore[override]
        token = super().get_token(user)
        token[TENANT_CLAIM] = self.tenant_id
        return token


class TenantTokenRefreshSerializer(TokenRefreshSerializer):
    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        check_token_tenant(RefreshToken(attrs["refresh"]), self.context["request"])
        return super().validate(attrs)
