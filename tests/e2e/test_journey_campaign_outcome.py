"""A campaign from aim to outcome: a coordinator aims a campaign at the hotels of one county that
nobody has trained, assigns a trainer to one of them, the trainer contacts it and schedules a
session, three of its staff join with its invite link and pass the course online, one of them
counts a report she made to the hotline, and the coordinator's campaign page shows the hotel
trained and the report counted, while the dashboard's downloads say only "fewer than 5"."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from courses.models import CoursePage, StakeholderGroup
from outreach.models import (
    Campaign,
    CampaignTarget,
    InPersonSession,
    Organisation,
    OutcomeReport,
)
from quizzes.demo import seed_quizzes
from tests.conftest import PASSWORD as STAFF_PASSWORD
from tests.conftest import TOTP_SECRET, make_user

from .journeys import (
    PASSWORD_AGAIN_LABEL,
    PASSWORD_LABEL,
    answer_demo_quiz,
    sign_in,
    verification_code,
)

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect
openpyxl = pytest.importorskip("openpyxl")

COURSE = "hotel-staff"  # the demo hotel course: courses/demo_courses/2-hotel-staff.toml
GROUP = "hotel-lodging"
CAMPAIGN = "Alameda hotels, winter"
HOTEL = "Harbor View Hotel"  # the target the journey trains
STAFF = ["Ana Rivera", "Omar Haddad", "Grace Kim"]
HOTLINE = "1-888-373-7888"


@pytest.fixture
def directory(demo_site):
    """The directory a coordinator starts from: two Alameda hotels nobody has trained, one that
    a session reached last week, a San Francisco hotel and an Alameda utility; the demo courses
    with their quizzes; a coordinator and a trainer, each with an authenticator app."""
    seed_quizzes(list(CoursePage.objects.live().order_by("path")))
    hotels = StakeholderGroup.objects.get(slug=GROUP)
    utilities = StakeholderGroup.objects.get(slug="utility-workers")
    today = timezone.localdate()  # the live server's today: the dates the forms accept

    def place(name, group, county="Alameda"):
        return Organisation.objects.create(name=name, group=group, state="CA", county=county)

    place(HOTEL, hotels)
    place("Lakeside Inn", hotels)
    reached = place("Bayview Suites", hotels)
    InPersonSession.objects.create(
        date=today - timezone.timedelta(days=7), place="Bayview Suites, ballroom", group=hotels,
        organisation=reached, state="CA", county="Alameda", attendees=12)
    place("Union Square Grand", hotels, county="San Francisco")
    place("Bay Valley Water & Power", utilities)
    return {
        "today": today,
        "group": hotels,
        "course": CoursePage.objects.get(slug=COURSE),
        "coordinator": make_user("cora.lee@example.org", group="Coordinators",
                                 first_name="Cora", last_name="Lee"),
        "trainer": make_user("theo.nguyen@example.org", group="Trainers",
                             first_name="Theo", last_name="Nguyen"),
    }


def staff_sign_in(page, user):
    sign_in(page, user.email, STAFF_PASSWORD, totp_secret=TOTP_SECRET)


def target_row(page, organisation):
    targets = page.locator("section").filter(
        has=page.get_by_role("heading", name=re.compile(r"^\d+ targets?$")))
    return targets.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=organisation, exact=True))


def progress_figure(page, label):
    """The big number of the campaign page's progress box whose text says `label`."""
    box = page.locator(".campaign-totals > li").filter(has_text=label)
    expect(box).to_have_count(1)
    return box.locator(".campaign-figure")


def join_and_pass(page, *, organisation, course, name, email, shot=None):
    """A member of staff opens the hotel's invite link, signs up, finds the workplace step filled
    in from the invite, opens every lesson and passes the quiz."""
    page.goto(organisation.get_invite_path())
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Join {organisation.name} on Redflag")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Name on certificate").fill(name)
    page.get_by_label(PASSWORD_LABEL).fill(STAFF_PASSWORD)
    page.get_by_label(PASSWORD_AGAIN_LABEL).fill(STAFF_PASSWORD)
    if shot:
        shot(page, "invite-sign-up")
    page.get_by_role("button", name="Sign up and join").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("verification code", re.I))
    page.get_by_label("Code").fill(verification_code(email))
    page.get_by_role("button", name=re.compile("confirm", re.I)).click()

    # The invite filled in the workplace: the hotel, its group and its county.
    expect(page.get_by_role("heading", level=1)).to_have_text("Your workplace")
    expect(page.get_by_label("Invite code (optional)")).to_have_value(
        organisation.display_invite_code)
    expect(page.get_by_label("Employer or organisation")).to_have_value(organisation.name)
    expect(page.get_by_label("County")).to_have_value(organisation.county)
    page.get_by_label("Job role").fill("Front desk")
    if shot:
        shot(page, "workplace-from-invite")
    page.get_by_role("button", name="Continue to my course").click()

    expect(page).to_have_url(re.compile(r"/home/$"))
    mine = page.get_by_role("region", name=re.compile("^Your course for"))
    mine.get_by_role("link", name=re.compile(r"^Start")).click()
    lessons = course.lessons
    for number, lesson in enumerate(lessons, start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
        if number < len(lessons):
            pager = page.get_by_role("navigation", name="Lessons")
            pager.get_by_role("link", name=lessons[number].title).click()
    page.get_by_role("link", name=re.compile("Take the quiz")).click()
    page.get_by_role("button", name="Start the quiz").click()
    answer_demo_quiz(page, COURSE, correctly=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("You passed")
    if shot:
        shot(page, "passed")


def test_a_campaign_trains_a_hotel_and_counts_the_report_that_came_of_it(
    width, page_at, shot, directory
):
    today, course = directory["today"], directory["course"]
    coordinator, trainer = directory["coordinator"], directory["trainer"]
    hotel = Organisation.objects.get(name=HOTEL)

    # 1. The coordinator aims a campaign at the Alameda hotels nobody has trained.
    office = page_at(width)
    staff_sign_in(office, coordinator)
    office.goto("/admin/campaigns/")
    expect(office.get_by_role("heading", level=1)).to_contain_text("Campaigns")
    office.get_by_role("link", name="New campaign").click()
    expect(office.get_by_role("heading", level=1)).to_contain_text("New campaign")
    office.get_by_role("textbox", name=re.compile("^Name")).fill(CAMPAIGN)
    office.get_by_role("checkbox", name=directory["group"].name).check()
    office.get_by_label("Start date").fill(today.isoformat())
    office.get_by_label("End date").fill(
        (today + timezone.timedelta(days=90)).isoformat())
    office.get_by_role("combobox", name=re.compile("^Goal")).select_option(
        label="Organisations reached")
    office.get_by_role("spinbutton", name=re.compile("^Goal number")).fill("2")
    # The counties offered are the directory's own.
    expect(office.get_by_role("checkbox", name="San Francisco, CA")).to_be_visible()
    office.get_by_role("checkbox", name="Alameda, CA").check()
    shot(office, "new-campaign")
    office.get_by_role("button", name="Save").click()

    expect(office.get_by_text(f"Campaign “{CAMPAIGN}” saved: 2 new targets.")).to_be_visible()
    expect(office.get_by_role("heading", level=1)).to_contain_text(CAMPAIGN)
    # The targets: the Alameda hotels not reached, not the one reached last week, the San
    # Francisco hotel or the Alameda utility.
    expect(office.get_by_role("heading", name="2 targets")).to_be_visible()
    for name in (HOTEL, "Lakeside Inn"):
        expect(target_row(office, name)).to_contain_text("Not contacted yet")
    for name in ("Bayview Suites", "Union Square Grand", "Bay Valley Water & Power"):
        expect(office.get_by_role("rowheader", name=name)).to_have_count(0)
    expect(progress_figure(office, "target organisations reached")).to_have_text("0")
    expect(progress_figure(office, "made after training by staff")).to_have_text("0")
    shot(office, "campaign-created")
    campaign = Campaign.objects.get(name=CAMPAIGN)
    assert campaign.created_by == coordinator
    assert (campaign.starts_on, campaign.counties) == (today, [["CA", "Alameda"]])
    assert set(campaign.targets.values_list("organisation__name", flat=True)) == {
        HOTEL, "Lakeside Inn"}

    # 2. The coordinator gives the hotel to the trainer: tick it, choose the trainer, assign.
    office.get_by_role("checkbox", name=f"Assign {HOTEL}").check()
    office.get_by_role("combobox", name="Trainer").select_option(
        label="Theo Nguyen (theo.nguyen@example.org)")
    shot(office, "assign-trainer")
    office.get_by_role("button", name="Assign the ticked targets").click()
    expect(office.get_by_text("1 target assigned.")).to_be_visible()
    expect(target_row(office, HOTEL)).to_contain_text(trainer.email)
    expect(target_row(office, "Lakeside Inn")).to_contain_text("Not assigned")
    target = CampaignTarget.objects.get(campaign=campaign, organisation=hotel)
    assert target.trainer == trainer
    assert ModelLogEntry.objects.filter(object_id=str(target.pk), action="wagtail.edit",
                                        user=coordinator).exists()

    # 3. The trainer finds the campaign with their one target, contacts the hotel, then
    # schedules the session.
    field = page_at(width)
    staff_sign_in(field, trainer)
    field.goto("/admin/campaigns/")
    listing = field.get_by_role("row").filter(
        has=field.get_by_role("link", name=CAMPAIGN))
    expect(listing.locator("td").last).to_have_text("1")
    listing.get_by_role("link", name=CAMPAIGN).click()
    expect(field.get_by_role("heading", name="1 target")).to_be_visible()
    expect(field.get_by_role("rowheader", name="Lakeside Inn")).to_have_count(0)
    shot(field, "trainer-campaign")
    target_row(field, HOTEL).get_by_role("link", name=HOTEL).click()
    expect(field.get_by_role("heading", level=1)).to_contain_text(HOTEL)
    expect(field.get_by_text(f"Campaign: {CAMPAIGN}.")).to_be_visible()
    expect(field.get_by_role("combobox", name="Trainer")).to_have_count(0)  # coordinators assign
    field.get_by_label("Status").select_option(label="Contacted")
    field.get_by_label("Last contact").fill(today.isoformat())
    field.get_by_role("button", name="Save").click()
    expect(field.get_by_text(f"{HOTEL} updated.")).to_be_visible()
    expect(target_row(field, HOTEL)).to_contain_text("Contacted")

    target_row(field, HOTEL).get_by_role("link", name=HOTEL).click()
    field.get_by_label("Status").select_option(label="Session scheduled")
    # Scheduled needs the session's date: saving without it says so next to the field.
    field.get_by_role("button", name="Save").click()
    expect(field.get_by_text("Enter the date and time of the scheduled session.")).to_be_visible()
    expect(field.get_by_label("Status")).to_have_value("scheduled")
    session_day = today + timezone.timedelta(days=3)
    field.get_by_label("Session date and time").fill(f"{session_day}T10:00")
    field.get_by_label("Session place").fill("Harbor View, staff room")
    shot(field, "schedule-session")
    field.get_by_role("button", name="Save").click()
    expect(field.get_by_text(f"{HOTEL} updated.")).to_be_visible()
    row = target_row(field, HOTEL)
    expect(row).to_contain_text("Session scheduled")
    expect(row).to_contain_text("Harbor View, staff room")
    shot(field, "session-scheduled")
    target.refresh_from_db()
    assert (target.status, target.last_contact_on, target.session_place) == (
        "scheduled", today, "Harbor View, staff room")
    assert timezone.localtime(target.session_starts_at).date() == session_day
    assert ModelLogEntry.objects.filter(object_id=str(target.pk), action="wagtail.edit",
                                        user=trainer).count() == 2

    # 4. Three of the hotel's staff join with its invite link and pass the course online, each
    # in a browser of their own; the first is photographed along the way.
    learners = []
    for index, name in enumerate(STAFF):
        learner = page_at(width)
        first = name.split()[0].lower()
        join_and_pass(learner, organisation=hotel, course=course, name=name,
                      email=f"{first}.{width}@example.org", shot=shot if index == 0 else None)
        learners.append(learner)
    certificates = Certificate.objects.filter(course=course).order_by("learner_name")
    assert [(c.learner_name, c.organisation_id, c.issued_on) for c in certificates] == [
        (name, hotel.pk, today) for name in sorted(STAFF)]

    # 5. Ana counts, from her home, a report she made to the hotline. The form says what
    # Redflag keeps and where a report is really made, and asks nothing of what she saw.
    ana = learners[0]
    ana.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()
    outcomes_section = ana.get_by_role("region", name="Did you make a report?")
    outcomes_section.get_by_role("link", name="I made a report after the training").click()
    expect(ana.get_by_role("heading", level=1)).to_have_text("I made a report after the training")
    note = ana.get_by_role("note")
    expect(note).to_contain_text("Redflag never asks what was seen or who was involved.")
    expect(note).to_contain_text(
        f"This page is not a way to report. To report, call the National Human Trafficking "
        f"Hotline at {HOTLINE}, or text 233733. In an emergency, call 911.")
    form = ana.locator("main form")
    expect(form.locator("textarea")).to_have_count(0)
    expect(form.locator("input[type=text]")).to_have_count(0)
    ana.get_by_label("Date of the report").fill(today.isoformat())
    ana.get_by_label("Who did you report to").select_option(
        label="National Human Trafficking Hotline")
    shot(ana, "count-a-report")
    ana.get_by_role("button", name="Count this report").click()
    expect(ana.get_by_role("heading", level=1)).to_have_text("Reports after the training")
    expect(ana.locator(".outcome-records > li")).to_have_count(1)
    expect(ana.locator(".outcome-records > li").first).to_contain_text(
        "National Human Trafficking Hotline")
    shot(ana, "report-counted")
    report = OutcomeReport.objects.get()
    ana_user = Certificate.objects.get(learner_name="Ana Rivera").user
    assert (report.user, report.reported_on, report.channel, report.organisation) == (
        ana_user, today, "hotline", hotel)

    # 6. The coordinator's campaign page: the hotel trained by its staff's passes, the goal half
    # met, three people trained online and the one report counted exactly.
    office.reload()
    expect(target_row(office, HOTEL)).to_contain_text("Trained")
    expect(target_row(office, "Lakeside Inn")).to_contain_text("Not contacted yet")
    expect(progress_figure(office, "of the goal")).to_have_text("50%")
    expect(office.locator(".campaign-totals")).to_contain_text(
        "of the goal: 1 of 2 organisations reached")
    expect(progress_figure(office, "people trained")).to_have_text("3")
    expect(office.locator(".campaign-totals")).to_contain_text("3 online, 0 in person")
    expect(progress_figure(office, "target organisations reached")).to_have_text("1")
    expect(progress_figure(office, "made after training by staff")).to_have_text("1")
    expect(office.locator(".campaign-totals")).to_contain_text(
        "1 report made after training by staff of the targets")
    shot(office, "campaign-trained-and-outcome")
    # The trainer's view of the same campaign keeps the minimum cell size.
    field.reload()
    expect(target_row(field, HOTEL)).to_contain_text("Trained")
    expect(progress_figure(field, "made after training by staff")).to_have_text("fewer than 5")
    shot(field, "trainer-sees-fewer-than-5")

    # 7. The dashboard counts the report exactly; its downloads say "fewer than 5", never 1.
    office.goto("/admin/coverage/")
    section = office.locator("section").filter(
        has=office.get_by_role("heading", name=re.compile("^Reports made after training")))
    expect(section.get_by_role("heading", level=2)).to_contain_text(
        "Reports made after training: 1")
    section.scroll_into_view_if_needed()
    shot(office, "dashboard-outcomes")

    # The figures come from people's records: the first download asks for the password again.
    section.get_by_role("link", name="Download CSV").click()
    expect(office.get_by_role("heading", level=1)).to_contain_text("Confirm Access")
    shot(office, "export-password-again")
    office.get_by_label(re.compile("^Password")).fill(STAFF_PASSWORD)
    with office.expect_download() as download_info:
        office.get_by_role("button", name="Confirm").click()
    download = download_info.value
    assert re.fullmatch(r"outcomes-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv",
                        download.suggested_filename)
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Breakdown", "Name", "Reports recorded", "People trained"]
    assert_small_counts_hidden(rows[1:])

    office.goto("/admin/coverage/")
    with office.expect_download() as download_info:
        section.get_by_role("link", name="Download XLSX").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    rows = [["" if value is None else value for value in row]
            for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Breakdown", "Name", "Reports recorded", "People trained"]
    assert_small_counts_hidden(rows[1:])


def assert_small_counts_hidden(rows):
    """The one report, and the three people trained at the hotel, read "fewer than 5" in every
    line that counts them; no line says 1."""
    by_line = {(row[0], row[1]): row[2:4] for row in rows if row}
    assert by_line[("Total", "All groups")][0] == "fewer than 5"
    assert by_line[("Organisation", HOTEL)] == ["fewer than 5", "fewer than 5"]
    assert by_line[("County", "Alameda, CA")][0] == "fewer than 5"
    reports = [row[2] for row in rows if row]
    assert all(str(value) not in {"1", "2", "3", "4"} for value in reports), reports
    assert reports.count("fewer than 5") >= 4  # total, group, organisation, county, months
