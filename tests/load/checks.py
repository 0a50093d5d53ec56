"""What must hold in the stack's database after a load run, whatever the run did.

Each check counts from the tables with its own plain query, not through the services that wrote
them, so a fault in those services cannot hide itself. `python -m tests.load.checks` runs them on
their own against the stack (var/stack/stack.env, or LOAD_ENV_FILE) and exits non-zero on a miss.
"""

import datetime
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def attempts_graded_once() -> Check:
    """Every closed attempt has exactly one answer per question it drew, and an open one none."""
    from django.db.models import Count, F, Q

    from quizzes.models import Attempt

    attempts = Attempt.objects.annotate(answered=Count("answers"))
    wrong = attempts.filter(
        (~Q(status=Attempt.Status.IN_PROGRESS) & ~Q(answered=F("question_count")))
        | Q(status=Attempt.Status.IN_PROGRESS, answered__gt=0)
    )
    closed = Attempt.objects.exclude(status=Attempt.Status.IN_PROGRESS).count()
    bad = list(wrong.values_list("pk", flat=True)[:5])
    return Check("attempts graded exactly once", not bad,
                 f"{closed} closed attempts; {len(bad)} with missing or extra answers {bad or ''}")


def passes_have_one_certificate() -> Check:
    """Every passed attempt has one completion and one certificate naming it; no certificate names
    an attempt that did not pass, and no learner holds two for one attempt."""
    from django.db.models import Count, Exists, OuterRef

    from certificates.models import Certificate
    from quizzes.models import Attempt, CourseCompletion

    passed = Attempt.objects.filter(passed=True)
    certificates = Certificate.objects.filter(quiz_attempt_id=OuterRef("pk"))
    without = passed.filter(~Exists(certificates)).count()
    doubled = (Certificate.objects.exclude(quiz_attempt_id=None).values("quiz_attempt_id")
               .annotate(n=Count("pk")).filter(n__gt=1).count())
    strays = (Certificate.objects.exclude(quiz_attempt_id=None)
              .exclude(quiz_attempt_id__in=passed.values("pk")).count())
    completions = (CourseCompletion.objects.values("attempt_id").annotate(n=Count("pk"))
                   .filter(n__gt=1).count())
    uncompleted = passed.filter(completion__isnull=True).count()
    ok = not (without or doubled or strays or completions or uncompleted)
    return Check("one certificate per pass", ok,
                 f"{passed.count()} passes; {without} without a certificate, {doubled} with two, "
                 f"{strays} certificates for no pass, {uncompleted + completions} completions "
                 "missing or doubled")


def one_certificate_per_learner_and_course(emails_ending: str) -> Check:
    """For a run's learners, who take each quiz once: at most one certificate per course."""
    from django.db.models import Count

    from certificates.models import Certificate

    doubled = (Certificate.objects.filter(user__email__iendswith=emails_ending)
               .values("user_id", "course_id").annotate(n=Count("pk")).filter(n__gt=1).count())
    return Check("no learner certified twice for a course", not doubled,
                 f"{doubled} learners with two certificates for one course")


def pdfs_present() -> Check:
    """Every certificate's PDF is rendered and its file is on disk."""
    from certificates.models import Certificate

    total = missing = unrendered = 0
    for certificate in Certificate.objects.only("pk", "pdf").iterator():
        total += 1
        if not certificate.pdf:
            unrendered += 1
        elif not certificate.pdf.storage.exists(certificate.pdf.name):
            missing += 1
    return Check("every certificate has its PDF", not (missing or unrendered),
                 f"{total} certificates; {unrendered} not rendered, {missing} files missing")


def stray_pdf_files() -> Check:
    """PDF files no certificate points at: a certificate rendered twice into two files (a render
    stopped between writing its file and saving the record, then done again), or a deleted
    certificate whose file stayed. One certificate, one file."""
    from certificates.models import Certificate

    kept = set(Certificate.objects.exclude(pdf="").values_list("pdf", flat=True))
    storage = Certificate._meta.get_field("pdf").storage
    root = Path(storage.location)
    files = {str(path.relative_to(root)) for path in (root / "certificates").rglob("*.pdf")}
    strays = sorted(files - kept)
    return Check("no PDF file without its certificate", not strays,
                 f"{len(strays)} of {len(files)} files {strays[:2] if strays else ''}")


def training_log_matches() -> Check:
    from outreach import training_log

    count, sample = training_log.drift()
    return Check("training log equals a recount", count == 0,
                 f"{count} records differ {sample[:2] if sample else ''}")


def coverage_matches_recount(today: datetime.date | None = None) -> Check:
    """People trained online, per group and in total, on the dashboard's default period, against a
    distinct count written here: learners with a certificate that is neither revoked nor replaced,
    issued in the period; a certificate without an account is a person of its own."""
    from django.db import connection

    from certificates.models import Certificate
    from outreach.services.coverage import Coverage, CoverageFilter

    f = CoverageFilter.default(today=today)
    groups = Coverage(f).groups
    shown = {row.group.pk if row.group else None: row.people_online for row in groups}
    table = connection.ops.quote_name(Certificate._meta.db_table)
    sql = f"""
        SELECT group_id, COUNT(DISTINCT COALESCE('u' || user_id, 'c' || id))
        FROM {table}
        WHERE revoked_at IS NULL AND replaced_by_id IS NULL AND issued_on BETWEEN %s AND %s
        GROUP BY ROLLUP (group_id)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [f.date_from, f.date_to])
        rows = cursor.fetchall()
    # ROLLUP's total row has a NULL group_id, as has a group of certificates without one; the
    # total row is the last.
    *per_group, (_none, total) = rows
    recount = {group_id: n for group_id, n in per_group if group_id is not None}
    differences = [f"group {pk}: shown {shown.get(pk, 0)}, recount {n}"
                   for pk, n in recount.items() if shown.get(pk, 0) != n]
    differences += [f"group {pk}: shown {n}, recount 0" for pk, n in shown.items()
                    if pk is not None and n and pk not in recount]
    if shown.get(None) != total:
        differences.append(f"total: shown {shown.get(None)}, recount {total}")
    return Check("coverage people equal a recount", not differences,
                 f"{total} people trained online {f.date_from}–{f.date_to}"
                 + (f"; {'; '.join(differences[:3])}" if differences else ", every group equal"))


def pending_tasks() -> int:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).count()


def tasks_drained(since: datetime.datetime | None = None) -> Check:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    results = DBTaskResult.objects.all()
    if since:
        results = results.filter(enqueued_at__gte=since)
    failed = results.filter(status=TaskResultStatus.FAILED).count()
    pending = pending_tasks()
    return Check("task worker drained, nothing failed", not (failed or pending),
                 f"{results.count()} tasks; {pending} pending, {failed} failed")


def run_checks(*, emails_ending: str | None = None,
               since: datetime.datetime | None = None) -> list[Check]:
    checks = [
        attempts_graded_once(),
        passes_have_one_certificate(),
        pdfs_present(),
        stray_pdf_files(),
        training_log_matches(),
        coverage_matches_recount(),
        tasks_drained(since),
    ]
    if emails_ending:
        checks.insert(2, one_certificate_per_learner_and_course(emails_ending))
    return checks


def main() -> int:
    from . import prepare
    from .report import checks_table

    prepare.setup_django(Path(os.environ.get("LOAD_ENV_FILE", prepare.STACK_ENV)))
    checks = run_checks(emails_ending="@" + prepare.LOAD_DOMAIN)
    print(checks_table(checks))
    return 0 if all(check.ok for check in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
