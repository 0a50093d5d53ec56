import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from redflag.lib.regions import STATE_NAMES, US_STATES
from wagtail.snippets.widgets import AdminSnippetChooser

from courses.models import StakeholderGroup

from . import regions
from .importers import MAX_FILE_BYTES
from .models import Organisation, OutcomeReport
from .services import coverage


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
