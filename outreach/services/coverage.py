"""Coverage figures: who counts as trained, which organisations are reached, who is current.

The dashboard, its drill-downs, the exports and the organisation managers' page all read their
figures from the functions here. Each takes a CoverageFilter and runs a fixed number of aggregate
queries, whatever the amount of data: nothing here queries per row. They read the training log
(outreach.training_log): one record per counted certificate, linked to the learner's previous
one, so a period's figures need no distinct count over all its certificates.

Definitions
- A certificate counts as training when it is neither revoked nor replaced. A reissued
  certificate is replaced (and revoked) and its replacement keeps the issue date, so a
  correction counts once, on the original date.
- People trained online in a period: distinct learners holding a counted certificate issued in the
  period. Two certificates of one learner (a renewal, a second course) are one person. A
  certificate whose account was deleted counts as one person on its own.
- People trained in person: the attendees of in-person sessions held in the period. Rosters are
  optional, so attendees cannot be matched to accounts; online and in-person figures are added.
- Reached: an organisation in the directory with a counted certificate issued there, or an
  in-person session held for it, in the period.
- Current: a certificate neither revoked nor replaced whose expiry date is today or later.
  Expiring within N days: current, expiring within N days, and not already renewed (the learner
  holds no later unrevoked certificate for the same course).
- Renewal cycles: each certificate's expiry was set at issue from its course's jurisdiction
  (courses.models.Jurisdiction), so "current" and "expiring" follow each law without knowing it:
  a Minnesota certificate (12 months) starts expiring a year after the pass, a California one
  (24 months) two years after. The dashboard's default period follows the jurisdictions too (see
  default_period_months).
- Share of headcount: for organisations with an estimated headcount, people trained there (capped
  at the headcount, since staff turnover can train more people than the post count) over the
  headcount. Organisations without a headcount are left out of both sides; a group none of whose
  organisations has a headcount shows no share at all.
"""

import dataclasses
import datetime
import hashlib
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    Func,
    Max,
    OuterRef,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Collate, Greatest, Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from redflag.lib.dates import add_months

from courses.models import DEFAULT_VALIDITY_MONTHS, Jurisdiction, StakeholderGroup

from .. import regions
from ..models import InPersonSession, Organisation, TrainingMonth, TrainingRecord

# How far ahead "expiring" looks, in days. Lead times for arranging a renewal session, the same
# for every law: a certificate's own expiry already carries its jurisdiction's cycle.
EXPIRY_WINDOWS = (30, 60, 90)
# How many of the organisations nobody was trained at the dashboard names (largest first).
NOT_REACHED_SHOWN = 10


def default_period_months() -> int:
    """The dashboard's default period, in months: the longest renewal cycle among the
    jurisdictions that live courses follow.

    Everyone trained within it may still hold a current certificate under some course's law, so
    the unfiltered dashboard counts everyone who may still count as trained: with California
    (24 months) and Minnesota (12 months) courses on the site, the last 24 months. A site without
    live courses shows the default validity of a new jurisdiction.
    """
    longest = Jurisdiction.objects.filter(courses__live=True).aggregate(
        longest=Max("validity_months"))["longest"]
    return longest or DEFAULT_VALIDITY_MONTHS


@dataclasses.dataclass(frozen=True)
class CoverageFilter:
    """What the coordinator chose: a period (inclusive) and, optionally, a region, group or
    organisation. `today` is when "current" and "expiring" are judged."""

    date_from: datetime.date
    date_to: datetime.date
    state: str = ""
    county: str = ""
    group_id: int | None = None
    organisation_id: int | None = None
    today: datetime.date = dataclasses.field(default_factory=timezone.localdate)

    @classmethod
    def default(cls, today: datetime.date | None = None, *, months: int | None = None,
                **kwargs) -> "CoverageFilter":
        """The last `months` calendar months up to today (default_period_months() unless
        given), this month included."""
        today = today or timezone.localdate()
        months = months or default_period_months()
        start = add_months(today.replace(day=1), -(months - 1))
        return cls(date_from=start, date_to=today, today=today, **kwargs)

    def replace(self, **changes) -> "CoverageFilter":
        return dataclasses.replace(self, **changes)

    # Building blocks -------------------------------------------------------------------------

    def _region_q(self, prefix: str = "") -> Q:
        q = Q()
        if self.state:
            q &= Q(**{f"{prefix}state": self.state})
        if self.county:
            spellings = regions.county_spellings(self.state, self.county) if self.state else [
                self.county]
            county_q = Q()
            for spelling in spellings:
                county_q |= Q(**{f"{prefix}county__iexact": spelling})
            q &= county_q
        return q

    def certificates(self):
        """Counted certificates issued in the period, within the region, group and organisation."""
        queryset = counted_certificates().filter(
            issued_on__gte=self.date_from, issued_on__lte=self.date_to
        ).filter(self._region_q())
        if self.group_id:
            queryset = queryset.filter(group_id=self.group_id)
        if self.organisation_id:
            queryset = queryset.filter(organisation_id=self.organisation_id)
        return queryset

    def training_months(self):
        """The months table (outreach.training_log) in the period, region and group; whole
        months only, and no organisation (see _whole_months)."""
        queryset = TrainingMonth.objects.filter(
            month__gte=self.date_from, month__lte=self.date_to).filter(self._region_q())
        if self.group_id:
            queryset = queryset.filter(group_id=self.group_id)
        return queryset

    def sessions(self):
        queryset = InPersonSession.objects.filter(
            date__gte=self.date_from, date__lte=self.date_to
        ).filter(self._region_q())
        if self.group_id:
            queryset = queryset.filter(group_id=self.group_id)
        if self.organisation_id:
            queryset = queryset.filter(organisation_id=self.organisation_id)
        return queryset

    def directory(self):
        """The organisations the filter covers; trained-ness is judged within the period."""
        queryset = Organisation.objects.filter(self._region_q())
        if self.group_id:
            queryset = queryset.filter(group_id=self.group_id)
        if self.organisation_id:
            queryset = queryset.filter(pk=self.organisation_id)
        return queryset

    def current_certificates(self):
        """Current certificates not yet renewed, in the region, group and organisation (no period:
        expiry is about today)."""
        queryset = current_unrenewed_certificates(self.today).filter(self._region_q())
        if self.group_id:
            queryset = queryset.filter(group_id=self.group_id)
        if self.organisation_id:
            queryset = queryset.filter(organisation_id=self.organisation_id)
        return queryset


def counted_certificates():
    """The training log: one record per counted certificate (outreach.training_log)."""
    return TrainingRecord.objects.all()


def current_unrenewed_certificates(today: datetime.date):
    """Counted certificates still valid today whose learner has not renewed them (no later
    counted certificate for the same course)."""
    return counted_certificates().filter(expires_on__gte=today, renewed=False)


def _people(counted_on: str = "issued_on"):
    """Distinct learners among certificates, counting each account-less certificate once.

    The account-less ones are counted on a date column that is never null (`counted_on`, one the
    query's index holds) rather than the id: naming the id would send every row to the table
    instead of the index alone.
    """
    return Count("user", distinct=True) + Count(counted_on, filter=Q(user__isnull=True))


class MonthStart(Func):
    """The first day of a date's month, as a date. TruncMonth on PostgreSQL goes through a
    timestamp with time zone, a fifth slower over the period's certificates; dates have no zone."""

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection,
                              template="DATE(%(expressions)s, 'start of month')", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection,
                              template="DATE_TRUNC('month', %(expressions)s::timestamp)::date",
                              **extra)


def _first_in_period(f: CoverageFilter, *, in_group: bool = False, by_month: bool = False) -> Q:
    """Certificates that count a learner who has not moved: their first in the period (within
    the group for per-group figures or when one group is chosen; within the month for monthly
    ones), found through the links outreach.training_log keeps."""
    link = "previous_in_group_on" if in_group or f.group_id else "previous_on"
    since = Value(f.date_from, output_field=DateField())
    if by_month:
        since = Greatest(MonthStart("issued_on"), since)
    return Q(moved=False) & (Q(**{f"{link}__isnull": True})
                                      | Q(**{f"{link}__lt": since}))


def _latest(f: CoverageFilter) -> Q:
    """Records that count a learner who stayed at one place on their latest certificate (within
    the group when one is chosen), for a period that runs to the last issue date."""
    return Q(next_in_group_on__isnull=True, moved=False) & (
        Q() if f.group_id else Q(next_on__isnull=True))


def _runs_to_the_last_issue(f: CoverageFilter) -> bool:
    """Whether no counted certificate was issued after the period: then a learner who stayed at
    one place trained in it exactly when their latest certificate (next_on empty; within the
    group, next_in_group_on) was issued on or after its first day. A period that ends before
    today is answered from the previous_on links instead; one index probe tells the cases apart
    even if a certificate was dated ahead."""
    if f.date_to < f.today:
        return False
    return not TrainingRecord.objects.filter(issued_on__gt=f.date_to).exists()


def _whole_months(f: CoverageFilter) -> bool:
    """Whether the months chart can be read from the months table: no organisation chosen (the
    table has none), the period starting on a first of the month and ending on a last one, or
    after the last issue date."""
    if f.organisation_id or f.date_from.day != 1:
        return False
    return add_months(f.date_to.replace(day=1), 1) - f.date_to == datetime.timedelta(days=1) or (
        _runs_to_the_last_issue(f))


def _moved_people(certificates, *fields, **expressions) -> dict:
    """Learners who trained at more than one place, counted distinct among their own
    records (through the small training_moved index), per value of the fields."""
    moved = certificates.filter(moved=True).order_by()
    if not fields and not expressions:
        return {(): moved.aggregate(n=Count("user", distinct=True))["n"] or 0}
    keys = [*fields, *expressions]
    return {tuple(row[k] for k in keys): row["n"] for row in
            moved.values(*fields, **expressions).annotate(n=Count("user", distinct=True))}


def _reached(f: CoverageFilter, organisation: str = "pk"):
    """Whether the organisation the outer query's `organisation` column names was reached in the
    period: the one definition the dashboard, not_reached and campaigns (services.campaigns) use."""
    certificates = f.certificates().filter(organisation_id=OuterRef(organisation))
    sessions = f.sessions().filter(organisation_id=OuterRef(organisation))
    return Exists(certificates) | Exists(sessions)


reached = _reached


def people_trained_at(f: CoverageFilter, organisations) -> tuple[int, int]:
    """People trained in the period at these organisations (a queryset of them): distinct
    learners online, and in-person attendees. Two queries."""
    online = f.certificates().filter(organisation__in=organisations).order_by().aggregate(
        n=_people())["n"] or 0
    in_person = f.sessions().filter(organisation__in=organisations).order_by().aggregate(
        n=Sum("attendees"))["n"] or 0
    return online, in_person


def share(trained: int | None, headcount: int | None) -> float | None:
    """Percentage of a headcount trained, capped at 100; None when the headcount is unknown."""
    if not headcount:
        return None
    return round(100 * min(trained or 0, headcount) / headcount, 1)


# Figure sets ---------------------------------------------------------------------------------

@dataclasses.dataclass
class GroupRow:
    group: StakeholderGroup | None
    people_online: int = 0
    people_in_person: int = 0
    organisations: int = 0
    organisations_reached: int = 0
    headcount: int = 0  # of the organisations that have one
    trained_of_headcount: int = 0  # people trained at those organisations, capped per organisation
    expiring_30: int = 0
    expiring_60: int = 0
    expiring_90: int = 0

    @property
    def people(self) -> int:
        return self.people_online + self.people_in_person

    @property
    def headcount_share(self) -> float | None:
        return share(self.trained_of_headcount, self.headcount) if self.headcount else None

    @property
    def group_name(self) -> str:
        return self.group.name if self.group else str(_("All groups"))

    @property
    def organisations_not_reached(self) -> int:
        return self.organisations - self.organisations_reached


@dataclasses.dataclass
class MonthRow:
    month: datetime.date
    people_online: int = 0
    people_in_person: int = 0

    @property
    def people(self) -> int:
        return self.people_online + self.people_in_person


@dataclasses.dataclass
class CountyRow:
    state: str
    county: str
    people_online: int = 0
    people_in_person: int = 0
    organisations: int = 0
    organisations_reached: int = 0

    @property
    def people(self) -> int:
        return self.people_online + self.people_in_person


class Coverage:
    """Every figure set of the dashboard for one filter, sharing the queries they have in common.

    Each set is computed on first use; the whole dashboard is a fixed number of queries, whatever
    the data (tests/test_outreach_coverage.py counts them), and on PostgreSQL the two settings of
    _tune_for_reporting.
    """

    def __init__(self, f: CoverageFilter):
        self.f = f

    @cached_property
    def _in_person(self) -> dict:
        """Attendees of the period's in-person sessions per group, per month and per state and
        county as typed, in one statement over the sessions (per organisation: _directory_sql)."""
        sessions = self.f.sessions().order_by().values(
            "group_id", "state", "county", "attendees", month=MonthStart("date"))
        sql, params = sessions.query.sql_with_params()
        by = {"group": Counter(), "month": Counter(), "county": Counter()}
        with connection.cursor() as cursor:
            cursor.execute(f"""
                WITH sessions (group_id, state, county, attendees, month) AS ({sql})
                SELECT 'group', group_id, NULL, '', '', SUM(attendees) FROM sessions
                GROUP BY group_id
                UNION ALL
                SELECT 'month', NULL, month, '', '', SUM(attendees) FROM sessions GROUP BY month
                UNION ALL
                SELECT 'county', NULL, NULL, state, county, SUM(attendees) FROM sessions
                GROUP BY state, county
            """, params)
            for kind, group_id, month, state, county, n in cursor.fetchall():
                key = {"group": group_id, "month": _as_date(month),
                       "county": (state, county)}[kind]
                by[kind][key] += int(n or 0)
        return by

    @cached_property
    def _reads_latest(self) -> bool:
        """Whether each learner who stayed at one place can be counted on their latest
        certificate (see _runs_to_the_last_issue), and the people per group and county read
        from the months table: a period from a first of the month to the last issue date, no
        organisation chosen (the months table has none). One index probe."""
        f = self.f
        return self._runs_to_the_last_issue and f.date_from.day == 1 and not f.organisation_id

    @cached_property
    def _runs_to_the_last_issue(self) -> bool:
        return _runs_to_the_last_issue(self.f)

    @cached_property
    def online(self) -> dict:
        """People trained online in the period: per group, per state and county and in total.
        (Per organisation: see _directory_sql.)

        The learners who stayed at one place are counted once each, on one of their
        certificates: their latest, summed in the months table, for the dashboard's default
        period (see _reads_latest); else their first in the period, in one grouped pass over
        the period's records (see _first_in_period). Three small distinct counts add the
        learners who moved.
        """
        f = self.f
        county = {"state_key": _byte_order("state"), "county_key": _byte_order("county")}
        by_group, by_county = Counter(), Counter()
        total = 0
        if self._reads_latest:
            anywhere = "latest_in_group" if f.group_id else "latest"
            rows = (f.training_months().order_by().values("group_id", **county)
                    .annotate(in_group=Sum("latest_in_group"), anywhere=Sum(anywhere)))
        elif self._runs_to_the_last_issue:
            # Each learner on their latest certificate (in the group): a sixth of the records.
            rows = (f.certificates().filter(next_in_group_on__isnull=True, moved=False)
                    .order_by().values("group_id", **county)
                    .annotate(in_group=Count("issued_on"),
                              anywhere=Count("issued_on", filter=_latest(f))))
        else:
            rows = (f.certificates().order_by().values("group_id", **county)
                    .annotate(in_group=Count("issued_on",
                                             filter=_first_in_period(f, in_group=True)),
                              anywhere=Count("issued_on", filter=_first_in_period(f))))
        for group_id, state, county_name, in_group, anywhere in _plain_rows(
                rows.values_list("group_id", "state_key", "county_key", "in_group",
                                 "anywhere")):
            by_group[group_id] += in_group
            by_county[state, county_name] += anywhere
            total += anywhere
        # The learners who moved, counted distinct per group, per county and in all, in one
        # statement over their few records (the training_moved index).
        moved = (f.certificates().filter(moved=True).order_by()
                 .values("user_id", "group_id", **county))
        sql, params = moved.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"""
                WITH moved (user_id, group_id, state, county) AS ({sql})
                SELECT 'group', group_id, '', '', COUNT(DISTINCT user_id) FROM moved
                GROUP BY group_id
                UNION ALL
                SELECT 'county', NULL, state, county, COUNT(DISTINCT user_id) FROM moved
                GROUP BY state, county
                UNION ALL
                SELECT 'total', NULL, '', '', COUNT(DISTINCT user_id) FROM moved
            """, params)
            for kind, group_id, state, county_name, n in cursor.fetchall():
                # On top of the stayers' counts.
                if kind == "group":
                    by_group[group_id] += n
                elif kind == "county":
                    by_county[state, county_name] += n
                else:
                    total += n
        return {"group": by_group, "county": by_county, "total": total}

    def _directory_sql(self, organisation_ids=None) -> tuple[str, list]:
        """SQL for the organisations in the filter with the people trained at each in the period:
        (id, group_id, state, county, name, headcount, online, in_person), one row each; only
        those in `organisation_ids` when given (read through the indexes that lead with the
        organisation, not the whole directory).

        The one definition of the people per organisation, which the drill-down lists and the
        dashboard's totals sum (_directory_summary), so the join to 20,000 organisations happens
        in the database: learners who stayed at one place counted as in `online`, the movers
        distinct, the attendees of in-person sessions.
        """
        f = self.f
        with_organisation = f.certificates().filter(organisation__isnull=False).order_by()
        sessions = f.sessions().filter(organisation__isnull=False).order_by()
        directory = f.directory().order_by()
        if organisation_ids is not None:
            with_organisation = with_organisation.filter(organisation_id__in=organisation_ids)
            sessions = sessions.filter(organisation_id__in=organisation_ids)
            directory = directory.filter(pk__in=organisation_ids)
        if self._runs_to_the_last_issue:
            # One pass over the training_latest_org index, in its (organisation) order: no hash
            # table of 20,000 groups.
            online = (with_organisation.filter(_latest(f))
                      .values("organisation_id").annotate(n=Count("issued_on")))
        else:
            online = (with_organisation.values("organisation_id")
                      .annotate(n=Count("issued_on", filter=_first_in_period(f))))
        moved = (with_organisation.filter(moved=True).values("organisation_id")
                 .annotate(n=Count("user", distinct=True)))
        in_person = sessions.values("organisation_id").annotate(n=Sum("attendees"))
        directory = directory.values(
            o_id=F("pk"), o_group=F("group_id"), o_state=F("state"), o_county=F("county"),
            o_name=F("name"), o_headcount=F("headcount"))
        parts = [query.query.sql_with_params() for query in (directory, online, moved, in_person)]
        (directory_sql, _), (online_sql, _), (moved_sql, _), (in_person_sql, _) = parts
        # Each subquery has one row per organisation: three hash joins onto the directory.
        sql = f"""
            SELECT o.o_id, o.o_group, o.o_state, o.o_county, o.o_name, o.o_headcount,
                CAST(COALESCE(a.n, 0) + COALESCE(b.n, 0) AS INTEGER),
                CAST(COALESCE(c.n, 0) AS INTEGER)
            FROM ({directory_sql}) AS o
            LEFT JOIN ({online_sql}) AS a ON a.organisation_id = o.o_id
            LEFT JOIN ({moved_sql}) AS b ON b.organisation_id = o.o_id
            LEFT JOIN ({in_person_sql}) AS c ON c.organisation_id = o.o_id
        """
        return sql, [param for _, params in parts for param in params]

    def _directory_summary(self, shown: int) -> dict:
        """The directory's figures summed in the database, one statement: per group
        [organisations, reached, headcount, trained of headcount (capped per organisation)], per
        state and county as typed [organisations, reached], how many organisations nobody was
        trained at, and the ids of the first `shown` of them (largest headcount first)."""
        sql, params = self._directory_sql()
        people = "(online + in_person)"
        reached = f"CASE WHEN {people} > 0 THEN 1 ELSE 0 END"
        capped = (f"CASE WHEN o_headcount > 0 THEN CASE WHEN {people} < o_headcount "
                  f"THEN {people} ELSE o_headcount END ELSE 0 END")
        with connection.cursor() as cursor:
            cursor.execute(f"""
                WITH directory (o_id, o_group, o_state, o_county, o_name, o_headcount, online,
                                in_person) AS ({sql})
                SELECT 'group', o_group, '', '', COUNT(*), CAST(SUM({reached}) AS INTEGER),
                    CAST(SUM(CASE WHEN o_headcount > 0 THEN o_headcount ELSE 0 END) AS INTEGER),
                    CAST(SUM({capped}) AS INTEGER)
                FROM directory GROUP BY o_group
                UNION ALL
                SELECT 'place', NULL, o_state, o_county, COUNT(*),
                    CAST(SUM({reached}) AS INTEGER), 0, 0
                FROM directory GROUP BY o_state, o_county
                UNION ALL
                SELECT 'not reached', NULL, '', '', COUNT(*), 0, 0, 0
                FROM directory WHERE {people} = 0
                UNION ALL
                SELECT * FROM (
                    SELECT 'shown', o_id, '', '', 0, 0, 0, 0 FROM directory WHERE {people} = 0
                    ORDER BY o_headcount IS NULL, o_headcount DESC, LOWER(o_name), o_id
                    LIMIT %s
                ) AS shown
            """, [*params, shown])
            rows = cursor.fetchall()
        summary = {"group": {}, "place": {}, "not_reached": 0, "shown": []}
        for kind, key, state, county, organisations, reached_count, headcount, trained in rows:
            if kind == "group":
                summary["group"][key] = [organisations, reached_count, headcount, trained]
            elif kind == "place":
                summary["place"][state, county] = [organisations, reached_count]
            elif kind == "not reached":
                summary["not_reached"] = organisations
            else:
                summary["shown"].append(key)
        return summary

    @cached_property
    def _directory_totals(self) -> dict:
        return self._directory_summary(NOT_REACHED_SHOWN)

    @cached_property
    def groups(self) -> list[GroupRow]:
        """Per stakeholder group, plus a total row last."""
        f = self.f
        groups = list(StakeholderGroup.objects.all())
        if f.group_id:
            groups = [group for group in groups if group.pk == f.group_id]
        rows = {group.pk: GroupRow(group) for group in groups}
        total = GroupRow(None)

        for group_id, n in self.online["group"].items():
            if group_id in rows:
                rows[group_id].people_online = n
        # Distinct across groups: a learner trained in two groups is one person in the total.
        total.people_online = self.online["total"]
        for group_id, n in self._in_person["group"].items():
            if group_id in rows:
                rows[group_id].people_in_person = n

        for group_id, (organisations, reached, headcount, trained) in (
                self._directory_totals["group"].items()):
            row = rows.get(group_id)
            if row is not None:
                row.organisations += organisations
                row.organisations_reached += reached
                row.headcount += headcount
                row.trained_of_headcount += trained

        today = f.today
        windows = {
            # Counted on expires_on, not the id, so the training_expiry index alone answers.
            f"expiring_{days}": Count(
                "expires_on", filter=Q(expires_on__lte=today + datetime.timedelta(days=days)))
            for days in EXPIRY_WINDOWS
        }
        expiring = (
            f.current_certificates()
            .filter(expires_on__lte=today + datetime.timedelta(days=max(EXPIRY_WINDOWS)))
            .order_by().values("group_id").annotate(**windows)
        )
        for item in expiring:
            row = rows.get(item["group_id"])
            if row:
                for days in EXPIRY_WINDOWS:
                    setattr(row, f"expiring_{days}", item[f"expiring_{days}"])

        result = list(rows.values())
        for name in ("people_in_person", "organisations", "organisations_reached", "headcount",
                     "trained_of_headcount", "expiring_30", "expiring_60", "expiring_90"):
            setattr(total, name, sum(getattr(row, name) for row in result))
        return result + [total]

    @cached_property
    def months(self) -> list[MonthRow]:
        """People trained per calendar month of the period."""
        f = self.f
        rows = {month: MonthRow(month) for month in months_between(f.date_from, f.date_to)}
        month = {"month": MonthStart("issued_on")}
        if self._reads_latest or _whole_months(f):
            online = (f.training_months().order_by().values("month")
                      .annotate(n=Sum("people_in_group" if f.group_id else "people"))
                      .values_list("month", "n"))
        else:
            online = (f.certificates().order_by().values(**month)
                      .annotate(n=Count("issued_on", filter=_first_in_period(f, by_month=True)))
                      .values_list("month", "n"))
        for month_start, n in online:
            rows[_as_date(month_start)].people_online += n
        for (month_start,), n in _moved_people(f.certificates(), **month).items():
            rows[_as_date(month_start)].people_online += n
        for month, n in self._in_person["month"].items():
            rows[month].people_in_person = n
        return list(rows.values())

    @cached_property
    def counties(self) -> list[CountyRow]:
        """Per state and county, every place with training or a directory entry.

        Learners type their county; spellings of one county ("Alameda", "alameda county") are
        merged under its short name, and a county the list does not know keeps the learner's
        spelling.
        """
        rows: dict[tuple[str, str], CountyRow] = {}
        by_spelling: dict[tuple[str, str], CountyRow] = {}  # 20,000 organisations, few spellings

        def row_for(state, county):
            row = by_spelling.get((state, county))
            if row is None:
                name = regions.canonical_county(state, county) or " ".join((county or "").split())
                key = (state or "", name.lower())
                if key not in rows:
                    rows[key] = CountyRow(state or "", name)
                row = by_spelling[state, county] = rows[key]
            return row

        for (state, county), n in self.online["county"].items():
            row_for(state, county).people_online += n
        for (state, county), n in self._in_person["county"].items():
            row_for(state, county).people_in_person += n
        for (state, county), (organisations, reached) in (
                self._directory_totals["place"].items()):
            row = row_for(state, county)
            row.organisations += organisations
            row.organisations_reached += reached
        return sorted(rows.values(), key=lambda row: (row.state, row.county.lower()))

    def not_reached_top(self) -> list[Organisation]:
        """The first NOT_REACHED_SHOWN organisations with nobody trained, largest first."""
        ids = self._directory_totals["shown"]
        by_pk = Organisation.objects.select_related("group").in_bulk(ids)
        return [by_pk[pk] for pk in ids if pk in by_pk]

    def figures(self) -> dict:
        """Everything the dashboard shows, as plain data that can be cached."""
        with transaction.atomic():
            _tune_for_reporting()
            return {
                "groups": self.groups,
                "months": self.months,
                "counties": self.counties,
                "not_reached": self.not_reached_top(),
                "not_reached_count": self._directory_totals["not_reached"],
                "computed_at": timezone.now(),
            }


def _plain_rows(queryset) -> list[tuple]:
    """A values_list queryset's rows straight from the database cursor, without Django's
    per-value converters: for integer and text columns only, where the driver's values are
    already the ones Django would give (20,000 rows on the dashboard, a tenth of its time)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _byte_order(name: str):
    """A text column to group by. On PostgreSQL in byte order, which compares faster than the
    locale's (about a tenth off the dashboard's grouped pass) and groups exactly the same."""
    return Collate(name, "C") if connection.vendor == "postgresql" else F(name)


def _tune_for_reporting():
    """On PostgreSQL, for the current transaction only: no JIT compilation, which costs ~20 ms
    a query and pays off only on far longer queries, and memory enough for the distinct counts
    to sort in memory rather than on disk."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = '64MB'")


def dashboard_figures(f: CoverageFilter, *, refresh: bool = False) -> dict:
    """The dashboard's figures, kept in the cache for a few minutes per filter.

    Exact counts over a million certificates take about a second; coordinators reading and
    exporting the same view should not pay that on every click. OUTREACH_DASHBOARD_CACHE_SECONDS
    (default 600; 0 turns it off) is how old the figures may be; the page says when they were
    computed and offers a refresh.
    """
    return cached("outreach:dashboard:", f, lambda: Coverage(f).figures(), refresh=refresh)


def cached(prefix: str, f: CoverageFilter, compute, *, refresh: bool = False):
    """compute(), kept in the cache per filter for OUTREACH_DASHBOARD_CACHE_SECONDS (0: never),
    recomputed when `refresh` is asked for: the dashboard's figures of every kind."""
    seconds = settings.OUTREACH_DASHBOARD_CACHE_SECONDS
    key = prefix + hashlib.sha256(repr(f).encode()).hexdigest()
    if seconds and not refresh:
        hit = cache.get(key)
        if hit is not None:
            return hit
    result = compute()
    if seconds:
        cache.set(key, result, seconds)
    return result


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def _as_date(value) -> datetime.date:
    if isinstance(value, str):  # SQLite's DATE() answers text
        return datetime.date.fromisoformat(value)
    return value.date() if isinstance(value, datetime.datetime) else value


def not_reached(f: CoverageFilter, ordering: str = "-headcount"):
    """Organisations in the directory with nobody trained in the period: where to go next."""
    orderings = {
        "-headcount": [F("headcount").desc(nulls_last=True), Lower("name")],
        "headcount": [F("headcount").asc(nulls_last=True), Lower("name")],
        "name": [Lower("name")],
        "-name": [Lower("name").desc()],
        "county": ["state", Lower("county"), Lower("name")],
        "-county": ["-state", Lower("county").desc(), Lower("name")],
    }
    return (
        f.directory().filter(~_reached(f)).select_related("group")
        .order_by(*orderings.get(ordering, orderings["-headcount"]))
    )


def current_people(f: CoverageFilter, organisation_ids=None) -> dict:
    """People with a current certificate per organisation (in the group and region; no period:
    current is about today), for these organisations or all of them. One query."""
    current = counted_certificates().filter(expires_on__gte=f.today, organisation__isnull=False)
    current = current.filter(f._region_q())
    if f.group_id:
        current = current.filter(group_id=f.group_id)
    if f.organisation_id:
        current = current.filter(organisation_id=f.organisation_id)
    if organisation_ids is not None:
        current = current.filter(organisation_id__in=list(organisation_ids))
    # Counted on expires_on, which the training_current index holds.
    return dict(_plain_rows(current.order_by().values("organisation_id")
                            .annotate(n=_people("expires_on"))
                            .values_list("organisation_id", "n")))


# The drill-down's orderings as SQL over _directory_sql's columns; each ends on the id so pages
# never share or skip a row.
_ORGANISATION_ORDER = {
    "people": "online + in_person {direction}, LOWER(o_name), o_id",
    "name": "LOWER(o_name) {direction}, o_id",
    "headcount": "o_headcount IS NULL, o_headcount {direction}, LOWER(o_name), o_id",
}


class OrganisationTable:
    """Drill-down from a group: its organisations with people trained and their share, sorted
    by the database and read a page at a time. Django's Paginator pages it like a queryset
    (count(), then one slice), so a page of 50 of a group's 5,000 organisations brings 50 rows
    into Python, not the whole directory to be sorted here.

    Rows are dicts; people_current (people with a current certificate) is counted for the
    rows read alone, one more query.
    """

    def __init__(self, f: CoverageFilter, ordering: str = "-people"):
        self.f = f
        key = ordering.lstrip("-")
        if key not in _ORGANISATION_ORDER:
            key, ordering = "people", "-people"
        self.order_by = _ORGANISATION_ORDER[key].format(
            direction="DESC" if ordering.startswith("-") else "ASC")

    def count(self) -> int:
        # One row per organisation in the directory: the joined figures add none.
        return self.f.directory().count()

    def __getitem__(self, page: slice) -> list[dict]:
        # The Paginator asks for one page, object_list[bottom:top].
        start = page.start or 0
        return self.rows(offset=start, limit=page.stop - start)

    def rows(self, *, offset: int = 0, limit: int | None = None) -> list[dict]:
        coverage = Coverage(self.f)
        sql, params = coverage._directory_sql()
        window = ""
        if limit is not None:
            window = " LIMIT %s OFFSET %s"
            params = [*params, limit, offset]
        with transaction.atomic():
            _tune_for_reporting()
            with connection.cursor() as cursor:
                cursor.execute(f"""
                    WITH directory (o_id, o_group, o_state, o_county, o_name, o_headcount,
                                    online, in_person) AS ({sql})
                    SELECT * FROM directory ORDER BY {self.order_by}{window}
                """, params)
                found = cursor.fetchall()
        if not found:
            return []
        # The whole table (an export) counts everyone's at once rather than naming thousands
        # of organisations in one IN list.
        current = current_people(self.f, None if limit is None else [row[0] for row in found])
        groups = dict(StakeholderGroup.objects.filter(
            pk__in={row[1] for row in found}).values_list("pk", "name"))
        return [
            {
                "pk": pk, "name": name, "group_name": groups.get(group_id, ""),
                "state": state, "county": county, "headcount": headcount,
                "people": online + in_person, "people_online": online,
                "people_in_person": in_person,
                "people_current": current.get(pk, 0),
                "share": share(online + in_person, headcount),
            }
            for pk, group_id, state, county, name, headcount, online, in_person in found
        ]


def organisation_table(f: CoverageFilter, ordering: str = "-people") -> list[dict]:
    """Every organisation of the drill-down at once, with people_current: for an export."""
    return OrganisationTable(f, ordering).rows()
