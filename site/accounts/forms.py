from allauth.core import context
from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _
from redflag.lib.regions import STATE_CHOICES

from certificates.services.issuing import validate_learner_name
from outreach import invites

from .models import LearnerProfile, zip_code_validator

PROFILE_FIELDS = [
    "certificate_name",
    "group",
    "employer",
    "job_role",
    "state",
    "county",
    "zip_code",
    "language",
]


def _profile_fields():
    fields = fields_for_model(LearnerProfile, fields=PROFILE_FIELDS)
    fields["group"].empty_label = _("Choose your workplace type")
    fields["state"].choices = STATE_CHOICES
    fields["certificate_name"].error_messages["required"] = _(
        "Enter your name as it should appear on a certificate."
    )
    # Plain forms (sign-up) skip model validation, so the ZIP and name rules are attached to the
    # fields.
    fields["zip_code"].validators.append(zip_code_validator)
    fields["certificate_name"].validators.append(validate_learner_name)
    fields["certificate_name"].widget.attrs.update(autocomplete="name")
    fields["zip_code"].widget.attrs.update(autocomplete="postal-code", inputmode="numeric")
    fields["employer"].widget.attrs.update(autocomplete="organization")
    fields["job_role"].widget.attrs.update(autocomplete="organization-title")
    fields["invite_code"] = invites.invite_code_field()
    return fields


def clean_profile(form, cleaned_data):
    name = (cleaned_data.get("certificate_name") or "").strip()
    if "certificate_name" in cleaned_data and not name:
        form.add_error(
            "certificate_name", _("Enter your name as it should appear on a certificate.")
        )
    elif name:
        cleaned_data["certificate_name"] = " ".join(name.split())
    if not cleaned_data.get("county", "").strip() and not cleaned_data.get("zip_code", "").strip():
        if "zip_code" not in form.errors:
            form.add_error("county", _("Enter your county or your ZIP code."))
    form.joined_organisation = invites.clean_invite_code(form, cleaned_data)
    return cleaned_data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = LearnerProfile
        fields = PROFILE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_profile_fields())

    def clean(self):
        return clean_profile(self, super().clean())

    def save(self, commit=True):
        profile = super().save(commit=False)
        organisation = getattr(self, "joined_organisation", None)
        if organisation:
            profile.organisation = organisation
            profile.employer = profile.employer or organisation.name
        if commit:
            profile.save()
        return profile


class SignupProfileForm(forms.Form):
    """allauth's sign-up form extends this, so the profile is filled in while signing up."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_profile_fields())
        # A visitor who opened an invite link finds its code in the form, where they can see it
        # and clear it before signing up.
        request = context.request
        if not self.is_bound and request is not None and hasattr(request, "session"):
            self.initial.setdefault("invite_code", invites.pending_code(request.session))

    def clean(self):
        return clean_profile(self, super().clean())

    def signup(self, request, user):
        defaults = {name: self.cleaned_data[name] for name in PROFILE_FIELDS}
        organisation = getattr(self, "joined_organisation", None)
        if organisation:
            defaults.update(
                organisation=organisation, employer=defaults["employer"] or organisation.name
            )
        LearnerProfile.objects.update_or_create(user=user, defaults=defaults)
        request.session.pop(invites.SESSION_KEY, None)
