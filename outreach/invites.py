"""Joining an organisation with its invite code: the optional field on the profile form (the
second step of signing up), and the session key the invite link (/join/<code>/) leaves behind."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation, organisation_by_invite_code

SESSION_KEY = "outreach_invite_code"


def invite_code_field() -> forms.CharField:
    return forms.CharField(
        label=_("Invite code (optional)"), max_length=20, required=False,
        help_text=_("If your employer gave you a code, enter it to join their organisation."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


def clean_invite_code(form, cleaned_data) -> Organisation | None:
    """The organisation a form's invite code names; an error on the field when it names none."""
    typed = (cleaned_data.get("invite_code") or "").strip()
    if not typed:
        return None
    organisation = organisation_by_invite_code(typed)
    if organisation is None:
        form.add_error("invite_code", _("No organisation has this invite code. Check it with "
                                        "your manager, or leave it empty."))
    return organisation


def pending_code(session) -> str:
    return session.get(SESSION_KEY, "")


def pending_profile(session) -> dict:
    """What the profile step of a new sign-up starts from: the invite code of a link opened
    before signing up, where the learner can see and clear it, and its organisation's
    workplace, name, state and county."""
    organisation = organisation_by_invite_code(pending_code(session)) if pending_code(session) \
        else None
    if organisation is None:
        return {}
    return {
        "invite_code": organisation.display_invite_code,
        "employer": organisation.name,
        "group": organisation.group_id,
        "state": organisation.state,
        "county": organisation.county,
    }
