"""Real concurrency: a double click, two tabs, a retried POST, parallel starts, answers saved
while another save or the submit runs.

Each thread has its own database connection. PostgreSQL serialises them with row locks; SQLite
(transaction_mode IMMEDIATE) with its write lock, when the test database is a file. With the
default in-memory SQLite test database these skip; test_quiz_taking.py covers the same code paths
sequentially there.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from quizzes import services
from quizzes.models import Answer, Attempt, CourseCompletion
from quizzes.signals import quiz_passed
from quizzes.testing import answers_post, make_quiz, open_all_lessons

# serialized_rollback: every test starts from the migrations' data (page tree, groups, roles).
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
THREADS = 10


@pytest.fixture(autouse=True)
def _separate_connections_per_thread():
    # pytest-django's default SQLite test database lives in shared-cache memory, where a waiting
    # writer fails at once ("table is locked") instead of waiting. A file test database
    # (DATABASES["default"]["TEST"]["NAME"]) runs these on SQLite too, writers serialised.
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("needs PostgreSQL, or SQLite with a file test database")


def run_together(work, count=THREADS):
    """Start `count` threads at the same instant; return what each returned or raised."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 - reported to the test below
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_ten_simultaneous_submits_of_one_attempt_grade_it_once_and_all_see_the_result(
    course, learner, monkeypatch
):
    passes = []
    lock = threading.Lock()

    def receiver(sender, attempt, **kwargs):
        with lock:
            passes.append(attempt.pk)

    monkeypatch.setattr(quiz_passed, "receivers", [])
    quiz_passed.connect(receiver, weak=False)
    quiz = make_quiz(course, questions=6)
    open_all_lessons(learner, course)
    attempt, _ = services.start_attempt(learner, quiz)
    url = reverse("quizzes:attempt", args=[attempt.public_id])
    data = answers_post(attempt)

    def submit(index):
        client = Client()
        client.force_login(learner)
        response = client.post(url, data)
        return response.status_code, response.get("Location")

    results = run_together(submit)
    result_url = reverse("quizzes:result", args=[attempt.public_id])
    assert results == [(302, result_url)] * THREADS
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED and attempt.passed
    assert Answer.objects.filter(attempt=attempt).count() == 6
    assert CourseCompletion.objects.filter(attempt=attempt).count() == 1
    assert passes == [attempt.pk]


def test_parallel_starts_never_exceed_the_attempt_limit(course, learner):
    quiz = make_quiz(course, questions=3, attempts_allowed=3)
    open_all_lessons(learner, course)

    def start_and_fail(index):
        outcomes = []
        for _ in range(5):
            try:
                attempt, created = services.start_attempt(learner, quiz)
            except services.AttemptRefused:
                outcomes.append("refused")
                break
            outcomes.append("created" if created else "resumed")
            services.submit_attempt(learner, attempt.public_id, answers_post(attempt, right=0))
        return outcomes

    results = run_together(start_and_fail)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Attempt.objects.filter(user=learner, quiz=quiz).count() == 3
    assert sum(outcomes.count("created") for outcomes in results) == 3
    assert all(outcomes[-1] == "refused" for outcomes in results)


def test_simultaneous_first_starts_open_exactly_one_attempt(course, learner):
    quiz = make_quiz(course, questions=3)
    open_all_lessons(learner, course)

    def start(index):
        attempt, created = services.start_attempt(learner, quiz)
        return attempt.pk, created

    results = run_together(start)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len({pk for pk, _ in results}) == 1
    assert sum(created for _, created in results) == 1


def test_simultaneous_saves_of_different_questions_all_land(course, learner):
    # The choices live in one row: without the lock each save would overwrite the others'.
    quiz = make_quiz(course, questions=THREADS)
    open_all_lessons(learner, course)
    attempt, _ = services.start_attempt(learner, quiz)
    questions = attempt.questions

    def save(index):
        question = questions[index]
        saved = services.save_choice(learner, attempt.public_id, question["id"],
                                     [question["choices"][0]["id"]])
        return saved.is_open

    assert run_together(save) == [True] * THREADS
    attempt.refresh_from_db()
    assert attempt.saved_choices == {q["id"]: [q["choices"][0]["id"]] for q in questions}


def test_saves_racing_a_submit_never_change_the_graded_attempt(course, learner, monkeypatch):
    monkeypatch.setattr(quiz_passed, "receivers", [])
    quiz = make_quiz(course, questions=THREADS)
    open_all_lessons(learner, course)
    attempt, _ = services.start_attempt(learner, quiz)
    data = answers_post(attempt)
    url = reverse("quizzes:save", args=[attempt.public_id])

    def save_or_submit(index):
        client = Client()
        client.force_login(learner)
        if index == 0:
            return client.post(reverse("quizzes:attempt", args=[attempt.public_id]),
                               data).status_code
        question = attempt.questions[index]
        wrong = [c["id"] for c in question["choices"] if not c["correct"]][:1]
        return client.post(url, {"question": question["id"], "choice": wrong}).status_code

    results = run_together(save_or_submit)
    assert results[0] == 302
    assert set(results[1:]) <= {204, 409}, results
    attempt.refresh_from_db()
    # Graded from the submitted form alone, once; a save that came later was refused.
    assert attempt.status == Attempt.Status.GRADED and attempt.passed
    assert Answer.objects.filter(attempt=attempt, correct=True).count() == THREADS
    assert results[1:].count(204) == len(attempt.saved_choices)
