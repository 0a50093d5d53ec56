"""The demo content command, migrations, and production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page

from courses.models import CoursePage, LessonPage

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_seed_demo_builds_four_courses_with_lessons_and_is_safe_to_run_twice(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--demo-accounts", stdout=open(os.devnull, "w"))
    counts = (Page.objects.count(), CoursePage.objects.count(), LessonPage.objects.count())
    call_command("seed_demo", "--demo-accounts", stdout=open(os.devnull, "w"))
    assert (Page.objects.count(), CoursePage.objects.count(), LessonPage.objects.count()) == counts
    # Four courses, and the hotel course's Spanish translation.
    assert counts[1] == 5
    assert sorted(CoursePage.objects.values_list("locale__language_code", "slug")) == [
        ("en", "health-care"), ("en", "hotel-staff"), ("en", "school-personnel"),
        ("en", "utility-workers"), ("es", "hotel-staff")]
    for course in CoursePage.objects.all():
        assert LessonPage.objects.child_of(course).live().count() >= 3
        assert course.audience.exists()


@pytest.mark.django_db
def test_seed_demo_creates_no_known_password_accounts_in_production(settings, django_user_model):
    settings.DEBUG = False
    settings.REDFLAG_DEMO = False
    call_command(
        "seed_demo", "--demo-accounts", stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w")
    )
    assert not django_user_model.objects.filter(email="learner@example.org").exists()


@pytest.mark.django_db
def test_the_demo_lessons_teach_not_to_confront_and_how_to_report(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    for course in CoursePage.objects.all():
        text = " ".join(
            client.get(lesson.url).content.decode()
            for lesson in LessonPage.objects.child_of(course)
        ).lower()
        assert "1-888-373-7888" in text
        assert "confront" in text


@pytest.mark.django_db
def test_there_are_no_model_changes_without_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _manage(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "SECURE_COOKIES",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "p" * 20 + "roduction-secret-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "redflag.example.org",
    "DATABASE_URL": "sqlite:////tmp/redflag-check-deploy.sqlite3",
}


def test_production_settings_pass_the_deploy_check_with_no_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_a_secret_key_or_hosts(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


def test_makemigrations_runs_on_a_fresh_checkout_without_secrets():
    result = _manage("makemigrations", "--check", "--dry-run",
                     DATABASE_URL="sqlite:////tmp/redflag-makemigrations.sqlite3")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_the_sanitiser_keeps_lesson_markup_and_drops_scripts():
    from redflag.lib.sanitise import clean_html

    cleaned = clean_html(
        '<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x">l</a>'
        "<strong>there</strong></p>"
    )
    assert "script" not in cleaned and "onclick" not in cleaned and "javascript" not in cleaned
    assert "<strong>there</strong>" in cleaned
