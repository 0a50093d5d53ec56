"""Demo outreach for `seed_demo --demo-accounts`: a directory of Bay Area employers, some
training (online and in person) over the last two years, and a demo organisation manager for
the demo learner's hotel. Safe to run twice: everything is found before it is created."""

import datetime
import random

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from redflag.accounts.models import LearnerProfile
from redflag.demo.accounts import DEMO_PASSWORD

from certificates import codes
from certificates.models import Certificate
from certificates.services import issuing
from certificates.signals import send_changed
from courses import locales
from courses.models import CoursePage, StakeholderGroup
from outreach.models import (
    Campaign,
    CampaignTarget,
    InPersonSession,
    Organisation,
    OrganisationManager,
    OutcomeReport,
)
from outreach.services import campaigns, outcomes

MANAGER_EMAIL = "manager@example.org"
MANAGER_NAME = "Hana Okafor"
DEMO_HOTEL = "Harbor View Hotel"
DEMO_LEARNER = "learner@example.org"
STAFF_DOMAIN = "@staff.demo.example.org"  # demo staff cannot sign in: they have no password
DEMO_TRAINER = "trainer@example.org"
DEMO_CAMPAIGN = "Hotels and utilities not reached yet"

# name, group slug, county, headcount (None: unknown), address
DIRECTORY = [
    (DEMO_HOTEL, "hotel-lodging", "Alameda", 45, "1 Embarcadero West, Oakland"),
    ("Bayview Suites", "hotel-lodging", "Alameda", 30, "Oakland"),
    ("Lakeside Inn", "hotel-lodging", "Alameda", 18, "Oakland"),
    ("Airport Travel Lodge", "hotel-lodging", "San Mateo", 60, "Millbrae"),
    ("Union Square Grand", "hotel-lodging", "San Francisco", 240, "San Francisco"),
    ("Mission Motel", "hotel-lodging", "San Francisco", 12, "San Francisco"),
    ("Diablo Valley Motor Inn", "hotel-lodging", "Contra Costa", None, "Concord"),
    ("Silicon Valley Suites", "hotel-lodging", "Santa Clara", 85, "San Jose"),
    ("East Bay Municipal Water", "utility-workers", "Alameda", 400, "Oakland"),
    ("Peninsula Power & Light", "utility-workers", "San Mateo", 150, "San Mateo"),
    ("Contra Costa Gas Services", "utility-workers", "Contra Costa", 90, "Walnut Creek"),
    ("City Meter Reading Co-op", "utility-workers", "San Francisco", None, "San Francisco"),
    ("Santa Clara Valley Water", "utility-workers", "Santa Clara", 210, "San Jose"),
    ("Highland General Hospital", "health-care", "Alameda", 900, "Oakland"),
    ("Bay Children's Medical Center", "health-care", "Alameda", 650, "Oakland"),
    ("Mission Community Clinic", "health-care", "San Francisco", 40, "San Francisco"),
    ("Peninsula Urgent Care", "health-care", "San Mateo", None, "Redwood City"),
    ("Valley Medical Center", "health-care", "Santa Clara", 1200, "San Jose"),
    ("John Muir Emergency Department", "health-care", "Contra Costa", 300, "Walnut Creek"),
    ("Oakland Unified School District", "school-personnel", "Alameda", 4000, "Oakland"),
    ("Hayward Unified School District", "school-personnel", "Alameda", 2100, "Hayward"),
    ("San Francisco Unified School District", "school-personnel", "San Francisco", 8000,
     "San Francisco"),
    ("Mt. Diablo Unified School District", "school-personnel", "Contra Costa", None, "Concord"),
    ("San Mateo-Foster City School District", "school-personnel", "San Mateo", 900, "San Mateo"),
]

# Harbor View Hotel's staff: name, job role, days since their certificate (None: not started),
# and whether it was reissued after a name correction.
HOTEL_STAFF = [
    ("Ana Rivera", "Housekeeper", 40, False),
    ("David Chen", "Front desk agent", 200, True),
    ("Grace Kim", "Night auditor", 690, False),  # expiring within 60 days
    ("Omar Haddad", "Maintenance", 800, False),  # expired
    ("Rosa Delgado", "Housekeeper", None, False),
    ("Samuel Ortiz", "Bellhop", None, False),
]

JOB_ROLES = {
    "hotel-lodging": ["Housekeeper", "Front desk agent", "Maintenance"],
    "utility-workers": ["Meter reader", "Field technician", "Line worker"],
    "health-care": ["ER nurse", "Registrar", "Social worker"],
    "school-personnel": ["Teacher", "Counsellor", "Bus driver"],
}
FIRST = ["Maria", "James", "Linh", "Fatima", "Carlos", "Keisha", "Priya", "Jose", "Emily", "Hao"]
LAST = ["Lopez", "Nguyen", "Johnson", "Garcia", "Patel", "Brown", "Martinez", "Lee", "Clark"]


def _demo_user(email, name, *, password=None):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        first, _sep, last = name.partition(" ")
        user = User.objects.create_user(username=email, email=email, password=password,
                                        first_name=first, last_name=last)
    EmailAddress.objects.update_or_create(user=user, email=email,
                                          defaults={"verified": True, "primary": True})
    return user


def _certificate(user, profile, organisation, course, issued_on, *, learner_name=None):
    passed_at = timezone.make_aware(datetime.datetime.combine(issued_on, datetime.time(10, 30)))
    return Certificate(
        user=user, course=course, learner_name=learner_name or profile.certificate_name,
        course_title=course.title, group=profile.group, group_name=profile.group.name,
        organisation=organisation, organisation_name=profile.employer, job_role=profile.job_role,
        state=profile.state, county=profile.county, zip_code=profile.zip_code,
        score_percent=90, passed_at=passed_at, issued_on=issued_on,
        expires_on=course.expires_on(issued_on),
        code=codes.new_code(),
    )


@transaction.atomic
def seed_outreach(today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    groups = {group.slug: group for group in StakeholderGroup.objects.all()}
    courses = {}
    courses_in_order = (locales.in_default_locale(CoursePage.objects.live())
                        .select_related("jurisdiction")
                        .prefetch_related("audience").order_by("path"))
    for course in courses_in_order:
        for group in course.audience.all():
            courses.setdefault(group.slug, course)

    organisations = {}
    for name, slug, county, headcount, address in DIRECTORY:
        if slug not in groups:
            continue
        organisation, _created = Organisation.objects.get_or_create(
            name=name, state="CA", county=county,
            defaults={"group": groups[slug], "headcount": headcount, "address": address},
        )
        organisations[name] = organisation
    hotel = organisations.get(DEMO_HOTEL)
    if hotel is None:
        return {"organisations": len(organisations)}

    learner = get_user_model().objects.filter(email=DEMO_LEARNER).first()
    profile = getattr(learner, "learner_profile", None) if learner else None
    if profile and profile.organisation_id is None:
        profile.organisation = hotel
        profile.save(update_fields=["organisation", "updated_at"])
        issuing.assign_organisation(
            Certificate.objects.filter(user=learner, organisation__isnull=True), hotel)

    manager = _demo_user(MANAGER_EMAIL, MANAGER_NAME, password=DEMO_PASSWORD)
    OrganisationManager.objects.update_or_create(user=manager, defaults={"organisation": hotel})

    created = 0
    if not get_user_model().objects.filter(email__endswith=STAFF_DOMAIN).exists():
        created = _seed_training(today, organisations, groups, courses)
    campaign = _seed_campaign(today, groups)
    return {"organisations": len(organisations), "certificates": created, "manager": MANAGER_EMAIL,
            "campaign_targets": campaign.targets.count() if campaign else 0}


def _seed_campaign(today, groups):
    """A campaign for the hotels and utilities nobody was trained at, worked by the demo
    trainer: one session scheduled next week, one follow-up overdue."""
    slugs = ["hotel-lodging", "utility-workers"]
    if Campaign.objects.filter(name=DEMO_CAMPAIGN).exists() or not all(
            slug in groups for slug in slugs):
        return Campaign.objects.filter(name=DEMO_CAMPAIGN).first()
    coordinator = get_user_model().objects.filter(email="coordinator@example.org").first()
    trainer = get_user_model().objects.filter(email=DEMO_TRAINER).first()
    counties = sorted({county for _name, _slug, county, _headcount, _address in DIRECTORY})
    campaign = Campaign.objects.create(
        name=DEMO_CAMPAIGN, starts_on=today.replace(day=1),
        ends_on=today.replace(day=1) + datetime.timedelta(days=120), goal=4,
        goal_kind=Campaign.Goal.ORGANISATIONS, counties=[["CA", county] for county in counties],
        created_by=coordinator)
    campaign.groups.set([groups[slug] for slug in slugs])
    campaigns.choose_targets(campaign, by=coordinator, today=today)
    targets = list(campaign.targets.select_related("organisation").order_by("organisation__name"))
    if targets:
        scheduled = targets[0]
        scheduled.status = CampaignTarget.Status.SCHEDULED
        scheduled.session_starts_at = timezone.make_aware(datetime.datetime.combine(
            today + datetime.timedelta(days=7), datetime.time(10)))
        scheduled.session_place = scheduled.organisation.address or scheduled.organisation.name
        scheduled.last_contact_on = today - datetime.timedelta(days=3)
        scheduled.save()
    if len(targets) > 1:
        contacted = targets[1]
        contacted.status = CampaignTarget.Status.CONTACTED
        contacted.last_contact_on = today - datetime.timedelta(days=20)
        contacted.next_follow_up_on = today - datetime.timedelta(days=6)
        contacted.save()
    CampaignTarget.objects.filter(campaign=campaign).update(trainer=trainer)
    return campaign


def _seed_training(today, organisations, groups, courses) -> int:
    rng = random.Random(2026)
    hotel = organisations[DEMO_HOTEL]
    certificates = []
    numbers = iter(range(1, 10**6))

    def staff_member(name, role, organisation, employer=None, *, county=None):
        slug = organisation.group.slug if organisation else "hotel-lodging"
        email = f"{name.lower().replace(' ', '.')}.{next(numbers)}{STAFF_DOMAIN}"
        user = _demo_user(email, name)
        profile = LearnerProfile.objects.create(
            user=user, certificate_name=name, group=groups[slug],
            employer=employer or organisation.name, job_role=role, state="CA",
            county=county or organisation.county, organisation=organisation)
        user.set_unusable_password()
        user.save(update_fields=["password"])
        return user, profile

    hotel_course = courses.get("hotel-lodging")
    for name, role, days_ago, reissued in HOTEL_STAFF:
        user, profile = staff_member(name, role, hotel)
        if days_ago is None or hotel_course is None:
            continue
        issued_on = today - datetime.timedelta(days=days_ago)
        if reissued:
            old = _certificate(user, profile, hotel, hotel_course, issued_on,
                               learner_name=name.replace("Chen", "Chenn"))
            new = _certificate(user, profile, hotel, hotel_course, issued_on)
            new.save()
            old.replaced_by = new
            old.revoked_at = timezone.now()
            old.revoked_reason = "Name corrected"
            old.save()
            send_changed(user_ids=[user.pk])
        else:
            certificates.append(_certificate(user, profile, hotel, hotel_course, issued_on))

    # Staff of the other employers, trained over the last two years; some are not reached.
    not_reached = {"Mission Motel", "Diablo Valley Motor Inn", "City Meter Reading Co-op",
                   "Peninsula Urgent Care", "Mt. Diablo Unified School District",
                   "Silicon Valley Suites"}
    for organisation in organisations.values():
        if organisation.name == DEMO_HOTEL or organisation.name in not_reached:
            continue
        course = courses.get(organisation.group.slug)
        if course is None:
            continue
        for _number in range(rng.randint(2, 7)):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            user, profile = staff_member(
                name, rng.choice(JOB_ROLES[organisation.group.slug]), organisation)
            issued_on = today - datetime.timedelta(days=rng.randrange(5, 720))
            certificates.append(_certificate(user, profile, organisation, course, issued_on))

    # Two learners typed their employer instead of using the invite code: coordinators can match
    # "Bayview Suites" to the directory on the "Match employers" page.
    for name in ("Tomas Reyes", "Linh Pham"):
        user, profile = staff_member(name, "Housekeeper", None, employer="Bayview Suites",
                                     county="Alameda")
        if hotel_course:
            certificates.append(_certificate(
                user, profile, None, hotel_course,
                today - datetime.timedelta(days=rng.randrange(20, 300))))
    Certificate.objects.bulk_create(certificates)
    send_changed(user_ids=[certificate.user_id for certificate in certificates])

    sessions = [
        ("Highland General Hospital", 25, "Grand rounds, Highland campus"),
        ("Oakland Unified School District", 60, "Back-to-school staff day"),
        ("East Bay Municipal Water", 35, "Field crew safety meeting"),
        ("Union Square Grand", 22, "Housekeeping all-hands"),
        ("San Francisco Unified School District", 80, "Counsellors' in-service"),
        ("Valley Medical Center", 30, "ER staff briefing"),
    ]
    for index, (name, attendees, place) in enumerate(sessions):
        organisation = organisations.get(name)
        if organisation is None:
            continue
        InPersonSession.objects.create(
            date=today - datetime.timedelta(days=30 + 95 * index), place=place,
            group=organisation.group, organisation=organisation, state=organisation.state,
            county=organisation.county, attendees=attendees,
            notes="Demo session delivered by the task force.")

    # A few trained staff counted a report they made afterwards: the dashboard's outcomes.
    channels = [OutcomeReport.Channel.HOTLINE, OutcomeReport.Channel.SUPERVISOR,
                OutcomeReport.Channel.POLICE, OutcomeReport.Channel.HOTLINE,
                OutcomeReport.Channel.TASK_FORCE, OutcomeReport.Channel.CHILD_PROTECTIVE_SERVICES]
    reporters = [certificate for certificate in certificates
                 if certificate.user_id and not certificate.revoked_at][::3][:12]
    for index, certificate in enumerate(reporters):
        days_since = (today - certificate.issued_on).days
        outcomes.record(
            certificate.user, by=certificate.user, today=today,
            reported_on=certificate.issued_on + datetime.timedelta(
                days=rng.randrange(days_since + 1)),
            channel=channels[index % len(channels)])
    return len(certificates) + 2
