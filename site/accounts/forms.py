from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _
from redflag.lib.regions import STATE_CHOICES, STATE_NAMES

from certificates.services.issuing import validate_learner_name
from outreach import invites
from outreach.regions import canonical_county, counties_in

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


class CountySelect(forms.Select):
    """Every state's counties, one group a state: static/js/county-select.js keeps the chosen
    state's group alone; without script the chosen state's group comes first and the server
    checks the county belongs to the state. Several states share county names (Washington,
    Jefferson…), so only the option in the chosen state's group is marked selected."""

    state = ""

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        chosen = STATE_NAMES.get(self.state)
        for group_name, options, _index in groups:
            if group_name and group_name != chosen:
                for option in options:
                    option["selected"] = False
                    option["attrs"].pop("selected", None)
        return groups


def county_choices(first_state=""):
    """The census counties grouped by state, `first_state`'s group first."""
    codes = sorted(STATE_NAMES, key=lambda code: (code != first_state, STATE_NAMES[code]))
    return [("", _("Choose a county"))] + [
        (STATE_NAMES[code], [(county, county) for county in counties_in(code)]) for code in codes
    ]


class CountyField(forms.ChoiceField):
    """Any text passes the field: clean_profile checks it against the chosen state's census
    list, which knows "Alameda County" and "alameda" for Alameda, and says which state failed."""

    def valid_value(self, value):
        return True


def county_field():
    return CountyField(
        label=LearnerProfile._meta.get_field("county").verbose_name.capitalize(),
        required=False,
        choices=county_choices(),
        widget=CountySelect(attrs={"data-county-for": "id_state"}),
        help_text=_("Choose your state first. Leave it empty if you give your ZIP code."),
    )


def _profile_fields():
    fields = fields_for_model(LearnerProfile, fields=PROFILE_FIELDS)
    fields["county"] = county_field()
    fields["group"].empty_label = _("Choose your workplace type")
    # Called as the select is drawn, so each option reads in the request's language.
    fields["group"].label_from_instance = lambda group: group.display_name
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


def clean_profile_name(form, cleaned_data):
    name = (cleaned_data.get("certificate_name") or "").strip()
    if "certificate_name" in cleaned_data and not name:
        form.add_error(
            "certificate_name", _("Enter your name as it should appear on a certificate.")
        )
    elif name:
        cleaned_data["certificate_name"] = " ".join(name.split())
    return cleaned_data


def clean_profile(form, cleaned_data):
    cleaned_data = clean_profile_name(form, cleaned_data)
    county, state = cleaned_data.get("county") or "", cleaned_data.get("state") or ""
    if county and state:
        # The select offers every state's counties; the county must be one of the chosen
        # state's, stored under its census short name so the dashboard counts one row a county.
        canonical = canonical_county(state, county)
        if canonical is None:
            form.add_error("county", _("Choose a county in %(state)s.")
                           % {"state": STATE_NAMES.get(state, state)})
        else:
            cleaned_data["county"] = canonical
    elif not county and not cleaned_data.get("zip_code", "").strip():
        if "zip_code" not in form.errors:
            form.add_error("county", _("Enter your county or your ZIP code."))
    form.joined_organisation = invites.clean_invite_code(form, cleaned_data)
    return cleaned_data


def _prepare_county(form):
    """Puts the chosen state's counties first and marks only its county selected."""
    if form.is_bound:
        state = form.data.get(form.add_prefix("state"), "")
    else:
        state = form.initial.get("state", "")
    state = state if state in STATE_NAMES else ""
    field = form.fields["county"]
    field.choices = county_choices(state)
    field.widget.state = state
    # A county stored before the list was used (typed freely) is shown as its census name when
    # it is one; otherwise the learner chooses again the next time they save their profile.
    if not form.is_bound and form.initial.get("county") and state:
        form.initial["county"] = canonical_county(state, form.initial["county"]) or ""


class ProfileForm(forms.ModelForm):
    class Meta:
        model = LearnerProfile
        fields = PROFILE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_profile_fields())
        _prepare_county(self)

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
    """allauth's sign-up form extends this with the name, so the account step stays short on a
    phone; the workplace, state and county follow on the profile step (views.profile), which a
    new learner fills in before their first course (courses.models.profile_step_redirect)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate_name"] = _profile_fields()["certificate_name"]

    def clean(self):
        return clean_profile_name(self, super().clean())

    def signup(self, request, user):
        # Kept on the account until the profile step copies it into the profile's name.
        user.first_name = self.cleaned_data["certificate_name"]
        user.save(update_fields=["first_name"])
