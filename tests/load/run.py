"""`make load`: prepare the accounts, run locust headless against the stack, wait for the task
worker to finish, check the database, print the report; exit 1 when a target is missed.

    LOAD_SECONDS=300 LOAD_LEARNERS=200 python -m tests.load.run

`run_load()` is the same run for other callers: `during`, if given, is called in a thread
`during_after` seconds into the run (a fault to inject), and the result carries its outcome.
"""

import datetime
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from . import prepare
from .checks import Check
from .report import (
    EndpointStats,
    Target,
    checks_table,
    read_stats,
    stats_table,
    targets,
    targets_table,
)

HOST = "http://127.0.0.1:8480"
LOCUSTFILE = Path(__file__).with_name("locustfile.py")


class StackDown(Exception):
    pass


@dataclass
class LoadResult:
    stats: list[EndpointStats]
    statuses: dict[str, dict[str, int]]
    targets: list[Target]
    checks: list[Check]
    seconds: float
    users: int
    during: object = None  # what `during` returned, or the exception it raised
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.targets) and all(c.ok for c in self.checks)


def check_stack(host: str) -> None:
    try:
        with urllib.request.urlopen(host.rstrip("/") + "/", timeout=15) as response:
            response.read()
    except (urllib.error.URLError, OSError) as error:
        raise StackDown(f"The stack does not answer at {host}/ ({error}). Start it with "
                        "`make stack` and run `make load` again.") from error


def server_errors(statuses: dict[str, dict[str, int]]) -> int:
    """5xx answers, except the certificate PDF's 503, which asks to come back later."""
    return sum(n for name, by_status in statuses.items() for status, n in by_status.items()
               if status.startswith("5") and not (name == "certificate pdf" and status == "503"))


def wait_for_worker(seconds: float) -> int:
    """Waits until the task worker has nothing left it could run now; returns what is left."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + seconds
    while True:
        left = (DBTaskResult.objects.ready().count()
                + DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count())
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(2)


def journeys_recorded(statuses: dict[str, dict[str, int]], since: datetime.datetime) -> Check:
    """What locust was told equals what the database holds: one attempt per start answered with
    its attempt page, one grading per submit answered with its result, one certificate per pass."""
    from certificates.models import Certificate
    from quizzes.models import Attempt

    load = {"user__email__iendswith": "@" + prepare.LOAD_DOMAIN}
    attempts = Attempt.objects.filter(started_at__gte=since, **load)
    # Starts that went to an attempt (not back to the quiz: a lesson a 503 kept from being
    # opened), submits that went to its result.
    started = statuses.get("quiz start", {}).get("302 /quizzes/attempts/…/", 0)
    submitted = statuses.get("quiz submit", {}).get("302 /quizzes/attempts/…/result/", 0)
    graded = attempts.exclude(status=Attempt.Status.IN_PROGRESS).count()
    passed = attempts.filter(passed=True).count()
    certified = Certificate.objects.filter(created_at__gte=since, **load).count()
    ok = attempts.count() == started and graded == submitted and certified == passed
    return Check("no attempt or certificate lost or doubled", ok,
                 f"{started} starts → {attempts.count()} attempts; {submitted} submits → "
                 f"{graded} graded; {passed} passed → {certified} certificates")


def run_load(seconds: int = 300, learners: int = 200, *, during=None,
             during_after: float | None = None, spawn_rate: float = 1.0, host: str = HOST,
             env_file: Path = prepare.STACK_ENV, drain_seconds: float = 180,
             out=print) -> LoadResult:
    check_stack(host)
    env = prepare.setup_django(env_file)
    from django.utils import timezone

    from .checks import run_checks

    counts = prepare.Counts(learners=learners, signups=max(1, learners // 10))
    plan = prepare.prepare(counts, env=env)
    folder = Path(plan["path"]).parent
    prefix, status_file = folder / "load", folder / "load_status.json"
    status_file.unlink(missing_ok=True)
    Path(f"{prefix}_stats.csv").unlink(missing_ok=True)
    users = learners + counts.coordinators + counts.managers
    out(f"Load: {learners} learners ({counts.signups} signing up), {counts.coordinators} "
        f"coordinators, {counts.managers} managers against {host} for {seconds} s, "
        f"{spawn_rate:g} new users a second.")

    outcome = {}

    def inject():
        try:
            outcome["value"] = during()
        except Exception as error:  # reported with the result; the run goes on
            outcome["value"] = error

    timer = None
    if during is not None:
        timer = threading.Timer(during_after if during_after is not None else seconds / 3, inject)
        timer.daemon = True

    started = timezone.now()
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", host,
        "--users", str(users), "--spawn-rate", str(spawn_rate), "--run-time", f"{seconds}s",
        # Journeys under way when the time is up are finished, so none is cut off mid-submit.
        "--stop-timeout", "90", "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
    ]
    locust_env = {**os.environ, "LOAD_PLAN": plan["path"], "LOAD_STATUS_FILE": str(status_file),
                  "PYTHONPATH": str(prepare.REPO)}
    clock = time.monotonic()
    if timer:
        timer.start()
    log = folder / "locust.log"
    try:
        with open(log, "w") as handle:
            finished = subprocess.run(command, env=locust_env, cwd=prepare.REPO,
                                      timeout=seconds + 240, stdout=handle, stderr=handle)
    finally:
        if timer:
            timer.cancel()
            timer.join(timeout=60)
    elapsed = time.monotonic() - clock

    statuses = json.loads(status_file.read_text()) if status_file.exists() else {}
    stats_file = Path(f"{prefix}_stats.csv")
    if not stats_file.exists():
        raise RuntimeError(f"locust wrote no figures (exit {finished.returncode}); see {log}:\n"
                           + "\n".join(log.read_text().splitlines()[-20:]))
    stats = read_stats(stats_file)
    notes = [f"locust's own log: {log}"]
    # A fault may have restarted the database under this process's connection: a new one.
    from django.db import connection

    connection.close()
    left = wait_for_worker(drain_seconds)
    if left:
        notes.append(f"the task worker still had {left} tasks after {drain_seconds:g} s")
    checks = [journeys_recorded(statuses, started)]
    checks += run_checks(emails_ending="@" + prepare.LOAD_DOMAIN, since=started)
    result = LoadResult(stats=stats, statuses=statuses, checks=checks,
                        targets=targets(stats, server_errors(statuses)), seconds=elapsed,
                        users=users, during=outcome.get("value"), notes=notes)
    out(render(result))
    return result


def render(result: LoadResult) -> str:
    lines = [stats_table(result.stats), "", targets_table(result.targets), "",
             checks_table(result.checks)]
    if result.statuses:
        errors = {name: {s: n for s, n in by.items() if s[0] in "45"}
                  for name, by in result.statuses.items()}
        errors = {name: by for name, by in errors.items() if by}
        if errors:
            lines += ["", "4xx/5xx answers: " + json.dumps(errors, sort_keys=True)]
    lines += [f"note: {note}" for note in result.notes]
    lines += ["", "Load: " + ("every target met." if result.ok else "a target was MISSED.")]
    return "\n".join(lines)


def main() -> int:
    try:
        result = run_load(
            seconds=int(os.environ.get("LOAD_SECONDS", 300)),
            learners=int(os.environ.get("LOAD_LEARNERS", 200)),
            spawn_rate=float(os.environ.get("LOAD_SPAWN_RATE", 1)),
            host=os.environ.get("LOAD_HOST", HOST),
            env_file=Path(os.environ.get("LOAD_ENV_FILE", prepare.STACK_ENV)),
        )
    except StackDown as error:
        print(error, file=sys.stderr)
        return 2
    return 0 if result.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
