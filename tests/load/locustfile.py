"""What the simulated people do, read by locust (run.py starts it; prepare.py writes the plan).

Learners sign in (a few sign up and type the code from their email), open the course and every
lesson, take the quiz once (most answer right, some deliberately wrong), read the result, fetch
their certificate from My training and check its code; then they go on reading and checking codes
until the run ends. Coordinators sign in with the password and an authenticator code, open the
coverage dashboard, filter it and export its tables (the people table after typing the password
again). Managers sign in and read their organisation's page.

Every simulated person connects from an address of its own on the loopback network (127.77.x.y),
as real clients have addresses of their own: the stack's per-client limits (30 sign-ins a minute,
20 sign-ups, 30 code look-ups) then count each person, as they do in production, and none of them
has to be raised for the run.
"""

import itertools
import json
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task
from locust.exception import StopUser

from tests.load.totp import totp
from tests.load.web import CSRF, SourceAddressAdapter

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
STATUS_FILE = os.environ.get("LOAD_STATUS_FILE")
# Seconds a learner spends on a lesson, and between pages once the journey is done: 5 to 15, a
# skim (people read a lesson for minutes), which with 200 learners asks ~20 pages a second.
READING = (float(os.environ.get("LOAD_READ_MIN", 5)), float(os.environ.get("LOAD_READ_MAX", 15)))

IDS = re.compile(r"/(?:[0-9a-f-]{32,36}|\d+)/")
CHOICE = re.compile(r'name="(q-[^"]+)" value="([^"]+)"')
DOWNLOAD = re.compile(r'href="(/certificates/\d+/download/)"')
CODE = re.compile(r"<code>([0-9A-Z]{4}(?:-[0-9A-Z]{4})+)</code>")
MAIL_CODE = re.compile(r"confirm your email address:\s+(\S+)")

learners = iter(PLAN["learners"])
coordinators = iter(PLAN["coordinators"])
managers = iter(PLAN["managers"])
addresses = (f"127.77.{n // 250}.{n % 250 + 1}" for n in itertools.count())
codes_seen: list[str] = []  # certificate codes learners have read, for others to check
statuses: dict[str, dict[str, int]] = {}


@events.request.add_listener
def count_status(name, response, **kwargs):
    if response is not None:
        by_status = statuses.setdefault(name, {})
        code = str(getattr(response, "status_code", 0) or 0)
        if code.startswith("3"):
            # Where to, ids left out: a quiz start that went to an attempt, not back to the quiz.
            location = urlsplit(response.headers.get("Location", "")).path
            code += " " + IDS.sub("/…/", location)
        by_status[code] = by_status.get(code, 0) + 1


@events.quitting.add_listener
def write_statuses(environment, **kwargs):
    if STATUS_FILE:
        Path(STATUS_FILE).write_text(json.dumps(statuses, indent=1, sort_keys=True))


def csrf_token(response) -> str:
    found = CSRF.search(response.text)
    if not found:
        raise StopUser()
    return found.group(1)


def newest_code(folder: str, email: str, since: float) -> str | None:
    """The verification code in the newest email to `email` written at or after `since`."""
    files = sorted(Path(folder).glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in files:
        if path.stat().st_mtime < since - 2:
            break
        text = path.read_text(errors="replace")
        if f"To: {email}" in text:
            found = MAIL_CODE.search(text)
            if found:
                return found.group(1)
    return None


class Person(HttpUser):
    abstract = True

    def on_start(self):
        self.client.mount("http://", SourceAddressAdapter(next(addresses)))

    def get(self, path, name, **kwargs):
        return self.client.get(path, name=name, allow_redirects=False, **kwargs)

    def post(self, path, name, data, referer=None, **kwargs):
        headers = {"Referer": self.host.rstrip("/") + (referer or path)}
        return self.client.post(path, name=name, data=data, headers=headers,
                                allow_redirects=False, **kwargs)

    @staticmethod
    def next_account(accounts):
        """The next account of this kind in the plan; a person more than the plan holds stops."""
        try:
            return next(accounts)
        except StopIteration:
            raise StopUser() from None

    def expect_redirect(self, response, to: str = "") -> str:
        location = response.headers.get("Location", "")
        if response.status_code != 302 or to not in location:
            response.failure(f"expected a redirect to {to or 'somewhere'}, "
                             f"got {response.status_code} {location}")
            raise StopUser()
        return location

    def sign_in(self, email, *, totp_secret=None):
        form = self.get("/accounts/login/", "sign-in form")
        with self.post("/accounts/login/", "sign in", {
            "csrfmiddlewaretoken": csrf_token(form), "login": email,
            "password": PLAN["password"],
        }, catch_response=True) as response:
            location = self.expect_redirect(response)
        if "/accounts/2fa/authenticate/" in location:
            page = self.get("/accounts/2fa/authenticate/", "2fa form")
            with self.post("/accounts/2fa/authenticate/", "2fa code", {
                "csrfmiddlewaretoken": csrf_token(page), "code": totp(totp_secret, time.time()),
            }, catch_response=True) as response:
                self.expect_redirect(response)

    def pause(self, low=None, high=None):
        time.sleep(random.uniform(low or READING[0], high or READING[1]))


class Learner(Person):
    weight = 20
    wait_time = between(*READING)

    def on_start(self):
        super().on_start()
        self.me = self.next_account(learners)
        self.course = PLAN["courses"][self.me["course"]]
        self.journey_done = False
        if self.me["signup"]:
            self.sign_up()
        else:
            self.sign_in(self.me["email"])

    def sign_up(self):
        email = self.me["email"]
        form = self.get("/accounts/signup/", "sign-up form")
        sent = time.time()
        with self.post("/accounts/signup/", "sign up", {
            "csrfmiddlewaretoken": csrf_token(form), "email": email,
            "password1": PLAN["password"], "password2": PLAN["password"],
            "certificate_name": self.me["profile"]["certificate_name"],
        }, catch_response=True) as response:
            self.expect_redirect(response, "/accounts/confirm-email/")
        page = self.get("/accounts/confirm-email/", "confirm-email form")
        code = None
        for _ in range(10):
            code = newest_code(PLAN["mail_folder"], email, sent)
            if code:
                break
            time.sleep(0.5)
        with self.post("/accounts/confirm-email/", "confirm email", {
            "csrfmiddlewaretoken": csrf_token(page), "code": code or "",
        }, catch_response=True) as response:
            if code is None:
                response.failure(f"no verification email for {email}")
                raise StopUser()
            step = self.expect_redirect(response, "/accounts/profile/")
        # The second step of signing up: the workplace, state and county.
        form = self.get(step, "profile step form")
        with self.post(step, "profile step", {
            "csrfmiddlewaretoken": csrf_token(form), "invite_code": self.me["invite_code"],
            **self.me["profile"],
        }, catch_response=True) as response:
            self.expect_redirect(response, "/home/")

    @task
    def next_step(self):
        if not self.journey_done:
            self.journey_done = True
            self.journey()
        else:
            self.browse()

    def journey(self):
        course = self.course
        self.get(course["url"], "course")
        for lesson in course["lessons"]:
            self.pause()
            self.get(lesson, "lesson")
        quiz = self.get(course["quiz_url"], "quiz")
        with self.post(f"/quizzes/{course['quiz_id']}/start/", "quiz start", {
            "csrfmiddlewaretoken": csrf_token(quiz),
        }, referer=course["quiz_url"], catch_response=True) as response:
            attempt = self.expect_redirect(response, "/quizzes/attempts/")
        form = self.get(attempt, "quiz form")
        answers = {}
        for name, choice in CHOICE.findall(form.text):
            key = course["answers"].get(name)
            if key is None:  # a question the plan does not know: the quiz changed since
                answers.setdefault(name, [choice])
            else:
                answers[name] = key[self.me["answers"]]
        self.pause(5, 15)  # reading the questions
        with self.post(attempt, "quiz submit", {
            "csrfmiddlewaretoken": csrf_token(form), **answers,
        }, catch_response=True) as response:
            result = self.expect_redirect(response, "/result/")
        self.get(result, "quiz result")
        if self.me["answers"] == "right":
            self.pause()
            self.certificate()

    def certificate(self):
        with self.get("/my-training/", "my training", catch_response=True) as page:
            download = DOWNLOAD.search(page.text)
            code = CODE.search(page.text)
            if not (download and code):
                page.failure("My training shows no certificate after a pass")
                return
        for _ in range(3):
            with self.get(download.group(1), "certificate pdf", catch_response=True) as response:
                if response.status_code == 503 and response.headers.get("Retry-After"):
                    # Not rendered yet: the page asks to come back later; that is no error.
                    response.success()
                    self.pause(5, 10)
                    continue
                if response.headers.get("Content-Type") != "application/pdf":
                    response.failure(f"not a PDF: {response.headers.get('Content-Type')}")
                break
        codes_seen.append(code.group(1))
        self.pause()
        self.get(f"/certificates/verify/{code.group(1)}/", "verify")

    def browse(self):
        roll = random.random()
        if roll < 0.5:
            self.get(random.choice(self.course["lessons"]), "lesson")
        elif roll < 0.8 and codes_seen:
            self.get(f"/certificates/verify/{random.choice(codes_seen)}/", "verify")
        else:
            self.get("/my-training/", "my training")


class Coordinator(Person):
    fixed_count = len(PLAN["coordinators"])
    wait_time = between(5, 15)

    def on_start(self):
        super().on_start()
        self.email = self.next_account(coordinators)
        self.sign_in(self.email, totp_secret=PLAN["totp_secret"])
        self.get("/admin/coverage/", "dashboard")

    @task(4)
    def filter_dashboard(self):
        course = random.choice(PLAN["courses"])
        query = random.choice([f"group={course['group_id']}", "state=CA",
                               "state=CA&county=Alameda", "date_from=2025-01-01"])
        self.get(f"/admin/coverage/?{query}", "dashboard")

    @task(1)
    def recount(self):
        self.get("/admin/coverage/?refresh=1", "dashboard refresh")

    @task(2)
    def export_counts(self):
        kind = random.choice(["csv", "xlsx"])
        report = random.choice(["groups", "counties", "months"])
        self.get(f"/admin/coverage/{report}/?export={kind}", f"export {kind}")

    @task(1)
    def export_people(self):
        organisation = random.choice(PLAN["organisations"])
        path = f"/admin/coverage/organisations/{organisation}/?export=csv"
        with self.get(path, "export people csv", catch_response=True) as response:
            if response.status_code != 302:
                return
            # Names of people: the password once more, then the export.
            response.success()
            asked = response.headers["Location"]
        page = self.get(asked, "reauthenticate form")
        with self.post(asked, "reauthenticate", {
            "csrfmiddlewaretoken": csrf_token(page), "password": PLAN["password"],
        }, catch_response=True) as response:
            self.expect_redirect(response)
        self.get(path, "export people csv")


class Manager(Person):
    fixed_count = len(PLAN["managers"])
    wait_time = between(5, 15)

    def on_start(self):
        super().on_start()
        self.email = self.next_account(managers)
        self.sign_in(self.email)

    @task
    def organisation(self):
        with self.get("/organisation/", "organisation", catch_response=True) as response:
            location = self.expect_redirect(response, "/organisation/")
        self.get(location, "organisation staff")
