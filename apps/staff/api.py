"""Token endpoints: obtain and refresh, on tenant hosts only, rate-limited per
client address and (obtain) per username tried, in the admin login's buckets."""

from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from apps.staff.throttling import LoginAddressThrottle, LoginUsernameThrottle


class TenantTokenObtainView(TokenObtainPairView):
    throttle_classes = [LoginAddressThrottle, LoginUsernameThrottle]


class TenantTokenRefreshView(TokenRefreshView):
    # A refresh token names no username and cannot be guessed: the address bucket alone.
    throttle_classes = [LoginAddressThrottle]
