"""The coverage columns of the training log: what each certificate needs to be counted as a person
without a distinct count over every certificate of the period.

Counting people means counting distinct learners, and on a million certificates a distinct count
sorts several hundred thousand rows per figure. Instead each counted certificate (neither revoked
nor replaced) carries, from its learner's other counted certificates:

- coverage_previous_on: the issue date of the learner's previous counted certificate (ordered by
  issue date, then id), or nothing for the first. A learner counts once in a period, on the first
  certificate issued in it: the one whose previous certificate is older than the period, or
  missing. Within a month, the same with the month's first day.
- coverage_previous_in_group_on: the same among the learner's certificates of one stakeholder
  group, for the per-group figures and whenever a group is chosen.
- coverage_moved: the learner's counted certificates do not all name one organisation, state and
  county. For everyone else those are the same on every certificate, so a region or organisation
  either keeps all of a learner's certificates or none, and the links above stay exact under any
  filter. Learners who moved are counted with a distinct count over their own certificates, a few
  per cent of the rows.
- coverage_renewed: a later unrevoked certificate of the same learner and course exists, so this
  one no longer expires for the dashboard.

Certificates without an account (deleted learners) carry no links: each is one person.

The columns are a function of one learner's certificates, so refresh() recomputes them for the
learners whose certificates changed. It runs on every save and delete of a certificate, when an
account, a course, a stakeholder group or an organisation is deleted (their certificates lose the
link), and after bulk updates (matching employers, synthetic data). `manage.py
refresh_training_log` recomputes every learner, for data changed outside Redflag.
"""

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from certificates.models import Certificate

# The columns a certificate's coverage depends on: a save touching none of them changes nothing.
SOURCE_FIELDS = {"user", "user_id", "course", "course_id", "group", "group_id", "organisation",
                 "organisation_id", "state", "county", "issued_on", "passed_at", "revoked_at",
                 "replaced_by", "replaced_by_id"}

_TABLE = Certificate._meta.db_table
# What a certificate that counts no one carries; two %s for the booleans (False, False).
_EMPTY = ("coverage_previous_on = NULL, coverage_previous_in_group_on = NULL, "
          "coverage_moved = %s, coverage_renewed = %s")


def _columns_sql(where: str) -> tuple[str, str]:
    """The reset and the recompute statements for the certificates matching `where` (SQL over the
    table's own columns, with %s parameters)."""
    table = connection.ops.quote_name(_TABLE)
    # Certificates that are not counted (revoked, replaced, without an account) carry nothing.
    reset = (
        f"UPDATE {table} SET {_EMPTY} "
        f"WHERE ({where}) AND (revoked_at IS NOT NULL OR user_id IS NULL) "
        f"AND (coverage_previous_on IS NOT NULL "
        f"OR coverage_previous_in_group_on IS NOT NULL OR coverage_moved OR coverage_renewed)"
    )
    # Window functions over one learner's counted certificates. MIN = MAX over the learner is
    # "one value on every certificate"; organisation 0 stands for none (ids start at 1).
    recompute = f"""
        UPDATE {table} SET
            coverage_previous_on = w.previous_on,
            coverage_previous_in_group_on = w.previous_in_group_on,
            coverage_moved = w.moved,
            coverage_renewed = w.renewed
        FROM (
            SELECT id,
                LAG(issued_on) OVER (PARTITION BY user_id ORDER BY issued_on, id) AS previous_on,
                LAG(issued_on) OVER (PARTITION BY user_id, group_id ORDER BY issued_on, id)
                    AS previous_in_group_on,
                CASE WHEN MIN(COALESCE(organisation_id, 0)) OVER learner
                            = MAX(COALESCE(organisation_id, 0)) OVER learner
                      AND MIN(state) OVER learner = MAX(state) OVER learner
                      AND MIN(county) OVER learner = MAX(county) OVER learner
                     THEN %s ELSE %s END AS moved,
                CASE WHEN course_id IS NOT NULL
                      AND MAX(passed_at) OVER (PARTITION BY user_id, course_id) > passed_at
                     THEN %s ELSE %s END AS renewed
            FROM {table}
            WHERE user_id IS NOT NULL AND revoked_at IS NULL
              AND ({where})
            WINDOW learner AS (PARTITION BY user_id)
        ) AS w
        WHERE {table}.id = w.id
          AND (coverage_previous_on IS DISTINCT FROM w.previous_on
               OR coverage_previous_in_group_on IS DISTINCT FROM w.previous_in_group_on
               OR coverage_moved <> w.moved OR coverage_renewed <> w.renewed)
    """
    return reset, recompute


def _run(where: str, params: list) -> None:
    reset, recompute = _columns_sql(where)
    with connection.cursor() as cursor:
        cursor.execute(reset, [False, False, *params])
        cursor.execute(recompute, [False, True, True, False, *params])


@transaction.atomic
def refresh(user_ids) -> None:
    """Recompute the coverage columns of these learners' certificates.

    The learners' accounts are locked first, so two certificates issued at once for one learner
    are linked by whichever transaction commits second: it waits, then reads both.
    """
    user_ids = sorted({pk for pk in user_ids if pk is not None})
    if not user_ids:
        return
    User = get_user_model()
    for start in range(0, len(user_ids), 500):
        chunk = user_ids[start:start + 500]
        list(User.objects.select_for_update().filter(pk__in=chunk).values_list("pk", flat=True))
        placeholders = ", ".join(["%s"] * len(chunk))
        _run(f"user_id IN ({placeholders})", chunk)


def forget_account(user_id: int) -> None:
    """Before an account is deleted: its certificates become account-less, each one person."""
    table = connection.ops.quote_name(_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {_EMPTY} WHERE user_id = %s",
                       [False, False, user_id])


def refresh_all(*, batch_size: int = 20000, progress_stream=None) -> int:
    """Recompute every certificate's coverage columns, a range of learner ids at a time, with a
    progress bar on progress_stream. Returns the number of learners with certificates."""
    from redflag.lib.progress import Progress

    table = connection.ops.quote_name(_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MIN(user_id), MAX(user_id), COUNT(DISTINCT user_id) FROM {table}")
        low, high, learners = cursor.fetchone()
    with transaction.atomic():
        _run("user_id IS NULL", [])
    if low is None:
        return 0
    bar = Progress(high - low + 1, progress_stream)
    for start in range(low, high + 1, batch_size):
        end = min(start + batch_size, high + 1)
        with transaction.atomic():
            _run("user_id >= %s AND user_id < %s", [start, end])
        bar.update(end - start, "training log")
    bar.close()
    return learners


def fill_columns(certificates: list[dict]) -> None:
    """Set the coverage columns on one learner's new certificate rows (dicts of column values, in
    the order they will be written, which is id order), as refresh() would compute them: for rows
    written in bulk without signals, such as synthetic data."""
    counted = [row for row in certificates if row.get("user_id") is not None
               and row.get("revoked_at") is None]
    for row in certificates:
        row.update(coverage_previous_on=None, coverage_previous_in_group_on=None,
                   coverage_moved=False, coverage_renewed=False)
    counted.sort(key=lambda row: row["issued_on"])  # stable: ties stay in id order
    moved = len({(row.get("organisation_id"), row["state"], row["county"])
                 for row in counted}) > 1
    latest_pass = {}
    for row in counted:
        if row.get("course_id") is not None:
            course = row["course_id"]
            latest_pass[course] = max(latest_pass.get(course, row["passed_at"]), row["passed_at"])
    previous_on, previous_in_group = None, {}
    for row in counted:
        row["coverage_previous_on"] = previous_on
        row["coverage_previous_in_group_on"] = previous_in_group.get(row.get("group_id"))
        row["coverage_moved"] = moved
        row["coverage_renewed"] = (row.get("course_id") is not None
                                   and latest_pass[row["course_id"]] > row["passed_at"])
        previous_on = previous_in_group[row.get("group_id")] = row["issued_on"]


# Receivers, connected in OutreachConfig.ready() -------------------------------------------------

def certificate_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not SOURCE_FIELDS & set(update_fields):
        return  # a PDF stored, a render failure counted: nothing coverage reads
    refresh([instance.user_id])


def certificate_deleted(sender, instance, **kwargs):
    refresh([instance.user_id])


def account_deleting(sender, instance, **kwargs):
    forget_account(instance.pk)


# Deleting a course, group or organisation empties that field on its certificates in one UPDATE,
# without signals: note whose certificates they are first, recompute them afterwards.
CERTIFICATE_FIELD = {"coursepage": "course", "stakeholdergroup": "group",
                     "organisation": "organisation"}


def referenced_deleting(sender, instance, **kwargs):
    field = CERTIFICATE_FIELD[sender._meta.model_name]
    instance._training_log_learners = set(
        Certificate.objects.filter(**{field: instance.pk}).values_list("user_id", flat=True))


def referenced_deleted(sender, instance, **kwargs):
    refresh(getattr(instance, "_training_log_learners", ()))
