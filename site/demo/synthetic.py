"""Synthetic training records for benchmarks and scale tests (`manage.py generate_training_data`).

N records are certificates plus in-person sessions (one session per fifty records), held by N/5
learners working at N/50 organisations, spread over six years up to today. The mix has what real
data has: renewals of the same course, a second course, revoked and reissued certificates,
deleted accounts, learners whose employer is not in the directory, learners who changed employer
(their earlier certificates name the old one) and organisations without a headcount. Nothing is
rendered or emailed.

Rows go to the database in batches of plain tuples through the cursor (COPY on PostgreSQL,
executemany elsewhere): building a model instance per row, as bulk_create does, managed about
2,000 rows a second, which is ten minutes for the 1,000,000-record benchmark. Columns this module
does not set get their model defaults, so a field added later with a default needs no change here.
"""

import datetime
import random
import time

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from redflag.accounts.models import LearnerProfile
from redflag.lib.dates import add_months
from redflag.lib.progress import Progress

from certificates import codes
from certificates.models import Certificate
from courses import locales
from courses.models import DEFAULT_VALIDITY_MONTHS, CoursePage, StakeholderGroup
from outreach import regions, training_log
from outreach.models import (
    InPersonSession,
    Organisation,
    OutcomeReport,
    TrainingRecord,
    new_invite_code,
)
from outreach.services import outcomes
from outreach.services.outcomes import months_between

STATES = ["CA", "MN", "NJ", "TX", "NV"]
YEARS = 6
MOVED_SHARE = 0.04  # learners who changed employer during the six years
ORGANISATION_WORDS = {
    "hotel": ["Inn", "Hotel", "Suites", "Lodge", "Motel", "Resort"],
    "utility": ["Water District", "Power", "Gas & Electric", "Utility Services", "Energy Co-op"],
    "health": ["Medical Center", "Community Hospital", "Health Clinic", "Urgent Care"],
    "school": ["Unified School District", "School District", "Elementary District",
               "High School District"],
}
PLACE_WORDS = ["Harbor", "Valley", "Summit", "Lakeside", "Pine", "Riverside", "Oak", "Canyon",
               "Bayview", "Meadow", "Granite", "Sunset", "Cedar", "Mission", "Prairie", "Coastal"]
FIRST_NAMES = ["Maria", "James", "Ana", "David", "Linh", "Fatima", "Carlos", "Grace", "Omar",
               "Keisha", "Tom", "Priya", "Jose", "Emily", "Hao", "Rosa", "Samuel", "Aisha"]
LAST_NAMES = ["Lopez", "Smith", "Nguyen", "Johnson", "Garcia", "Kim", "Patel", "Brown", "Martinez",
              "Davis", "Hernandez", "Wilson", "Lee", "Anderson", "Rivera", "Clark"]
JOB_ROLES = {
    "hotel": ["Housekeeper", "Front desk agent", "Night auditor", "Bellhop", "Maintenance"],
    "utility": ["Meter reader", "Field technician", "Line worker", "Customer service"],
    "health": ["ER nurse", "Physician", "Medical assistant", "Social worker", "Registrar"],
    "school": ["Teacher", "Counsellor", "Bus driver", "School nurse", "Administrator"],
}


def _kind(group: StakeholderGroup) -> str:
    slug = group.slug
    for kind in ORGANISATION_WORDS:
        if kind in slug:
            return kind
    if "health" in slug or "hospital" in slug or "medical" in slug:
        return "health"
    return "hotel"


class _Writer:
    """Inserts rows of one model from dicts of attribute values, in the model's column order."""

    def __init__(self, model):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        now = timezone.now()
        self.defaults = {}
        for field in self.fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.defaults[field.attname] = now
            elif field.has_default() and not callable(field.default):
                self.defaults[field.attname] = field.get_default()
            elif field.null:
                self.defaults[field.attname] = None
            else:
                self.defaults[field.attname] = field.get_default()
        ops = connection.ops
        self.adapters = {}
        for field in self.fields:
            kind = field.get_internal_type()
            if kind == "DateTimeField":
                self.adapters[field.attname] = ops.adapt_datetimefield_value
            elif kind == "DateField":
                self.adapters[field.attname] = ops.adapt_datefield_value
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        self.copy_sql = f"COPY {table} ({columns}) FROM STDIN"
        self.insert_sql = (f"INSERT INTO {table} ({columns}) VALUES "
                           f"({', '.join(['%s'] * len(self.fields))})")

    def write(self, rows: list[dict]):
        tuples = []
        defaults, adapters = self.defaults, self.adapters
        for row in rows:
            values = []
            for field in self.fields:
                name = field.attname
                value = row[name] if name in row else defaults[name]
                adapter = adapters.get(name)
                if adapter is not None and value is not None:
                    value = adapter(value)
                values.append(value)
            tuples.append(values)
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for values in tuples:
                        copy.write_row(values)
            else:
                cursor.executemany(self.insert_sql, tuples)


def generate(records: int, *, seed: int = 1, today: datetime.date | None = None,
             batch_size: int = 10000, progress_stream=None, learners: int | None = None,
             organisations: int | None = None, outcomes: int = 0) -> dict:
    """Write `records` training records and the learners and organisations behind them, and
    `outcomes` outcome reports by those learners (see generate_outcomes)."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    groups = list(StakeholderGroup.objects.order_by("pk"))
    if not groups:
        raise ValueError("No stakeholder groups: run the migrations first.")
    sessions = records // 50
    certificates = records - sessions
    learners = learners or max(1, records // 5)
    organisations = organisations or max(1, records // 50)
    run = f"{seed}-{int(time.time() * 1000) % 10**9}"
    bar = Progress(organisations + 2 * learners + records, progress_stream)

    courses_by_group = {group.pk: [] for group in groups}
    # Each certificate expires after its course's jurisdiction's validity, as issuing sets it.
    for course in (locales.in_default_locale(CoursePage.objects.live())
                   .select_related("jurisdiction").prefetch_related("audience")):
        for group in course.audience.all():
            courses_by_group.setdefault(group.pk, []).append(
                (course.pk, course.title, course.jurisdiction.validity_months))
    counties = {state: regions.counties_in(state)[:12] for state in STATES}

    # Organisations
    writer = _Writer(Organisation)
    batch = []
    for number in range(organisations):
        group = groups[number % len(groups)]
        state = rng.choice(STATES)
        batch.append({
            "name": f"{rng.choice(PLACE_WORDS)} {rng.choice(ORGANISATION_WORDS[_kind(group)])} "
                    f"{run}-{number}",
            "group_id": group.pk, "state": state, "county": rng.choice(counties[state]),
            "address": "", "headcount": None if rng.random() < 0.15 else rng.randint(10, 400),
            "invite_code": new_invite_code(),
        })
        if len(batch) == batch_size or number == organisations - 1:
            writer.write(batch)
            bar.update(len(batch), "organisations")
            batch = []
    orgs_by_group = {group.pk: [] for group in groups}
    for pk, group_id, state, county, name in Organisation.objects.filter(
            name__contains=f" {run}-").values_list("pk", "group_id", "state", "county", "name"):
        orgs_by_group[group_id].append((pk, state, county, name))
    for group_orgs in orgs_by_group.values():
        group_orgs.sort()

    first_day = today - datetime.timedelta(days=365 * YEARS)
    span = (today - first_day).days

    # Learners and their profiles
    User = get_user_model()
    writer = _Writer(User)
    prefix = f"learner-{run}-"
    batch = []
    for number in range(learners):
        email = f"{prefix}{number}@synthetic.invalid"
        batch.append({"username": email, "email": email, "password": "!synthetic",
                      "first_name": rng.choice(FIRST_NAMES), "last_name": rng.choice(LAST_NAMES),
                      "is_active": True, "is_staff": False, "is_superuser": False,
                      "date_joined": timezone.now()})
        if len(batch) == batch_size or number == learners - 1:
            writer.write(batch)
            bar.update(len(batch), "learners")
            batch = []
    users = sorted(
        (int(username[len(prefix):].split("@")[0]), pk, first, last)
        for username, pk, first, last in User.objects.filter(username__startswith=prefix)
        .values_list("username", "pk", "first_name", "last_name"))
    writer = _Writer(LearnerProfile)
    learner_rows = []
    for number, user_id, first, last in users:
        group = rng.choice(groups)
        group_orgs = orgs_by_group[group.pk]
        organisation = rng.choice(group_orgs) if group_orgs and rng.random() < 0.9 else None
        if organisation:
            organisation_id, state, county, employer = organisation
        else:
            organisation_id, state = None, rng.choice(STATES)
            county, employer = rng.choice(counties[state]), f"{rng.choice(PLACE_WORDS)} Staffing"
        role = rng.choice(JOB_ROLES[_kind(group)])
        name = f"{first} {last}"
        batch.append({"user_id": user_id, "certificate_name": name, "group_id": group.pk,
                      "employer": employer, "job_role": role, "state": state, "county": county,
                      "zip_code": "", "language": "en", "organisation_id": organisation_id})
        # A few learners changed employer: their certificates before the move name the old one.
        previous = None
        if rng.random() < MOVED_SHARE:
            before = rng.choice(group_orgs) if group_orgs else None
            if before and before[0] != organisation_id:
                moved_on = first_day + datetime.timedelta(days=rng.randrange(span + 1))
                previous = (moved_on, *before)
        learner_rows.append((user_id, name, group, organisation_id, state, county, employer, role,
                             previous))
        if len(batch) == batch_size or number == users[-1][0]:
            writer.write(batch)
            bar.update(len(batch), "profiles")
            batch = []

    # Certificates: most learners renew the course of their group; some take a second course.
    # Each learner's certificates are made together, in issue order (ids follow issue dates as
    # they do when certificates are issued one by one).
    writer = _Writer(Certificate)
    reissues = []  # (code of the original, code of its corrected copy)
    per_learner = [0] * len(learner_rows)
    for _ in range(certificates):
        per_learner[rng.randrange(len(learner_rows))] += 1
    batch, originals = [], 0
    for learner, count in zip(learner_rows, per_learner, strict=True):
        user_id, name, group, home_id, home_state, home_county, home_employer, role, previous = (
            learner)
        own = []
        for _ in range(count):
            organisation_id, state, county, employer = (home_id, home_state, home_county,
                                                        home_employer)
            course_group = group if rng.random() < 0.85 else rng.choice(groups)
            choices = courses_by_group.get(course_group.pk)
            course_id, course_title, validity_months = rng.choice(choices) if choices else (
                None, f"Red flags: {course_group.name}", DEFAULT_VALIDITY_MONTHS)
            issued_on = first_day + datetime.timedelta(days=rng.randrange(span + 1))
            if previous and issued_on < previous[0]:
                _moved_on, organisation_id, state, county, employer = previous
            passed_at = timezone.make_aware(datetime.datetime.combine(
                issued_on, datetime.time(9 + rng.randrange(9), rng.randrange(60))))
            roll = rng.random()
            revoked = roll < 0.02
            row = {
                "user_id": None if rng.random() < 0.005 else user_id,
                "course_id": course_id, "learner_name": name, "course_title": course_title,
                "group_id": group.pk, "group_name": group.name,
                "organisation_id": organisation_id, "organisation_name": employer,
                "job_role": role, "state": state, "county": county, "zip_code": "",
                "score_percent": rng.randint(80, 100), "passed_at": passed_at,
                "issued_on": issued_on, "expires_on": add_months(issued_on, validity_months),
                "code": codes.new_code(),
                "revoked_at": passed_at + datetime.timedelta(days=30) if revoked else None,
                "revoked_reason": "Synthetic: revoked" if revoked else "",
            }
            own.append(row)
            if not revoked and row["user_id"] and roll > 0.99:
                # A name correction: the original is replaced by a copy with the same dates.
                copy = {**row, "learner_name": name + " (corrected)", "code": codes.new_code()}
                row["revoked_at"] = passed_at + datetime.timedelta(days=7)
                row["revoked_reason"] = "Synthetic: name corrected"
                own.append(copy)
                reissues.append((row["code"], copy["code"]))
        own.sort(key=lambda row: row["issued_on"])  # stable: a copy stays after its original
        batch.extend(own)
        originals += count
        if len(batch) >= batch_size:
            writer.write(batch)
            bar.update(originals, "certificates")
            batch, originals = [], 0
    if batch:
        writer.write(batch)
        bar.update(originals, "certificates")
    for start in range(0, len(reissues), 500):
        chunk = reissues[start:start + 500]
        ids = dict(Certificate.objects.filter(
            code__in=[code for pair in chunk for code in pair[:2]]).values_list("code", "pk"))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {Certificate._meta.db_table} SET replaced_by_id = %s WHERE id = %s",
                [(ids[copy], ids[original]) for original, copy in chunk])

    # In-person sessions
    writer = _Writer(InPersonSession)
    batch = []
    for number in range(sessions):
        group = rng.choice(groups)
        group_orgs = orgs_by_group[group.pk]
        organisation = rng.choice(group_orgs) if group_orgs and rng.random() < 0.7 else None
        if organisation:
            organisation_id, state, county, place = organisation
        else:
            organisation_id, state = None, rng.choice(STATES)
            county, place = rng.choice(counties[state]), f"{rng.choice(PLACE_WORDS)} Library"
        batch.append({"date": first_day + datetime.timedelta(days=rng.randrange(span + 1)),
                      "place": place, "group_id": group.pk, "organisation_id": organisation_id,
                      "state": state, "county": county, "attendees": rng.randint(5, 60),
                      "roster": "", "notes": ""})
        if len(batch) == batch_size or number == sessions - 1:
            writer.write(batch)
            bar.update(len(batch), "in-person sessions")
            batch = []
    bar.close()
    # Written without the certificate services, so the training log is recounted here, once.
    training_log.rebuild(progress_stream=progress_stream)
    if outcomes:
        generate_outcomes(outcomes, seed=seed, today=today, batch_size=batch_size)
    return {
        "organisations": organisations,
        "learners": learners,
        "certificates": certificates + len(reissues),
        "reissued": len(reissues),
        "sessions": sessions,
        "outcomes": outcomes,
    }


def generate_outcomes(count: int, *, seed: int = 1, today: datetime.date | None = None,
                      batch_size: int = 10000) -> int:
    """Write `count` outcome reports by learners of the training log, each after their latest
    certificate (so it is the one the report follows), on a channel drawn with the hotline and
    supervisors most common. Reads the latest records only (a sixth of the log)."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    latest = list(TrainingRecord.objects.filter(next_on__isnull=True, user__isnull=False)
                  .values_list("user_id", "group_id", "organisation_id", "state", "county",
                               "issued_on"))
    if not latest:
        return 0
    channels = [OutcomeReport.Channel.HOTLINE] * 4 + [OutcomeReport.Channel.SUPERVISOR] * 3 + [
        OutcomeReport.Channel.POLICE] * 2 + [OutcomeReport.Channel.TASK_FORCE,
                                             OutcomeReport.Channel.CHILD_PROTECTIVE_SERVICES]
    writer = _Writer(OutcomeReport)
    batch = []
    for number in range(count):
        user_id, group_id, organisation_id, state, county, issued_on = rng.choice(latest)
        reported_on = issued_on + datetime.timedelta(
            days=rng.randrange((today - issued_on).days + 1))
        batch.append({"user_id": user_id, "recorded_by_id": user_id, "reported_on": reported_on,
                      "channel": str(rng.choice(channels)), "group_id": group_id,
                      "organisation_id": organisation_id, "state": state, "county": county,
                      "months_since_training": months_between(issued_on, reported_on)})
        if len(batch) == batch_size or number == count - 1:
            writer.write(batch)
            batch = []
    outcomes.recount_months()
    return count
