"""`make faults`: break the running stack under load, one fault at a time, and show that people see
a clean page, that it recovers without anyone, and that nothing committed is lost or doubled.

    python -m tests.load.faults [postgres worker-kill redis task-worker instance]

Each fault runs inside a load run (tests.load.run.run_load) and ends with the same database
checks. Beside the load, a probe person keeps asking for a few pages, signed in, and classifies
every answer: the page itself; "back in a moment" (the app's 503 when its database is away, or
nginx's page when no app instance answers); signed out (a sign-in page where their page should
be); or anything else, which fails the fault: a 500, a traceback, an nginx error page.

The faults, and what each must show:
- postgres: PostgreSQL restarted mid-load. Answers during the restart are the page or "back in a
  moment"; pages come back by themselves within RECOVERY_SECONDS.
- worker-kill: kill -9 of one gunicorn worker. Its master starts another within seconds; the
  probe sees nothing but pages and, at most, "back in a moment".
- redis: Redis stopped for 30 s. Every answer is the page; nobody is signed out; sign-in limits
  still hold, counted by each process (so up to one limit per process), as the README says.
- task-worker: the task worker killed while it renders a PDF. It is started again, requeues what
  it held, and every certificate ends with exactly one PDF file.
- instance: one of the two app instances stopped for 30 s. Everything is served by the other;
  sessions carry over; nothing but pages.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

import requests

from . import prepare
from .report import table
from .web import CSRF, SourceAddressAdapter

HOST = "http://127.0.0.1:8480"
STATE = prepare.REPO / "var" / "stack"
RECOVERY_SECONDS = 30
PROBE_EMAIL = "probe@faults.example.org"
PROBE_PASSWORD = "probe-password-for-faults"
BACK_SOON = "Back in a moment"
# allauth answers a sign-in over its limit with the form and this message.
TOO_MANY = "Too many failed login attempts"


# The probe ---------------------------------------------------------------------------------


@dataclass
class Answer:
    at: float
    path: str
    status: int
    kind: str  # page, back-soon, signed-out, broken


@dataclass
class Probe:
    """One signed-in person asking for pages every `pause` seconds while a fault happens."""

    pause: float = 0.1
    answers: list[Answer] = field(default_factory=list)
    stopped: threading.Event = field(default_factory=threading.Event)

    PATHS = ("/my-training/", "/courses/", "/certificates/verify/", "/health/")

    def sign_in(self) -> requests.Session:
        session = requests.Session()
        page = session.get(f"{HOST}/accounts/login/", timeout=10)
        token = CSRF.search(page.text).group(1)
        session.post(f"{HOST}/accounts/login/", timeout=10, headers={"Referer": page.url},
                     data={"csrfmiddlewaretoken": token, "login": PROBE_EMAIL,
                           "password": PROBE_PASSWORD})
        check = session.get(f"{HOST}/my-training/", timeout=10, allow_redirects=False)
        assert check.status_code == 200, f"the probe could not sign in ({check.status_code})"
        return session

    def ask(self, session: requests.Session, path: str) -> Answer:
        at = time.monotonic()
        try:
            response = session.get(f"{HOST}{path}", timeout=15, allow_redirects=False)
        except requests.RequestException:
            return Answer(at, path, 0, "broken")
        status, body = response.status_code, response.text
        if status in (502, 503, 504) and BACK_SOON in body:
            kind = "back-soon"
        elif status == 503 and path == "/health/":
            kind = "back-soon"  # the health check says so in plain text
        elif status == 302 and "/accounts/login/" in response.headers.get("Location", ""):
            kind = "signed-out"
        elif status == 200 and "Traceback" not in body:
            kind = "page"
        else:
            kind = "broken"
        return Answer(at, path, status, kind)

    def run(self) -> None:
        session = self.sign_in()
        while not self.stopped.is_set():
            for path in self.PATHS:
                self.answers.append(self.ask(session, path))
            time.sleep(self.pause)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        return thread

    def count(self, kind: str, since: float = 0) -> int:
        return sum(1 for a in self.answers if a.kind == kind and a.at >= since)

    def recovered_at(self, since: float) -> float | None:
        """When the probe's answers became pages for good: the moment of the last answer since
        `since` that was not its page (or `since`), once the latest answer is a page."""
        after = [a for a in self.answers if a.at >= since]
        if not after or after[-1].kind != "page":
            return None
        bad = [a.at for a in after if a.kind != "page"]
        return bad[-1] if bad else since


def make_probe_account() -> None:
    """The probe's own learner, outside the load's accounts, so load runs leave it alone."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from redflag.accounts.models import LearnerProfile

    from courses.models import StakeholderGroup

    user, _ = get_user_model().objects.get_or_create(
        username=PROBE_EMAIL, defaults={"email": PROBE_EMAIL, "first_name": "Fault",
                                        "last_name": "Probe"})
    user.set_password(PROBE_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=PROBE_EMAIL,
                                          defaults={"verified": True, "primary": True})
    LearnerProfile.objects.update_or_create(user=user, defaults={
        "certificate_name": "Fault Probe", "group": StakeholderGroup.objects.first(),
        "state": "CA", "county": "Alameda", "language": "en"})


# The faults --------------------------------------------------------------------------------


def pid(name: str) -> int:
    """The process id the stack's supervisor recorded for one of its processes."""
    return int((STATE / "pids" / f"{name}.pid").read_text())


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def wait_for(condition, seconds: float) -> float | None:
    """Seconds until condition() held, or None."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return time.monotonic() - start
        time.sleep(0.2)
    return None


def health() -> bool:
    try:
        return requests.get(f"{HOST}/health/", timeout=3).status_code == 200
    except requests.RequestException:
        return False


def restart_postgres() -> dict:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
                   check=True, capture_output=True)
    return {"healthy after": wait_for(health, RECOVERY_SECONDS)}


def kill_web_worker() -> dict:
    master = pid("web-8481")
    before = children(master)
    os.kill(before[0], signal.SIGKILL)

    def replaced_by_a_new_one():
        now = children(master)
        return before[0] not in now and len(now) == len(before) and set(now) - set(before)

    replaced = wait_for(replaced_by_a_new_one, RECOVERY_SECONDS)
    return {"replaced after": replaced}


def sign_in_limit(attempts: int = 60) -> dict:
    """Wrong passwords for one address, from one client: how many were let through before the
    limit (5 per address in 5 minutes, 10 per client a minute) refused them. Without Redis each
    gunicorn worker counts on its own, so at most 5 × the workers get through."""
    session = requests.Session()
    # From an address of its own, so the limit it meets is not the probe's or the load's.
    session.mount("http://", SourceAddressAdapter("127.0.0.77"))
    page = session.get(f"{HOST}/accounts/login/", timeout=10)
    token = CSRF.search(page.text).group(1)
    refused = [TOO_MANY in session.post(
        f"{HOST}/accounts/login/", timeout=10, headers={"Referer": page.url},
        data={"csrfmiddlewaretoken": token, "password": "wrong-password",
              "login": "limit@faults.example.org"}).text for _ in range(attempts)]
    workers = sum(len(children(pid(f"web-{port}"))) for port in (8481, 8482))
    through = refused.count(False)
    return {"limited": any(refused) and through <= 5 * workers,
            "wrong passwords let through": f"{through} of {attempts} ({workers} workers)"}


def stop_redis(seconds: float = 30) -> dict:
    subprocess.run(["redis-cli", "-h", "127.0.0.1", "shutdown", "nosave"], capture_output=True)
    limited = sign_in_limit()
    time.sleep(max(0, seconds - 5))
    subprocess.run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port",
                    "6379", "--save", "", "--appendonly", "no"], check=True,
                   capture_output=True)
    return limited


def kill_task_worker() -> dict:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    # Wait for the worker to be in the middle of a task, then kill it outright.
    busy = wait_for(lambda: DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, task_path__startswith="certificates.").exists(), 60)
    killed = pid("worker")
    os.kill(killed, signal.SIGKILL)

    def started_again():
        try:
            return pid("worker") != killed
        except (OSError, ValueError):
            return False

    restarted = wait_for(started_again, RECOVERY_SECONDS)
    return {"caught rendering": busy is not None, "restarted after": restarted}


def stop_instance(seconds: float = 30) -> dict:
    subprocess.run([sys.executable, str(prepare.REPO / "deploy" / "stack.py"), "hold",
                    "web-8482"], check=True)
    gone = wait_for(lambda: not (STATE / "pids" / "web-8482.pid").exists(), 45)
    time.sleep(seconds)
    subprocess.run([sys.executable, str(prepare.REPO / "deploy" / "stack.py"), "release",
                    "web-8482"], check=True)
    back = wait_for(lambda: (STATE / "pids" / "web-8482.pid").exists(), 10)
    return {"stopped after": gone, "started again": back is not None}


# name → (what it does, the fault, answers allowed besides pages)
FAULTS = {
    "postgres": ("PostgreSQL restarted", restart_postgres, {"back-soon"}),
    "worker-kill": ("a gunicorn worker killed (-9)", kill_web_worker, {"back-soon"}),
    "redis": ("Redis stopped for 30 s", stop_redis, set()),
    "task-worker": ("the task worker killed mid-render", kill_task_worker, set()),
    "instance": ("one app instance stopped for 30 s", stop_instance, set()),
}


def run_fault(name: str, seconds: int, learners: int) -> tuple[bool, list]:
    from .run import run_load

    title, inject, allowed = FAULTS[name]
    probe = Probe()

    def during():
        probe.start()
        time.sleep(5)  # a baseline before the fault
        started = time.monotonic()
        details = inject()
        wait_for(lambda: probe.recovered_at(started) is not None, RECOVERY_SECONDS)
        time.sleep(5)
        probe.stopped.set()
        back = probe.recovered_at(started)
        # Seconds from the fault's start to the probe's last answer that was not its page.
        return started, details, None if back is None else back - started

    # Quick to ramp up (4 people a second), so the fault meets a full load 30 s in.
    result = run_load(seconds, learners, during=during, during_after=30, spawn_rate=4,
                      out=lambda *a: None)
    if isinstance(result.during, Exception):
        return False, [name, title, f"the fault failed: {result.during!r}", "", "", "FAIL"]
    started, details, recovered = result.during
    not_allowed = {kind: probe.count(kind) for kind in ("back-soon", "signed-out", "broken")
                   if kind not in allowed and probe.count(kind)}
    facts_ok = all(value not in (None, False) for value in details.values())
    # What the load's people met: failed requests and 5xx; during a fault that allows "back in a
    # moment" those are its 503s and nginx's 502s, otherwise there must be none.
    load_errors = {t.name: t.measured for t in result.targets
                   if t.name in ("failed requests", "5xx responses")}
    if not allowed and any(load_errors.values()):
        not_allowed["load errors"] = sum(load_errors.values())
    # Load figures matter less than what people saw here, but nothing may be lost or doubled.
    checks_ok = all(check.ok for check in result.checks)
    ok = not not_allowed and recovered is not None and facts_ok and checks_ok
    seen = ", ".join(f"{probe.count(kind)} {kind}" for kind in
                     ("page", "back-soon", "signed-out", "broken"))
    facts = "; ".join(f"{k} {v:.1f} s" if isinstance(v, float) else f"{k}: {v}"
                      for k, v in details.items())
    failed_checks = [check.name for check in result.checks if not check.ok]
    seen += f" · load: {load_errors['failed requests']} failed, {load_errors['5xx responses']} 5xx"
    return ok, [name, title, seen,
                f"{recovered:.1f} s" if recovered is not None else "not recovered",
                facts + (f"; checks failed: {', '.join(failed_checks)}" if failed_checks else ""),
                "ok" if ok else "FAIL"]


def main(argv: list[str]) -> int:
    from .run import StackDown, check_stack

    try:
        check_stack(HOST)
    except StackDown as error:
        print(error, file=sys.stderr)
        return 1
    prepare.setup_django()
    make_probe_account()
    names = argv or list(FAULTS)
    seconds = int(os.environ.get("FAULT_SECONDS", "75"))
    learners = int(os.environ.get("FAULT_LEARNERS", "100"))
    rows, all_ok = [], True
    for name in names:
        print(f"Fault: {FAULTS[name][0]} (load of {learners} learners for {seconds} s)…",
              flush=True)
        ok, row = run_fault(name, seconds, learners)
        all_ok &= ok
        rows.append(row)
        print("  " + " · ".join(row[2:]), flush=True)
    print()
    print(table(["fault", "what", "the probe saw", "pages again after", "facts", "result"],
                rows, align="<<<><<"))
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
