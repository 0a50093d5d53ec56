"""Page types: where they may be created, and that each renders with every kind of block."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from redflag.home.models import HomePage
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, LessonPage

from .conftest import make_course

pytestmark = pytest.mark.django_db


def test_the_page_tree_only_allows_home_then_courses_then_lessons():
    assert HomePage.can_create_at(Page.get_first_root_node())
    assert set(HomePage.allowed_subpage_models()) == {CourseIndexPage}
    assert CoursePage in CourseIndexPage.allowed_subpage_models()
    assert LessonPage in CoursePage.allowed_subpage_models()
    assert LessonPage.allowed_subpage_models() == []
    assert CoursePage.allowed_parent_page_models() == [CourseIndexPage]
    assert LessonPage.allowed_parent_page_models() == [CoursePage]


def test_a_lesson_cannot_be_created_outside_a_course(home, course_index):
    assert not LessonPage.can_create_at(home)
    assert not LessonPage.can_create_at(course_index)
    assert not CoursePage.can_create_at(home)


def test_the_home_page_offers_each_workplace_and_sign_up(client, home, course_index):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    for name in ["Utility workers", "Hotel and lodging staff", "School personnel"]:
        assert name in html
    assert "/courses/?group=hotel-lodging" in html
    assert "/accounts/signup/" in html


def test_the_course_index_filters_courses_by_workplace(client, course_index, hotel_group):
    make_course(course_index, hotel_group, slug="hotel")
    from courses.models import StakeholderGroup

    make_course(course_index, StakeholderGroup.objects.get(slug="school-personnel"), slug="school")
    html = client.get("/courses/?group=school-personnel").content.decode()
    assert "Course school" in html and "Course hotel" not in html
    html = client.get("/courses/").content.decode()
    assert "Course school" in html and "Course hotel" in html


def test_the_course_page_lists_its_lessons_in_order(client, course, lessons):
    html = client.get(course.url).content.decode()
    positions = [html.index(f"Lesson {n}") for n in (1, 2, 3)]
    assert positions == sorted(positions)


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#9b1c1c").save(buffer, "PNG")
    return ImageFile(buffer, name="sign.png")


def test_a_lesson_renders_every_block_type(client, course):
    image = Image.objects.create(title="Sign", file=_png())
    video_url = "https://video.example.org/watch/1"
    # Embeds are looked up in Wagtail's cache table first, so no network is needed.
    Embed.objects.create(
        url=video_url,
        hash=get_embed_hash(video_url),
        max_width=None,
        type="video",
        html='<iframe title="Clip"></iframe>',
        title="Clip",
        width=640,
        height=360,
    )
    body = [
        ("text", "<p>Trafficking is <b>exploitation</b>.</p>"),
        (
            "indicators",
            {
                "heading": "Signs",
                "items": [
                    {
                        "sign": "Workers sleep on site",
                        "why": "Controlled housing",
                        "kind": "labour",
                    },
                    {
                        "sign": "Many men visit one room",
                        "why": "Possible commercial sex",
                        "kind": "sex",
                    },
                ],
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
        ("video", {"video": video_url, "title": "Clip", "transcript": "Words spoken in the clip."}),
    ]
    lesson = LessonPage(title="All blocks", slug="all-blocks", body=body)
    course.add_child(instance=lesson)
    lesson.save_revision().publish()

    html = client.get(lesson.url).content.decode()
    for text in [
        "exploitation",
        "Workers sleep on site",
        "Labour",
        "Room 12",
        "Report, do not confront.",
        "1-888-373-7888",
        "233733",
        "911",
        "Tell your supervisor.",
        "Write it down",
        "Confront",
        'alt="A red warning sign"',
        "Warning",
        '<iframe title="Clip">',
        "Words spoken in the clip.",
    ]:
        assert text in html, text


def test_the_report_callout_shows_the_local_task_force_contact(client, course, home):
    from redflag.home.models import TaskForceSettings
    from wagtail.models import Site

    task_force = TaskForceSettings.for_site(Site.objects.get(is_default_site=True))
    task_force.local_contact_name = "Bay Area Task Force tip line"
    task_force.local_contact_phone = "510-555-0199"
    task_force.save()
    lesson = LessonPage(
        title="Report", slug="report", body=[("report", {"heading": "Call", "note": ""})]
    )
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert "Bay Area Task Force tip line" in html and 'href="tel:5105550199"' in html


def test_a_renamed_task_force_shows_on_the_next_page_although_its_settings_are_cached(
        client, course, home):
    from redflag.home.models import TaskForceSettings
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    assert "Regional Human Trafficking Task Force" in client.get(course.url).content.decode()
    task_force = TaskForceSettings.for_site(site)
    task_force.name = "Bay Area Anti-Trafficking Task Force"
    task_force.save()
    assert "Bay Area Anti-Trafficking Task Force" in client.get(course.url).content.decode()


def test_a_video_without_transcript_is_rejected():
    from django.core.exceptions import ValidationError

    from courses.blocks import VideoBlock

    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python(
                {"video": "https://video.example.org/1", "title": "T", "transcript": ""}
            )
        )


def test_an_image_without_alt_text_is_rejected():
    from django.core.exceptions import ValidationError

    from courses.blocks import ImageBlock

    image = Image.objects.create(title="Sign", file=_png())
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))


def test_a_missing_page_answers_404_with_a_way_back(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'href="/courses/"' in html


def test_a_server_error_shows_a_plain_page_without_details(client, home, monkeypatch):
    client.raise_request_exception = False
    from redflag.home.models import HomePage

    def fail(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(HomePage, "get_context", fail)
    response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html and "secret internals" not in html


def test_the_browsers_favicon_request_finds_the_icon(client, home):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")
    assert response["Location"].startswith("/static/")
    assert f'<link rel="icon" href="{response["Location"]}"' in client.get("/").content.decode()
