"""Outcomes without content: that a trained learner made a report after the training, and the
figures the dashboard draws from such records.

A record holds the date and the channel (the hotline, 911 or police, the task force, a
supervisor, child protective services), never what was seen or who was involved: the report
itself goes to the hotline or to 911, and Redflag only counts that one was made.

The place, group and months since training are copied from the learner's latest counted
certificate on or before the report's date (the training log's record), so reports are counted
where and for whom the training counted, whatever the learner's profile says later.

The months table (OutcomeMonth) sums the reports per calendar month, group, state, county and
band of months since training. Recording or deleting a report recounts its month from the reports
(a few thousand rows at most), so the table is a function of the reports alone; the dashboard reads
it for whole months (its default period), and `months_drift` checks it against a recount with the
training log (`manage.py refresh_training_log --check`).

Minimum cell size: a count from 1 to 4 could single someone out ("the one report from Lakeside
Inn"), so outside the coordinator's own dashboard every count passes through `suppress`, which
shows it as "fewer than 5": in every export and on every manager's page.
"""

import dataclasses
import datetime
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Case, Count, IntegerField, Sum, Value, When
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from redflag.lib.dates import add_months
from wagtail.log_actions import log

from .. import regions
from ..models import (
    Organisation,
    OutcomeMonth,
    OutcomeReport,
    TrainingRecord,
    learner_profiles,
)
from .coverage import Coverage, CoverageFilter, MonthStart, _tune_for_reporting, cached

MINIMUM_CELL_SIZE = 5
FEWER_THAN_MINIMUM = _("fewer than 5")

# Months since training, as the dashboard groups them: (first month, last month, label).
MONTH_BANDS = (
    (0, 3, _("0–3 months")),
    (4, 6, _("4–6 months")),
    (7, 12, _("7–12 months")),
    (13, 24, _("13–24 months")),
    (25, None, _("over 24 months")),
)
# How many organisations the dashboard names (most reports first); the export lists all.
ORGANISATIONS_SHOWN = 15


def suppress(count: int | None):
    """A count as it may be shown outside the coordinator's own dashboard: 0 and 5 or more as
    they are, 1 to 4 as "fewer than 5" (the one rule for every export and manager's page)."""
    if count and 0 < count < MINIMUM_CELL_SIZE:
        return str(FEWER_THAN_MINIMUM)
    return count


def month_band(months: int) -> int:
    """The index in MONTH_BANDS of a number of months since training."""
    for index, (first, last, _label) in enumerate(MONTH_BANDS):
        if last is None or first <= months <= last:
            return index
    return len(MONTH_BANDS) - 1


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole months from `earlier` to `later` (0 within the first month)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


# Recording ---------------------------------------------------------------------------------------

def may_record(user) -> bool:
    """Whether this person holds a certificate, and so may record a report after training."""
    return user.is_authenticated and TrainingRecord.objects.filter(user=user).exists()


@transaction.atomic
def record(learner, *, reported_on: datetime.date, channel: str, by,
           today: datetime.date) -> OutcomeReport:
    """Record that `learner` made a report on `reported_on` to `channel`, as `by` (the learner,
    or their organisation's manager). Raises ValidationError, by field, for a date in the future
    or before the learner's first certificate."""
    if channel not in OutcomeReport.Channel.values:
        raise ValidationError({"channel": _("Choose who you reported to.")})
    if reported_on > today:
        raise ValidationError({"reported_on": _("The date cannot be in the future.")})
    record = (TrainingRecord.objects.filter(user=learner, issued_on__lte=reported_on)
              .order_by("-issued_on", "-pk").first())
    if record is None:
        first = TrainingRecord.objects.filter(user=learner).order_by("issued_on").first()
        if first is None:
            raise ValidationError(_("Only someone who holds a certificate can record a report "
                                    "after the training."))
        raise ValidationError({"reported_on": _(
            "The date is before the first training (%(date)s). Record reports made after the "
            "training.") % {"date": date_format(first.issued_on)}})
    report = OutcomeReport.objects.create(
        user=learner, recorded_by=by, reported_on=reported_on, channel=channel,
        group_id=record.group_id, organisation_id=record.organisation_id,
        state=record.state, county=record.county,
        months_since_training=months_between(record.issued_on, reported_on))
    recount_months([reported_on])
    log(report, "outreach.outcome_recorded", user=by, title=_log_title(report),
        data={"for_someone_else": by is not None and by.pk != learner.pk})
    return report


def _log_title(report: OutcomeReport) -> str:
    """The audit log names the record by its number only. The log outlives a record its learner
    deletes, so it keeps neither the date nor the channel: deleting a record leaves nothing of
    it but the fact that it existed."""
    return f"outcome report #{report.pk}"


def reports_of(user):
    """A learner's own records, newest first."""
    return OutcomeReport.objects.filter(user=user).order_by("-reported_on", "-pk")


def report_of(user, pk: int) -> OutcomeReport:
    """One of the learner's own records; 404 for anyone else's."""
    report = reports_of(user).filter(pk=pk).first() if user.is_authenticated else None
    if report is None:
        raise Http404
    return report


@transaction.atomic
def delete(report: OutcomeReport, *, by) -> None:
    log(report, "outreach.outcome_deleted", user=by, title=_log_title(report))
    report.delete()
    recount_months([report.reported_on])


# The months table ---------------------------------------------------------------------------------

def _band():
    """MONTH_BANDS as an SQL expression over months_since_training."""
    return Case(*[When(months_since_training__lte=last, then=Value(index))
                  for index, (_first, last, _label) in enumerate(MONTH_BANDS) if last is not None],
                default=Value(len(MONTH_BANDS) - 1), output_field=IntegerField())


def _recount(reports):
    """The months table's rows for these reports, counted from scratch."""
    return (reports.order_by().annotate(m=MonthStart("reported_on"), b=_band())
            .values("m", "group_id", "state", "county", "b").annotate(n=Count("pk"))
            .values_list("m", "group_id", "state", "county", "b", "n"))


_MONTH_COLUMNS = "month, group_id, state, county, band, reports"


@transaction.atomic
def recount_months(dates=None) -> None:
    """Recount the months table for the months of these dates from their reports (all months
    when none are given): one delete and one insert."""
    reports, months = OutcomeReport.objects.all(), OutcomeMonth.objects.all()
    if dates is not None:
        firsts = sorted({date.replace(day=1) for date in dates})
        reports = reports.filter(reported_on__gte=firsts[0],
                                 reported_on__lt=add_months(firsts[-1], 1))
        reports = reports.annotate(m=MonthStart("reported_on")).filter(m__in=firsts)
        months = months.filter(month__in=firsts)
    months.delete()
    sql, params = _recount(reports).query.sql_with_params()
    table = connection.ops.quote_name(OutcomeMonth._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({_MONTH_COLUMNS}) {sql}", params)


def months_drift() -> list[tuple]:
    """Rows of the months table that differ from a recount of the reports, both ways. Rows are
    compared summed per key: deleting a group leaves two rows where a recount has one."""
    table_sql, table_params = (OutcomeMonth.objects.order_by()
                               .values("month", "group_id", "state", "county", "band")
                               .annotate(n=Sum("reports"))
                               .values_list("month", "group_id", "state", "county", "band", "n")
                               .query.sql_with_params())
    recount_sql, recount_params = _recount(OutcomeReport.objects.all()).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM ({table_sql} EXCEPT {recount_sql}) AS stale UNION ALL "
            f"SELECT * FROM ({recount_sql} EXCEPT {table_sql}) AS missing",
            [*table_params, *recount_params, *recount_params, *table_params])
        return cursor.fetchall()


# An organisation manager's side ------------------------------------------------------------------

def staff_with_certificates(organisation: Organisation):
    """The organisation's members now who hold a counted certificate: whom its manager may
    record a report for."""
    members = learner_profiles().filter(organisation=organisation).values("user_id")
    trained = TrainingRecord.objects.filter(user_id__in=members).values("user_id")
    return (learner_profiles().filter(organisation=organisation, user_id__in=trained)
            .select_related("user").order_by("user__last_name", "user__first_name", "user_id"))


def staff_member(organisation: Organisation, user_pk) -> object:
    """A member of the organisation's staff with a certificate; 404 for anyone else, so a
    manager learns nothing of other organisations' people."""
    profile = staff_with_certificates(organisation).filter(user_id=user_pk).first()
    if profile is None:
        raise Http404
    return profile.user


def organisation_report_count(organisation: Organisation):
    """Reports recorded by the organisation's staff (at this organisation), as its manager may
    see it: through `suppress`."""
    return suppress(OutcomeReport.objects.filter(organisation=organisation).count())


# Figures -----------------------------------------------------------------------------------------

@dataclasses.dataclass
class OutcomeRow:
    """One line of the outcome figures: reports recorded, and people trained where they apply."""

    kind: str  # "group", "organisation", "county", "months" or "total"
    key: object
    label: str
    reports: int = 0
    people: int | None = None


def _three_ways(source, *, last: str, value: str, last_kind: str | None = None):
    """SQL and parameters summing `value` over the rows of `source` (a values() queryset with
    group_id, state, county and `last`) per group ("group"), per state and county ("county")
    and per `last` (`last_kind`, else its name), as rows (kind, group, organisation, state,
    county, last, n)."""
    sql, params = source.query.sql_with_params()
    last_kind = last_kind or last
    if connection.vendor == "postgresql":
        # The three groupings hashed in one pass over the rows.
        return f"""
            SELECT CASE WHEN GROUPING(group_id) = 0 THEN 'group'
                        WHEN GROUPING({last}) = 0 THEN '{last_kind}' ELSE 'county' END,
                group_id, CAST(NULL AS INTEGER), COALESCE(state, ''), COALESCE(county, ''),
                {last}, SUM({value})
            FROM ({sql}) AS source
            GROUP BY GROUPING SETS ((group_id), (state, county), ({last}))""", list(params)
    # SQLite has no GROUPING SETS: the same three groupings, one after the other.
    return f"""
        SELECT 'group', group_id, NULL, '', '', NULL, SUM({value}) FROM ({sql}) GROUP BY group_id
        UNION ALL
        SELECT 'county', NULL, NULL, state, county, NULL, SUM({value}) FROM ({sql})
        GROUP BY state, county
        UNION ALL
        SELECT '{last_kind}', NULL, NULL, '', '', {last}, SUM({value}) FROM ({sql})
        GROUP BY {last}""", [*params] * 3


class OutcomeFigures:
    """Reports recorded in the filter's period per group, organisation, county and months since
    training, next to people trained.

    Reports are counted in one statement: per group, county and months since training from the
    months table for whole months (else from the period's reports, over the outcome_period
    index), per organisation from the reports over the outcome_organisation index. People
    trained per group and county come from the coverage figures (given, so the dashboard's
    cached ones are used), and per organisation from coverage's own directory counts, for the
    organisations named. A fixed number of queries whatever the data.
    """

    def __init__(self, f: CoverageFilter, coverage_figures: dict, *,
                 organisations_shown: int | None = ORGANISATIONS_SHOWN):
        self.f = f
        self.coverage_figures = coverage_figures
        self.organisations_shown = organisations_shown

    def reports(self):
        f = self.f
        queryset = OutcomeReport.objects.filter(
            reported_on__gte=f.date_from, reported_on__lte=f.date_to).filter(f._region_q())
        if f.group_id:
            queryset = queryset.filter(group_id=f.group_id)
        if f.organisation_id:
            queryset = queryset.filter(organisation_id=f.organisation_id)
        return queryset.order_by()

    @cached_property
    def _reads_months(self) -> bool:
        """Whether the figures per group, county and months since training can be summed from
        the months table: a period of whole months (from a first of the month, and no report
        after its last day within its last month: the dashboard's default, up to today) and no
        organisation chosen (the table has none). One index probe."""
        f = self.f
        if f.date_from.day != 1 or f.organisation_id:
            return False
        return not OutcomeReport.objects.filter(
            reported_on__gt=f.date_to,
            reported_on__lt=add_months(f.date_to.replace(day=1), 1)).exists()

    def _counts(self) -> list[tuple]:
        """(kind, group, organisation, state, county, months, n) rows, in one statement: per
        group, county and month since training ("months", from the reports) or band of them
        ("band", from the months table), the organisations with most reports (the first
        `organisations_shown`, or all) and, as kind "organisations", how many have any."""
        f = self.f
        if self._reads_months:
            months = OutcomeMonth.objects.filter(
                month__gte=f.date_from, month__lte=f.date_to).filter(f._region_q())
            if f.group_id:
                months = months.filter(group_id=f.group_id)
            source = months.order_by().values("group_id", "state", "county", "band", "reports")
            by_dimension, dimension_params = _three_ways(source, last="band", value="reports")
        else:
            source = self.reports().values("group_id", "state", "county",
                                           "months_since_training")
            by_dimension, dimension_params = _three_ways(source, last="months_since_training",
                                                         last_kind="months", value="1")
        # Organisations are too many for a table per month to be shorter than the reports: they
        # are counted from the reports, in organisation order so that PostgreSQL streams them
        # from the outcome_organisation index instead of hashing them.
        organisations_sql, organisations_params = (
            self.reports().filter(organisation_id__isnull=False).values("organisation_id")
            .annotate(n=Count("reported_on")).order_by("organisation_id")
            .query.sql_with_params())
        with connection.cursor() as cursor:
            cursor.execute(f"""
                WITH organisations (organisation_id, n) AS MATERIALIZED ({organisations_sql})
                {by_dimension}
                UNION ALL
                SELECT * FROM (
                    SELECT 'organisation', CAST(NULL AS INTEGER), organisation_id, '', '',
                        CAST(NULL AS INTEGER), n
                    FROM organisations ORDER BY n DESC, organisation_id LIMIT %s
                ) AS shown
                UNION ALL
                SELECT 'organisations', NULL, NULL, '', '', NULL, COUNT(*) FROM organisations
            """, [*organisations_params, *dimension_params, self._shown])
            return cursor.fetchall()

    @property
    def _shown(self) -> int:
        # No limit is written as the largest a LIMIT takes on both databases.
        return (2 ** 31 - 1) if self.organisations_shown is None else self.organisations_shown

    def _organisations(self, ids: list[int]) -> dict[int, tuple[str, int]]:
        """Name and people trained in the period (as coverage counts them within the filter) of
        these organisations. Two queries, even for none: the names apart, since a report's
        organisation may lie outside the filter's directory (it moved county since)."""
        ids = ids or [0]  # no organisation has the id 0: the same queries whatever the data
        names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
        sql, params = Coverage(self.f)._directory_sql(organisation_ids=ids)
        with connection.cursor() as cursor:
            cursor.execute(f"""
                WITH directory (o_id, o_group, o_state, o_county, o_name, o_headcount, online,
                                in_person) AS ({sql})
                SELECT o_id, online + in_person FROM directory
            """, params)
            people = dict(cursor.fetchall())
        return {pk: (name, people.get(pk, 0)) for pk, name in names.items()}

    def figures(self) -> dict:
        with transaction.atomic():
            # No JIT and more sort memory on PostgreSQL, as for coverage's own figures.
            _tune_for_reporting()
            return self._figures()

    def _figures(self) -> dict:
        groups = {row.group.pk: row for row in self.coverage_figures["groups"][:-1]}
        by_group: dict = {}
        by_organisation: dict = {}
        by_county: dict = {}
        by_band = [0] * len(MONTH_BANDS)
        total = organisation_count = 0
        for kind, group_id, organisation_id, state, county, months, n in self._counts():
            n = int(n or 0)
            if kind == "group":
                by_group[group_id] = by_group.get(group_id, 0) + n
                total += n
            elif kind == "organisation":
                by_organisation[organisation_id] = n
            elif kind == "organisations":
                organisation_count = n
            elif kind == "band":
                by_band[months] += n
            elif kind == "county":
                name = regions.canonical_county(state, county) or county
                key = (state or "", name)
                by_county[key] = by_county.get(key, 0) + n
            else:
                by_band[month_band(months)] += n

        group_rows = [
            OutcomeRow("group", pk, row.group_name, by_group.get(pk, 0), row.people)
            for pk, row in groups.items()
        ]
        if by_group.get(None):
            group_rows.append(OutcomeRow("group", None, str(_("(no group)")), by_group[None]))

        ranked = sorted(by_organisation.items(), key=lambda item: (-item[1], item[0]))
        directory = self._organisations([pk for pk, _n in ranked])
        organisation_rows = []
        for pk, n in ranked:
            name, people = directory.get(pk, ("", 0))
            organisation_rows.append(OutcomeRow("organisation", pk, name, n, people))

        county_people = {(row.state, row.county): row.people
                         for row in self.coverage_figures["counties"]}
        county_rows = [
            OutcomeRow("county", key, f"{key[1] or _('(no county)')}, {key[0] or '—'}", n,
                       county_people.get(key, 0))
            for key, n in sorted(by_county.items(), key=lambda item: (-item[1], item[0]))
        ]
        band_rows = [OutcomeRow("months", index, str(label), by_band[index])
                     for index, (_first, _last, label) in enumerate(MONTH_BANDS)]
        trained = self.coverage_figures["groups"][-1].people
        return {
            "total": OutcomeRow("total", None, str(_("All groups")), total, trained),
            "groups": group_rows,
            "organisations": organisation_rows,
            "organisation_count": organisation_count,
            "counties": county_rows,
            "months": band_rows,
        }


def figures(f: CoverageFilter, coverage_figures: dict, *,
            organisations_shown: int | None = ORGANISATIONS_SHOWN) -> dict:
    return OutcomeFigures(f, coverage_figures, organisations_shown=organisations_shown).figures()


def dashboard_figures(f: CoverageFilter, coverage_figures: dict, *, refresh: bool = False) -> dict:
    """The dashboard's outcome figures, kept in the cache as long as its coverage figures, so a
    cached dashboard adds no query."""
    return cached("outreach:outcomes:", f, lambda: figures(f, coverage_figures), refresh=refresh)


def export_rows(figures: dict) -> list[dict]:
    """Every line of the figures for a CSV or XLSX, each count through `suppress`."""
    headings = {
        "total": _("Total"), "group": _("Stakeholder group"), "organisation": _("Organisation"),
        "county": _("County"), "months": _("Months since training"),
    }
    lines = [figures["total"], *figures["groups"], *figures["organisations"],
             *figures["counties"], *figures["months"]]
    return [
        {"breakdown": str(headings[row.kind]), "name": row.label,
         "reports": suppress(row.reports),
         "people": "" if row.people is None else suppress(row.people)}
        for row in lines
    ]
