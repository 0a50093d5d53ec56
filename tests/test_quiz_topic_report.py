"""Admin → Reports → Quiz results → Results by topic: the share of answers that were right on each
of a quiz's topics, over submitted attempts, so trainers see which topic the lessons teach least
well."""

import csv
import io
import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes import services
from quizzes.models import Attempt, QuizPage
from quizzes.signals import quiz_passed
from quizzes.testing import answers_post, make_quiz, open_all_lessons
from tests.conftest import make_user

NOW = datetime(2030, 3, 4, 15, 0, tzinfo=UTC)
TOPICS = [("Reporting", 2), ("Indicators", 1), ("Safety", 0)]
QUESTION_TOPICS = ["Reporting"] * 3 + ["Indicators"] * 3 + ["Safety"] * 2


@pytest.fixture(autouse=True)
def _no_certificates(monkeypatch):
    monkeypatch.setattr(quiz_passed, "receivers", [])


@pytest.fixture
def quiz(course):
    return make_quiz(course, questions=8, draw=5, topics=TOPICS, question_topics=QUESTION_TOPICS,
                     time_limit_minutes=30, attempts_allowed=10)


def take(user, quiz, *, right, at, seed):
    """One submitted attempt with its first `right` questions answered correctly; what it should
    add to the report, per topic: (answers, correct)."""
    attempt, _ = services.start_attempt(user, quiz, now=at, rng=random.Random(seed))
    services.submit_attempt(user, attempt.public_id, answers_post(attempt, right=right),
                            now=at + timedelta(minutes=5))
    answered = Counter(question["topic"] for question in attempt.questions)
    correct = Counter(question["topic"] for question in attempt.questions[:right])
    return answered, correct


def report_rows(client, quiz):
    response = client.get(reverse("quiz_reports:topics", args=[quiz.pk]) + "?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def learners(course, count, name="learner"):
    users = [make_user(f"{name}{number}@example.org") for number in range(count)]
    for user in users:
        open_all_lessons(user, course)
    return users


def test_the_report_shows_the_share_of_right_answers_per_topic_over_submitted_attempts(
    client, coordinator, course, quiz
):
    answered, correct = Counter(), Counter()
    for number, user in enumerate(learners(course, 3)):
        for attempt_number, right in enumerate((2, 5)):
            more_answered, more_correct = take(
                user, quiz, right=right, at=NOW + timedelta(hours=attempt_number),
                seed=number * 10 + attempt_number)
            answered += more_answered
            correct += more_correct
    # An attempt whose time ran out answered nothing: it says nothing about the topics.
    [timed_out] = learners(course, 1, name="slow")
    attempt, _ = services.start_attempt(timed_out, quiz, now=NOW)
    services.close_if_overdue(attempt, now=NOW + timedelta(hours=2))
    assert Attempt.objects.get(pk=attempt.pk).status == Attempt.Status.EXPIRED

    client.force_login(coordinator)
    rows = report_rows(client, quiz)
    assert [row["Topic"] for row in rows] == ["Reporting", "Indicators", "Safety"]
    for row, (topic, required) in zip(rows, TOPICS, strict=True):
        share = f"{round(correct[topic] * 100 / answered[topic])}%" if answered[topic] else "–"
        assert row == {
            "Topic": topic, "Required per attempt": str(required),
            "Answers": str(answered[topic]), "Correct": str(correct[topic]),
            "Share correct": share, "In the quiz now": "yes",
        }
    # Every attempt drew each required topic as often as it requires.
    assert answered["Reporting"] >= 2 * 6 and answered["Indicators"] >= 6

    page = client.get(reverse("quiz_reports:topics", args=[quiz.pk])).content.decode()
    assert "Results by topic" in page and quiz.title in page
    index = client.get(reverse("quiz_reports:index")).content.decode()
    assert reverse("quiz_reports:topics", args=[quiz.pk]) in index


def test_a_topic_removed_since_keeps_its_history_and_old_answers_show_as_no_topic(
    client, coordinator, course, quiz
):
    [user] = learners(course, 1)
    take(user, quiz, right=5, at=NOW, seed=1)
    attempt = Attempt.objects.get()
    # An answer recorded before questions had topics.
    attempt.answers.filter(position=1).update(topic="")
    # Indicators, which every attempt drew, is folded into Reporting.
    page = QuizPage.objects.get(pk=quiz.pk)
    page.topics = [topic for topic in page.topics.all() if topic.name != "Indicators"]
    for block in page.questions:
        if block.value["topic"] == "Indicators":
            block.value["topic"] = "Reporting"
    page.save_revision().publish()

    client.force_login(coordinator)
    rows = report_rows(client, quiz)
    shown = [(row["Topic"], row["Required per attempt"], row["In the quiz now"]) for row in rows]
    assert shown == [
        ("Reporting", "2", "yes"), ("Safety", "0", "yes"), ("Indicators", "–", "removed since"),
        ("No topic", "–", "–"),
    ]
    assert rows[-1]["Answers"] == "1"
    assert sum(int(row["Answers"]) for row in rows) == 5


def test_the_topic_report_costs_the_same_queries_for_one_attempt_or_many(
    client, coordinator, course, quiz
):
    client.force_login(coordinator)
    url = reverse("quiz_reports:topics", args=[quiz.pk])
    client.get(url)
    counts = []
    for number, user in enumerate(learners(course, 4)):
        take(user, quiz, right=number, at=NOW, seed=number)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts


def test_learners_cannot_open_the_topic_report(client, learner, quiz):
    client.force_login(learner)
    response = client.get(reverse("quiz_reports:topics", args=[quiz.pk]))
    assert response.status_code in (302, 403)
