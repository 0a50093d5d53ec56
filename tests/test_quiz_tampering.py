"""Hostile learners: forged form data, answers read from the page, replayed posts.

The submit view must never answer 500, never score a tampered form and never pass someone who did
not choose the right answers. Scoring reads only the attempt's server-side snapshot.
"""

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from quizzes import services
from quizzes.models import Answer, Attempt, QuizPage
from quizzes.services import FIELD_PREFIX
from quizzes.signals import quiz_passed
from quizzes.testing import answers_post, make_quiz, open_all_lessons
from tests.conftest import make_course

PASS_MARK = 80
FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def setup(course, course_index, hotel_group, learner, client, monkeypatch):
    # Certificates hang on quiz_passed; this file is about the quiz engine's own answers.
    monkeypatch.setattr(quiz_passed, "receivers", [])
    quiz = make_quiz(course, questions=6, draw=5, pass_mark=PASS_MARK)
    other_course = make_course(course_index, hotel_group, slug="other", lessons=1)
    other_quiz = make_quiz(other_course, questions=4)
    open_all_lessons(learner, course)
    open_all_lessons(learner, other_course)
    attempt, _ = services.start_attempt(learner, quiz)
    other_attempt, _ = services.start_attempt(learner, other_quiz)
    client.force_login(learner)
    return {"quiz": quiz, "attempt": attempt, "foreign": other_attempt.questions,
            "client": client, "learner": learner}


def fresh_attempt(template: Attempt) -> Attempt:
    """A new open attempt with the same questions, so every example starts from scratch."""
    Attempt.objects.filter(quiz=template.quiz, status=Attempt.Status.IN_PROGRESS).delete()
    return Attempt.objects.create(
        user=template.user, quiz=template.quiz, course=template.course,
        revision=template.revision, questions=template.questions,
        question_count=template.question_count, pass_mark=template.pass_mark,
        started_at=timezone.now(),
    )


def expected_right(questions, pairs) -> int | None:
    """How many questions the posted pairs answer correctly, judged independently of the app;
    None if the form is not a clean answer to exactly this attempt's questions."""
    by_key = {FIELD_PREFIX + q["id"]: q for q in questions}
    posted = {}
    for key, value in pairs:
        if key == "csrfmiddlewaretoken":
            continue
        if key not in by_key:
            return None
        posted.setdefault(key, []).append(value)
    right = 0
    for key, question in by_key.items():
        values = [v for v in posted.get(key, []) if v != ""]
        ids = {c["id"] for c in question["choices"]}
        if not values or len(set(values)) != len(values) or not set(values) <= ids:
            return None
        if question["kind"] != "multiple" and len(values) != 1:
            return None
        right += set(values) == {c["id"] for c in question["choices"] if c["correct"]}
    return right


text = st.text(st.characters(exclude_categories=("Cs",)), max_size=50)


@st.composite
def forms(draw, questions, foreign):
    own_keys = [FIELD_PREFIX + q["id"] for q in questions]
    foreign_keys = [FIELD_PREFIX + q["id"] for q in foreign]
    own_choices = [c["id"] for q in questions for c in q["choices"]]
    foreign_choices = [c["id"] for q in foreign for c in q["choices"]]
    value = st.one_of(
        st.sampled_from(own_choices), st.sampled_from(foreign_choices), text, st.just(""),
        st.uuids().map(str),
    )
    if draw(st.booleans()):
        # Close to an honest form: every question answered, then some answers altered.
        pairs = []
        for question in questions:
            key = FIELD_PREFIX + question["id"]
            ids = [c["id"] for c in question["choices"]]
            if draw(st.integers(0, 9)) < 8:
                chosen = [c["id"] for c in question["choices"] if c["correct"]]
            else:
                chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids),
                                       unique=True))
                if question["kind"] != "multiple":
                    chosen = chosen[:1]
            pairs.extend((key, choice) for choice in chosen)
        for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):
            index = draw(st.integers(0, len(pairs) - 1))
            pairs[index] = (draw(st.one_of(st.sampled_from(own_keys + foreign_keys), text,
                                           st.just(pairs[index][0]))), draw(value))
        return pairs
    key = st.one_of(st.sampled_from(own_keys), st.sampled_from(foreign_keys), text,
                    st.just("q-"), st.just("csrfmiddlewaretoken"))
    return draw(st.lists(st.tuples(key, value), max_size=14))


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_arbitrary_form_data_never_errors_and_never_passes_without_the_right_answers(setup, data):
    attempt = fresh_attempt(setup["attempt"])
    pairs = data.draw(forms(attempt.questions, setup["foreign"]))
    response = setup["client"].post(
        reverse("quizzes:attempt", args=[attempt.public_id]),
        urlencode(pairs), content_type=FORM,
    )
    assert response.status_code in (200, 302)
    attempt.refresh_from_db()
    right = expected_right(attempt.questions, pairs)
    event("refused" if right is None else ("passed" if attempt.passed else "failed"))
    if right is None:
        assert response.status_code == 200
        assert 'role="alert"' in response.content.decode()
        assert attempt.is_open and not Answer.objects.filter(attempt=attempt).exists()
    else:
        assert response.status_code == 302
        assert attempt.status == Attempt.Status.GRADED
        assert attempt.correct_count == right
        assert attempt.passed == (right * 100 >= PASS_MARK * attempt.question_count)
        assert Answer.objects.filter(attempt=attempt).count() == attempt.question_count


def test_answers_to_another_quiz_are_rejected_with_a_message_and_not_scored(setup):
    attempt = fresh_attempt(setup["attempt"])
    data = answers_post(attempt)
    foreign = setup["foreign"][0]
    data[FIELD_PREFIX + foreign["id"]] = [foreign["choices"][0]["id"]]
    response = setup["client"].post(reverse("quizzes:attempt", args=[attempt.public_id]), data)
    assert response.status_code == 200
    assert "not part of this attempt" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.is_open


def test_a_choice_of_another_question_is_rejected_at_that_question(setup):
    attempt = fresh_attempt(setup["attempt"])
    data = answers_post(attempt)
    first, second = attempt.questions[0], attempt.questions[1]
    data[FIELD_PREFIX + first["id"]] = [second["choices"][0]["id"]]
    html = setup["client"].post(
        reverse("quizzes:attempt", args=[attempt.public_id]), data).content.decode()
    assert "not one of this question&#x27;s choices" in html
    attempt.refresh_from_db()
    assert attempt.is_open


def test_two_answers_to_a_one_answer_question_are_rejected(setup):
    attempt = fresh_attempt(setup["attempt"])
    single = next(q for q in attempt.questions if q["kind"] != "multiple")
    data = answers_post(attempt)
    data[FIELD_PREFIX + single["id"]] = [c["id"] for c in single["choices"]]
    html = setup["client"].post(
        reverse("quizzes:attempt", args=[attempt.public_id]), data).content.decode()
    assert "Choose only one answer." in html


def test_a_repeated_choice_is_rejected(setup):
    attempt = fresh_attempt(setup["attempt"])
    multiple = next(q for q in attempt.questions if q["kind"] == "multiple")
    data = answers_post(attempt)
    right = [c["id"] for c in multiple["choices"] if c["correct"]]
    data[FIELD_PREFIX + multiple["id"]] = right + right[:1]
    html = setup["client"].post(
        reverse("quizzes:attempt", args=[attempt.public_id]), data).content.decode()
    assert "The same choice was sent more than once." in html


def test_a_body_that_is_not_a_form_or_too_many_fields_is_refused_without_an_error(setup):
    attempt = fresh_attempt(setup["attempt"])
    url = reverse("quizzes:attempt", args=[attempt.public_id])
    client = setup["client"]
    assert client.post(url, '{"q": 1}', content_type="application/json").status_code == 200
    many = urlencode([(f"f{n}", "x") for n in range(2100)])
    assert client.post(url, many, content_type=FORM).status_code == 400
    attempt.refresh_from_db()
    assert attempt.is_open


def _without_csrf(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_nothing_in_the_quiz_pages_tells_which_choice_is_correct(setup):
    client, attempt = setup["client"], fresh_attempt(setup["attempt"])
    url = reverse("quizzes:attempt", args=[attempt.public_id])
    before = _without_csrf(client.get(url).content.decode())

    # Move every question's correct answer and rewrite what only the result page may show:
    # the answer form must come out byte for byte the same.
    questions = attempt.questions
    for question in questions:
        flags = [c["correct"] for c in question["choices"]]
        for choice, flag in zip(question["choices"], flags[1:] + flags[:1], strict=True):
            choice["correct"] = flag
            choice["feedback"] = "changed feedback"
        question["explanation"] = "changed explanation"
    Attempt.objects.filter(pk=attempt.pk).update(questions=questions)
    after = _without_csrf(client.get(url).content.decode())
    assert before == after
    for word in ("correct", "feedback", "explanation", "Explanation for question", "data-"):
        assert word not in before.lower().replace("correctly", "")

    # The quiz page itself shows the rules, not the questions.
    quiz_html = client.get(QuizPage.objects.get(pk=setup["quiz"].pk).url).content.decode()
    for question in questions:
        assert question["text"] not in quiz_html
        for choice in question["choices"]:
            assert choice["id"] not in quiz_html
