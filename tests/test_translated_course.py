"""A course in Spanish: its translation served to readers of Spanish, courses not yet translated
served in English and marked as such, and a pass in Spanish that counts for the course and prints
a Spanish certificate."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from redflag.demo.translations import (
    paired_strings,
    seed_translations,
    translate_page,
    translation_files,
)
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, TranslationSource
from wagtail_localize.strings import extract_strings

from certificates.models import Certificate
from certificates.pdf import Branding, render_html
from courses.blocks import RICH_TEXT_FEATURES
from courses.demo import seed_courses
from courses.demo_data import load_course
from courses.models import CoursePage, LessonPage
from quizzes import services
from quizzes.models import Attempt, CourseCompletion, QuizPage
from quizzes.testing import answers_post, make_quiz, open_all_lessons
from tests.conftest import make_course, sign_in


def spanish(page):
    """Translate a page into Spanish as a trainer would, each segment marked "[es]"."""
    page = page.specific
    source, _created = TranslationSource.update_or_create_from_instance(page)
    strings = {segment.string.data: f"[es] {segment.string.data}"
               for segment in StringSegment.objects.filter(source=source)
               .select_related("string")}
    return translate_page(page, Locale.objects.get(language_code="es"), strings)


@pytest.fixture
def spanish_course(home, course_index, course):
    make_quiz(course, questions=4)
    for page in [home, course_index, course, *LessonPage.objects.child_of(course).order_by("path"),
                 QuizPage.objects.child_of(course).get()]:
        spanish(page)
    return CoursePage.objects.get(translation_key=course.translation_key,
                                  locale__language_code="es")


def read_in(client, language):
    client.cookies["django_language"] = language


def test_readers_of_spanish_get_the_translation_at_the_same_address(client, course,
                                                                    spanish_course):
    assert spanish_course.live and spanish_course.url == course.url
    read_in(client, "es")
    page = client.get(course.url).content.decode()
    assert "<h1>[es] Course hotel</h1>" in page
    read_in(client, "en")
    page = client.get(course.url).content.decode()
    assert "<h1>Course hotel</h1>" in page


def test_a_course_not_yet_translated_is_served_in_english_and_marked(
        client, course_index, hotel_group, spanish_course):
    other = make_course(course_index, hotel_group, slug="utility")
    lesson = LessonPage.objects.child_of(other).first()
    read_in(client, "es")
    page = client.get(other.url).content.decode()
    assert '<h1 lang="en">Course utility</h1>' in page
    lesson_page = client.get(lesson.url).content.decode()
    assert '<article class="lesson-body" lang="en">' in lesson_page
    assert "Paragraph 0 of lesson 1." in lesson_page
    # The catalogue lists each course once: the translation, then the English one marked.
    catalogue = client.get(course_index.url).content.decode()
    assert "[es] Course hotel" in catalogue and "Course utility" in catalogue
    assert catalogue.count('class="badge badge-coming"') == 1
    assert "Próximamente en español" in catalogue
    assert '<h2 lang="en"><a href="/courses/utility/">Course utility</a></h2>' in catalogue
    assert ">Course hotel<" not in catalogue
    # An address that is nowhere is still not found.
    assert client.get("/courses/nowhere/").status_code == 404


def test_an_english_reader_sees_no_mark_and_no_translation(client, course_index, spanish_course):
    read_in(client, "en")
    catalogue = client.get(course_index.url).content.decode()
    main = catalogue.split("<main", 1)[1].split("</main>", 1)[0]
    assert "[es]" not in main and "badge-coming" not in main and ' lang="en"' not in main


def test_a_pass_in_spanish_counts_for_the_course_and_prints_a_spanish_certificate(
        client, learner, course, spanish_course):
    spanish_quiz = QuizPage.objects.child_of(spanish_course).get()
    open_all_lessons(learner, spanish_course)
    client.force_login(learner)
    read_in(client, "es")
    client.post(reverse("quizzes:start", args=[spanish_quiz.pk]))
    attempt = Attempt.objects.get(user=learner, quiz=spanish_quiz)
    # What to review points at the Spanish lessons.
    lessons_named = {question["lesson"]["id"] for question in attempt.questions}
    assert lessons_named <= set(LessonPage.objects.child_of(spanish_course)
                                .values_list("pk", flat=True))
    client.post(reverse("quizzes:attempt", args=[attempt.public_id]), answers_post(attempt))
    attempt.refresh_from_db()
    assert attempt.passed

    certificate = Certificate.objects.get(user=learner)
    assert certificate.course_id == course.pk  # the source: renewals, compliance and coverage
    assert certificate.language == "es"
    assert certificate.course_title == "[es] Course hotel"
    assert CourseCompletion.objects.get(user=learner).course_id == course.pk
    assert services.has_completed(learner, spanish_course) and services.has_completed(
        learner, course)

    certificate.group.translated_names = {"es": "Personal de hoteles"}
    certificate.group.save()
    html = render_html(certificate, Branding.current())
    assert '<html lang="es">' in html and "Certificado" in html and "Válido hasta" in html
    assert "Personal de hoteles" in html and "[es] Course hotel" in html
    # Its dates are written the Spanish way, as the Spanish pages write them.
    with translation.override("es"):
        expires = date_format(certificate.expires_on, "DATE_FORMAT")  # "7 de diciembre de 2026"
    assert f"</span> {expires}</p>" in html

    # The learner's home shows the Spanish course as completed, once.
    home = client.get(reverse("learner_home")).content.decode()
    assert home.count("[es] Course hotel") >= 1 and "Course hotel<" not in home.replace(
        "[es] Course hotel<", "")


def test_paired_strings_refuse_a_translation_of_another_shape():
    source = {"slug": "a", "title": "One", "lessons": [{"slug": "x", "body": [
        ("text", "<p>First.</p><p>Second.</p>")]}]}
    same = {"slug": "a", "title": "Uno", "lessons": [{"slug": "x", "body": [
        ("text", "<p>Primero.</p><p>Segundo.</p>")]}]}
    assert paired_strings(source, same) == {"One": "Uno", "First.": "Primero.",
                                            "Second.": "Segundo."}
    fewer = {**same, "lessons": [{"slug": "x", "body": [("text", "<p>Primero y segundo.</p>")]}]}
    with pytest.raises(ValueError, match="paragraphs"):
        paired_strings(source, fewer)
    renamed = {**same, "slug": "b"}
    with pytest.raises(ValueError, match="identifiers"):
        paired_strings(source, renamed)


def test_paired_strings_refuse_two_translations_of_the_same_text():
    # One English text is one entry of the table the pages are translated from: a lesson's title
    # and a topic's name that say the same in English must say the same in Spanish.
    source = {"slug": "a", "title": "One", "lessons": [{"slug": "x", "title": "Labor"}],
              "topics": [{"slug": "t", "name": "Labor"}]}
    same = {"slug": "a", "title": "Uno", "lessons": [{"slug": "x", "title": "Trabajo"}],
            "topics": [{"slug": "t", "name": "Trabajo"}]}
    assert paired_strings(source, same) == {"One": "Uno", "Labor": "Trabajo"}
    differing = {**same, "topics": [{"slug": "t", "name": "Labores"}]}
    with pytest.raises(ValueError, match="'Labor' is translated as 'Labores' here and as "
                                         "'Trabajo' elsewhere"):
        paired_strings(source, differing)


def test_the_demo_translations_pair_every_text_with_one_translation():
    for source_file, translation_file, _language in translation_files():
        paired_strings(load_course(source_file), load_course(translation_file))


def test_a_page_with_an_untranslated_string_is_not_published(home, course_index, course):
    es = Locale.objects.get(language_code="es")
    spanish(home)
    spanish(course_index)
    with pytest.raises(ValueError, match="no translation for"):
        translate_page(course, es, {})
    assert not CoursePage.objects.filter(locale=es).exists()



def test_a_trainers_first_edit_of_a_demo_lesson_leaves_its_other_paragraphs_translated(home):
    # The rich-text editor saves bold as <b> and italics as <i>. Were the demo's lessons stored
    # otherwise, a trainer's first save of a lesson would rewrite every paragraph with a bold word,
    # and wagtail-localize would ask for each of them again in Spanish.
    seed_courses(home)
    seed_translations(home)
    converter = ContentstateConverter(RICH_TEXT_FEATURES)
    for lesson in LessonPage.objects.filter(locale=home.locale):
        for block in lesson.body:
            if block.block_type != "text":
                continue
            stored = block.value.source
            saved = converter.to_database_format(converter.from_database_format(stored))
            assert segments_of(saved) == segments_of(stored), lesson.title


def segments_of(html):
    _template, strings = extract_strings(html)
    return [string.data for string, _attrs in strings]


@pytest.mark.parametrize(("role", "publishes"), [("trainer", False), ("reviewer", True)])
def test_syncing_translations_publishes_them_only_for_someone_who_may_publish(
        client, course, spanish_course, role, publishes, request,
        django_capture_on_commit_callbacks):
    # wagtail-localize's sync page would publish the translations for anyone who may translate.
    user = request.getfixturevalue(role)
    lesson = LessonPage.objects.child_of(course).first()
    spanish_lesson = lesson.get_translation(Locale.objects.get(language_code="es"))
    published = spanish_lesson.live_revision_id
    lesson.title = "Lesson one, revised"
    lesson.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(lesson)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    sign_in(client, user.email)

    form = client.get(url).content.decode()
    assert ('name="publish_translations"' in form) is publishes
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    spanish_lesson.refresh_from_db()
    assert (spanish_lesson.live_revision_id != published) is publishes
    # Either way the Spanish lesson now asks for the new English title.
    source.refresh_from_db()
    assert "Lesson one, revised" in source.content_json


def test_the_spanish_catalogue_costs_the_same_queries_whatever_the_translated_courses(
        client, course_index, hotel_group, spanish_course):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    read_in(client, "es")
    client.get(course_index.url)
    with CaptureQueriesContext(connection) as one:
        client.get(course_index.url)
    spanish(make_course(course_index, hotel_group, slug="second"))
    with CaptureQueriesContext(connection) as two:
        page = client.get(course_index.url).content.decode()
    assert "[es] Course second" in page
    assert len(two) == len(one)
