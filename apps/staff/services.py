"""Writes on staff users. Run inside a tenant context."""

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils.translation import gettext as _

from apps.staff.models import StaffPreference
from apps.staff.roles import ROLES
from ats.errors import DomainError


@transaction.atomic
def staff_user_ensure(*, email: str, role: str, password: str) -> tuple[User, bool]:
    """Return the staff user with this email, creating it with ``role`` and
    ``password`` if it does not exist. An existing user is left unchanged."""
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}")
    user = User.objects.filter(username=email).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(username=email, email=email, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user, True


def staff_preference_set(*, user: User, language: str) -> StaffPreference:
    """Choose the console's language for ``user`` ("" leaves it to the browser)."""
    if language and language not in dict(settings.LANGUAGES):
        raise DomainError(_("Unknown language %(language)s.") % {"language": language[:10]}, code="invalid_language")
    preference, _created = StaffPreference.objects.update_or_create(user=user, defaults={"language": language})
    return preference
