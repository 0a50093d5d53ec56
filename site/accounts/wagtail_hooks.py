"""The admin as Redflag's roles meet it: the account page links to the account pages, where
passwords and sign-in codes live (Wagtail's own password and email forms are off: see settings);
avatars are initials; the editor's submit action names the reviewers."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem, SubmitForModerationMenuItem

from . import admin_home, avatars


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


class SubmitToReviewersMenuItem(SubmitForModerationMenuItem):
    """Wagtail names the action after the workflow ("Submit to Moderators approval"), a name
    trainers do not know; in Redflag reviewers approve every workflow (the roles migration makes
    them the approvers of its tasks), so the action says so, in the admin's language."""

    def get_context_data(self, parent_context):
        # Wagtail's own label, looked up from the workflow, is replaced: skip the look-up.
        context = ActionMenuItem.get_context_data(self, parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page is not None and page.pk else None
        if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = _("Resubmit to reviewers")
        else:
            context["label"] = _("Submit to reviewers")
        return context


@hooks.register("construct_page_action_menu")
def submit_to_reviewers(menu_items, request, context):
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = SubmitToReviewersMenuItem(order=item.order)


@hooks.register("construct_homepage_panels")
def role_panels(request, panels):
    admin_home.construct_panels(request, panels)
