"""Answers saved as the learner goes: each choice is kept on the server when it is made, a reload
shows it ticked, and the deadline and the scoring rules hold as before.

The rule for scoring: a submit scores what it sends (on time or late); an attempt whose time ran
out without a submit scores the choices saved by then; only an on-time submit can pass.
"""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quizzes import services
from quizzes.models import Answer, Attempt
from quizzes.services import FIELD_PREFIX
from quizzes.signals import quiz_passed
from quizzes.testing import answers_post, make_quiz, open_all_lessons

from .conftest import FrontDoorClient, make_course


@pytest.fixture(autouse=True)
def _quiz_engine_only(monkeypatch):
    # Certificates hang on quiz_passed; this file is about the quiz engine's own records.
    monkeypatch.setattr(quiz_passed, "receivers", [])


@pytest.fixture
def quiz(course):
    return make_quiz(course, questions=5)


@pytest.fixture
def ready_learner(learner, course):
    open_all_lessons(learner, course)
    return learner


@pytest.fixture
def attempt(ready_learner, quiz):
    attempt, _created = services.start_attempt(ready_learner, quiz)
    return attempt


def save_url(attempt):
    return reverse("quizzes:save", args=[attempt.public_id])


def attempt_url(attempt):
    return reverse("quizzes:attempt", args=[attempt.public_id])


def result_url(attempt):
    return reverse("quizzes:result", args=[attempt.public_id])


def right(question):
    return [choice["id"] for choice in question["choices"] if choice["correct"]]


def wrong(question):
    return [choice["id"] for choice in question["choices"] if not choice["correct"]]


def save(client, attempt, question, choices):
    return client.post(save_url(attempt), {"question": question["id"], "choice": choices})


def ticked(html):
    """The choice ids the answer form shows ticked."""
    return set(re.findall(r'value="([^"]+)" checked', html))


def test_a_saved_choice_is_ticked_when_the_page_is_opened_again(learner_client, attempt):
    first, second = attempt.questions[0], attempt.questions[1]
    assert ticked(learner_client.get(attempt_url(attempt)).content.decode()) == set()

    response = save(learner_client, attempt, first, wrong(first)[:1])
    assert response.status_code == 204 and response.content == b""
    assert save(learner_client, attempt, second, right(second)).status_code == 204

    attempt.refresh_from_db()
    assert attempt.saved_choices == {first["id"]: wrong(first)[:1], second["id"]: right(second)}
    assert attempt.is_open and not Answer.objects.exists()
    html = learner_client.get(attempt_url(attempt)).content.decode()
    assert ticked(html) == set(wrong(first)[:1]) | set(right(second))


def test_choosing_again_replaces_the_saved_choice_and_clearing_a_question_removes_it(
    learner_client, attempt
):
    single = next(q for q in attempt.questions if q["kind"] == "single")
    multiple = next(q for q in attempt.questions if q["kind"] == "multiple")
    save(learner_client, attempt, single, wrong(single)[:1])
    save(learner_client, attempt, single, right(single))
    save(learner_client, attempt, multiple, wrong(multiple))
    save(learner_client, attempt, multiple, right(multiple))
    attempt.refresh_from_db()
    assert attempt.saved_choices == {single["id"]: right(single), multiple["id"]: right(multiple)}

    # Unticking every box of an "all that apply" question leaves it unanswered.
    assert save(learner_client, attempt, multiple, []).status_code == 204
    attempt.refresh_from_db()
    assert attempt.saved_choices == {single["id"]: right(single)}
    assert ticked(learner_client.get(attempt_url(attempt)).content.decode()) == set(right(single))


def test_saving_the_same_choice_again_writes_nothing_and_answers_the_same(
    learner_client, attempt
):
    question = attempt.questions[0]
    first = save(learner_client, attempt, question, right(question))
    with CaptureQueriesContext(connection) as queries:
        again = save(learner_client, attempt, question, right(question))
    assert (first.status_code, first.content) == (again.status_code, again.content) == (204, b"")
    assert not [query for query in queries if query["sql"].startswith("UPDATE")]
    attempt.refresh_from_db()
    assert attempt.saved_choices == {question["id"]: right(question)}


@pytest.mark.parametrize("case", [
    "choice of another question", "unknown choice", "no question", "unknown question",
    "question of another quiz", "two answers to a one-answer question", "repeated choice",
])
def test_a_choice_the_attempt_did_not_draw_is_refused_and_nothing_is_saved(
    learner_client, ready_learner, attempt, course_index, hotel_group, case
):
    other_course = make_course(course_index, hotel_group, slug="other", lessons=1)
    open_all_lessons(ready_learner, other_course)
    foreign, _ = services.start_attempt(ready_learner, make_quiz(other_course, questions=2))
    first, second = attempt.questions[0], attempt.questions[1]
    single = next(q for q in attempt.questions if q["kind"] == "single")
    multiple = next(q for q in attempt.questions if q["kind"] == "multiple")
    save(learner_client, attempt, first, right(first))
    data = {
        "choice of another question": {"question": first["id"], "choice": right(second)},
        "unknown choice": {"question": first["id"], "choice": ["<b>not-a-choice</b>"]},
        "no question": {"choice": right(first)},
        "unknown question": {"question": "x" * 5000, "choice": right(first)},
        "question of another quiz": {"question": foreign.questions[0]["id"],
                                     "choice": right(foreign.questions[0])},
        "two answers to a one-answer question": {
            "question": single["id"], "choice": [c["id"] for c in single["choices"]]},
        "repeated choice": {"question": multiple["id"],
                            "choice": right(multiple) + right(multiple)[:1]},
    }[case]
    response = learner_client.post(save_url(attempt), data)
    assert response.status_code == 400
    message = response.json()["error"]
    assert message in {
        "That question is not part of this attempt.",
        "That answer is not one of this question's choices. Choose again.",
        "Choose only one answer.",
        "The same choice was sent more than once. Choose again.",
    }
    attempt.refresh_from_db()
    assert attempt.saved_choices == {first["id"]: right(first)}
    assert attempt.is_open


def test_anyone_elses_attempt_is_404_and_a_signed_out_visitor_is_sent_to_sign_in(
    client, attempt, other_learner, trainer
):
    question = attempt.questions[0]
    for outsider in (other_learner, trainer):
        client.force_login(outsider)
        assert save(client, attempt, question, right(question)).status_code == 404
        nobodys = reverse("quizzes:save", args=["00000000-0000-0000-0000-000000000001"])
        missing = client.post(nobodys, {"question": question["id"], "choice": right(question)})
        assert missing.status_code == 404
    client.logout()
    response = save(client, attempt, question, right(question))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    attempt.refresh_from_db()
    assert attempt.saved_choices == {}


def test_saving_is_a_post_with_the_csrf_token_of_the_page(ready_learner, attempt):
    client = FrontDoorClient(enforce_csrf_checks=True)
    client.force_login(ready_learner)
    question = attempt.questions[0]
    assert client.get(save_url(attempt)).status_code == 405
    assert save(client, attempt, question, right(question)).status_code == 403
    attempt.refresh_from_db()
    assert attempt.saved_choices == {}

    # As the script sends it: the form's token, in the body.
    html = client.get(attempt_url(attempt)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(save_url(attempt), {
        "csrfmiddlewaretoken": token, "question": question["id"], "choice": right(question)})
    assert response.status_code == 204
    attempt.refresh_from_db()
    assert attempt.saved_choices == {question["id"]: right(question)}


def test_a_submitted_attempt_refuses_saves_and_keeps_its_answers(learner_client, attempt):
    assert learner_client.post(attempt_url(attempt), answers_post(attempt, right=5)).status_code \
        == 302
    question = attempt.questions[0]
    response = save(learner_client, attempt, question, wrong(question)[:1])
    assert response.status_code == 409
    assert response.json() == {"result_url": result_url(attempt)}
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED and attempt.passed
    assert attempt.saved_choices == {}
    assert Answer.objects.get(attempt=attempt, question_id=question["id"]).correct


def test_a_save_says_nothing_of_correctness_and_never_moves_the_deadline(
    learner_client, ready_learner, course
):
    quiz = make_quiz(course, questions=3, slug="timed", time_limit_minutes=10)
    attempt, _ = services.start_attempt(ready_learner, quiz)
    deadline = attempt.deadline
    question = attempt.questions[0]
    answers = [save(learner_client, attempt, question, choice)
               for choice in (right(question), wrong(question)[:1])]
    assert [(a.status_code, a.content, sorted(a.headers)) for a in answers] == [
        (answers[0].status_code, b"", sorted(answers[0].headers))] * 2
    attempt.refresh_from_db()
    assert attempt.deadline == deadline and attempt.started_at < deadline


def test_after_the_deadline_a_save_is_refused_and_time_out_scores_the_saved_choices(
    ready_learner, course
):
    quiz = make_quiz(course, questions=4, slug="timed", time_limit_minutes=10)
    now = timezone.now()
    attempt, _ = services.start_attempt(ready_learner, quiz, now=now)
    first, second, third, fourth = attempt.questions
    services.save_choice(ready_learner, attempt.public_id, first["id"], right(first),
                         now=now + timedelta(minutes=2))
    services.save_choice(ready_learner, attempt.public_id, second["id"], wrong(second)[:1],
                         now=now + timedelta(minutes=5))
    # The grace period that slow networks get for a submit holds for a save too.
    kept = services.save_choice(ready_learner, attempt.public_id, third["id"], right(third),
                                now=now + timedelta(minutes=10, seconds=20))
    assert kept.is_open and third["id"] in kept.saved_choices

    closed = services.save_choice(ready_learner, attempt.public_id, fourth["id"], right(fourth),
                                  now=now + timedelta(minutes=11))
    assert not closed.is_open
    attempt.refresh_from_db()
    assert fourth["id"] not in attempt.saved_choices
    assert attempt.status == Attempt.Status.EXPIRED and attempt.late and not attempt.passed
    assert attempt.submitted_at == now + timedelta(minutes=11)
    assert (attempt.correct_count, attempt.score_percent) == (2, 50)
    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    assert answers[first["id"]].selected == right(first) and answers[first["id"]].correct
    assert answers[second["id"]].selected == wrong(second)[:1]
    assert answers[fourth["id"]].selected == [] and not answers[fourth["id"]].correct


def test_a_save_after_the_deadline_closes_the_attempt_and_points_to_its_result(
    learner_client, ready_learner, course
):
    quiz = make_quiz(course, questions=3, slug="timed", time_limit_minutes=5)
    attempt, _ = services.start_attempt(ready_learner, quiz,
                                        now=timezone.now() - timedelta(minutes=10))
    first = attempt.questions[0]
    Attempt.objects.filter(pk=attempt.pk).update(saved_choices={first["id"]: right(first)})
    response = save(learner_client, attempt, attempt.questions[1], right(attempt.questions[1]))
    assert response.status_code == 409
    assert response.json() == {"result_url": result_url(attempt)}
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.EXPIRED and attempt.correct_count == 1
    html = learner_client.get(result_url(attempt)).content.decode()
    assert "Time ran out" in html
    assert "You answered 1 of 3 questions correctly: 33%." in html
    assert "the answers saved by then were scored" in html


def test_an_attempt_whose_time_ran_out_is_scored_on_its_saved_choices_when_next_opened(
    learner_client, ready_learner, course
):
    quiz = make_quiz(course, questions=3, slug="timed", time_limit_minutes=5)
    attempt, _ = services.start_attempt(ready_learner, quiz,
                                        now=timezone.now() - timedelta(minutes=10))
    saved = {q["id"]: right(q) for q in attempt.questions}
    Attempt.objects.filter(pk=attempt.pk).update(saved_choices=saved)
    assert learner_client.get(attempt_url(attempt))["Location"] == result_url(attempt)
    attempt.refresh_from_db()
    # Every saved answer right, and still not passed: the time ran out before a submit.
    assert attempt.status == Attempt.Status.EXPIRED
    assert attempt.score_percent == 100 and not attempt.passed and attempt.late


def test_starting_again_after_time_ran_out_scores_the_old_attempts_saved_choices(
    ready_learner, course
):
    quiz = make_quiz(course, questions=2, slug="timed", time_limit_minutes=5)
    now = timezone.now()
    old, _ = services.start_attempt(ready_learner, quiz, now=now)
    question = old.questions[0]
    services.save_choice(ready_learner, old.public_id, question["id"], right(question),
                         now=now + timedelta(minutes=1))
    new, created = services.start_attempt(ready_learner, quiz, now=now + timedelta(hours=1))
    assert created and new.saved_choices == {}
    old.refresh_from_db()
    assert old.status == Attempt.Status.EXPIRED and old.correct_count == 1 and not old.passed


def test_a_submit_scores_what_it_sends_whatever_was_saved(ready_learner, course):
    quiz = make_quiz(course, questions=3, slug="timed", time_limit_minutes=10)
    now = timezone.now()
    on_time, _ = services.start_attempt(ready_learner, quiz, now=now)
    for question in on_time.questions:
        services.save_choice(ready_learner, on_time.public_id, question["id"], right(question),
                             now=now)
    outcome = services.submit_attempt(ready_learner, on_time.public_id,
                                      answers_post(on_time, right=1), now=now)
    assert outcome.attempt.correct_count == 1 and not outcome.attempt.passed

    late, _ = services.start_attempt(ready_learner, quiz, now=now + timedelta(hours=1))
    for question in late.questions:
        services.save_choice(ready_learner, late.public_id, question["id"], wrong(question)[:1],
                             now=now + timedelta(hours=1))
    outcome = services.submit_attempt(ready_learner, late.public_id, answers_post(late),
                                      now=now + timedelta(hours=1, minutes=30))
    assert outcome.attempt.status == Attempt.Status.GRADED
    assert outcome.attempt.correct_count == 3 and outcome.attempt.late
    assert not outcome.attempt.passed


def test_a_submit_with_problems_keeps_its_answers_for_a_reload_without_javascript(
    learner_client, attempt
):
    data = answers_post(attempt)
    skipped = next(iter(data))
    del data[skipped]
    assert learner_client.post(attempt_url(attempt), data).status_code == 200
    attempt.refresh_from_db()
    assert attempt.is_open
    assert attempt.saved_choices == {key.removeprefix(FIELD_PREFIX): value
                                     for key, value in data.items()}
    html = learner_client.get(attempt_url(attempt)).content.decode()
    assert ticked(html) == {value for values in data.values() for value in values}


def test_the_page_hands_the_script_its_address_and_messages_and_nothing_else(
    learner_client, attempt
):
    html = learner_client.get(attempt_url(attempt)).content.decode()
    found = re.search(r'<script id="quiz-autosave" type="application/json">(.*?)</script>', html)
    settings = json.loads(found.group(1))
    assert settings["url"] == save_url(attempt) == f"/quizzes/attempts/{attempt.public_id}/save/"
    assert settings["attempt"] == str(attempt.public_id)
    assert settings["messages"]["saved"] == "Saved: {answered} of 5 questions answered."
    assert "kept on this device" in settings["messages"]["offline"]
    assert set(settings) == {"url", "attempt", "messages"}
    # The status the script fills is in the page from the start, so screen readers announce it.
    assert '<p class="quiz-save-status" id="quiz-save-status" role="status"></p>' in html


def test_a_spanish_reader_gets_the_scripts_messages_and_refusals_in_spanish(
    learner_client, attempt, settings
):
    learner_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    html = learner_client.get(attempt_url(attempt)).content.decode()
    found = re.search(r'<script id="quiz-autosave" type="application/json">(.*?)</script>', html)
    messages = json.loads(found.group(1))["messages"]
    assert messages["saved"] == "Guardado: {answered} de 5 preguntas respondidas."
    assert "en este dispositivo" in messages["offline"]
    response = learner_client.post(save_url(attempt), {"question": "nope"})
    assert response.json()["error"] == "Esa pregunta no forma parte de este intento."


def test_saving_takes_the_same_number_of_queries_for_5_and_40_questions(
    client, ready_learner, course_index, hotel_group
):
    client.force_login(ready_learner)
    client.get("/")  # the site is cached from the first request on (redflag.sites)
    counts = {}
    for size in (5, 40):
        course = make_course(course_index, hotel_group, slug=f"course-{size}", lessons=1)
        open_all_lessons(ready_learner, course)
        attempt, _ = services.start_attempt(ready_learner, make_quiz(course, questions=size))
        for question in attempt.questions[:-1]:
            save(client, attempt, question, right(question))
        last = attempt.questions[-1]
        with CaptureQueriesContext(connection) as queries:
            assert save(client, attempt, last, right(last)).status_code == 204
        attempt.refresh_from_db()
        assert len(attempt.saved_choices) == size
        counts[size] = [query["sql"] for query in queries]
    assert len(counts[5]) == len(counts[40]), counts
    # the user with whether they are staff, the locked attempt, the update (plus the test
    # transaction's savepoint and its release, and the session unless Redis holds a copy of it)
    own = [sql for sql in counts[40] if "SAVEPOINT" not in sql and "django_session" not in sql]
    assert len(own) == 3, counts[40]
