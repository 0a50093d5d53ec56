"""The demo loader's law keys: a course's `sources` and `jurisdiction`, the demo jurisdictions
file, and what seed_demo makes of them."""

import os

import pytest
from django.core.management import call_command
from redflag.home.models import TaskForceSettings
from wagtail.models import Site

from courses import demo
from courses.demo_data import DEMO_JURISDICTIONS_FILE, load_courses, load_jurisdictions
from courses.models import CoursePage, Jurisdiction

from .test_demo_data import COURSE, write

JURISDICTIONS = '''\
default = "national"

[[jurisdictions]]
slug = "california"
name = "California"
state = "CA"
law = "Cal. Gov. Code § 12950.3"
validity_months = 24
first_training_months = 6
hotline_name = "CAST hotline (California)"
hotline_phone = "1-888-539-2373"

[[jurisdictions]]
slug = "national"
name = "National (no state requirement)"
validity_months = 24
'''


def with_keys(text, keys):
    # Top-level keys go before the first table of the file.
    return text.replace("[[lessons]]", keys + "\n[[lessons]]", 1)


@pytest.fixture
def jurisdictions_file(tmp_path):
    path = tmp_path / "jurisdictions.toml"
    path.write_text(JURISDICTIONS)
    return path


def test_the_shipped_courses_name_their_jurisdictions():
    courses = {course["slug"]: course for course in load_courses()}
    assert courses["hotel-staff"]["jurisdiction"] == "california"
    assert {courses[slug]["jurisdiction"] for slug in courses if slug != "hotel-staff"} == {
        "national"}
    shipped = load_jurisdictions()
    california = next(j for j in shipped["jurisdictions"] if j["slug"] == "california")
    assert (california["validity_months"], california["first_training_months"],
            california["hotline_phone"]) == (24, 6, "1-888-539-2373")
    assert DEMO_JURISDICTIONS_FILE.parent.name == "courses"  # not a course file


def test_a_course_names_its_sources_and_jurisdiction(tmp_path, jurisdictions_file):
    folder = tmp_path / "courses"
    folder.mkdir()
    write(folder, with_keys(COURSE, 'jurisdiction = "california"\n'
                                    'sources = ["Cal. Gov. Code § 12950.3", "DHS Blue Campaign"]'))
    [course] = load_courses(folder, jurisdictions_file)
    assert course["jurisdiction"] == "california"
    assert course["sources"] == ["Cal. Gov. Code § 12950.3", "DHS Blue Campaign"]


def test_a_course_that_names_no_jurisdiction_follows_the_default_and_has_no_sources(
        tmp_path, jurisdictions_file):
    folder = tmp_path / "courses"
    folder.mkdir()
    write(folder, COURSE)
    [course] = load_courses(folder, jurisdictions_file)
    assert (course["jurisdiction"], course["sources"]) == ("national", [])


@pytest.mark.parametrize(("keys", "problem"), [
    ('jurisdiction = "texas"',
     "jurisdiction 'texas' is not one of 'california', 'national' (see demo_jurisdictions.toml)"),
    ("jurisdiction = 12", "jurisdiction: should be text, not 12"),
    ('sources = "Cal. Gov. Code"', "sources: should be a list"),
    ('sources = ["A law", 2]', "source 2, sources: should be text, not 2"),
    ('sources = ["A law", " "]', "source 2: is empty"),
])
def test_a_wrong_law_key_is_refused_with_the_file_and_what_is_wrong(
        tmp_path, jurisdictions_file, keys, problem):
    folder = tmp_path / "courses"
    folder.mkdir()
    path = write(folder, with_keys(COURSE, keys))
    with pytest.raises(ValueError) as error:
        load_courses(folder, jurisdictions_file)
    assert str(error.value).startswith(f"{path}:")
    assert problem in str(error.value)


@pytest.mark.parametrize(("change", "problem"), [
    (('default = "national"', 'default = "federal"'),
     "default: 'federal' is not one of 'california', 'national'"),
    (('state = "CA"', 'state = "Cal"'),
     "jurisdiction 1 (california): state should be a two-letter US state code"),
    (('law = "Cal. Gov. Code § 12950.3"\n', ""),
     "jurisdiction 1 (california): law: a jurisdiction with a state names the law it follows"),
    (("validity_months = 24\nfirst", "validity_months = 0\nfirst"),
     "jurisdiction 1 (california): validity_months: should be from 1 to 120"),
    (('hotline_phone = "1-888-539-2373"\n', ""),
     "jurisdiction 1 (california): hotline_name and hotline_phone go together"),
    (('hotline_phone = "1-888-539-2373"', 'hotline_phone = "CAST"'),
     "hotline_phone: 'CAST' is not a phone number"),
    (('slug = "national"', 'slug = "california"'), "two jurisdictions have the slug 'california'"),
    (("validity_months = 24\n", 'validity_months = "two years"\n'),
     "validity_months: should be a whole number, not 'two years'"),
    (('name = "California"', 'name = "California"\nhotline = "x"'),
     "jurisdiction 1 (california): unknown key 'hotline'"),
])
def test_a_broken_jurisdictions_file_is_refused_with_its_name_and_what_is_wrong(
        tmp_path, change, problem):
    old, new = change
    assert old in JURISDICTIONS
    path = tmp_path / "jurisdictions.toml"
    path.write_text(JURISDICTIONS.replace(old, new, 1))
    with pytest.raises(ValueError) as error:
        load_jurisdictions(path)
    assert str(error.value).startswith(f"{path}:")
    assert problem in str(error.value)


@pytest.mark.django_db
def test_seed_demo_gives_each_course_its_jurisdiction_and_sources_and_runs_twice(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    california = Jurisdiction.objects.get(slug="california")
    california.hotline_name = "CAST hotline, as the task force spells it"
    california.save()
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    assert Jurisdiction.objects.count() == 2
    california.refresh_from_db()
    assert california.hotline_name == "CAST hotline, as the task force spells it"  # kept
    courses = {course.slug: course for course in CoursePage.objects.select_related(
        "jurisdiction")}
    assert courses["hotel-staff"].jurisdiction == california
    assert {course.jurisdiction.slug for slug, course in courses.items()
            if slug != "hotel-staff"} == {"national"}
    # The page as production serves it: a first request under DEBUG would load the URLs with
    # the development media route, which every later test in the process would then see.
    settings.DEBUG = False
    html = client.get(courses["hotel-staff"].url).content.decode()
    assert "California law: take this training within 6 months of starting work" in html


@pytest.mark.django_db
def test_seed_demo_fills_the_local_law_enforcement_number_with_a_demo_value_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    task_force = TaskForceSettings.for_site(Site.objects.get(is_default_site=True))
    assert task_force.law_enforcement_name == demo.DEMO_LAW_ENFORCEMENT_NAME
    assert "demo" in task_force.law_enforcement_name.lower()
    assert task_force.law_enforcement_phone == "555-0123"
    task_force.law_enforcement_phone = "510-555-0142"
    task_force.save()
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    task_force = TaskForceSettings.objects.get(pk=task_force.pk)
    assert task_force.law_enforcement_phone == "510-555-0142"
