"""The training log: one TrainingRecord per counted certificate, the one table coverage reads.

Counting people means counting distinct learners, and on a million certificates a distinct count
sorts several hundred thousand rows per figure. Instead each record carries, from its learner's
other counted certificates (neither revoked nor replaced):

- previous_on: the issue date of the learner's previous counted certificate (ordered by issue
  date, then id), or nothing for the first. A learner counts once in a period, on the first
  certificate issued in it: the one whose previous certificate is older than the period, or
  missing. Within a month, the same with the month's first day.
- previous_in_group_on: the same among the learner's certificates of one stakeholder group, for
  the per-group figures and whenever a group is chosen.
- moved: the learner's counted certificates do not all name one organisation, state and county.
  For everyone else those are the same on every certificate, so a region or organisation either
  keeps all of a learner's records or none, and the links above stay exact under any filter.
  Learners who moved are counted with a distinct count over their own records, a few per cent.
- next_on, next_in_group_on: the same links forward (the next counted certificate's issue date).
  No certificate is dated after its issue, so when nothing was issued after a period's last day
  (the dashboard's default, up to today) a learner who stayed at one place trained in the period
  exactly when their latest certificate, the one without a next, was issued on or after its first
  day. Coverage then reads only those latest records (the training_latest index: about one record
  in six, one per learner and group) instead of every record of the period; for a period that
  ends earlier, or if a certificate was dated ahead, it uses the previous_on links.
- renewed: a later counted certificate of the same learner and course exists, so this one no
  longer expires for the dashboard.

A certificate without an account (its learner deleted) carries no links: each is one person.

The months table (TrainingMonth) sums the records per calendar month, stakeholder group, state
and county: the learners who stayed at one place, each on their first certificate of the month
(people) and of the month in the group (people_in_group), and each on their latest certificate,
overall and in the group (latest, latest_in_group). The dashboard's months chart reads the first
two for whole months without an organisation chosen (a dozen rows a month instead of the period's
records); the people per group and county of a period that starts on a first of the month and
runs to the last issue date are the sums of the last two from its first month on. Other periods,
and one organisation, read the records. Learners who moved are counted from their records in
every case.

Who writes it. The records are a function of the certificates table alone, and the months table
a function of the records; this module is the only writer of both. The certificate services send
`certificates.signals.certificates_changed` with the learners and certificates they wrote (issue,
revoke, reissue, a change of organisation, a deletion, the references a deletion emptied);
`update()` below, its one receiver, recomputes those learners' records from scratch in two
statements, then recounts the months those learners had a record in, before or after. A deleted
certificate takes its record with it, so its month is unknown: a deletion recounts every month
(rare: staff deletions; about a second on a million records). Outreach never writes the
certificates table.

How it is checked. `drift()` recounts every record from the certificates table, the months
table from the records and the outcome reports' months table (services.outcomes) from the
reports, and compares; `manage.py refresh_training_log --check` reports drift and
exits non-zero (nightly, from deploy/), and the test suite checks it after every test that touches
the database. Data written behind Redflag's back (SQL, another tool's import) is repaired by
`refresh_training_log`, which rewrites all three.
"""


from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, Q
from redflag.lib.dates import add_months

from certificates.models import Certificate

from .models import TrainingMonth, TrainingRecord
from .services import outcomes
from .services.coverage import MonthStart, _as_date

_COLUMNS = ("certificate_id", "user_id", "course_id", "group_id", "organisation_id", "state",
            "county", "issued_on", "expires_on", "previous_on", "previous_in_group_on", "next_on",
            "next_in_group_on", "moved", "renewed")


def _recount_sql(where: str) -> str:
    """The records of the counted certificates matching `where`, computed from scratch: window
    functions over each learner's counted certificates. `where` must select whole learners (every
    certificate of each learner it names), or the windows see only part of a history. Four %s
    parameters come first: the booleans (False, True, True, False)."""
    table = connection.ops.quote_name(Certificate._meta.db_table)
    # MIN = MAX over the learner is "one value on every certificate"; organisation 0 stands for
    # none (ids start at 1). Account-less certificates share the NULL partition: each is one
    # person, so their links are blanked rather than read from that partition.
    return f"""
        SELECT id, user_id, course_id, group_id, organisation_id, state, county, issued_on,
            expires_on,
            CASE WHEN user_id IS NOT NULL THEN
                LAG(issued_on) OVER (PARTITION BY user_id ORDER BY issued_on, id) END,
            CASE WHEN user_id IS NOT NULL THEN
                LAG(issued_on) OVER (PARTITION BY user_id, group_id ORDER BY issued_on, id) END,
            CASE WHEN user_id IS NOT NULL THEN
                LEAD(issued_on) OVER (PARTITION BY user_id ORDER BY issued_on, id) END,
            CASE WHEN user_id IS NOT NULL THEN
                LEAD(issued_on) OVER (PARTITION BY user_id, group_id ORDER BY issued_on, id) END,
            CASE WHEN user_id IS NULL
                  OR (MIN(COALESCE(organisation_id, 0)) OVER learner
                        = MAX(COALESCE(organisation_id, 0)) OVER learner
                      AND MIN(state) OVER learner = MAX(state) OVER learner
                      AND MIN(county) OVER learner = MAX(county) OVER learner)
                 THEN %s ELSE %s END,
            CASE WHEN user_id IS NOT NULL AND course_id IS NOT NULL
                  AND MAX(passed_at) OVER (PARTITION BY user_id, course_id) > passed_at
                 THEN %s ELSE %s END
        FROM {table}
        WHERE revoked_at IS NULL AND ({where})
        WINDOW learner AS (PARTITION BY user_id)
    """


_FLAGS = [False, True, True, False]


def _rewrite(where_certificates: str, where_records: str, params: list) -> None:
    records = connection.ops.quote_name(TrainingRecord._meta.db_table)
    columns = ", ".join(_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {records} WHERE {where_records}", params)
        cursor.execute(f"INSERT INTO {records} ({columns}) {_recount_sql(where_certificates)}",
                       [*_FLAGS, *params])


@transaction.atomic
def update(user_ids=(), certificate_ids=()) -> None:
    """Recompute the records of these learners and of these certificates' learners.

    The learners' accounts are locked first, so two certificates issued at once for one learner
    are linked by whichever transaction commits second: it waits, then reads both.
    """
    certificate_ids = sorted({pk for pk in certificate_ids if pk is not None})
    user_ids = {pk for pk in user_ids if pk is not None}
    for start in range(0, len(certificate_ids), 500):
        user_ids.update(Certificate.objects.filter(pk__in=certificate_ids[start:start + 500],
                                                   user__isnull=False)
                        .values_list("user_id", flat=True))
    # First the certificates themselves: a deleted, revoked or account-less one loses its record
    # (an account-less one gets it back, on its own); the learners' pass below rewrites the rest.
    months = set()
    everything = False
    for start in range(0, len(certificate_ids), 500):
        chunk = certificate_ids[start:start + 500]
        records = TrainingRecord.objects.filter(certificate_id__in=chunk)
        months.update(_months_of(records))
        # A deleted certificate's record went with it, and its month with it: rare (staff
        # deletions), so every month is recounted then.
        everything = everything or (
            Certificate.objects.filter(pk__in=chunk).count() < len(chunk))
        marks = ", ".join(["%s"] * len(chunk))
        _rewrite(f"user_id IS NULL AND id IN ({marks})", f"certificate_id IN ({marks})", chunk)
        months.update(_months_of(records))
    user_ids = sorted(user_ids)
    User = get_user_model()
    for start in range(0, len(user_ids), 500):
        chunk = user_ids[start:start + 500]
        list(User.objects.select_for_update().filter(pk__in=chunk).values_list("pk", flat=True))
        records = TrainingRecord.objects.filter(user_id__in=chunk)
        months.update(_months_of(records))
        marks = ", ".join(["%s"] * len(chunk))
        _rewrite(f"user_id IN ({marks})", f"user_id IN ({marks})", chunk)
        months.update(_months_of(records))
    _rewrite_months(None if everything else months)


def _months_of(records) -> set:
    return {_as_date(month) for month in records.order_by().annotate(month=MonthStart("issued_on"))
            .values_list("month", flat=True).distinct()}


def _recount_months(months=None):
    """The months table recounted from the records, for these months (first days) or all."""
    records = TrainingRecord.objects.filter(moved=False)
    if months is not None:
        in_months = Q(pk__in=[])
        for month in months:
            in_months |= Q(issued_on__gte=month, issued_on__lt=add_months(month, 1))
        records = records.filter(in_months)
    month = MonthStart("issued_on")
    return (records.order_by().values("group_id", "state", "county", month=month)
            .annotate(people=Count("issued_on", filter=Q(previous_on__isnull=True)
                                   | Q(previous_on__lt=month)),
                      people_in_group=Count("issued_on",
                                            filter=Q(previous_in_group_on__isnull=True)
                                            | Q(previous_in_group_on__lt=month)),
                      latest=Count("issued_on", filter=Q(next_on__isnull=True)),
                      latest_in_group=Count("issued_on", filter=Q(next_in_group_on__isnull=True)))
            .values_list(*_MONTH_COLUMNS))


_MONTH_COLUMNS = ("month", "group_id", "state", "county", "people", "people_in_group", "latest",
                  "latest_in_group")


def _rewrite_months(months=None) -> None:
    """Recount these months (first days) of the months table from the records; None: all."""
    if months is not None:
        months = sorted(months)
        if not months:
            return
    table = connection.ops.quote_name(TrainingMonth._meta.db_table)
    for start in range(0, len(months or [None]), 100):
        chunk = None if months is None else months[start:start + 100]
        stale = TrainingMonth.objects.all()
        if chunk is not None:
            stale = stale.filter(month__in=chunk)
        stale._raw_delete(stale.db)
        sql, params = _recount_months(chunk).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table} ({', '.join(_MONTH_COLUMNS)}) {sql}", params)


def changed(sender, *, user_ids=(), certificate_ids=(), **kwargs) -> None:
    """The receiver of certificates.signals.certificates_changed (OutreachConfig.ready)."""
    update(user_ids, certificate_ids)


def rebuild(*, batch_size: int = 20000, progress_stream=None) -> int:
    """Recompute every record, a range of learner ids at a time, with a progress bar on
    progress_stream. Returns the number of learners with certificates."""
    from redflag.lib.progress import Progress

    table = connection.ops.quote_name(Certificate._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MIN(user_id), MAX(user_id), COUNT(DISTINCT user_id) FROM {table}")
        low, high, learners = cursor.fetchone()
    with transaction.atomic():
        # Records of certificates that are gone or no longer counted, and the account-less ones.
        TrainingRecord.objects.exclude(certificate__revoked_at__isnull=True).delete()
        _rewrite("user_id IS NULL", "user_id IS NULL", [])
    if low is None:
        _rewrite_months()
        outcomes.recount_months()
        return 0
    bar = Progress(high - low + 1, progress_stream)
    for start in range(low, high + 1, batch_size):
        end = min(start + batch_size, high + 1)
        with transaction.atomic():
            _rewrite("user_id >= %s AND user_id < %s", "user_id >= %s AND user_id < %s",
                     [start, end])
        bar.update(end - start, "training log")
    bar.close()
    with transaction.atomic():
        _rewrite_months()
    outcomes.recount_months()
    return learners


def drift(*, sample: int = 5) -> tuple[int, list]:
    """Records that differ from a recount from scratch, both ways: (how many, a few of them).

    A row only in the table is stale or extra; a row only in the recount is missing or stale."""
    records = connection.ops.quote_name(TrainingRecord._meta.db_table)
    columns = ", ".join(_COLUMNS)
    recount = _recount_sql("1 = 1")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM (SELECT {columns} FROM {records} EXCEPT {recount}) AS stale "
            f"UNION ALL "
            f"SELECT * FROM ({recount} EXCEPT SELECT {columns} FROM {records}) AS missing",
            [*_FLAGS, *_FLAGS],
        )
        rows = cursor.fetchall()
        # The months table against a recount from the (just checked) records.
        months = connection.ops.quote_name(TrainingMonth._meta.db_table)
        month_columns = ", ".join(_MONTH_COLUMNS)
        sql, params = _recount_months().query.sql_with_params()
        cursor.execute(
            f"SELECT * FROM (SELECT {month_columns} FROM {months} EXCEPT {sql}) AS stale "
            f"UNION ALL "
            f"SELECT * FROM ({sql} EXCEPT SELECT {month_columns} FROM {months}) AS missing",
            [*params, *params],
        )
        rows += cursor.fetchall()
    # The outcome reports' months table against a recount from the reports.
    rows += outcomes.months_drift()
    return len(rows), rows[:sample]
