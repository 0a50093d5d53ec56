"""A quiz's topics and its blueprint: every attempt draws the questions each topic requires,
fills the rest from the pool at random, and records each question's topic."""

import random
from collections import Counter

import pytest

from quizzes import services
from quizzes.models import QuizPage
from quizzes.testing import make_quiz, open_all_lessons


def pool_of(topics_and_sizes):
    """A snapshot-shaped pool: `topics_and_sizes` maps a topic name ("" for none) to a size."""
    pool = []
    for topic, size in topics_and_sizes.items():
        for number in range(size):
            pool.append({"id": f"{topic or 'none'}-{number}", "kind": "single", "topic": topic,
                         "choices": [{"id": "a"}, {"id": "b"}]})
    return pool


BLUEPRINT = [("Definition", 1), ("Who is at risk", 1), ("Labor and sex", 2), ("Reporting", 1),
             ("Whom to call", 0)]
POOL = {"Definition": 2, "Who is at risk": 3, "Labor and sex": 2, "Reporting": 2,
        "Whom to call": 4, "": 1}


def test_every_attempt_holds_each_required_topic_as_often_as_it_requires():
    for seed in range(300):
        drawn = services.draw_questions(pool_of(POOL), 8, shuffle_choices=False,
                                        rng=random.Random(seed), blueprint=BLUEPRINT)
        counts = Counter(question["topic"] for question in drawn)
        for topic, required in BLUEPRINT:
            assert counts[topic] >= required, (seed, counts)


def test_an_attempt_draws_no_question_twice_and_exactly_as_many_as_the_quiz_says():
    for seed in range(100):
        drawn = services.draw_questions(pool_of(POOL), 8, shuffle_choices=False,
                                        rng=random.Random(seed), blueprint=BLUEPRINT)
        ids = [question["id"] for question in drawn]
        assert len(ids) == 8 and len(set(ids)) == 8


def test_the_rest_of_an_attempt_comes_from_the_whole_remaining_pool_in_random_order():
    seen, first_topics = set(), set()
    for seed in range(400):
        drawn = services.draw_questions(pool_of(POOL), 8, shuffle_choices=False,
                                        rng=random.Random(seed), blueprint=BLUEPRINT)
        seen |= {question["id"] for question in drawn}
        first_topics.add(drawn[0]["topic"])
    # Every question of the pool turns up, optional topics and untopical ones included...
    assert seen == {question["id"] for question in pool_of(POOL)}
    # ...and the required questions are not always at the start.
    assert first_topics == set(POOL)


def test_a_topic_that_requires_every_question_it_has_gets_all_of_them_every_time():
    blueprint = [("Labor and sex", 2)]
    for seed in range(50):
        drawn = services.draw_questions(pool_of(POOL), 3, shuffle_choices=False,
                                        rng=random.Random(seed), blueprint=blueprint)
        assert {"Labor and sex-0", "Labor and sex-1"} <= {question["id"] for question in drawn}


def test_a_quiz_without_required_topics_draws_exactly_as_before():
    pool = pool_of({"": 10})
    for blueprint in ([], [("Whom to call", 0)]):
        drawn = services.draw_questions(pool_of({"": 10}), 4, shuffle_choices=False,
                                        rng=random.Random(11), blueprint=blueprint)
        assert [q["id"] for q in drawn] == [q["id"] for q in random.Random(11).sample(pool, 4)]


@pytest.mark.django_db
def test_starting_an_attempt_follows_the_blueprint_and_records_each_questions_topic(
    learner, course
):
    open_all_lessons(learner, course)
    topics = ["Reporting"] * 2 + ["Indicators"] * 6 + ["Safety"] * 4
    quiz = make_quiz(course, questions=12, draw=3,
                     topics=[("Reporting", 2), ("Indicators", 0), ("Safety", 1)],
                     question_topics=topics, attempts_allowed=100)
    for seed in range(20):
        attempt, _ = services.start_attempt(learner, quiz, rng=random.Random(seed))
        counts = Counter(question["topic"] for question in attempt.questions)
        assert counts == {"Reporting": 2, "Safety": 1}
        by_id = {block.id: block.value["topic"] for block in quiz.questions}
        assert all(by_id[q["id"]] == q["topic"] for q in attempt.questions)
        attempt.delete()


@pytest.mark.django_db
def test_a_quiz_whose_blueprint_cannot_be_met_refuses_to_start_instead_of_failing(learner, course):
    # Published before the rule existed, say: the published revision is changed underneath.
    open_all_lessons(learner, course)
    quiz = make_quiz(course, questions=4, draw=2, topics=[("Reporting", 1)],
                     question_topics=["Reporting"] * 4)
    revision = QuizPage.objects.get(pk=quiz.pk).live_revision
    revision.content["topics"][0]["required"] = 3
    revision.save(update_fields=["content"])
    with pytest.raises(services.AttemptRefused, match="being revised"):
        services.start_attempt(learner, quiz)
