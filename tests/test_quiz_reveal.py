"""When a result page shows the correct answers: after a pass, or never, as the quiz says.

A failed attempt never shows them, not even the last one of a period: the pool would be known
before the next period's attempts. It still says which questions were missed and which lesson to
review."""

import pytest
from django.urls import reverse

from quizzes import services
from quizzes.models import Attempt, QuizPage
from quizzes.signals import quiz_passed
from quizzes.testing import answers_post, make_quiz, open_all_lessons

AFTER_PASS = QuizPage.RevealAnswers.AFTER_PASS
NEVER = QuizPage.RevealAnswers.NEVER


@pytest.fixture(autouse=True)
def _no_certificates(monkeypatch):
    # Certificates hang on quiz_passed; these tests are about the result page alone.
    monkeypatch.setattr(quiz_passed, "receivers", [])


def result_page(client, learner, quiz, *, right):
    """Takes one attempt with the first `right` questions answered correctly; its result page."""
    attempt, _ = services.start_attempt(learner, quiz)
    services.submit_attempt(learner, attempt.public_id, answers_post(attempt, right=right))
    attempt = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
    client.force_login(learner)
    html = client.get(reverse("quizzes:result", args=[attempt.public_id])).content.decode()
    return attempt, html


def explanations_in(html, attempt):
    return [q["explanation"] for q in attempt.questions if q["explanation"] in html]


@pytest.fixture
def ready(learner, course):
    open_all_lessons(learner, course)
    return learner


def test_a_pass_shows_the_correct_answers_and_explanations_when_the_quiz_reveals_after_a_pass(
    client, ready, course
):
    quiz = make_quiz(course, questions=5, reveal_answers=AFTER_PASS)
    attempt, html = result_page(client, ready, quiz, right=4)
    assert attempt.passed and services.reveals_answers(attempt)
    assert "You passed" in html
    assert html.count("Correct answer</span>") >= 5
    missed = attempt.questions[4]
    assert missed["explanation"] in html
    assert "shown once you pass" not in html


def test_a_failed_attempt_reveals_nothing_but_what_was_missed_and_where_to_read_up(
    client, ready, course
):
    quiz = make_quiz(course, questions=5, reveal_answers=AFTER_PASS)
    attempt, html = result_page(client, ready, quiz, right=2)
    assert not attempt.passed and not services.reveals_answers(attempt)
    assert "Correct answer" not in html and explanations_in(html, attempt) == []
    assert html.count("badge-fail\">Missed") == 3
    for question in attempt.questions[2:]:
        assert f"Review the lesson: {question['lesson']['title']}" in html
    assert "The correct answers are shown once you pass." in html


def test_the_last_attempt_of_a_period_reveals_nothing_either(client, ready, course):
    quiz = make_quiz(course, questions=3, attempts_allowed=1, reveal_answers=AFTER_PASS)
    attempt, html = result_page(client, ready, quiz, right=0)
    assert services.allowance(ready, quiz, now=attempt.submitted_at).left == 0
    assert not services.reveals_answers(attempt)
    assert "Correct answer" not in html and explanations_in(html, attempt) == []


@pytest.mark.parametrize("right", [5, 2])
def test_a_quiz_that_never_reveals_shows_no_answers_even_after_a_pass(client, ready, course, right):
    quiz = make_quiz(course, questions=5, reveal_answers=NEVER)
    attempt, html = result_page(client, ready, quiz, right=right)
    assert attempt.passed == (right == 5)
    assert not services.reveals_answers(attempt)
    assert "Correct answer" not in html and explanations_in(html, attempt) == []
    assert "This quiz does not show its correct answers." in html
    assert "shown once you pass" not in html


def test_the_quiz_page_says_up_front_whether_answers_are_shown(client, course):
    shows = make_quiz(course, questions=2, reveal_answers=AFTER_PASS)
    assert "Correct answers shown once you pass" in client.get(shows.url).content.decode()
    QuizPage.objects.filter(pk=shows.pk).update(reveal_answers=NEVER)
    assert "Correct answers not shown" in client.get(shows.url).content.decode()
