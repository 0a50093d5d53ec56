"""Asking for the password again before a page shows many people's records."""

from allauth.account.internal.flows.reauthentication import raise_if_reauthentication_required


def require_recent_password(request) -> None:
    """For a view that has already checked who may see the object: asks for the password again
    (allauth's re-authentication) unless it was typed in the last few minutes. Checking access
    first means someone else's organisation answers 404, not a password prompt."""
    raise_if_reauthentication_required(request, app="")
