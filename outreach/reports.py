"""The coverage dashboard's tables as Wagtail reports: each one paginates and sorts in the admin
and downloads as CSV or XLSX (?export=csv|xlsx) with the dashboard's filters applied, because the
filters travel in the query string."""

import io

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from redflag.lib.regions import STATE_NAMES
from redflag.lib.spreadsheets import safe_cell
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.reports import ReportView

from courses.models import StakeholderGroup

from . import maps
from .forms import CoverageFilterForm
from .models import Organisation
from .services import coverage, outcomes, staff

FILTER_FIELDS = ["date_from", "date_to", "state", "county", "group", "organisation"]


def _percent(value):
    return "" if value is None else f"{value:g}%"


class CoverageAccessMixin(PermissionCheckedMixin):
    """Coordinators only; the filters come from the query string."""

    permission_required = "outreach.view_coverage"

    def user_has_permission(self, permission):
        # Organisation's own view_coverage is not one of the "<action>_organisation" permissions
        # a model policy names, so it is asked for by its full name.
        return self.request.user.has_perm(permission)

    @cached_property
    def filter_form(self) -> CoverageFilterForm:
        data = {key: self.request.GET[key] for key in FILTER_FIELDS if key in self.request.GET}
        return CoverageFilterForm(data or None)

    @cached_property
    def coverage_filter(self) -> coverage.CoverageFilter:
        return self.filter_form.to_filter()

    @cached_property
    def filter_query(self) -> str:
        """The filters as a query string, for links between the dashboard and its tables."""
        f = self.coverage_filter
        params = {"date_from": f.date_from.isoformat(), "date_to": f.date_to.isoformat()}
        if f.state:
            params["state"] = f.state
        if f.county:
            params["county"] = f.county
        if f.group_id:
            params["group"] = f.group_id
        if f.organisation_id:
            params["organisation"] = f.organisation_id
        return urlencode(params)

    def filter_summary(self) -> list[tuple[str, str]]:
        f = self.coverage_filter
        summary = [(_("Period"), f"{date_format(f.date_from)} – {date_format(f.date_to)}")]
        if f.state:
            region = STATE_NAMES.get(f.state, f.state)
            summary.append((_("Region"), f"{f.county}, {region}" if f.county else region))
        form_data = self.filter_form.cleaned_data if self.filter_form.is_bound and (
            self.filter_form.is_valid()) else {}
        if form_data.get("group"):
            summary.append((_("Stakeholder group"), form_data["group"].name))
        if form_data.get("organisation"):
            summary.append((_("Organisation"), form_data["organisation"].name))
        return summary


class CoverageReport(CoverageAccessMixin, ReportView):
    results_template_name = "outreach/admin/report_results.html"
    header_icon = "table"
    paginate_by = 50
    url_name = ""

    def get_index_url(self):
        return reverse(self.url_name, kwargs=self.kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": f"{reverse('coverage:dashboard')}?{self.filter_query}",
             "label": _("Coverage")},
        ] + super().get_breadcrumbs_items()[-1:]

    def get_filename(self):
        f = self.coverage_filter
        return f"{self.export_filename}-{f.date_from}-{f.date_to}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(filter_summary=self.filter_summary(), filter_query=self.filter_query)
        return context


class GroupCoverageReport(CoverageReport):
    page_title = _("Coverage by stakeholder group")
    url_name = "coverage:groups"
    export_filename = "coverage-by-group"
    paginate_by = None
    list_export = ["group_name", "people", "people_online", "people_in_person", "organisations",
                   "organisations_reached", "organisations_not_reached", "headcount",
                   "trained_of_headcount", "share", "expiring_30", "expiring_60", "expiring_90"]
    export_headings = {
        "group_name": _("Stakeholder group"),
        "people": _("People trained"),
        "people_online": _("Trained online"),
        "people_in_person": _("Trained in person"),
        "organisations": _("Organisations in directory"),
        "organisations_reached": _("Organisations reached"),
        "organisations_not_reached": _("Organisations not reached"),
        "headcount": _("Estimated headcount (organisations with one)"),
        "trained_of_headcount": _("People trained at those organisations"),
        "share": _("Share of headcount trained (%)"),
        "expiring_30": _("Certificates expiring in 30 days"),
        "expiring_60": _("Certificates expiring in 60 days"),
        "expiring_90": _("Certificates expiring in 90 days"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn("group_name", label=_("Stakeholder group"), get_url=self._group_url),
            Column("people", label=_("People trained")),
            Column("people_online", label=_("Online")),
            Column("people_in_person", label=_("In person")),
            Column("organisations_reached", label=_("Organisations reached")),
            Column("organisations", label=_("In directory")),
            Column("share_display", label=_("Share of headcount")),
            Column("expiring_30", label=_("Expiring ≤ 30 days")),
            Column("expiring_60", label=_("≤ 60 days")),
            Column("expiring_90", label=_("≤ 90 days")),
        ]

    def _group_url(self, row):
        if row["group"] is None:
            return None
        return reverse("coverage:group", args=[row["group"].pk]) + "?" + self.filter_query

    def get_queryset(self):
        figures = coverage.dashboard_figures(self.coverage_filter)
        return [_group_dict(row) for row in figures["groups"]]


def _group_dict(row: coverage.GroupRow) -> dict:
    return {
        "group": row.group,
        "group_name": row.group_name,
        "people": row.people,
        "people_online": row.people_online,
        "people_in_person": row.people_in_person,
        "organisations": row.organisations,
        "organisations_reached": row.organisations_reached,
        "organisations_not_reached": row.organisations_not_reached,
        "headcount": row.headcount or None,
        "trained_of_headcount": row.trained_of_headcount if row.headcount else None,
        "share": row.headcount_share,
        "share_display": _percent(row.headcount_share) or "—",
        "expiring_30": row.expiring_30,
        "expiring_60": row.expiring_60,
        "expiring_90": row.expiring_90,
    }


class MonthlyCoverageReport(CoverageReport):
    page_title = _("People trained per month")
    url_name = "coverage:months"
    export_filename = "coverage-by-month"
    paginate_by = None
    list_export = ["month", "people", "people_online", "people_in_person"]
    export_headings = {
        "month": _("Month"),
        "people": _("People trained"),
        "people_online": _("Trained online"),
        "people_in_person": _("Trained in person"),
    }
    columns = [
        Column("month_label", label=_("Month")),
        Column("people", label=_("People trained")),
        Column("people_online", label=_("Online")),
        Column("people_in_person", label=_("In person")),
    ]
    custom_field_preprocess = {"month": {"csv": lambda value: value.strftime("%Y-%m"),
                                         "xlsx": lambda value: value.strftime("%Y-%m")}}

    def get_queryset(self):
        return [
            {"month": row.month, "month_label": date_format(row.month, "F Y"), "people": row.people,
             "people_online": row.people_online, "people_in_person": row.people_in_person}
            for row in coverage.dashboard_figures(self.coverage_filter)["months"]
        ]


class CountyCoverageReport(CoverageReport):
    page_title = _("Coverage by county")
    url_name = "coverage:counties"
    export_filename = "coverage-by-county"
    paginate_by = 100
    list_export = ["state", "county", "people", "people_online", "people_in_person",
                   "organisations", "organisations_reached"]
    export_headings = {
        "state": _("State"),
        "county": _("County"),
        "people": _("People trained"),
        "people_online": _("Trained online"),
        "people_in_person": _("Trained in person"),
        "organisations": _("Organisations in directory"),
        "organisations_reached": _("Organisations reached"),
    }

    @cached_property
    def columns(self):
        return [
            Column("state", label=_("State")),
            TitleColumn("county", label=_("County"), get_url=self._county_url),
            Column("people", label=_("People trained")),
            Column("people_online", label=_("Online")),
            Column("people_in_person", label=_("In person")),
            Column("organisations_reached", label=_("Organisations reached")),
            Column("organisations", label=_("In directory")),
        ]

    def _county_url(self, row):
        if not row["state"] or not row["county"]:
            return None
        f = self.coverage_filter.replace(state=row["state"], county=row["county"])
        return f"{reverse('coverage:dashboard')}?{_query(f)}"

    def write_xlsx(self, queryset, output):
        """The table as Wagtail writes it, then a Map sheet: the dashboard's map as a picture
        (drawn with Pillow from the same shapes) and its legend as cells."""
        from openpyxl import load_workbook
        from openpyxl.drawing.image import Image as SheetImage
        from openpyxl.styles import Font, PatternFill

        table = io.BytesIO()
        super().write_xlsx(queryset, table)
        table.seek(0)
        workbook = load_workbook(table)
        workbook.active.title = str(_("Counties"))[:31]
        f = self.coverage_filter
        coverage_map = maps.coverage_map(
            coverage.dashboard_figures(f)["counties"], state=f.state)
        sheet = workbook.create_sheet(str(_("Map"))[:31])
        sheet["A1"] = safe_cell(str(_("People trained by county")))
        sheet["A1"].font = Font(bold=True)
        for index, entry in enumerate(coverage_map.legend, start=2):
            sheet.cell(row=index, column=1).fill = PatternFill(
                "darkUp" if entry.hatched else "solid",
                fgColor=(maps.HATCH_COLOUR if entry.hatched else entry.fill)[1:],
                bgColor=entry.fill[1:])
            sheet.cell(row=index, column=2, value=safe_cell(entry.label))
        sheet.column_dimensions["B"].width = 40
        picture = SheetImage(io.BytesIO(maps.png(coverage_map, width=900)))
        picture.anchor = "D2"
        sheet.add_image(picture)
        workbook.save(output)

    def get_queryset(self):
        return [
            {"state": row.state, "county": row.county, "people": row.people,
             "people_online": row.people_online, "people_in_person": row.people_in_person,
             "organisations": row.organisations, "organisations_reached": row.organisations_reached}
            for row in coverage.dashboard_figures(self.coverage_filter)["counties"]
        ]


def _query(f: coverage.CoverageFilter) -> str:
    params = {"date_from": f.date_from.isoformat(), "date_to": f.date_to.isoformat()}
    for key, value in (("state", f.state), ("county", f.county), ("group", f.group_id),
                       ("organisation", f.organisation_id)):
        if value:
            params[key] = value
    return urlencode(params)


class NotReachedReport(CoverageReport):
    page_title = _("Not reached yet")
    url_name = "coverage:not_reached"
    export_filename = "organisations-not-reached"
    default_ordering = "-headcount"
    list_export = ["name", "group.name", "state", "county", "address", "headcount",
                   "display_invite_code", "get_invite_url"]
    export_headings = {
        "name": _("Organisation"),
        "group.name": _("Stakeholder group"),
        "state": _("State"),
        "county": _("County"),
        "address": _("Address"),
        "headcount": _("Estimated headcount"),
        "display_invite_code": _("Invite code"),
        "get_invite_url": _("Invite link"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn("name", label=_("Organisation"), sort_key="name",
                        get_url=lambda organisation: reverse(
                            "coverage:organisation", args=[organisation.pk])
                        + "?" + self.filter_query),
            Column("group", label=_("Stakeholder group")),
            Column("county", label=_("County"), sort_key="county"),
            Column("state", label=_("State")),
            Column("headcount", label=_("Estimated headcount"), sort_key="headcount"),
        ]

    def get_queryset(self):
        return coverage.not_reached(self.coverage_filter, ordering=self.ordering or "-headcount")


class GroupOrganisationsReport(CoverageReport):
    """Drill-down, step 1: a stakeholder group's organisations."""

    url_name = "coverage:group"
    export_filename = "coverage-organisations"
    default_ordering = "-people"
    list_export = ["name", "group_name", "state", "county", "headcount", "people",
                   "people_online", "people_in_person", "people_current", "share"]
    export_headings = {
        "name": _("Organisation"),
        "group_name": _("Stakeholder group"),
        "state": _("State"),
        "county": _("County"),
        "headcount": _("Estimated headcount"),
        "people": _("People trained"),
        "people_online": _("Trained online"),
        "people_in_person": _("Trained in person"),
        "people_current": _("People with a current certificate"),
        "share": _("Share of headcount trained (%)"),
    }

    @cached_property
    def group(self):
        return get_object_or_404(StakeholderGroup, pk=self.kwargs["group_id"])

    def get_page_title(self):
        return _("%(group)s: organisations") % {"group": self.group.name}

    @cached_property
    def coverage_filter(self):
        return super().coverage_filter.replace(group_id=self.group.pk)

    @cached_property
    def columns(self):
        return [
            TitleColumn("name", label=_("Organisation"), sort_key="name",
                        get_url=lambda row: reverse("coverage:organisation", args=[row["pk"]])
                        + "?" + self.filter_query),
            Column("county", label=_("County")),
            Column("state", label=_("State")),
            Column("people", label=_("People trained"), sort_key="people"),
            Column("people_online", label=_("Online")),
            Column("people_in_person", label=_("In person")),
            Column("people_current", label=_("Current now")),
            Column("headcount", label=_("Estimated headcount"), sort_key="headcount"),
            Column("share_display", label=_("Share of headcount")),
        ]

    def get_queryset(self):
        # A page reads its 50 rows from the database (OrganisationTable pages in SQL); an
        # export reads them all at once.
        ordering = self.ordering or "-people"
        if self.is_export:
            return coverage.organisation_table(self.coverage_filter, ordering)
        return coverage.OrganisationTable(self.coverage_filter, ordering)

    def decorate_paginated_queryset(self, object_list):
        for row in object_list:
            row["share_display"] = _percent(row["share"]) or "—"
        return object_list

    def get_table(self, object_list):
        return super().get_table(self.decorate_paginated_queryset(object_list))


class OrganisationPeopleReport(CoverageReport):
    """Drill-down, step 2: an organisation's people with their status."""

    url_name = "coverage:organisation"
    export_filename = "coverage-people"
    paginate_by = 100
    list_export = ["name", "email", "job_role", "status_label", "course", "issued_on",
                   "expires_on", "code"]
    export_headings = {
        "name": _("Name"),
        "email": _("Email"),
        "job_role": _("Job role"),
        "status_label": _("Status"),
        "course": _("Latest course"),
        "issued_on": _("Trained on"),
        "expires_on": _("Expires on"),
        "code": _("Verification code"),
    }
    columns = [
        Column("name", label=_("Name")),
        Column("job_role", label=_("Job role")),
        Column("status_label", label=_("Status")),
        Column("course", label=_("Latest course")),
        Column("issued_on", label=_("Trained on")),
        Column("expires_on", label=_("Expires on")),
    ]

    @cached_property
    def organisation(self):
        return get_object_or_404(Organisation.objects.select_related("group"),
                                 pk=self.kwargs["pk"])

    def get_page_title(self):
        return self.organisation.name

    def get_page_subtitle(self):
        return _("People and their training status")

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        group = self.organisation.group
        return items[:-1] + [
            {"url": reverse("coverage:group", args=[group.pk]) + "?" + self.filter_query,
             "label": group.name},
        ] + items[-1:]

    @cached_property
    def status(self):
        status = self.request.GET.get("status", "")
        return status if status in staff.Status.LABELS else ""

    def get_queryset(self):
        return staff.organisation_people(self.organisation, today=self.coverage_filter.today,
                                            status=self.status)

    def decorate_paginated_queryset(self, object_list):
        if isinstance(object_list, list) and object_list and isinstance(object_list[0], dict):
            return object_list
        return staff.person_rows(object_list)

    def get_table(self, object_list):
        # The table shows plain rows, built before ReportView's own decoration step runs.
        return super().get_table(self.decorate_paginated_queryset(object_list))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = staff.status_counts(self.organisation, today=self.coverage_filter.today)
        context.update(
            status_counts=[(key, staff.Status.LABELS[key], counts[key])
                           for key in staff.Status.ORDER],
            status=self.status,
            organisation=self.organisation,
        )
        return context


class OutcomeFiguresReport(CoverageReport):
    """Reports recorded after training, per group, organisation, county and months since
    training, next to people trained: the export of the dashboard's outcomes section. Every
    count passes through outcomes.suppress, here as in the files."""

    page_title = _("Reports made after training")
    url_name = "coverage:outcomes"
    export_filename = "outcomes"
    paginate_by = None
    list_export = ["breakdown", "name", "reports", "people"]
    export_headings = {
        "breakdown": _("Breakdown"),
        "name": _("Name"),
        "reports": _("Reports recorded"),
        "people": _("People trained"),
    }
    columns = [
        Column("breakdown", label=_("Breakdown")),
        Column("name", label=_("Name")),
        Column("reports", label=_("Reports recorded")),
        Column("people", label=_("People trained")),
    ]

    def get_queryset(self):
        f = self.coverage_filter
        figures = outcomes.figures(f, coverage.dashboard_figures(f), organisations_shown=None)
        return outcomes.export_rows(figures)
