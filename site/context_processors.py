from allauth.account import app_settings as allauth_settings
from django.urls import reverse
from redflag.accounts.security import is_staff

from outreach.models import OrganisationManager


def navigation(request):
    """Whether to show the admin link and Wagtail's user bar (the admin itself checks again), and
    where an organisation manager's organisation is (its page checks again)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can_access_admin": False, "managed_organisation_url": ""}
    # Read with the signed-in user (accounts.backends); asked here only for a user loaded
    # another way.
    if hasattr(user, "managed_organisation_id"):
        organisation_id = user.managed_organisation_id
    else:
        organisation_id = (OrganisationManager.objects.filter(user=user)
                           .values_list("organisation", flat=True).first())
    return {
        "can_access_admin": is_staff(request),
        "managed_organisation_url": (reverse("outreach:organisation", args=[organisation_id])
                                     if organisation_id else ""),
    }


def sign_up(request):
    """How long an emailed sign-up code lasts, in minutes, for the page that asks for it."""
    return {"code_minutes": max(1, allauth_settings.EMAIL_VERIFICATION_BY_CODE_TIMEOUT // 60)}
