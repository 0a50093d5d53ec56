"""The Content-Security-Policy header: strict on learner pages, relaxed only where Wagtail's admin
needs it, and framable only by Redflag itself for the editor's previews."""

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.embeds.finders import get_finders
from wagtail.test.utils.form_data import nested_form_data, rich_text

from courses.blocks import VideoBlock
from courses.models import StakeholderGroup

from .conftest import make_user

pytestmark = pytest.mark.django_db


def policy(response):
    """The header as {directive: [sources]}."""
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def nonce_of(directives, name):
    found = [source for source in directives[name] if source.startswith("'nonce-")]
    assert len(found) == 1, directives[name]
    return found[0]


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("admin@example.org", is_superuser=True, is_staff=True))
    return client


def test_the_home_page_allows_only_its_own_files_and_a_fresh_nonce_per_response(
    client, home, course_index
):
    first, second = client.get("/"), client.get("/")
    assert first.status_code == second.status_code == 200
    directives = policy(first)
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert first.headers["X-Frame-Options"] == "DENY"
    # The nonce is new for every response, and the page's one <style> element carries it.
    assert nonce_of(directives, "style-src") != nonce_of(policy(second), "style-src")
    assert nonce_of(directives, "script-src") == nonce_of(directives, "style-src")
    nonce = nonce_of(directives, "style-src").removeprefix("'nonce-").removesuffix("'")
    html = first.content.decode()
    assert re.findall(r"<style[^>]*>", html) == [f'<style nonce="{nonce}">']


def test_workplace_colours_come_from_the_nonced_stylesheet_not_style_attributes(
    client, home, course_index
):
    hotel = StakeholderGroup.objects.get(slug="hotel-lodging")
    hotel.colour = "#123abc"
    hotel.save()
    html = client.get("/").content.decode()
    assert "style=" not in html
    assert ".card.group-hotel-lodging { --group-colour: #123abc; }" in html
    assert 'class="card group-hotel-lodging"' in html


def test_a_colour_saved_without_validation_cannot_break_out_of_the_stylesheet(
    client, home, course_index
):
    # The admin form validates colours; a script or import saving the model directly does not.
    StakeholderGroup.objects.filter(slug="hotel-lodging").update(colour="red}*{")
    html = client.get("/").content.decode()
    assert "red}" not in html
    assert ".card.group-hotel-lodging { --group-colour: #9b1c1c; }" in html


def test_a_page_without_inline_script_or_style_names_no_nonce(client, home, course_index):
    directives = policy(client.get("/courses/"))
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-src"] == ["https://www.youtube.com", "https://player.vimeo.com"]


def test_sign_in_and_certificate_check_pages_get_the_learner_policy(client, db):
    for path in ["/accounts/login/", "/accounts/signup/", "/certificates/verify/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        directives = policy(response)
        assert "'unsafe-inline'" not in directives["script-src"], path
        assert "'unsafe-inline'" not in directives["style-src"], path
        assert directives["frame-ancestors"] == ["'none'"], path


def test_the_admin_allows_the_inline_code_wagtail_writes_and_still_cannot_be_framed(
    admin_client, home
):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-src"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_editors_page_preview_shows_the_learner_policy_and_may_be_framed_by_the_admin(
    admin_client, home
):
    preview = f"/admin/pages/{home.pk}/edit/preview/"
    form = {"title": home.title, "slug": home.slug, "headline": "Previewed", "intro": rich_text("")}
    assert admin_client.post(preview, nested_form_data(form)).json()["is_valid"]
    response = admin_client.get(preview)
    assert "Previewed" in response.content.decode()
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    directives = policy(response)
    assert directives["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]


def test_a_streamfield_block_preview_may_be_framed_by_the_admin(admin_client, home):
    from courses.blocks import LessonStreamBlock

    block = LessonStreamBlock().child_blocks["do_dont"]
    response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(response)["frame-ancestors"] == ["'self'"]


def test_the_editor_finds_videos_only_on_the_players_learner_pages_may_frame():
    finders = get_finders()

    def found(url):
        return any(finder.accept(url) for finder in finders)

    assert found("https://www.youtube.com/watch?v=abc123")
    assert found("https://youtu.be/abc123")
    assert found("https://vimeo.com/76979871")
    assert not found("https://www.dailymotion.com/video/x7tgad0")
    assert not found("https://www.ted.com/talks/a_talk")


def test_a_video_from_another_provider_is_refused_when_the_lesson_is_saved():
    block = VideoBlock()
    value = block.to_python(
        {"video": "https://www.dailymotion.com/video/x7tgad0", "title": "T", "transcript": "Words."}
    )
    with pytest.raises(ValidationError) as refused:
        block.clean(value)
    assert set(refused.value.block_errors) == {"video"}
