"""What the demo courses teach, pinned: keyed answers that agree with their lessons, no cue that
gives an answer away, and the rules every course states (a possible minor, whom to call)."""

import re

import pytest

from courses.demo_data import load_courses
from tests import readability

COURSES = {course["slug"]: course for course in load_courses()}
ONE_ANSWER = {"single", "scenario"}


def _lesson_text(course: dict, slug: str) -> str:
    lesson = next(lesson for lesson in course["lessons"] if lesson["slug"] == slug)
    return " ".join(readability.sentences_of(*readability.lesson_texts(lesson)))


def _course_text(course: dict) -> str:
    return " ".join(" ".join(readability.sentences_of(*readability.lesson_texts(lesson)))
                    for lesson in course["lessons"])


def _question(course: dict, phrase: str) -> dict:
    found = [q for q in course["questions"] if phrase in q["scenario"] + " " + q["text"]]
    assert len(found) == 1, f"one question of {course['slug']} should mention {phrase!r}"
    return found[0]


def _keyed(question: dict) -> list[str]:
    return [" ".join(choice["text"].split()) for choice in question["choices"] if choice["correct"]]


def test_the_school_key_has_staff_make_their_own_report_as_the_lesson_says():
    course = COURSES["school-personnel"]
    question = _question(course, "goes straight to his car")
    lesson = _lesson_text(course, question["lesson"])
    # The lesson: telling the school's contact or a supervisor does not replace your own report.
    assert "Telling this person does not replace your own report. You still make it yourself." \
        in lesson
    [keyed] = _keyed(question)
    assert "report it yourself to the police" in keyed
    supervisor_only = [" ".join(c["text"].split()) for c in question["choices"]
                       if "supervisor" in c["text"] and not c["correct"]]
    assert supervisor_only, "reporting only to a supervisor stays among the wrong answers"


def test_the_health_key_offers_social_work_only_if_the_adult_patient_agrees():
    course = COURSES["health-care"]
    question = _question(course, "nail salon")
    lesson = _lesson_text(course, question["lesson"])
    assert "Offer a referral to social work or your response team for safety planning, if the " \
        "patient agrees." in lesson
    [keyed] = _keyed(question)
    assert keyed.endswith("if she agrees.")
    assert "social work" in keyed


@pytest.mark.parametrize("slug", COURSES)
def test_no_one_answer_question_gives_its_key_away_by_length(slug):
    for number, question in enumerate(COURSES[slug]["questions"], 1):
        if question["kind"] not in ONE_ANSWER:
            continue
        words = {c["text"]: readability.words(c["text"]) for c in question["choices"]}
        [keyed] = [c["text"] for c in question["choices"] if c["correct"]]
        longest_wrong = max(n for text, n in words.items() if text != keyed)
        assert longest_wrong >= words[keyed], f"question {number}: the key is the longest choice"


@pytest.mark.parametrize("slug", COURSES)
def test_every_course_says_to_call_911_at_once_for_a_possible_minor(slug):
    text = _course_text(COURSES[slug])
    assert "commercial sex" in text and "under 18" in text
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text)
                 if "911" in s and ("under 18" in s or "child" in s)]
    assert sentences, "no sentence ties a possible minor to a call to 911"
    assert "every adult must report" in text.lower() or "make every adult report" in text.lower()


@pytest.mark.parametrize("slug", COURSES)
def test_every_course_says_what_the_hotline_is(slug):
    text = _course_text(COURSES[slug])
    for fact in ("233733", "711", "confidential"):
        assert fact in text
    assert re.search(r"not the police", text, re.I)
    assert re.search(r"immigration", text, re.I)


@pytest.mark.parametrize("slug", COURSES)
def test_every_course_names_its_sources(slug):
    assert len(COURSES[slug]["sources"]) >= 3
