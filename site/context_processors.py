def navigation(request):
    """Whether to show the admin link and Wagtail's user bar.

    Remembered in the session per user, so a learner's page view does not pay two permission
    queries for a link they will never see. The admin itself still checks permissions.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can_access_admin": False}
    cached = request.session.get("admin_access")
    if not cached or cached[0] != user.pk:
        cached = [user.pk, user.has_perm("wagtailadmin.access_admin")]
        request.session["admin_access"] = cached
    return {"can_access_admin": cached[1]}
