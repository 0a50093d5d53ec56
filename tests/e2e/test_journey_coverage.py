"""Who has been reached: the demo coordinator reads the coverage dashboard and exports it, and the
demo organisation manager sees their own staff's training, and no one else's."""

import csv
import io
import re
from pathlib import Path

import pytest
from redflag.accounts.models import LearnerProfile
from redflag.demo import outreach as outreach_demo
from redflag.demo.accounts import DEMO_PASSWORD, seed_accounts

from certificates.demo import seed_demo_certificate
from courses.models import CoursePage, StakeholderGroup
from outreach.models import Organisation
from quizzes.demo import seed_quizzes

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

COORDINATOR = "coordinator@example.org"
# The demo directory's employers whose staff have had no training (outreach/demo.py).
NOT_REACHED = [
    "Mission Motel",
    "Diablo Valley Motor Inn",
    "City Meter Reading Co-op",
    "Peninsula Urgent Care",
    "Mt. Diablo Unified School District",
    "Silicon Valley Suites",
]


@pytest.fixture
def demo_outreach(demo_site):
    """What `seed_demo --demo-accounts` adds to the demo site, in the order it adds it."""
    seed_quizzes(list(CoursePage.objects.live().order_by("path")))
    seed_accounts()
    outreach_demo.seed_outreach()
    seed_demo_certificate()
    return Organisation.objects.get(name=outreach_demo.DEMO_HOTEL)


def number(text):
    return int(text.strip().replace(",", ""))


def test_the_demo_coordinator_reads_coverage_by_group_and_exports_it(
    page_at, shot, sign_in, demo_outreach
):
    page = page_at("desktop")
    sign_in(page, COORDINATOR, DEMO_PASSWORD)
    page.goto("/admin/")
    page.get_by_role("button", name="Outreach").click()  # the sidebar's submenu
    page.get_by_role("link", name="Coverage dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Coverage")
    shot(page, "dashboard")

    # One row per stakeholder group; each counts online plus in person, and the groups add up.
    table = page.locator("section").filter(
        has=page.get_by_role("heading", name="By stakeholder group")
    ).get_by_role("table")
    rows = table.locator("tbody tr")
    names = [name.strip() for name in rows.locator("th").all_inner_texts()]
    assert sorted(names) == sorted(StakeholderGroup.objects.values_list("name", flat=True))
    totals = [0, 0, 0]
    for index in range(rows.count()):
        people, online, in_person = (
            number(cell) for cell in rows.nth(index).locator("td").all_inner_texts()[:3]
        )
        assert people == online + in_person
        totals = [totals[0] + people, totals[1] + online, totals[2] + in_person]
    footer = [number(cell) for cell in table.locator("tfoot td").all_inner_texts()[:3]]
    assert footer == totals
    assert footer[1] > 0 and footer[2] > 0  # the demo has online and in-person training
    hotel_row = rows.filter(has=page.get_by_role("link", name=demo_outreach.group.name))
    expect(hotel_row.locator("td").first).not_to_have_text("0")

    # The not-reached list names the employers nobody has trained, and not the demo hotel.
    not_reached = page.locator("section").filter(
        has=page.get_by_role("heading", name=re.compile("^Not reached yet"))
    )
    expect(not_reached.get_by_role("heading", level=2)).to_contain_text(
        f"Not reached yet: {len(NOT_REACHED)} organisations"
    )
    for name in NOT_REACHED:
        expect(not_reached.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(not_reached.get_by_role("link", name=outreach_demo.DEMO_HOTEL)).to_have_count(0)
    not_reached.scroll_into_view_if_needed()
    shot(page, "not-reached")

    # The map draws the demo's counties: the demo hotel's county is shaded, not blank.
    coverage_map = page.get_by_role("img", name=re.compile("^People trained by county"))
    expect(coverage_map).to_be_visible()
    hotel_county = coverage_map.locator("path").filter(
        has=page.locator(f"title:text-matches('^{demo_outreach.county}, {demo_outreach.state}:')"))
    expect(hotel_county).to_have_count(1)
    assert hotel_county.get_attribute("fill").startswith("#")
    coverage_map.scroll_into_view_if_needed()
    shot(page, "map")

    groups_section = page.locator("section").filter(
        has=page.get_by_role("heading", name="By stakeholder group")
    )
    with page.expect_download() as download_info:
        groups_section.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("coverage-by-group-")
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    exported = list(csv.reader(io.StringIO(text)))
    assert exported[0][:4] == [
        "Stakeholder group", "People trained", "Trained online", "Trained in person"
    ]
    by_group = {row[0]: [number(value) for value in row[1:4]] for row in exported[1:] if row}
    for index, name in enumerate(names):
        shown = [number(cell) for cell in rows.nth(index).locator("td").all_inner_texts()[:3]]
        assert by_group[name] == shown, name


def test_the_demo_manager_sees_only_their_own_organisations_staff(
    width, page_at, shot, sign_in, demo_outreach
):
    other = Organisation.objects.get(name="Bayview Suites")
    own_staff = set(
        LearnerProfile.objects.filter(organisation=demo_outreach).values_list(
            "certificate_name", flat=True
        )
    )
    others = set(
        LearnerProfile.objects.exclude(organisation=demo_outreach).values_list(
            "certificate_name", flat=True
        )
    ) - own_staff
    assert {name for name, *_rest in outreach_demo.HOTEL_STAFF} <= own_staff
    assert {"Tomas Reyes", "Linh Pham"} <= others  # typed "Bayview Suites" as their employer
    page = page_at(width)

    sign_in(page, outreach_demo.MANAGER_EMAIL, DEMO_PASSWORD)
    page.goto("/organisation/")
    expect(page).to_have_url(re.compile(rf"/organisation/{demo_outreach.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Training at {outreach_demo.DEMO_HOTEL}"
    )
    staff = page.get_by_role("table", name="Staff")
    expect(staff.locator("tbody tr")).to_have_count(len(own_staff))
    shown = {
        re.sub(r"\s*\(former staff\)$", "", name.strip())
        for name in staff.locator("tbody th").all_inner_texts()
    }
    assert shown == own_staff
    assert not shown & others
    # Each person's status as of today: the demo learner's fresh pass, Omar Haddad's old one.
    expect(staff.get_by_role("row", name=re.compile("^Maria Lopez"))).to_contain_text("Current")
    expect(staff.get_by_role("row", name=re.compile("^Omar Haddad"))).to_contain_text("Expired")
    expect(staff.get_by_role("row", name=re.compile("^Rosa Delgado"))).to_contain_text(
        "Not started"
    )
    expect(page.get_by_role("link", name="Download roster (CSV)")).to_be_visible()
    shot(page, "own-organisation")

    # Another organisation's page is not there for this manager, whether it exists or not.
    response = page.goto(f"/organisation/{other.pk}/")
    assert response.status == 404
    expect(page.get_by_text(other.name)).to_have_count(0)
    shot(page, "other-organisation-not-found")
    response = page.goto(f"/organisation/{other.pk}/roster.csv")
    assert response.status == 404
