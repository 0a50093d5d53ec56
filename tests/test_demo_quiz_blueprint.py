"""Every demo quiz, seeded as `seed_demo` seeds it, draws each of its required topics in every
attempt: a task force that adopts a demo course can say every learner was asked about each topic
the law requires (for hotel staff, California's five)."""

import random
from collections import Counter

import pytest

from courses.demo import seed_courses, seed_site
from courses.demo_data import load_courses
from quizzes import services
from quizzes.demo import seed_quizzes
from quizzes.models import QuizPage

ATTEMPTS = 1000


# Seeded once, in the first test's transaction: the published pools and blueprints are plain data.
_SEEDED = {}


@pytest.fixture
def demo_quizzes(db):
    """Each demo course's quiz, seeded as `seed_demo` seeds it: its published pool, blueprint and
    draw size, by course slug."""
    if not _SEEDED:
        for quiz in seed_quizzes(seed_courses(seed_site())):
            live = QuizPage.objects.get(pk=quiz.pk).live_revision.as_object()
            _SEEDED[quiz.get_parent().slug] = (
                services.snapshot_questions(live), live.blueprint(), live.questions_per_attempt
            )
    return _SEEDED


def test_every_demo_course_file_has_a_seeded_quiz(demo_quizzes):
    assert sorted(demo_quizzes) == sorted(course["slug"] for course in load_courses())


@pytest.mark.parametrize("slug", [course["slug"] for course in load_courses()])
def test_each_demo_quiz_has_required_topics(demo_quizzes, slug):
    _pool, blueprint, _draw = demo_quizzes[slug]
    assert [name for name, required in blueprint if required], f"{slug} requires no topic"


@pytest.mark.parametrize("slug", [course["slug"] for course in load_courses()])
def test_a_thousand_attempts_of_each_demo_quiz_all_hold_every_required_topic(demo_quizzes, slug):
    pool, blueprint, draw = demo_quizzes[slug]
    rng = random.Random(f"{slug}-blueprint")
    for number in range(ATTEMPTS):
        drawn = services.draw_questions(
            [dict(question, choices=list(question["choices"])) for question in pool], draw,
            shuffle_choices=True, rng=rng, blueprint=blueprint,
        )
        topics = Counter(question["topic"] for question in drawn)
        assert len({question["id"] for question in drawn}) == len(drawn) == draw
        missing = [name for name, required in blueprint if topics[name] < required]
        assert not missing, f"{slug}, attempt {number}: no question on {missing}"
