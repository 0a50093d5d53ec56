"""The public address of a path, for links that leave the site: emails, QR codes, rosters."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (starting with /) on BASE_URL; a URL that is already absolute comes back as it is."""
    if not path.startswith("/"):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
