"""The people a load run needs, made in the stack's own database, and what they need to know.

Every account of a run has an address at LOAD_DOMAIN. Preparing deletes the previous run's accounts
(their attempts, certificates and PDFs with them) and makes them again, so running it twice leaves
the same accounts, none of them trained: learners with a verified address and a profile,
coordinators with an authenticator app, organisation managers each over one organisation of the
directory, and the addresses of the learners who sign up through the site instead. The plan it
writes (PLAN_FILE under the stack's var/ folder) is all locust reads: passwords, the authenticator
key, the courses' addresses and, for each question a quiz may draw, which choices are right.
"""

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STACK_ENV = REPO / "var" / "stack" / "stack.env"
LOAD_DOMAIN = "load.example.org"
PLAN_NAME = "load-plan.json"

# (name, county) of the organisations the managers look after; all in California.
ORGANISATIONS = [
    ("Load Harbor Hotel", "Alameda"),
    ("Load Valley Water", "Santa Clara"),
    ("Load General Hospital", "San Francisco"),
    ("Load Unified School District", "San Mateo"),
    ("Load Bayside Inn", "Contra Costa"),
]
COUNTIES = [county for _name, county in ORGANISATIONS]
# One learner in FAILING_EVERY answers every question wrong; the others answer right.
FAILING_EVERY = 7
# One learner in MEMBER_EVERY is on an organisation's staff, so managers have people to see.
MEMBER_EVERY = 3


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines, as `make stack` writes them; blank lines and # comments skipped."""
    values = {}
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _sep, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def setup_django(env_file: Path = STACK_ENV) -> dict[str, str]:
    """Django configured exactly as the stack's processes are: their environment, their database."""
    env = read_env_file(env_file)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redflag.settings")
    import django

    django.setup()
    return env


def plan_path(env: dict[str, str]) -> Path:
    """Next to the stack's email folder: var/stack/ for `make stack`."""
    mail = env.get("EMAIL_FILE_PATH")
    folder = Path(mail).parent if mail else REPO / "var" / "stack"
    return folder / PLAN_NAME


@dataclass(frozen=True)
class Counts:
    learners: int = 200
    signups: int = 20  # of the learners, those who sign up through the site
    coordinators: int = 5
    managers: int = 5


def new_secret() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode()


def answer_key(quiz) -> dict[str, dict]:
    """For each question of the quiz's published revision, by its form field name: the choice ids
    that answer it right and a choice id list that answers it wrong. Attempts copy these ids from
    the same revision (quizzes.services.snapshot_questions), whatever order they show them in."""
    from quizzes.services import FIELD_PREFIX, snapshot_questions

    key = {}
    for question in snapshot_questions(quiz.live_revision.as_object()):
        right = [c["id"] for c in question["choices"] if c["correct"]]
        wrong = [c["id"] for c in question["choices"] if not c["correct"]][:1] or right[:-1]
        key[FIELD_PREFIX + question["id"]] = {"right": right, "wrong": wrong}
    return key


def courses_with_quizzes() -> list[dict]:
    from courses.models import CoursePage, LessonPage
    from quizzes.models import QuizPage

    found = []
    for course in CoursePage.objects.live().order_by("path"):
        quiz = QuizPage.objects.live().child_of(course).select_related("live_revision").first()
        group = course.audience.order_by("pk").first()
        if quiz is None or quiz.live_revision is None or group is None:
            continue
        lessons = LessonPage.objects.live().child_of(course).order_by("path")
        found.append({
            "title": course.title,
            "url": course.get_url(),
            "lessons": [lesson.get_url() for lesson in lessons],
            "quiz_url": quiz.get_url(),
            "quiz_id": quiz.pk,
            "group_id": group.pk,
            "answers": answer_key(quiz),
        })
    return found


def forget_previous_run() -> int:
    """Delete the accounts of earlier runs, with their training. Certificates are deleted one by
    one through the ORM, which tells the training log (certificates.signals), and their PDFs too."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from certificates.models import Certificate
    from quizzes.models import Attempt, CourseCompletion

    users = get_user_model().objects.filter(email__iendswith="@" + LOAD_DOMAIN)
    with transaction.atomic():
        for certificate in Certificate.objects.filter(user__in=users):
            if certificate.pdf:
                certificate.pdf.delete(save=False)
            certificate.delete()
        CourseCompletion.objects.filter(user__in=users).delete()
        Attempt.objects.filter(user__in=users).delete()
        deleted, _by_model = users.delete()
    return deleted


def organisations(groups: list[int]) -> list:
    from outreach.models import Organisation

    made = []
    for number, (name, county) in enumerate(ORGANISATIONS):
        organisation, _created = Organisation.objects.get_or_create(
            name=name, state="CA", county=county,
            defaults={"group_id": groups[number % len(groups)], "headcount": 40,
                      "address": f"{number + 1} Load Street"},
        )
        made.append(organisation)
    return made


def prepare(counts: Counts = Counts(), *, env: dict[str, str] | None = None) -> dict:
    """Make the run's accounts and write its plan; returns the plan."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import transaction
    from redflag.accounts.models import LearnerProfile

    from outreach.models import OrganisationManager

    env = env if env is not None else dict(os.environ)
    courses = courses_with_quizzes()
    if not courses:
        raise SystemExit("No live course with a live quiz: was `manage.py seed_demo` run?")
    forget_previous_run()

    run = secrets.token_hex(3)
    password = secrets.token_urlsafe(12)
    totp_secret = new_secret()
    # One hash for every account: hashing 200 passwords would cost a minute of CPU for nothing.
    password_hash = make_password(password)
    User = get_user_model()
    plan = {"password": password, "totp_secret": totp_secret, "courses": courses,
            "mail_folder": env.get("EMAIL_FILE_PATH", ""), "organisations": [],
            "learners": [], "coordinators": [], "managers": []}

    with transaction.atomic():
        places = organisations(sorted({course["group_id"] for course in courses}))
        plan["organisations"] = [organisation.pk for organisation in places]
        users, addresses, profiles = [], [], []

        def account(email, first, last):
            user = User(username=email, email=email, password=password_hash, first_name=first,
                        last_name=last)
            users.append(user)
            return user

        # Sign-ups spread evenly over the learners, so they are spread over the ramp-up too.
        signup_every = max(1, counts.learners // counts.signups) if counts.signups else 0
        for number in range(counts.learners):
            course = number % len(courses)
            signs_up = bool(signup_every) and number % signup_every == signup_every - 1 and (
                number // signup_every < counts.signups)
            organisation = places[(number // MEMBER_EVERY) % len(places)] if (
                number % MEMBER_EVERY == 0) else None
            # Sign-up addresses are new in every run: allauth sends one address at most one
            # verification code in three minutes, however often its account is deleted.
            email = (f"signup-{run}-{number:03d}@{LOAD_DOMAIN}" if signs_up
                     else f"learner-{number:03d}@{LOAD_DOMAIN}")
            profile = {
                "certificate_name": f"Load Learner {number:03d}",
                "group": courses[course]["group_id"],
                "employer": organisation.name if organisation else "",
                "job_role": "Housekeeper",
                "state": "CA",
                "county": COUNTIES[number % len(COUNTIES)],
                "zip_code": "",
                "language": "en",
            }
            plan["learners"].append({
                "email": email, "signup": signs_up, "course": course,
                "answers": "wrong" if number % FAILING_EVERY == FAILING_EVERY - 1 else "right",
                "profile": profile,
                "invite_code": organisation.invite_code if organisation else "",
            })
            if signs_up:
                continue
            user = account(email, "Load", f"Learner {number:03d}")
            fields = {name: value for name, value in profile.items() if name != "group"}
            profiles.append((user, {**fields, "group_id": profile["group"]}, organisation))

        for number in range(counts.coordinators):
            email = f"coordinator-{number}@{LOAD_DOMAIN}"
            account(email, "Load", f"Coordinator {number}")
            plan["coordinators"].append(email)
        for number in range(counts.managers):
            email = f"manager-{number}@{LOAD_DOMAIN}"
            account(email, "Load", f"Manager {number}")
            plan["managers"].append(email)

        User.objects.bulk_create(users)
        by_email = {user.email: user for user in User.objects.filter(
            email__in=[user.email for user in users])}
        addresses = [EmailAddress(user=user, email=email, verified=True, primary=True)
                     for email, user in by_email.items()]
        EmailAddress.objects.bulk_create(addresses)
        LearnerProfile.objects.bulk_create([
            LearnerProfile(user=by_email[user.email], organisation=organisation, **fields)
            for user, fields, organisation in profiles
        ])
        coordinators = Group.objects.get(name="Coordinators")
        for email in plan["coordinators"]:
            by_email[email].groups.add(coordinators)
            TOTP.activate(by_email[email], totp_secret)
        for number, email in enumerate(plan["managers"]):
            OrganisationManager.objects.create(user=by_email[email],
                                               organisation=places[number % len(places)])

    path = plan_path(env)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plan, indent=1))
    path.chmod(0o600)  # it holds the run's password and authenticator key
    plan["path"] = str(path)
    return plan


def main():
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env-file", type=Path, default=Path(os.environ.get(
        "LOAD_ENV_FILE", STACK_ENV)))
    parser.add_argument("--learners", type=int, default=int(os.environ.get("LOAD_LEARNERS", 200)))
    args = parser.parse_args()
    env = setup_django(args.env_file)
    plan = prepare(Counts(learners=args.learners, signups=max(1, args.learners // 10)), env=env)
    print(f"{len(plan['learners'])} learners, {len(plan['coordinators'])} coordinators and "
          f"{len(plan['managers'])} managers ready; plan in {plan['path']}")


if __name__ == "__main__":
    main()
