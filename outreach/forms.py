import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from redflag.lib.people import display_name
from redflag.lib.regions import STATE_NAMES, US_STATES
from wagtail.snippets.widgets import AdminSnippetChooser

from courses.models import StakeholderGroup

from . import regions
from .importers import MAX_FILE_BYTES
from .models import (
    Campaign,
    CampaignTarget,
    Organisation,
    OutcomeReport,
    PartnerFollowUp,
)
from .services import campaigns, coverage, follow_ups


class CoverageFilterForm(forms.Form):
    """The dashboard's filters, carried in the query string to every table and export."""

    date_from = forms.DateField(label=_("From"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("All states"))] + US_STATES)
    county = forms.CharField(label=_("County"), required=False, max_length=100)
    group = forms.ModelChoiceField(label=_("Stakeholder group"), required=False,
                                   queryset=StakeholderGroup.objects.all(),
                                   empty_label=_("All groups"))
    organisation = forms.ModelChoiceField(label=_("Organisation"), required=False,
                                          queryset=Organisation.objects.all())

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.default = coverage.CoverageFilter.default(self.today)
        default = self.default
        # An unfiltered dashboard shows the period it counts.
        self.fields["date_from"].initial = default.date_from
        self.fields["date_to"].initial = default.date_to
        self.fields["organisation"].widget = AdminSnippetChooser(Organisation)

    def clean(self):
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end of the period is before its start."))
        state, county = data.get("state"), (data.get("county") or "").strip()
        if county and not state:
            self.add_error("state", _("Choose the county's state."))
        elif county:
            canonical = regions.canonical_county(state, county)
            if canonical is None:
                self.add_error("county", _("%(county)s is not a county of %(state)s.") % {
                    "county": county, "state": STATE_NAMES.get(state, state)})
            else:
                data["county"] = canonical
        return data

    def to_filter(self) -> coverage.CoverageFilter:
        """The filter the form describes; an invalid field falls back to its default."""
        default = self.default
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if self.is_bound and not self.is_valid():
            data = {name: value for name, value in getattr(self, "cleaned_data", {}).items()
                    if name not in self.errors}
        date_from = data.get("date_from") or default.date_from
        date_to = data.get("date_to") or default.date_to
        if date_from > date_to:
            date_from, date_to = default.date_from, default.date_to
        county = data.get("county") or ""
        state = data.get("state") or ""
        return coverage.CoverageFilter(
            date_from=date_from,
            date_to=date_to,
            state=state,
            county=county if state else "",
            group_id=data["group"].pk if data.get("group") else None,
            organisation_id=data["organisation"].pk if data.get("organisation") else None,
            today=self.today,
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("A .csv or .xlsx file with a heading row: name, stakeholder group, state, "
                    "county, address (optional), headcount (optional)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class MatchEmployerForm(forms.Form):
    employer = forms.CharField(widget=forms.HiddenInput, max_length=200)
    state = forms.ChoiceField(widget=forms.HiddenInput, choices=US_STATES)
    organisation = forms.ModelChoiceField(label=_("Organisation"),
                                          queryset=Organisation.objects.all())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].widget = AdminSnippetChooser(Organisation)


class InviteCodeForm(forms.Form):
    """The "I have a code" box, which leads to the code's invite link."""

    code = forms.CharField(
        label=_("Invite code"), max_length=20,
        help_text=_("The code your manager shared, such as ABCD-EFGH."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


# Campaigns ------------------------------------------------------------------------------------

class CampaignForm(forms.ModelForm):
    """A campaign's groups and counties choose its targets: the counties offered are the
    directory's own, so each matches its organisations exactly."""

    county_choices = forms.MultipleChoiceField(
        label=_("Counties"), widget=forms.CheckboxSelectMultiple,
        help_text=_("The counties of the directory. The organisations not reached there become "
                    "the campaign's targets."))

    class Meta:
        model = Campaign
        fields = ["name", "groups", "starts_on", "ends_on", "goal_kind", "goal"]
        widgets = {
            "groups": forms.CheckboxSelectMultiple,
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county_choices"].choices = campaigns.county_choices()
        self.fields["groups"].help_text = ""
        if self.instance.pk:
            self.initial["county_choices"] = [f"{state}|{county}"
                                              for state, county in self.instance.counties]
            self.fields["county_choices"].help_text = _(
                "Adding a group or county adds its organisations not reached yet; targets "
                "already chosen stay.")

    def clean(self):
        cleaned = super().clean()
        self.instance.counties = [value.split("|", 1)
                                  for value in cleaned.get("county_choices", [])]
        return cleaned


class TrainerChoiceField(forms.ModelChoiceField):
    """A drop-down of trainers, each by name and email address (redflag.lib.people)."""

    def label_from_instance(self, user):
        return display_name(user)


class CampaignTargetForm(forms.ModelForm):
    """A target's progress; coordinators also assign its trainer."""

    class Meta:
        model = CampaignTarget
        fields = ["trainer", "status", "session_starts_at", "session_place", "last_contact_on",
                  "next_follow_up_on"]
        field_classes = {"trainer": TrainerChoiceField}
        widgets = {
            "session_starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                     format="%Y-%m-%dT%H:%M"),
            "last_contact_on": forms.DateInput(attrs={"type": "date"}),
            "next_follow_up_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, assigns_trainers: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if assigns_trainers:
            self.fields["trainer"].empty_label = _("Not assigned")
            self.fields["trainer"].queryset = follow_ups.trainers()
        else:
            del self.fields["trainer"]


class AssignTrainerForm(forms.Form):
    """Several targets of a campaign given to one trainer at once, from the campaign page."""

    trainer = TrainerChoiceField(label=_("Trainer"), queryset=None, required=False,
                                 empty_label=_("Not assigned"))
    targets = forms.ModelMultipleChoiceField(queryset=None, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = follow_ups.trainers()
        self.fields["targets"].queryset = campaign.targets.all()

class OutcomeReportForm(forms.Form):
    """That a report was made after the training: the date and who it went to, nothing else.
    What was seen and who was involved are never asked, so there is no field for them."""

    reported_on = forms.DateField(
        label=_("Date of the report"),
        help_text=_("The day you made the report. Not a day before your training."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    channel = forms.ChoiceField(
        label=_("Who did you report to?"),
        choices=[("", _("Choose one"))] + list(OutcomeReport.Channel.choices),
    )

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["reported_on"].widget.attrs["max"] = self.today.isoformat()

    def clean_reported_on(self):
        reported_on = self.cleaned_data["reported_on"]
        if reported_on > self.today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        return reported_on


class StaffOutcomeReportForm(OutcomeReportForm):
    """A manager records a report for a member of their staff who holds a certificate."""

    learner = forms.ChoiceField(label=_("Staff member"))

    field_order = ["learner", "reported_on", "channel"]

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learner"].choices = [("", _("Choose a staff member"))] + [
            (str(profile.user_id), profile.certificate_name or profile.user.get_full_name()
             or profile.user.email)
            for profile in staff
        ]
        self.fields["reported_on"].help_text = _("The day they made the report. Not a day "
                                                 "before their training.")
        self.fields["channel"].label = _("Who did they report to?")

class PartnerFollowUpForm(forms.ModelForm):
    """An organisation's contact person, contact dates and notes; coordinators also assign the
    trainer who looks after it."""

    class Meta:
        model = PartnerFollowUp
        fields = ["trainer", "contact_name", "contact_role", "contact_phone", "contact_email",
                  "last_contact_on", "next_follow_up_on", "notes"]
        field_classes = {"trainer": TrainerChoiceField}
        widgets = {
            "last_contact_on": forms.DateInput(attrs={"type": "date"}),
            "next_follow_up_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, assigns_trainers: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if assigns_trainers:
            self.fields["trainer"].empty_label = _("Not assigned")
            self.fields["trainer"].queryset = follow_ups.trainers()
        else:
            del self.fields["trainer"]


class FollowUpFilterForm(forms.Form):
    """The Follow-ups page's filters; only coordinators choose a trainer."""

    trainer = TrainerChoiceField(label=_("Trainer"), required=False, queryset=None,
                                 empty_label=_("All trainers"))
    county = forms.ChoiceField(label=_("County"), required=False)

    def __init__(self, *args, chooses_trainer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if chooses_trainer:
            self.fields["trainer"].queryset = follow_ups.trainers()
        else:
            del self.fields["trainer"]
        self.fields["county"].choices = [("", _("All counties")), *campaigns.county_choices()]
