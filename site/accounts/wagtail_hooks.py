"""The admin's account page links to the account pages, where passwords and sign-in codes live
(Wagtail's own password and email forms are off: see settings); avatars are initials."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from . import avatars


@hooks.register("register_account_menu_item")
def change_password(request):
    return {
        "url": reverse("account_change_password"),
        "label": _("Change password"),
        "help_text": _("Passwords are changed on Redflag's account pages, for the admin too."),
    }


@hooks.register("register_account_menu_item")
def two_factor(request):
    return {
        "url": reverse("mfa_index"),
        "label": _("Two-factor authentication"),
        "help_text": _("Your authenticator app and recovery codes."),
    }


@hooks.register("get_avatar_url")
def initials_avatar(user, size):
    # Staff avatars never come from Gravatar or any other outside service (see avatars.py).
    return avatars.avatar_url(user, size)
