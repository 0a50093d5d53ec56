"""Quiz submit: time and queries for a 20-question quiz, graded once per attempt."""

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

QUESTIONS = 20
ROUNDS = 30
WARMUP = 3


def _measure(course, quiz, group, label):
    from quizzes import services
    from quizzes.testing import answers_post, open_all_lessons
    from tests.conftest import make_user

    samples, query_counts = [], set()
    for round_number in range(ROUNDS + WARMUP):
        # A learner per round keeps attempt limits out of the measurement.
        learner = make_user(f"bench-quiz-{label}-{round_number}@example.org", profile_group=group)
        open_all_lessons(learner, course)
        client = Client()
        client.force_login(learner)
        attempt, _ = services.start_attempt(learner, quiz)
        url = reverse("quizzes:attempt", args=[attempt.public_id])
        data = answers_post(attempt)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.post(url, data)
            elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 302
        attempt.refresh_from_db()
        assert attempt.passed and attempt.answers.count() == QUESTIONS
        if round_number >= WARMUP:
            samples.append(elapsed)
            query_counts.add(len(queries))
    samples.sort()
    median = samples[len(samples) // 2]
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    queries = "/".join(str(count) for count in sorted(query_counts))
    return f"{median:.1f} ms median, {p95:.1f} ms p95, {queries} queries"


def run(report):
    from courses.demo import seed_site
    from courses.models import CourseIndexPage, StakeholderGroup
    from quizzes.signals import quiz_passed
    from quizzes.testing import make_quiz
    from tests.conftest import make_course

    home = seed_site()
    index = home.add_child(instance=CourseIndexPage(title="Courses", slug="bench-quiz-courses"))
    group = StakeholderGroup.objects.get(slug="hotel-lodging")
    course = make_course(index, group, slug="bench-quiz", lessons=3)
    quiz = make_quiz(course, questions=QUESTIONS, attempts_allowed=100)

    receivers = quiz_passed.receivers
    quiz_passed.receivers = []
    try:
        engine = _measure(course, quiz, group, "engine")
    finally:
        quiz_passed.receivers = receivers
    report.row(
        f"quiz submit, {QUESTIONS} questions (quiz engine)",
        engine,
        "queries independent of question count",
        f"{QUESTIONS}-question attempt, all right, signed-in learner; quiz_passed receivers off",
    )
    report.row(
        f"quiz submit, {QUESTIONS} questions (with quiz_passed receivers)",
        _measure(course, quiz, group, "full"),
        "one graded result per attempt",
        f"as above, plus what listens to quiz_passed ({len(receivers)} receiver(s))",
    )
