"""The how-to-report callout: whom to call, in the order to think of them, and what the national
hotline is; the task force's required local law-enforcement number behind it."""

import re

import pytest
from django.core.checks import run_checks
from redflag.home.models import TaskForceSettings
from redflag.lib.phones import tel_href
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Site

from courses.models import LessonPage

from .conftest import make_course, make_jurisdiction


def task_force(**fields):
    settings = TaskForceSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def report_lesson(course, slug="report"):
    lesson = LessonPage(title="Whom to call", slug=slug, body=[
        ("report", {"heading": "How to report", "note": "Tell your supervisor too."})])
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def callout(client, lesson) -> str:
    html = client.get(lesson.url).content.decode()
    match = re.search(r'<aside class="block-report".*?</aside>', html, re.S)
    assert match, "the lesson shows no how-to-report callout"
    return match.group(0)


@pytest.fixture
def contacts(home):
    return task_force(
        law_enforcement_name="Alameda County Sheriff's Office non-emergency",
        law_enforcement_phone="(510) 555-0142",
        local_contact_name="Bay Area Task Force tip line", local_contact_phone="510-555-0199",
        local_contact_email="tips@example.org")


def test_the_callout_names_911_police_state_line_task_force_then_the_hotline_in_that_order(
        client, course, contacts):
    html = callout(client, report_lesson(course))
    order = [
        'href="tel:911"',
        "Alameda County Sheriff&#x27;s Office non-emergency",
        'href="tel:5105550142"',
        "CAST hotline",
        'href="tel:18885392373"',
        "Bay Area Task Force tip line",
        'href="tel:5105550199"',
        "National Human Trafficking Hotline",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions), list(zip(order, positions, strict=True))
    assert "Tell your supervisor too." in html
    assert '<a href="mailto:tips@example.org">tips@example.org</a>' in html


def test_the_hotline_block_says_what_the_hotline_is_and_every_way_to_reach_it(
        client, course, contacts):
    html = callout(client, report_lesson(course))
    hotline = html[html.index('<section class="report-hotline">'):]
    for fact in ("Confidential", "24 hours a day, 7 days a week", "many languages",
                 "not the police and not immigration",
                 "only with that person's consent, except in an emergency",
                 "abuse of a child is reported to the authorities",
                 "text and chat work in English and Spanish"):
        assert fact in hotline, fact
    for way in ('<a href="tel:18883737888">1-888-373-7888</a>',
                '<a href="sms:233733">233733</a> (“BeFree”)',
                '<a href="tel:711">711</a>',
                '<a href="https://humantraffickinghotline.org/">humantraffickinghotline.org</a>'):
        assert way in hotline, way
    # Lists, so a screen reader announces how many ways there are, and a phone stacks them.
    assert hotline.count("<li>") == 4
    assert html.count("<li class=\"report-") == 4


def test_a_course_without_a_state_line_shows_none(client, course_index, hotel_group, contacts):
    national = make_jurisdiction("national", name="National (no state requirement)")
    course = make_course(course_index, hotel_group, slug="national", lessons=0,
                         jurisdiction=national)
    html = callout(client, report_lesson(course))
    assert "report-state" not in html and "CAST" not in html
    assert 'href="tel:5105550142"' in html


def test_text_typed_in_the_settings_is_escaped(client, course, home):
    task_force(law_enforcement_name='<script>alert("x")</script> Sheriff',
               law_enforcement_phone="555-0142",
               local_contact_name="<b>Tip line</b>", local_contact_phone="555-0100")
    html = callout(client, report_lesson(course))
    assert "<script>" not in html and "<b>Tip line</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Sheriff" in html
    assert "&lt;b&gt;Tip line&lt;/b&gt;" in html


def test_without_a_local_number_yet_the_callout_still_says_whom_to_call(client, course, home):
    task_force(law_enforcement_name="", law_enforcement_phone="")
    lesson = report_lesson(course)
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = callout(client, lesson)
    assert ("Local law enforcement: call your police department's or sheriff's "
            "non-emergency line.") in html
    assert 'href="tel:911"' in html and 'href="tel:18883737888"' in html


def test_a_changed_local_number_shows_on_the_next_view_of_a_cached_lesson(
        learner_client, course, contacts):
    lesson = report_lesson(course)
    assert 'href="tel:5105550142"' in callout(learner_client, lesson)
    task_force(law_enforcement_phone="510-555-0177")
    html = callout(learner_client, lesson)
    assert 'href="tel:5105550177"' in html and "tel:5105550142" not in html


def test_the_callout_reads_in_spanish(client, course, contacts):
    lesson = report_lesson(course)
    html = client.get(lesson.url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Línea Nacional contra la Trata de Personas" in html
    assert "No es la policía ni inmigración" in html
    assert "Llame al <a href=\"tel:18883737888\">1-888-373-7888</a>" in html
    assert "los mensajes de texto y el chat funcionan en inglés y en español" in html


# The settings ----------------------------------------------------------------------------------


def settings_form(instance, **data):
    form_class = get_edit_handler(TaskForceSettings).get_form_class()
    values = {"name": "Bay Area Task Force", "law_enforcement_name": "Sheriff non-emergency",
              "law_enforcement_phone": "555-0142", "local_contact_name": "",
              "local_contact_phone": "", "local_contact_email": ""}
    return form_class(data={**values, **data}, instance=instance)


@pytest.mark.parametrize(("data", "field"), [
    ({"law_enforcement_phone": ""}, "law_enforcement_phone"),
    ({"law_enforcement_phone": "   "}, "law_enforcement_phone"),
    ({"law_enforcement_name": ""}, "law_enforcement_name"),
    ({"law_enforcement_phone": "call the sheriff"}, "law_enforcement_phone"),
])
def test_the_settings_form_requires_a_local_law_enforcement_name_and_number(home, data, field):
    form = settings_form(TaskForceSettings.for_site(Site.objects.get(is_default_site=True)), **data)
    assert not form.is_valid()
    assert field in form.errors


def test_the_settings_form_takes_a_local_number(home):
    form = settings_form(TaskForceSettings.for_site(Site.objects.get(is_default_site=True)),
                         law_enforcement_phone="+1 (510) 555-0142")
    assert form.is_valid(), form.errors
    assert tel_href(form.save().law_enforcement_phone) == "tel:+15105550142"


def test_an_install_without_a_local_number_is_warned_at_start_up(home):
    task_force(law_enforcement_name="", law_enforcement_phone="")
    [warning] = [message for message in run_checks() if message.id == "home.W001"]
    assert "No local law-enforcement number" in warning.msg
    assert "Settings → Task force" in warning.hint
    task_force(law_enforcement_name="Sheriff", law_enforcement_phone="555-0142")
    assert not [message for message in run_checks() if message.id == "home.W001"]


def test_a_site_with_no_settings_saved_yet_is_warned_too(home):
    TaskForceSettings.objects.all().delete()
    assert [message.id for message in run_checks() if message.id == "home.W001"] == ["home.W001"]
