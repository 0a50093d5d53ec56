"""Taking a quiz: start, answer, submit, result, retry — as a learner meets them."""

import random
import re
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonPage
from quizzes import services
from quizzes.models import Answer, Attempt, CourseCompletion, QuizPage
from quizzes.signals import quiz_passed
from quizzes.testing import answers_post, make_quiz, open_all_lessons


@pytest.fixture
def quiz(course):
    return make_quiz(course, questions=5)


@pytest.fixture
def ready_learner(learner, course):
    open_all_lessons(learner, course)
    return learner


@pytest.fixture
def signals_received():
    received = []

    def receiver(sender, attempt, **kwargs):
        received.append(attempt)

    quiz_passed.connect(receiver, weak=False)
    yield received
    quiz_passed.disconnect(receiver)


def start(client, quiz):
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302, response.content
    return response


def latest_attempt(user, quiz):
    return Attempt.objects.filter(user=user, quiz=quiz).latest("started_at")


def attempt_url(attempt):
    return reverse("quizzes:attempt", args=[attempt.public_id])


def result_url(attempt):
    return reverse("quizzes:result", args=[attempt.public_id])


def test_a_signed_out_visitor_sees_the_rules_and_a_sign_in_link(client, quiz):
    html = client.get(quiz.url).content.decode()
    assert "Pass mark: 80%" in html
    assert "5 questions" in html
    assert "No time limit" in html
    assert "Sign in to take the quiz" in html
    assert "/accounts/login/?next=" in html
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Attempt.objects.exists()


def test_the_rules_shown_come_from_the_quizs_settings(client, course):
    quiz = make_quiz(course, questions=12, draw=8, slug="drawn", pass_mark=75, attempts_allowed=2,
                     time_limit_minutes=20, shuffle_choices=True)
    html = " ".join(client.get(quiz.url).content.decode().split())
    assert "8 questions, drawn at random from 12 · answers in a new order each time" in html
    assert "Pass mark: 75%" in html and "Time limit: 20 minutes" in html
    assert "2 attempts every 24 hours" in html


def test_the_quiz_opens_only_after_every_lesson_was_opened(learner_client, learner, quiz, lessons):
    html = learner_client.get(quiz.url).content.decode()
    assert "Open every lesson first" in html
    assert "Start the quiz" not in html
    response = learner_client.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    assert "Open every lesson of the course before you take the quiz." in response.content.decode()
    assert not Attempt.objects.exists()

    for lesson in lessons:
        learner_client.get(lesson.url)
    html = learner_client.get(quiz.url).content.decode()
    assert "Start the quiz" in html
    assert "You have 3 attempts left in this period." in html


def test_starting_records_the_drawn_questions_their_order_and_the_quiz_revision(
    ready_learner, course
):
    quiz = make_quiz(course, questions=10, draw=4)
    attempt, created = services.start_attempt(ready_learner, quiz, rng=random.Random(7))
    assert created
    assert attempt.revision_id == QuizPage.objects.get(pk=quiz.pk).live_revision_id
    assert attempt.course_id == course.pk
    assert attempt.question_count == 4 and len(attempt.questions) == 4
    pool_ids = [block.id for block in quiz.questions]
    drawn_ids = [question["id"] for question in attempt.questions]
    assert set(drawn_ids) <= set(pool_ids) and len(set(drawn_ids)) == 4
    # The choices are stored in the order shown, with stable ids and what scoring needs.
    for question in attempt.questions:
        assert {"id", "text", "correct", "feedback"} <= set(question["choices"][0])


def test_choice_order_is_shuffled_per_attempt_but_true_false_keeps_its_order(ready_learner, course):
    quiz = make_quiz(course, questions=8)
    orders = set()
    for seed in range(6):
        pool = services.snapshot_questions(quiz)
        drawn = services.draw_questions(pool, 8, shuffle_choices=True, rng=random.Random(seed))
        orders.add(tuple(c["text"] for q in drawn for c in q["choices"] if q["kind"] == "single"))
        for question in drawn:
            if question["kind"] == "true_false":
                assert [c["text"] for c in question["choices"]] == ["True", "False"]
    assert len(orders) > 1


def test_starting_twice_resumes_the_open_attempt(client, ready_learner, quiz):
    client.force_login(ready_learner)
    first = start(client, quiz)
    second = start(client, quiz)
    assert first["Location"] == second["Location"]
    assert Attempt.objects.count() == 1


def test_the_answer_form_is_plain_accessible_html_that_works_without_javascript(
    client, ready_learner, quiz
):
    client.force_login(ready_learner)
    response = client.get(start(client, quiz)["Location"])
    html = response.content.decode()
    # The one script saves answers as they are chosen; it is a file (no inline code), and its
    # settings are data, not code. The form posts every answer without it.
    assert re.findall(r"<script[^>]*>", html) == [
        '<script id="quiz-autosave" type="application/json">',
        '<script src="/static/js/quiz-autosave.js" defer>',
    ]
    assert html.count("<fieldset") == 5 and html.count("<legend>") == 5
    inputs = re.findall(r'<input type="(?:radio|checkbox)" id="([^"]+)"', html)
    assert inputs
    for input_id in inputs:
        assert f'<label for="{input_id}">' in html
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    # Scenario questions show the situation above the question.
    assert html.index("Situation for question 4.") < html.index("Question number 4?")


def test_an_unanswered_question_gets_a_message_at_the_question_and_keeps_the_other_answers(
    client, ready_learner, quiz
):
    client.force_login(ready_learner)
    attempt_page = start(client, quiz)["Location"]
    attempt = latest_attempt(ready_learner, quiz)
    data = answers_post(attempt)
    skipped = next(iter(data))
    del data[skipped]
    response = client.post(attempt_page, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html and "Answer this question." in html
    assert "Your answers have not been sent yet" in html
    for values in data.values():
        for value in values:
            assert re.search(rf'value="{value}" checked', html)
    attempt.refresh_from_db()
    assert attempt.is_open and not Answer.objects.exists()


def test_a_lesson_published_after_a_pass_is_offered_and_does_not_lock_the_quiz(
    client, ready_learner, quiz, course
):
    client.force_login(ready_learner)
    start(client, quiz)
    attempt = latest_attempt(ready_learner, quiz)
    client.post(attempt_url(attempt), answers_post(attempt))
    assert CourseCompletion.objects.filter(user=ready_learner, course=course).exists()

    added = LessonPage(title="New: online recruitment", slug="online-recruitment",
                       body=[("text", "<p>New.</p>")])
    course.add_child(instance=added)
    added.save_revision().publish()
    html = client.get(quiz.url).content.decode()
    assert "New since you passed" in html and "New: online recruitment" in html
    assert "Open every lesson first" not in html
    # A renewal starts without opening the new lesson first; a newcomer still opens every lesson.
    assert start(client, quiz)["Location"].startswith("/quizzes/attempts/")


def test_a_right_submission_passes_completes_the_course_and_announces_it_once(
    client, ready_learner, quiz, course, signals_received
):
    client.force_login(ready_learner)
    attempt_page = start(client, quiz)["Location"]
    attempt = latest_attempt(ready_learner, quiz)
    response = client.post(attempt_page, answers_post(attempt))
    assert response["Location"] == result_url(attempt)
    attempt.refresh_from_db()
    assert attempt.passed and attempt.score_percent == 100 and not attempt.late
    assert attempt.status == Attempt.Status.GRADED and attempt.submitted_at
    completion = CourseCompletion.objects.get()
    assert (completion.user, completion.course_id, completion.attempt) == (
        ready_learner, course.pk, attempt)
    assert [a.pk for a in signals_received] == [attempt.pk]
    html = client.get(result_url(attempt)).content.decode()
    assert "You passed" in html and "Course complete" in html
    assert "Correct answer" in html  # shown once passed
    course_html = client.get(course.url).content.decode()
    assert "Course complete" in course_html


def test_a_failed_attempt_shows_what_to_review_and_links_to_the_lessons(
    client, ready_learner, quiz, lessons
):
    client.force_login(ready_learner)
    attempt_page = start(client, quiz)["Location"]
    attempt = latest_attempt(ready_learner, quiz)
    client.post(attempt_page, answers_post(attempt, right=3))
    attempt.refresh_from_db()
    assert not attempt.passed and attempt.score_percent == 60
    html = client.get(result_url(attempt)).content.decode()
    assert "Not passed this time" in html and "What to review" in html
    missed = attempt.questions[3:]
    for question in missed:
        lesson = LessonPage.objects.get(pk=question["lesson"]["id"])
        assert f'href="{lesson.url}"' in html
        # Neither the explanation nor the picked choice's feedback: both give the answer away.
        assert question["explanation"] not in html
        picked = attempt.answers.get(question_id=question["id"]).selected
        for choice in question["choices"]:
            if choice["id"] in picked:
                assert choice["feedback"] not in html
    for question in attempt.questions[:3]:
        assert question["explanation"] not in html
        # A question answered right keeps its feedback: it tells the learner nothing new.
        right = next(c for c in question["choices"] if c["correct"])
        assert right["feedback"] in html
    assert "Correct answer" not in html
    assert "The correct answers are shown once you pass." in html
    assert "Try again" in html


def test_using_every_attempt_reveals_no_answers_for_the_next_period(client, ready_learner, course):
    quiz = make_quiz(course, questions=4, attempts_allowed=2)
    client.force_login(ready_learner)
    for _ in range(2):
        attempt_page = start(client, quiz)["Location"]
        attempt = latest_attempt(ready_learner, quiz)
        client.post(attempt_page, answers_post(attempt, right=0))
    html = client.get(result_url(attempt)).content.decode()
    assert "You have used all your attempts for now" in html
    assert "Try again" not in html
    assert "Correct answer" not in html
    assert not [q for q in attempt.questions if q["explanation"] in html]
    assert "The correct answers are shown once you pass." in html


def test_posting_again_to_a_graded_attempt_shows_the_same_result(client, ready_learner, quiz):
    client.force_login(ready_learner)
    attempt_page = start(client, quiz)["Location"]
    attempt = latest_attempt(ready_learner, quiz)
    client.post(attempt_page, answers_post(attempt, right=1))
    again = client.post(attempt_page, answers_post(attempt))
    assert again["Location"] == result_url(attempt)
    attempt.refresh_from_db()
    assert attempt.score_percent == 20 and not attempt.passed
    assert Answer.objects.filter(attempt=attempt).count() == 5
    assert client.get(attempt_page)["Location"] == result_url(attempt)


def test_a_second_grading_of_a_stale_copy_writes_nothing(ready_learner, quiz):
    attempt, _ = services.start_attempt(ready_learner, quiz)
    stale = Attempt.objects.get(pk=attempt.pk)
    answers = services.read_submission(attempt.questions, answers_post(attempt)).answers
    with transaction.atomic():
        services.grade_attempt(attempt, answers, now=timezone.now())
    with pytest.raises(services.AlreadyGraded), transaction.atomic():
        services.grade_attempt(stale, {}, now=timezone.now())
    attempt.refresh_from_db()
    assert attempt.passed and Answer.objects.count() == 5 and CourseCompletion.objects.count() == 1


def test_the_attempt_limit_holds_within_the_period_and_frees_up_after(ready_learner, course):
    quiz = make_quiz(course, questions=3, attempts_allowed=3, attempt_period_hours=24)
    now = timezone.now()
    for hour in range(3):
        attempt, created = services.start_attempt(
            ready_learner, quiz, now=now + timedelta(hours=hour))
        assert created
        with transaction.atomic():
            services.grade_attempt(attempt, {}, now=now + timedelta(hours=hour, minutes=5))
    with pytest.raises(services.AttemptRefused, match="used all 3 attempts"):
        services.start_attempt(ready_learner, quiz, now=now + timedelta(hours=23))
    _, created = services.start_attempt(
        ready_learner, quiz, now=now + timedelta(hours=24, minutes=1))
    assert created
    assert Attempt.objects.filter(user=ready_learner).count() == 4


def test_attempt_pages_answer_404_to_everyone_but_their_owner(
    client, ready_learner, other_learner, trainer, quiz
):
    attempt, _ = services.start_attempt(ready_learner, quiz)
    for outsider in (other_learner, trainer):
        client.force_login(outsider)
        assert client.get(attempt_url(attempt)).status_code == 404
        assert client.post(attempt_url(attempt), answers_post(attempt)).status_code == 404
        assert client.get(result_url(attempt)).status_code == 404
    client.logout()
    assert "/accounts/login/" in client.get(attempt_url(attempt))["Location"]
    attempt.refresh_from_db()
    assert attempt.is_open
    # Ids are random UUIDs, not a counter.
    assert attempt_url(attempt) == f"/quizzes/attempts/{attempt.public_id}/"
    assert re.fullmatch(r"[0-9a-f-]{36}", str(attempt.public_id))


def test_a_submit_within_the_grace_period_counts_and_a_later_one_is_late_and_not_passed(
    ready_learner, course
):
    quiz = make_quiz(course, questions=3, time_limit_minutes=10)
    now = timezone.now()
    on_time, _ = services.start_attempt(ready_learner, quiz, now=now)
    assert on_time.deadline == now + timedelta(minutes=10)
    outcome = services.submit_attempt(ready_learner, on_time.public_id, answers_post(on_time),
                                      now=now + timedelta(minutes=10, seconds=20))
    assert outcome.attempt.passed and not outcome.attempt.late

    late, _ = services.start_attempt(ready_learner, quiz, now=now + timedelta(hours=1))
    outcome = services.submit_attempt(ready_learner, late.public_id, answers_post(late),
                                      now=now + timedelta(hours=1, minutes=11))
    assert outcome.attempt.late and not outcome.attempt.passed
    assert outcome.attempt.score_percent == 100  # recorded as answered, but late
    assert CourseCompletion.objects.count() == 1


def test_a_late_submit_with_problems_is_still_recorded_as_late(ready_learner, course):
    quiz = make_quiz(course, questions=3, time_limit_minutes=5)
    now = timezone.now()
    attempt, _ = services.start_attempt(ready_learner, quiz, now=now)
    outcome = services.submit_attempt(ready_learner, attempt.public_id, {"junk": "1"},
                                      now=now + timedelta(minutes=30))
    assert outcome.submission is None
    assert outcome.attempt.late and not outcome.attempt.passed
    assert outcome.attempt.score_percent == 0


def test_an_attempt_whose_time_ran_out_is_closed_when_it_is_next_opened(
    client, ready_learner, course
):
    quiz = make_quiz(course, questions=3, time_limit_minutes=5)
    attempt, _ = services.start_attempt(
        ready_learner, quiz, now=timezone.now() - timedelta(minutes=10)
    )
    client.force_login(ready_learner)
    response = client.get(attempt_url(attempt))
    assert response["Location"] == result_url(attempt)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.EXPIRED and not attempt.passed
    assert "Time ran out" in client.get(result_url(attempt)).content.decode()


def test_the_take_page_shows_the_deadline(client, ready_learner, course):
    quiz = make_quiz(course, questions=2, time_limit_minutes=15)
    client.force_login(ready_learner)
    html = client.get(start(client, quiz)["Location"]).content.decode()
    assert "Submit by <time datetime=" in html
    assert "recorded as late and cannot pass" in html


def test_editing_the_quiz_changes_no_recorded_score_answer_or_result_page(
    client, ready_learner, quiz
):
    client.force_login(ready_learner)
    graded_page = start(client, quiz)["Location"]
    graded = latest_attempt(ready_learner, quiz)
    client.post(graded_page, answers_post(graded, right=4))
    open_attempt_page = start(client, quiz)["Location"]
    still_open = latest_attempt(ready_learner, quiz)
    right_now = answers_post(still_open)

    # A trainer rewrites every question and moves every correct answer.
    page = QuizPage.objects.get(pk=quiz.pk)
    for block in page.questions:
        block.value["text"] = "Rewritten question?"
        flags = [choice["correct"] for choice in block.value["choices"]]
        for choice, flag in zip(block.value["choices"], flags[1:] + flags[:1], strict=True):
            choice["correct"] = flag
    page.save_revision().publish()

    graded.refresh_from_db()
    assert graded.score_percent == 80 and graded.passed
    html = client.get(result_url(graded)).content.decode()
    assert "Rewritten question?" not in html and "Question number 1?" in html
    # An attempt started before the edit is still scored against what the learner saw.
    client.post(open_attempt_page, right_now)
    still_open.refresh_from_db()
    assert still_open.score_percent == 100


def test_multiple_select_needs_every_correct_choice_and_no_wrong_one():
    question = {"id": "q", "kind": "multiple", "choices": [
        {"id": "a", "correct": True}, {"id": "b", "correct": False}, {"id": "c", "correct": True},
    ]}
    assert services.is_answer_correct(question, ["a", "c"])
    assert not services.is_answer_correct(question, ["a"])
    assert not services.is_answer_correct(question, ["a", "b", "c"])
    assert not services.is_answer_correct(question, [])


def test_submit_takes_the_same_number_of_queries_for_5_and_40_questions(
    client, ready_learner, course_index, hotel_group, monkeypatch
):
    from tests.conftest import make_course

    # The count is the quiz engine's own: receivers of quiz_passed (certificates) add theirs.
    monkeypatch.setattr(quiz_passed, "receivers", [])
    client.force_login(ready_learner)
    client.get("/")  # the site is cached from the first request on (redflag.sites)
    counts = {}
    for size in (5, 40):
        course = make_course(course_index, hotel_group, slug=f"course-{size}", lessons=1)
        open_all_lessons(ready_learner, course)
        quiz = make_quiz(course, questions=size)
        attempt, _ = services.start_attempt(ready_learner, quiz)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(attempt_url(attempt), answers_post(attempt))
        assert response["Location"] == result_url(attempt)
        attempt.refresh_from_db()
        assert attempt.passed and attempt.answers.count() == size
        counts[size] = [query["sql"] for query in queries]
    assert len(counts[5]) == len(counts[40]), counts
    # the user with whether they are staff (who must sign in with two factors), the locked
    # attempt, the grading update, the answers, the course (a completion names the course's
    # source, whatever the language it was taken in), the completion (plus the test
    # transaction's savepoint and its release, and the session unless Redis holds a copy of it)
    own = [sql for sql in counts[40] if "SAVEPOINT" not in sql and "django_session" not in sql]
    assert len(own) == 6, counts[40]


def test_the_course_page_and_the_last_lesson_lead_to_the_quiz(client, ready_learner, quiz, lessons):
    client.force_login(ready_learner)
    assert f'href="{quiz.url}"' in client.get(lessons[0].get_parent().url).content.decode()
    last = client.get(lessons[-1].url).content.decode()
    assert f'href="{quiz.url}"' in last and "Take the quiz" in last
    # Remembered, so the last lesson costs no more queries than any other lesson.
    with CaptureQueriesContext(connection) as queries:
        client.get(lessons[-1].url)
    assert not [q for q in queries if "quizzes_quizpage" in q["sql"]]

    QuizPage.objects.get(pk=quiz.pk).unpublish()
    last = client.get(lessons[-1].url).content.decode()
    assert "Take the quiz" not in last and "Back to the course" in last
