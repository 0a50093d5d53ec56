"""Staff avatars are initials drawn by Redflag: no admin page asks Gravatar (or anyone) for one."""

from types import SimpleNamespace
from urllib.parse import unquote

import pytest
from django.urls import reverse
from redflag.accounts.avatars import initials, initials_avatar_url

from .conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "first, last, email, expected",
    [
        ("Jane", "Doe", "jd@example.org", "JD"),
        ("María José", "García López", "m@example.org", "ML"),
        ("", "", "jane.doe@example.org", "JD"),
        ("", "", "trainer@example.org", "T"),
        ("", "", "_@example.org", "?"),
        ("ángel", "", "a@example.org", "Á"),
    ],
)
def test_initials_come_from_the_name_or_else_the_email_address(first, last, email, expected):
    user = SimpleNamespace(first_name=first, last_name=last, email=email)
    assert initials(user) == expected


def test_the_avatar_is_an_svg_of_letters_only_whatever_the_name_holds():
    user = SimpleNamespace(pk=3, first_name="<b>", last_name="&x\"", email="")
    url = initials_avatar_url(user, 25)
    assert url.startswith("data:image/svg+xml,")
    svg = unquote(url.removeprefix("data:image/svg+xml,"))
    assert "<b>" not in svg and "&x" not in svg and ">BX</text>" in svg
    assert 'width="25"' in svg


def admin_pages(user, course, lessons):
    """Admin pages that show avatars, for what this person may open."""
    pages = [reverse("wagtailadmin_home"), reverse("wagtailadmin_account")]
    if course.permissions_for_user(user).can_edit():
        pages += [
            reverse("wagtailadmin_pages:edit", args=[lessons[0].pk]),
            reverse("wagtailadmin_pages:history", args=[lessons[0].pk]),
            reverse("wagtailadmin_explore", args=[course.pk]),
        ]
    if user.is_superuser:
        pages += [reverse("wagtailusers_users:index"), reverse("wagtailadmin_reports:site_history")]
    return pages


@pytest.mark.parametrize("role", ["Trainers", "Reviewers", "Coordinators", None])
def test_no_admin_page_references_gravatar(client, role, course, lessons):
    user = make_user("jane.doe@example.org", group=role, first_name="Jane", last_name="Doe",
                     is_superuser=role is None)
    # Someone's edit and submission, so histories and the home page show people.
    lessons[0].save_revision(user=user, log_action=True)
    client.force_login(user)
    for url in admin_pages(user, course, lessons):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "gravatar" not in html.lower(), url
        if "/history/" in url:
            assert "data:image/svg+xml," in html  # the page's history shows who edited it
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar's account menu carries the initials avatar (in its JSON, URL-quoted).
    assert "data:image/svg+xml," in home and "JD%3C/text%3E" in home
