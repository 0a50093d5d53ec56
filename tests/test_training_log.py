"""The training log (outreach.training_log): after any change to certificates its records equal
what a plain reading of the definitions gives, computed here in Python, and a recount finds any
drift."""

import datetime
import io
import random
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from redflag.accounts.models import LearnerProfile

from certificates import codes
from certificates.models import Certificate
from certificates.services import issuing
from courses.models import StakeholderGroup
from outreach.models import Organisation, TrainingMonth, TrainingRecord
from outreach.services import coverage, membership
from tests.conftest import certificates_written, make_course, make_user

TODAY = datetime.date(2026, 6, 15)


def expected_records() -> dict:
    """Counted certificate id -> (previous_on, previous_in_group_on, next_on, next_in_group_on,
    moved, renewed), from the rules."""
    certificates = list(Certificate.objects.values(
        "id", "user_id", "course_id", "group_id", "organisation_id", "state", "county",
        "issued_on", "passed_at", "revoked_at", "replaced_by_id"))
    counted = [c for c in certificates if c["revoked_at"] is None and c["replaced_by_id"] is None]
    expected = {c["id"]: (None, None, None, None, False, False) for c in counted}
    by_user = {}
    for c in counted:
        if c["user_id"]:
            by_user.setdefault(c["user_id"], []).append(c)
    for own in by_user.values():
        own.sort(key=lambda c: (c["issued_on"], c["id"]))
        places = {(c["organisation_id"], c["state"], c["county"]) for c in own}
        for index, c in enumerate(own):
            earlier, later = own[:index], own[index + 1:]
            in_group = [e for e in earlier if e["group_id"] == c["group_id"]]
            later_in_group = [e for e in later if e["group_id"] == c["group_id"]]
            renewed = c["course_id"] is not None and any(
                o["course_id"] == c["course_id"] and o["passed_at"] > c["passed_at"] for o in own)
            expected[c["id"]] = (earlier[-1]["issued_on"] if earlier else None,
                                 in_group[-1]["issued_on"] if in_group else None,
                                 later[0]["issued_on"] if later else None,
                                 later_in_group[0]["issued_on"] if later_in_group else None,
                                 len(places) > 1, renewed)
    return expected


def stored_records() -> dict:
    return {pk: tuple(rest) for pk, *rest in TrainingRecord.objects.values_list(
        "certificate_id", "previous_on", "previous_in_group_on", "next_on", "next_in_group_on",
        "moved", "renewed")}


def issue(user, course, organisation, issued_on, *, group=None, county=None, **extra):
    group = group or organisation.group
    employer = extra.pop("employer", "") or "Other"
    passed_at = timezone.make_aware(datetime.datetime.combine(issued_on, datetime.time(12)))
    with transaction.atomic():
        certificate = Certificate.objects.create(
            user=user, course=course, learner_name=str(user),
            course_title=course.title if course else "Archived course", group=group,
            group_name=group.name, organisation=organisation,
            organisation_name=organisation.name if organisation else employer,
            state="CA", county=county or (organisation.county if organisation else "Alameda"),
            score_percent=90, passed_at=passed_at, issued_on=issued_on,
            expires_on=issued_on + datetime.timedelta(days=730), code=codes.new_code(), **extra)
        certificates_written(certificate)
    return certificate


@pytest.fixture
def school_group(db):
    return StakeholderGroup.objects.exclude(slug="hotel-lodging").order_by("sort_order").first()


@pytest.fixture
def places(hotel_group, school_group):
    return [
        Organisation.objects.create(name="Harbor View Hotel", group=hotel_group, state="CA",
                                    county="Alameda", headcount=30),
        Organisation.objects.create(name="Bayview Suites", group=hotel_group, state="CA",
                                    county="Contra Costa", headcount=12),
        Organisation.objects.create(name="Oakland Unified", group=school_group, state="CA",
                                    county="Alameda"),
    ]


def test_the_records_follow_every_change_to_the_certificates(course, course_index, places,
                                                             coordinator, hotel_group,
                                                             school_group):
    rng = random.Random(5)
    other_course = make_course(course_index, school_group, slug="school-course", lessons=1)
    learners = [make_user(f"log-{n}@example.org", profile_group=hotel_group) for n in range(4)]
    start = datetime.date(2024, 1, 1)
    for step in range(70):
        live = list(Certificate.objects.filter(revoked_at__isnull=True))
        action = rng.choice(["issue"] * 4 + ["revoke", "reissue", "match", "delete_certificate",
                                             "delete_account", "store_pdf"])
        if action == "issue" or not live:
            learner = rng.choice(learners)
            chosen_course = rng.choice([course, other_course, None])
            organisation = rng.choice([*places, None])
            # Without an organisation: typed "Bayview Suites", which a coordinator matches later.
            issue(learner, chosen_course, organisation,
                  start + datetime.timedelta(days=rng.randrange(900)),
                  group=rng.choice([hotel_group, school_group]),
                  employer="Bayview Suites" if organisation is None else "",
                  county="Contra Costa" if organisation is None else None)
        elif action == "revoke":
            issuing.revoke_certificate(rng.choice(live), by=coordinator,
                                                    reason="Issued in error")
        elif action == "reissue":
            issuing.reissue_certificate(rng.choice(live), by=coordinator,
                                                     learner_name="Corrected", reason="Typo")
        elif action == "match":
            membership.match_employer("Bayview Suites", "CA", places[1], by=coordinator)
        elif action == "delete_certificate":
            rng.choice(live).delete()
        elif action == "delete_account" and step % 3 == 0:
            victim = rng.choice(learners)
            learners.remove(victim)
            victim.delete()
            learners.append(make_user(f"log-new-{step}@example.org", profile_group=hotel_group))
        elif action == "store_pdf":
            certificate = rng.choice(live)
            certificate.render_failures += 1
            certificate.save(update_fields=["render_failures"])
        assert stored_records() == expected_records(), f"after step {step}: {action}"
        assert stored_months() == expected_months(), f"after step {step}: {action}"
        assert training_log_drift() == 0
    assert TrainingRecord.objects.filter(moved=True).exists()
    assert TrainingRecord.objects.filter(renewed=True).exists()
    assert Certificate.objects.filter(user__isnull=True).exists()  # an account was deleted


def test_a_learner_who_moved_counts_once_in_total_and_once_at_each_place(course, places,
                                                                         hotel_group):
    harbor, bayview, _school = places
    learner = make_user("mover@example.org", profile_group=hotel_group)
    issue(learner, course, harbor, datetime.date(2025, 2, 10))
    issue(learner, course, harbor, datetime.date(2025, 2, 20))  # a retake in the same month
    issue(learner, course, bayview, datetime.date(2026, 1, 5))  # after changing employer
    stayed = make_user("stayed@example.org", profile_group=hotel_group)
    issue(stayed, course, harbor, datetime.date(2024, 3, 1))  # before the period
    issue(stayed, course, harbor, datetime.date(2026, 1, 7))
    assert set(TrainingRecord.objects.values_list("moved", flat=True)) == {True, False}

    f = coverage.CoverageFilter(date_from=datetime.date(2025, 1, 1), date_to=TODAY, today=TODAY)
    figures = coverage.Coverage(f)
    row = next(row for row in figures.groups if row.group == hotel_group)
    assert (row.people_online, figures.groups[-1].people_online) == (2, 2)
    people_at = {row["name"]: row["people_online"] for row in coverage.organisation_table(f)}
    assert people_at == {"Harbor View Hotel": 2, "Bayview Suites": 1, "Oakland Unified": 0}
    by_county = {row.county: row.people_online for row in figures.counties}
    assert by_county == {"Alameda": 2, "Contra Costa": 1}
    by_month = {row.month: row.people_online for row in figures.months if row.people_online}
    assert by_month == {datetime.date(2025, 2, 1): 1, datetime.date(2026, 1, 1): 2}
    # A period starting mid-month counts the retake, the first certificate in it.
    f = f.replace(date_from=datetime.date(2025, 2, 15), date_to=datetime.date(2025, 2, 28))
    assert coverage.Coverage(f).groups[-1].people_online == 1
    assert coverage.Coverage(f).months[0].people_online == 1


def test_matching_an_employer_makes_a_learner_one_place_again(course, places, hotel_group,
                                                                coordinator):
    bayview = places[1]
    learner = make_user("typed@example.org", profile_group=hotel_group)
    issue(learner, course, bayview, datetime.date(2025, 3, 1))
    issue(learner, course, None, datetime.date(2026, 3, 1), group=hotel_group,
          employer="Bayview Suites", county="Contra Costa")
    assert set(TrainingRecord.objects.values_list("moved", flat=True)) == {True}
    membership.match_employer("Bayview Suites", "CA", bayview, by=coordinator)
    assert set(TrainingRecord.objects.values_list("moved", flat=True)) == {False}
    assert stored_records() == expected_records()


def test_a_deleted_account_leaves_one_person_per_certificate(course, places, hotel_group):
    harbor = places[0]
    learner = make_user("leaving@example.org", profile_group=hotel_group)
    issue(learner, course, harbor, datetime.date(2025, 3, 1))
    issue(learner, course, harbor, datetime.date(2026, 3, 1))
    f = coverage.CoverageFilter(date_from=datetime.date(2025, 1, 1), date_to=TODAY, today=TODAY)
    assert coverage.Coverage(f).groups[-1].people_online == 1
    learner.delete()
    assert stored_records() == expected_records()
    assert coverage.Coverage(f).groups[-1].people_online == 2


def test_deleting_a_course_or_an_organisation_recomputes_its_learners(course, places,
                                                                      hotel_group):
    harbor, bayview, _school = places
    learner = make_user("renewer@example.org", profile_group=hotel_group)
    issue(learner, course, harbor, datetime.date(2024, 3, 1))
    issue(learner, course, bayview, datetime.date(2026, 3, 1))
    other = make_user("typed-only@example.org", profile_group=hotel_group)
    issue(other, course, None, datetime.date(2025, 3, 1), group=hotel_group,
          county="Contra Costa")
    issue(other, course, bayview, datetime.date(2025, 9, 1))
    assert TrainingRecord.objects.filter(renewed=True).count() == 2
    course.delete()  # the certificates keep their snapshot but lose the course: no renewals
    assert stored_records() == expected_records()
    assert not TrainingRecord.objects.filter(renewed=True).exists()
    bayview.delete()  # its certificates name no organisation now: `other` is one place again
    assert stored_records() == expected_records()
    assert list(TrainingRecord.objects.filter(user=other).values_list("moved", flat=True)) \
        == [False, False]


def test_the_check_finds_certificates_changed_outside_redflag_and_the_command_repairs_them(
        course, places, hotel_group):
    learner = make_user("edited@example.org", profile_group=hotel_group)
    issue(learner, course, places[0], datetime.date(2025, 3, 1))
    issue(learner, course, places[0], datetime.date(2026, 3, 1))
    out = io.StringIO()
    call_command("refresh_training_log", "--check", stdout=out)
    assert "matches a recount" in out.getvalue()
    # An UPDATE in SQL moves one certificate to another county, and one is revoked: no signal.
    Certificate.objects.filter(issued_on=datetime.date(2026, 3, 1)).update(county="Contra Costa")
    assert stored_records() != expected_records()
    with pytest.raises(CommandError, match="differs from a recount in 4 rows"):
        call_command("refresh_training_log", "--check")
    out = io.StringIO()
    call_command("refresh_training_log", "--no-progress", stdout=out)
    assert "1 learners" in out.getvalue()
    assert stored_records() == expected_records()
    call_command("refresh_training_log", "--check", stdout=io.StringIO())


def expected_months() -> dict:
    """(month, group, state, county) -> (people, people_in_group, latest, latest_in_group) from
    the rules: the learners who stayed at one place, each once per month in all and once per month
    in each group, and each once on their latest certificate in all and in each group."""
    certificates = [c for c in Certificate.objects.values(
        "id", "user_id", "group_id", "organisation_id", "state", "county", "issued_on",
        "revoked_at", "replaced_by_id") if c["revoked_at"] is None and c["replaced_by_id"] is None]
    places = {}
    for c in certificates:
        places.setdefault(c["user_id"], set()).add((c["organisation_id"], c["state"], c["county"]))
    first_in_month, first_in_group = set(), set()
    latest, latest_in_group = {}, {}
    months = {}
    for c in sorted(certificates, key=lambda c: (c["issued_on"], c["id"])):
        if c["user_id"] is not None and len(places[c["user_id"]]) > 1:
            continue
        month = c["issued_on"].replace(day=1)
        person = c["user_id"] if c["user_id"] is not None else ("certificate", c["id"])
        key = (month, c["group_id"], c["state"], c["county"])
        people, in_group, _, _ = months.get(key, (0, 0, 0, 0))
        if (person, month) not in first_in_month:
            first_in_month.add((person, month))
            people += 1
        if (person, month, c["group_id"]) not in first_in_group:
            first_in_group.add((person, month, c["group_id"]))
            in_group += 1
        months[key] = (people, in_group, 0, 0)
        # In issue order, so the last one written is the latest.
        latest[person] = key
        latest_in_group[person, c["group_id"]] = key
    for key in latest.values():
        people, in_group, n, n_in_group = months[key]
        months[key] = (people, in_group, n + 1, n_in_group)
    for key in latest_in_group.values():
        people, in_group, n, n_in_group = months[key]
        months[key] = (people, in_group, n, n_in_group + 1)
    return months


def stored_months() -> dict:
    return {(month, group_id, state, county): tuple(counts)
            for month, group_id, state, county, *counts in
            TrainingMonth.objects.values_list("month", "group_id", "state", "county", "people",
                                              "people_in_group", "latest", "latest_in_group")}


def test_the_months_table_follows_issue_revoke_reissue_and_delete(course, places, hotel_group,
                                                                  school_group, coordinator):
    harbor, bayview, school = places
    learner = make_user("monthly@example.org", profile_group=hotel_group)
    first = issue(learner, course, harbor, datetime.date(2025, 3, 3))
    issue(learner, course, harbor, datetime.date(2025, 3, 20))  # the same month: one person
    issue(learner, course, harbor, datetime.date(2025, 3, 25), group=school_group)
    other = make_user("monthly-too@example.org", profile_group=hotel_group)
    later = issue(other, course, bayview, datetime.date(2025, 4, 2))
    assert stored_months() == expected_months()
    assert stored_months()[datetime.date(2025, 3, 1), hotel_group.pk, "CA", "Alameda"] == (
        1, 1, 0, 1)
    issuing.revoke_certificate(first, by=coordinator, reason="Issued in error")
    assert stored_months() == expected_months()
    issuing.reissue_certificate(later, by=coordinator, learner_name="Corrected", reason="Typo")
    assert stored_months() == expected_months()
    Certificate.objects.get(user=other, revoked_at__isnull=True).delete()
    assert stored_months() == expected_months()
    assert not any(key[0] == datetime.date(2025, 4, 1) for key in stored_months())
    issue(learner, course, school, datetime.date(2025, 5, 1))  # moved: out of the table
    assert stored_months() == expected_months()
    assert training_log_drift() == 0


def test_the_check_finds_a_tampered_months_table_and_the_command_repairs_it(course, places,
                                                                            hotel_group):
    learner = make_user("tampered@example.org", profile_group=hotel_group)
    issue(learner, course, places[0], datetime.date(2025, 3, 1))
    issue(learner, course, places[0], datetime.date(2026, 3, 1))
    TrainingMonth.objects.filter(month=datetime.date(2025, 3, 1)).update(people=5)
    with pytest.raises(CommandError, match="differs from a recount in 2 rows"):
        call_command("refresh_training_log", "--check")
    TrainingMonth.objects.filter(month=datetime.date(2026, 3, 1)).delete()
    with pytest.raises(CommandError, match="differs from a recount in 3 rows"):
        call_command("refresh_training_log", "--check")
    call_command("refresh_training_log", "--no-progress", stdout=io.StringIO())
    assert stored_months() == expected_months()
    call_command("refresh_training_log", "--check", stdout=io.StringIO())


def test_the_upgrades_fill_the_forward_links_and_the_months_of_existing_records(
    course, places, hotel_group, school_group
):
    import importlib
    from types import SimpleNamespace

    fills = [importlib.import_module(f"outreach.migrations.{name}").fill for name in (
        "0007_fill_training_links_and_months", "0008_training_month_latest")]
    learner = make_user("upgraded@example.org", profile_group=hotel_group)
    issue(learner, course, places[0], datetime.date(2025, 3, 3))
    issue(learner, course, places[0], datetime.date(2025, 3, 20), group=school_group)
    issue(learner, course, places[0], datetime.date(2026, 1, 5))
    other = make_user("upgraded-too@example.org", profile_group=hotel_group)
    issue(other, course, places[1], datetime.date(2025, 4, 2))
    issue(other, course, places[2], datetime.date(2025, 6, 2))  # moved: out of the months
    # A site as it stood before the columns and the table: nothing filled in.
    TrainingRecord.objects.update(next_on=None, next_in_group_on=None)
    TrainingMonth.objects.all().delete()
    assert training_log_drift() > 0
    # What the migration uses of its schema editor (a real one cannot open inside a test's
    # transaction on SQLite).
    for fill in fills:
        fill(None, SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name))
    assert training_log_drift() == 0
    assert stored_months() == expected_months()


def test_the_dashboard_reads_only_the_training_log(course, places, hotel_group):
    """Coverage never reads the certificates table: a certificate written behind the log's back
    is not counted until the log is told (or repaired)."""
    learner = make_user("unseen@example.org", profile_group=hotel_group)
    f = coverage.CoverageFilter(date_from=datetime.date(2025, 1, 1), date_to=TODAY, today=TODAY)
    certificate = Certificate.objects.create(
        user=learner, course=course, learner_name="Unseen", course_title=course.title,
        group=hotel_group, group_name=hotel_group.name, organisation=places[0],
        organisation_name=places[0].name, state="CA", county="Alameda", score_percent=90,
        passed_at=timezone.make_aware(datetime.datetime(2026, 3, 1, 12)),
        issued_on=datetime.date(2026, 3, 1), expires_on=datetime.date(2028, 3, 1),
        code=codes.new_code())
    assert coverage.Coverage(f).groups[-1].people_online == 0
    certificates_written(certificate)
    assert coverage.Coverage(f).groups[-1].people_online == 1


def training_log_drift() -> int:
    from outreach import training_log

    return training_log.drift()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_certificates_issued_at_the_same_moment_for_one_learner_are_linked(course, hotel_group):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("needs PostgreSQL, or SQLite with a file test database")
    harbor = Organisation.objects.create(name="Harbor View Hotel", group=hotel_group, state="CA",
                                         county="Alameda")
    learner = make_user("both-tabs@example.org", profile_group=hotel_group)
    LearnerProfile.objects.filter(user=learner).update(organisation=harbor)
    barrier = threading.Barrier(4)
    errors = []

    def work(day):
        try:
            barrier.wait()
            issue(learner, course, harbor, datetime.date(2025, 5, day))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(day,)) for day in (1, 2, 3, 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Certificate.objects.count() == 4
    assert stored_records() == expected_records()
    assert TrainingRecord.objects.filter(previous_on__isnull=True).count() == 1


def test_a_replaced_certificate_is_always_revoked(course, places, hotel_group):
    learner = make_user("replaced@example.org", profile_group=hotel_group)
    old = issue(learner, course, places[0], datetime.date(2025, 3, 1))
    new = issue(learner, course, places[0], datetime.date(2025, 3, 1))
    # Counting current training asks only "not revoked": a replaced one must be revoked as well.
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=old.pk).update(replaced_by=new)
