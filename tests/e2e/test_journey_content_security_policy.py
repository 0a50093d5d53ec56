"""Every page a learner or the staff open works under the Content Security Policy: a learner walks
from the home page to a verified certificate, and an administrator edits, previews and reports.

``page_at`` fails a journey on any violation the browser reports, in the page or a frame in it;
these two journeys make sure every kind of page has been opened at least once.
"""

import io
import mimetypes
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from redflag.demo import outreach as outreach_demo
from redflag.demo.accounts import DEMO_PASSWORD, seed_accounts
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image

from certificates.demo import seed_demo_certificate
from certificates.models import Certificate
from courses.models import CoursePage, LessonPage
from quizzes.demo import seed_quizzes
from tests.conftest import PASSWORD as LEARNER_PASSWORD
from tests.conftest import make_user

from .journeys import answer_demo_quiz, sign_in

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

COURSE = "hotel-staff"
ADMIN = "admin@example.org"
VIDEO_URL = "https://www.youtube.com/watch?v=redflag-demo"
VIDEO_PLAYER = "https://www.youtube.com/embed/redflag-demo?feature=oembed"


@pytest.fixture
def every_block_lesson(demo_site, settings, tmp_path):
    """The demo site with quizzes, accounts and outreach, and a last lesson in the hotel course
    that has one block of every kind, a photo and a video among them."""
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_quizzes(list(CoursePage.objects.live().order_by("path")))
    seed_accounts()
    outreach_demo.seed_outreach()
    seed_demo_certificate()
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 300), "#9b1c1c").save(buffer, "PNG")
    image = Image.objects.create(title="Sign", file=ImageFile(buffer, name="sign.png"))
    # What YouTube's oEmbed answers, kept where Wagtail looks first, so no request leaves.
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html=(
            f'<iframe width="640" height="360" src="{VIDEO_PLAYER}" title="Spotting the signs" '
            'allow="encrypted-media; picture-in-picture" referrerpolicy='
            '"strict-origin-when-cross-origin" allowfullscreen></iframe>'
        ),
        title="Spotting the signs",
        width=640,
        height=360,
    )
    body = [
        ("text", "<p>Trafficking is <b>exploitation</b>.</p>"),
        (
            "indicators",
            {
                "heading": "Signs",
                "items": [{"sign": "Workers sleep on site", "why": "Housing", "kind": "labour"}],
            },
        ),
        (
            "scenario",
            {
                "title": "Room 12",
                "situation": "A guest refuses service.",
                "question": "What do you note?",
                "debrief": "Report, do not confront.",
            },
        ),
        ("report", {"heading": "How to report", "note": "Tell your supervisor."}),
        ("do_dont", {"heading": "If you suspect", "dos": ["Write it down"], "donts": ["Confront"]}),
        ("image", {"image": image, "alt_text": "A red warning sign", "caption": "Warning"}),
        (
            "video",
            {"video": VIDEO_URL, "title": "Spotting the signs", "transcript": "Look and listen."},
        ),
    ]
    course = CoursePage.objects.get(slug=COURSE)
    lesson = LessonPage(title="Every kind of block", slug="every-kind-of-block", body=body)
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def serve_like_production(page):
    """Uploaded images and the video player, served without leaving the machine.

    The test server serves static files but not uploads (Django serves those only when
    debugging), so the test serves them from MEDIA_ROOT. YouTube's player page is a stand-in: the
    policy, not the network, decides whether the frame loads.
    """

    def media(route):
        path = Path(django_settings.MEDIA_ROOT) / route.request.url.split("/media/", 1)[1]
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=path.read_bytes(), content_type=content_type)

    page.route(re.compile(r"^http://[^/]+/media/"), media)
    player = "<!DOCTYPE html><title>Player</title><p>Video player</p>"
    page.route(
        "https://www.youtube.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=player),
    )


def test_a_learner_opens_every_kind_of_page_without_a_policy_violation(
    width, page_at, shot, every_block_lesson
):
    course = CoursePage.objects.get(slug=COURSE)
    page = page_at(width)
    serve_like_production(page)

    page.goto("/")
    expect(page.get_by_role("heading", name="Pick your workplace")).to_be_visible()
    # Each workplace's colour (utility workers' is blue) comes from the page's nonced stylesheet.
    utility_card = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Utility workers", exact=True)
    )
    expect(utility_card).to_have_css("border-left-color", "rgb(29, 78, 216)")
    shot(page, "home")
    page.goto("/courses/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Courses")
    shot(page, "courses")
    page.goto("/accounts/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("sign up", re.I))
    shot(page, "signup")

    learner = make_user(f"policy.{width}@example.org", profile_group=course.audience.first())
    learner.learner_profile.certificate_name = "Ana Rivera"
    learner.learner_profile.save()
    sign_in(page, learner.email, LEARNER_PASSWORD)

    page.goto(course.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
    shot(page, "course")
    for lesson in course.lessons:
        page.goto(lesson.url)
        expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
    expect(page.get_by_role("img", name="A red warning sign")).to_be_visible()
    player = page.frame_locator(".video-frame iframe")
    expect(player.get_by_text("Video player")).to_be_visible()
    shot(page, "every-kind-of-block")

    page.get_by_role("link", name=re.compile("Take the quiz")).click()
    page.get_by_role("button", name="Start the quiz").click()
    shot(page, "quiz")
    answer_demo_quiz(page, COURSE, correctly=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("You passed")
    shot(page, "result")

    page.get_by_role("link", name="See your certificate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My training")
    shot(page, "my-training")
    certificate = Certificate.objects.get(user=learner)
    page.goto("/certificates/verify/")
    page.get_by_label(re.compile("code", re.I)).fill(certificate.display_code)
    page.get_by_role("button", name=re.compile("check", re.I)).click()
    expect(page.get_by_role("status")).to_contain_text("Valid")
    shot(page, "verified")
    page.goto("/accounts/profile/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    shot(page, "profile")


def test_an_administrator_edits_previews_and_reports_without_a_policy_violation(
    page_at, shot, every_block_lesson
):
    page = page_at("desktop")
    serve_like_production(page)
    sign_in(page, ADMIN, DEMO_PASSWORD)

    # A learner page with Wagtail's user bar, which staff see.
    page.goto("/")
    expect(page.get_by_role("heading", name="Pick your workplace")).to_be_visible()
    page.get_by_role("button", name=re.compile("Wagtail", re.I)).click()
    shot(page, "user-bar")

    page.goto("/admin/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    shot(page, "dashboard")

    page.goto(f"/admin/pages/{every_block_lesson.pk}/edit/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(every_block_lesson.title)
    video = page.get_by_role("region", name=re.compile("^Video"))
    expect(video.get_by_role("textbox", name=re.compile("^Title"))).to_have_value(
        "Spotting the signs"
    )
    shot(page, "editor")
    page.get_by_role("button", name="Toggle preview").click()
    # The panel loads the preview in a second frame and, once loaded, gives it the first's id.
    preview = page.locator("iframe#w-preview-iframe[src*='/preview/']").content_frame
    expect(preview.get_by_role("heading", level=1)).to_have_text(every_block_lesson.title)
    expect(preview.get_by_role("img", name="A red warning sign")).to_be_visible()
    expect(preview.frame_locator(".video-frame iframe").get_by_text("Video player")).to_be_visible()
    shot(page, "preview")

    page.goto("/admin/certificates/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Certificates")
    shot(page, "certificate-registry")

    page.goto("/admin/coverage/")
    expect(page.get_by_role("img", name=re.compile("People trained per month"))).to_be_visible()
    shot(page, "coverage-dashboard")

    page.goto("/admin/outreach/import/")
    page.get_by_label("Spreadsheet").set_input_files(
        files=[
            {
                "name": "directory.csv",
                "mimeType": "text/csv",
                "buffer": b"name,stakeholder group,state,county,address,headcount\n"
                b"Harbor Motel,hotel-lodging,CA,Alameda,1 Harbor Way,12\n",
            }
        ]
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview of directory.csv")).to_be_visible()
    expect(page.get_by_role("button", name="Import these organisations")).to_be_visible()
    shot(page, "organisation-import-preview")
