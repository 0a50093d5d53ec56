"""The training log's coverage columns (outreach.training_log): after any change to certificates
they equal what a plain reading of the definitions gives, computed here in Python."""

import datetime
import io
import random
import threading

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from redflag.accounts.models import LearnerProfile

from certificates import codes
from certificates.models import Certificate
from certificates.services import issuing
from courses.models import StakeholderGroup
from outreach.models import Organisation
from outreach.services import coverage, membership
from tests.conftest import make_course, make_user

TODAY = datetime.date(2026, 6, 15)


def expected_columns() -> dict:
    """Certificate id -> (previous_on, previous_in_group_on, moved, renewed), from the rules."""
    certificates = list(Certificate.objects.values(
        "id", "user_id", "course_id", "group_id", "organisation_id", "state", "county",
        "issued_on", "passed_at", "revoked_at", "replaced_by_id"))
    expected = {c["id"]: (None, None, False, False) for c in certificates}
    by_user = {}
    for c in certificates:
        if c["user_id"] and c["revoked_at"] is None and c["replaced_by_id"] is None:
            by_user.setdefault(c["user_id"], []).append(c)
    for own in by_user.values():
        own.sort(key=lambda c: (c["issued_on"], c["id"]))
        places = {(c["organisation_id"], c["state"], c["county"]) for c in own}
        for index, c in enumerate(own):
            earlier = own[:index]
            in_group = [e for e in earlier if e["group_id"] == c["group_id"]]
            renewed = c["course_id"] is not None and any(
                o["course_id"] == c["course_id"] and o["passed_at"] > c["passed_at"] for o in own)
            expected[c["id"]] = (earlier[-1]["issued_on"] if earlier else None,
                                 in_group[-1]["issued_on"] if in_group else None,
                                 len(places) > 1, renewed)
    return expected


def stored_columns() -> dict:
    return {pk: (previous_on, previous_in_group_on, moved, renewed)
            for pk, previous_on, previous_in_group_on, moved, renewed in
            Certificate.objects.values_list(
                "id", "coverage_previous_on", "coverage_previous_in_group_on", "coverage_moved",
                "coverage_renewed")}


def issue(user, course, organisation, issued_on, *, group=None, county=None, **extra):
    group = group or organisation.group
    employer = extra.pop("employer", "") or "Other"
    passed_at = timezone.make_aware(datetime.datetime.combine(issued_on, datetime.time(12)))
    return Certificate.objects.create(
        user=user, course=course, learner_name=str(user), course_title=course.title if course
        else "Archived course", group=group, group_name=group.name, organisation=organisation,
        organisation_name=organisation.name if organisation else employer,
        state="CA", county=county or (organisation.county if organisation else "Alameda"),
        score_percent=90, passed_at=passed_at, issued_on=issued_on,
        expires_on=issued_on + datetime.timedelta(days=730), code=codes.new_code(), **extra)


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


def test_the_columns_follow_every_change_to_the_training_log(course, course_index, places,
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
        assert stored_columns() == expected_columns(), f"after step {step}: {action}"
    assert Certificate.objects.filter(coverage_moved=True).exists()
    assert Certificate.objects.filter(coverage_renewed=True).exists()
    assert Certificate.objects.filter(user__isnull=True).exists()


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
    assert set(Certificate.objects.values_list("coverage_moved", flat=True)) == {True, False}

    f = coverage.CoverageFilter(date_from=datetime.date(2025, 1, 1), date_to=TODAY, today=TODAY)
    figures = coverage.Coverage(f)
    row = next(row for row in figures.groups if row.group == hotel_group)
    assert (row.people_online, figures.groups[-1].people_online) == (2, 2)
    people_at = {entry.name: entry.people_online for entry in figures.directory}
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
    assert set(Certificate.objects.values_list("coverage_moved", flat=True)) == {True}
    membership.match_employer("Bayview Suites", "CA", bayview, by=coordinator)
    assert set(Certificate.objects.values_list("coverage_moved", flat=True)) == {False}
    assert stored_columns() == expected_columns()


def test_a_deleted_account_leaves_one_person_per_certificate(course, places, hotel_group):
    harbor = places[0]
    learner = make_user("leaving@example.org", profile_group=hotel_group)
    issue(learner, course, harbor, datetime.date(2025, 3, 1))
    issue(learner, course, harbor, datetime.date(2026, 3, 1))
    f = coverage.CoverageFilter(date_from=datetime.date(2025, 1, 1), date_to=TODAY, today=TODAY)
    assert coverage.Coverage(f).groups[-1].people_online == 1
    learner.delete()
    assert stored_columns() == expected_columns()
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
    assert Certificate.objects.filter(coverage_renewed=True).count() == 2
    course.delete()  # the certificates keep their snapshot but lose the course: no renewals
    assert stored_columns() == expected_columns()
    assert not Certificate.objects.filter(coverage_renewed=True).exists()
    bayview.delete()  # its certificates name no organisation now: `other` is one place again
    assert stored_columns() == expected_columns()
    assert list(Certificate.objects.filter(user=other).values_list("coverage_moved", flat=True)) \
        == [False, False]


def test_the_command_repairs_columns_changed_outside_redflag(course, places, hotel_group):
    learner = make_user("edited@example.org", profile_group=hotel_group)
    issue(learner, course, places[0], datetime.date(2025, 3, 1))
    issue(learner, course, places[0], datetime.date(2026, 3, 1))
    # An UPDATE in SQL moves one certificate to another county: no signal runs.
    Certificate.objects.filter(issued_on=datetime.date(2026, 3, 1)).update(county="Contra Costa")
    assert stored_columns() != expected_columns()
    out = io.StringIO()
    call_command("refresh_training_log", "--no-progress", stdout=out)
    assert "1 learners" in out.getvalue()
    assert stored_columns() == expected_columns()


def test_a_save_that_changes_nothing_coverage_reads_runs_no_recount(course, places, hotel_group):
    learner = make_user("quiet@example.org", profile_group=hotel_group)
    certificate = issue(learner, course, places[0], datetime.date(2025, 3, 1))
    certificate.render_failures = 1
    with CaptureQueriesContext(connection) as queries:
        certificate.save(update_fields=["render_failures"])
    assert not [q for q in queries.captured_queries if "coverage_" in q["sql"]
                and q["sql"].lstrip().upper().startswith("UPDATE")]
    certificate.county = "Contra Costa"
    with CaptureQueriesContext(connection) as queries:
        certificate.save(update_fields=["county"])
    assert [q for q in queries.captured_queries if "coverage_previous_on = " in q["sql"]]


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
    assert stored_columns() == expected_columns()
    assert Certificate.objects.filter(coverage_previous_on__isnull=True).count() == 1


def test_a_replaced_certificate_is_always_revoked(course, places, hotel_group):
    learner = make_user("replaced@example.org", profile_group=hotel_group)
    old = issue(learner, course, places[0], datetime.date(2025, 3, 1))
    new = issue(learner, course, places[0], datetime.date(2025, 3, 1))
    # Counting current training asks only "not revoked": a replaced one must be revoked as well.
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=old.pk).update(replaced_by=new)
