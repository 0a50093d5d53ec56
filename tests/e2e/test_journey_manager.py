"""An organisation manager's visit: they sign in, follow the header's "My organisation" link to
their hotel, read each person's status (one who has started the course shows as in progress) and
copy the invite link with its button, at phone and desktop width."""

import re

import pytest
from redflag.accounts.models import LearnerProfile
from redflag.demo import outreach as outreach_demo
from redflag.demo.accounts import DEMO_PASSWORD, seed_accounts

from certificates.demo import seed_demo_certificate
from courses.models import CoursePage, LessonCompletion, LessonPage
from outreach.models import Organisation
from quizzes.demo import seed_quizzes

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def demo_hotel(demo_site):
    """The demo organisation, as `seed_demo --demo-accounts` leaves it, with Rosa Delgado having
    opened the first lesson of the hotel course."""
    seed_quizzes(list(CoursePage.objects.live().order_by("path")))
    seed_accounts()
    outreach_demo.seed_outreach()
    seed_demo_certificate()
    hotel = Organisation.objects.get(name=outreach_demo.DEMO_HOTEL)
    rosa = LearnerProfile.objects.get(organisation=hotel, certificate_name="Rosa Delgado").user
    course = CoursePage.objects.live().filter(audience=hotel.group).order_by("path").first()
    LessonCompletion.objects.create(
        user=rosa, lesson=LessonPage.objects.child_of(course).order_by("path").first())
    return hotel


def test_a_manager_follows_the_header_to_their_staff_and_copies_the_invite_link(
    width, page_at, shot, sign_in, demo_hotel
):
    page = page_at(width)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, outreach_demo.MANAGER_EMAIL, DEMO_PASSWORD)
    page.goto("/my-training/")
    shot(page, "signed-in")

    header = page.get_by_role("navigation", name="Main")
    header.get_by_role("link", name="My organisation").click()
    expect(page).to_have_url(re.compile(rf"/organisation/{demo_hotel.pk}/$"))
    expect(header.get_by_role("link", name="My organisation")).to_have_attribute(
        "aria-current", "page")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Training at {outreach_demo.DEMO_HOTEL}")

    staff = page.get_by_role("table", name="Staff")
    for name, status in (("Ana Rivera", "Current"), ("Grace Kim", "Expiring"),
                         ("Omar Haddad", "Expired"), ("Rosa Delgado", "In progress"),
                         ("Samuel Ortiz", "Not started")):
        expect(staff.get_by_role("row", name=re.compile(f"^{name}"))).to_contain_text(status)
    in_progress = page.get_by_role("link", name=re.compile(r"^1 In progress$"))
    expect(in_progress).to_be_visible()
    # On a phone each row stands as a card, every value led by its column's name.
    labels = staff.locator(".cell-label").first
    if width == "phone":
        expect(labels).to_be_visible()
        expect(staff.locator("thead")).not_to_be_in_viewport()
    else:
        expect(labels).to_be_hidden()
    shot(page, "staff-statuses")

    invite = page.get_by_label("Invite link")
    expect(invite).to_have_value(demo_hotel.get_invite_url())
    copy = page.get_by_role("button", name="Copy link")
    copy.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Invite link copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == demo_hotel.get_invite_url()
    shot(page, "invite-link-copied")

    in_progress.click()
    expect(staff.locator("tbody tr")).to_have_count(1)
    expect(staff.get_by_role("row", name=re.compile("^Rosa Delgado"))).to_be_visible()
    shot(page, "in-progress-only")
