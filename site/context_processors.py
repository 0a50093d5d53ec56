from redflag.accounts.security import is_staff


def navigation(request):
    """Whether to show the admin link and Wagtail's user bar (the admin itself checks again)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can_access_admin": False}
    return {"can_access_admin": is_staff(request)}
