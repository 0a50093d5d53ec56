from allauth.account import app_settings as allauth_settings
from redflag.accounts.security import is_staff


def navigation(request):
    """Whether to show the admin link and Wagtail's user bar (the admin itself checks again)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can_access_admin": False}
    return {"can_access_admin": is_staff(request)}


def sign_up(request):
    """How long an emailed sign-up code lasts, in minutes, for the page that asks for it."""
    return {"code_minutes": max(1, allauth_settings.EMAIL_VERIFICATION_BY_CODE_TIMEOUT // 60)}
