"""Demo quizzes: each demo course ends with one; a new learner fails, reviews, retries, passes."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from courses.demo import seed_courses, seed_site
from courses.demo_data import load_courses
from courses.models import LessonPage
from quizzes.demo import demo_quiz, seed_quizzes
from quizzes.models import Attempt, CourseCompletion, QuizPage
from quizzes.signals import quiz_passed
from quizzes.testing import answers_post
from tests.test_demo_data import WITH_TOPICS


@pytest.fixture
def demo_courses(db):
    return seed_courses(seed_site())


def test_each_demo_course_gets_its_quiz_once(demo_courses):
    quizzes = seed_quizzes(demo_courses)
    demo = {course["slug"]: course for course in load_courses()}
    assert sorted(quiz.get_parent().slug for quiz in quizzes) == sorted(demo)
    for quiz in quizzes:
        quiz.refresh_from_db()
        spec = demo[quiz.get_parent().slug]
        assert quiz.live and len(quiz.questions) == len(spec["questions"])
        # The rules come from the settings (quizzes/includes/quiz_facts.html), never typed.
        assert "pool" not in quiz.intro and "80%" not in quiz.intro
        assert (quiz.pass_mark, quiz.questions_per_attempt, quiz.attempts_allowed,
                quiz.attempt_period_hours, quiz.time_limit_minutes, quiz.shuffle_choices,
                quiz.reveal_answers) == (80, 8, 3, 24, None, True, "after_pass")
        assert quiz.blueprint() == [(topic["name"], topic["required"]) for topic in spec["topics"]]
        names = {topic["slug"]: topic["name"] for topic in spec["topics"]}
        for block, question in zip(quiz.questions, spec["questions"], strict=True):
            # Every question points at a lesson of its own course, and names its topic.
            assert block.value["lesson"].get_parent().pk == quiz.get_parent().pk
            assert block.value["topic"] == names.get(question["topic"], "")
    seed_quizzes(demo_courses)
    assert QuizPage.objects.count() == len(demo)


def test_a_demo_file_whose_topics_ask_too_much_stops_the_seeding_with_its_name(
    tmp_path, course
):
    path = tmp_path / "1-night-shift.toml"
    path.write_text(WITH_TOPICS.replace("required = 0", "required = 2"))
    [spec] = load_courses(tmp_path)
    with pytest.raises(ValueError) as error:
        demo_quiz(course, spec)
    assert str(error.value).startswith(f"{path}: the quiz cannot be published: ")
    assert "Questions on “Whom to call”: every attempt needs 2, the quiz has 0." in str(
        error.value)
    assert not QuizPage.objects.exists()


def test_seed_demo_creates_the_quizzes_and_is_safe_to_run_twice(db):
    call_command("seed_demo")
    call_command("seed_demo")
    # One per course, and the hotel quiz in Spanish.
    assert QuizPage.objects.live().count() == 5
    assert QuizPage.objects.live().filter(locale__language_code="es").count() == 1


def test_a_new_learner_fails_reviews_retries_and_passes_every_demo_quiz(
    demo_courses, client, learner, monkeypatch
):
    monkeypatch.setattr(quiz_passed, "receivers", [])
    seed_quizzes(demo_courses)
    client.force_login(learner)
    for course in demo_courses:
        quiz = QuizPage.objects.child_of(course).get()
        for lesson in LessonPage.objects.live().child_of(course):
            assert client.get(lesson.url).status_code == 200
        assert "Start the quiz" in client.get(quiz.url).content.decode()

        first = client.post(reverse("quizzes:start", args=[quiz.pk]))
        attempt = Attempt.objects.get(user=learner, quiz=quiz)
        assert len(attempt.questions) == 8
        form = client.get(first["Location"]).content.decode()
        assert all(question["text"].replace("'", "&#x27;").replace('"', "&quot;") in form
                   for question in attempt.questions)
        result = client.post(first["Location"], answers_post(attempt, right=5), follow=True)
        html = result.content.decode()
        assert "Not passed this time" in html and "What to review" in html
        assert "Review the lesson:" in html and "Try again" in html

        retry = client.post(reverse("quizzes:start", args=[quiz.pk]))
        second = Attempt.objects.filter(user=learner, quiz=quiz).latest("started_at")
        assert second.pk != attempt.pk
        html = client.post(retry["Location"], answers_post(second), follow=True).content.decode()
        assert "You passed" in html and "Course complete" in html
        assert CourseCompletion.objects.filter(user=learner, course=course).exists()
