"""Trainers author quizzes in the Wagtail admin; coordinators read the quiz reports."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from quizzes import services
from quizzes.models import Attempt, QuizPage
from quizzes.testing import answers_post, make_quiz, open_all_lessons


def question_fields(prefix, *, kind="single", text="Whom do you call?", correct=(1,),
                    choices=("The manager", "911", "Nobody"), scenario="", lesson="", topic="",
                    block_id=""):
    fields = {
        f"{prefix}-type": "question", f"{prefix}-deleted": "", f"{prefix}-id": block_id,
        f"{prefix}-value-kind": kind, f"{prefix}-value-scenario": scenario,
        f"{prefix}-value-text": text, f"{prefix}-value-explanation": "Call 911 in an emergency.",
        f"{prefix}-value-lesson": lesson, f"{prefix}-value-topic": topic,
        f"{prefix}-value-choices-count": len(choices),
    }
    for index, choice in enumerate(choices):
        item = f"{prefix}-value-choices-{index}"
        fields.update({f"{item}-deleted": "", f"{item}-order": index, f"{item}-id": "",
                       f"{item}-value-text": choice, f"{item}-value-feedback": f"About {choice}."})
        if index in correct:
            fields[f"{item}-value-correct"] = "on"
    return fields


def quiz_form(*, questions=None, title="Final quiz", slug="quiz", pass_mark=80, draw=2,
              topics=(), reveal="after_pass", **extra):
    """The editor's form data. `topics` are (name, required) pairs, or dicts with "id" for a
    topic the quiz already has."""
    questions = questions if questions is not None else [{}, {"text": "Is this a red flag?"}]
    topics = [topic if isinstance(topic, dict) else {"name": topic[0], "required": topic[1]}
              for topic in topics]
    data = {
        "title": title, "slug": slug, "intro": rich_text("<p>Check what you learned.</p>"),
        "pass_mark": pass_mark, "questions_per_attempt": draw, "shuffle_choices": "on",
        "attempts_allowed": 3, "attempt_period_hours": 24, "time_limit_minutes": "",
        "reveal_answers": reveal,
        "questions-count": len(questions),
        "comments-TOTAL_FORMS": 0, "comments-INITIAL_FORMS": 0,
        "comments-MIN_NUM_FORMS": 0, "comments-MAX_NUM_FORMS": 1000,
        "topics-TOTAL_FORMS": len(topics),
        "topics-INITIAL_FORMS": sum(1 for topic in topics if topic.get("id")),
        "topics-MIN_NUM_FORMS": 0, "topics-MAX_NUM_FORMS": 1000,
        **extra,
    }
    for index, question in enumerate(questions):
        data[f"questions-{index}-order"] = index
        data.update(question_fields(f"questions-{index}", **question))
    for index, topic in enumerate(topics):
        data.update({f"topics-{index}-id": topic.get("id", ""), f"topics-{index}-ORDER": index + 1,
                     f"topics-{index}-DELETE": "", f"topics-{index}-name": topic["name"],
                     f"topics-{index}-required": topic["required"]})
    return data


def add_url(course):
    return reverse("wagtailadmin_pages:add", args=("quizzes", "quizpage", course.pk))


def test_a_trainer_writes_a_quiz_previews_it_and_submits_it_for_review(
    client, trainer, reviewer, course
):
    client.force_login(trainer)
    response = client.post(add_url(course), quiz_form(**{"action-submit": "1"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    quiz = QuizPage.objects.child_of(course).get()
    assert not quiz.live and quiz.current_workflow_state is not None

    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[quiz.pk])
    assert client.post(preview_url, quiz_form(draw=2)).json()["is_valid"]
    preview = client.get(preview_url).content.decode()
    assert "Whom do you call?" in preview and "Preview: the pool of 2 questions" in preview
    assert "Correct" in preview  # the answer key is for editors only

    client.force_login(reviewer)
    edit_url = reverse("wagtailadmin_pages:edit", args=[quiz.pk])
    response = client.post(edit_url, quiz_form(**{"action-publish": "1"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    quiz.refresh_from_db()
    assert quiz.live and len(quiz.questions) == 2
    assert [c["correct"] for c in quiz.questions[0].value["choices"]] == [False, True, False]


@pytest.mark.parametrize(
    "form, message",
    [
        (quiz_form(questions=[{"correct": ()}, {}]), "Mark at least one choice as correct."),
        (quiz_form(questions=[{"correct": (0, 1)}, {}]), "exactly one correct choice"),
        (quiz_form(questions=[{"kind": "true_false", "choices": ("True", "False", "Maybe")}, {}]),
         "exactly two choices"),
        (quiz_form(questions=[{"kind": "scenario"}, {}]), "Describe the situation"),
        (quiz_form(pass_mark=0), "greater than or equal to 1"),
        (quiz_form(pass_mark=101), "less than or equal to 100"),
        (quiz_form(draw=3), "Each attempt draws 3 questions, but the quiz has only 2"),
        (quiz_form(questions=[]), "Add at least one question."),
    ],
)
def test_a_quiz_that_could_not_be_scored_fairly_cannot_be_published(
    client, reviewer, course, form, message
):
    client.force_login(reviewer)
    response = client.post(add_url(course), {**form, "action-publish": "1"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not QuizPage.objects.exists()


def test_a_draft_may_have_too_few_questions_but_cannot_be_published_so(client, reviewer, course):
    client.force_login(reviewer)
    response = client.post(add_url(course), quiz_form(draw=5))
    assert response.status_code == 302
    quiz = QuizPage.objects.get()
    assert not quiz.live
    with pytest.raises(ValidationError, match="Each attempt draws 5 questions"):
        quiz.get_latest_revision().publish()
    quiz.refresh_from_db()
    assert not quiz.live


def test_a_course_takes_one_quiz_and_a_quiz_has_no_subpages(course):
    make_quiz(course, questions=2)
    assert not QuizPage.can_create_at(course)
    assert QuizPage.subpage_types == []


def test_quiz_results_report_shows_attempts_pass_rate_and_most_missed_questions(
    client, coordinator, trainer, reviewer, learner, other_learner, course
):
    quiz = make_quiz(course, questions=4)
    for user, right in ((learner, 4), (other_learner, 2)):
        open_all_lessons(user, course)
        attempt, _ = services.start_attempt(user, quiz)
        answers = services.read_submission(attempt.questions, answers_post(attempt, right=right))
        services.submit_attempt(user, attempt.public_id, answers_post(attempt, right=right))
        assert answers.is_valid

    for staff in (coordinator, trainer, reviewer):
        client.force_login(staff)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Quiz results" in html
        report = client.get(reverse("quiz_reports:index")).content.decode()
        assert quiz.title in report and course.title in report and "50%" in report

    detail = client.get(reverse("quiz_reports:questions", args=[quiz.pk])).content.decode()
    missed = Attempt.objects.get(user=other_learner).questions[2:]
    first_missed = detail.index(missed[0]["text"])
    never_missed = Attempt.objects.get(user=other_learner).questions[0]["text"]
    assert first_missed < detail.index(never_missed)
    assert "Most missed questions" in detail
    export = client.get(reverse("quiz_reports:index") + "?export=csv")
    csv = b"".join(export.streaming_content).decode()
    assert quiz.title in csv and "50%" in csv


def test_learners_cannot_open_the_quiz_reports(client, learner):
    client.force_login(learner)
    response = client.get(reverse("quiz_reports:index"))
    assert response.status_code in (302, 403)


def test_a_quiz_with_attempts_cannot_be_deleted_only_unpublished(client, reviewer, learner, course):
    reviewer.is_superuser = True
    reviewer.save()
    quiz = make_quiz(course, questions=2)
    open_all_lessons(learner, course)
    services.start_attempt(learner, quiz)
    client.force_login(reviewer)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[quiz.pk]))
    assert response.status_code == 302
    assert Page.objects.filter(pk=quiz.pk).exists()
    response = client.post(reverse("wagtailadmin_pages:delete", args=[course.pk]))
    assert Page.objects.filter(pk=course.pk).exists()
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    response = client.post(f"{bulk}?id={quiz.pk}&id={course.pk}")
    assert response.status_code == 302
    assert Page.objects.filter(pk__in=[quiz.pk, course.pk]).count() == 2


def test_approving_a_draft_that_breaks_the_rules_keeps_it_in_review_with_a_message(
        client, trainer, reviewer, course):
    client.force_login(trainer)
    assert client.post(add_url(course), quiz_form(**{"action-submit": "1"})).status_code == 302
    quiz = QuizPage.objects.child_of(course).get()
    # A draft saved after submitting: it draws more questions than it has.
    quiz.questions_per_attempt = 5
    quiz.save_revision(user=trainer)
    task_state = quiz.current_workflow_task_state

    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:workflow_action",
                  args=[quiz.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "was not approved" in page and "Each attempt draws 5 questions" in page
    quiz.refresh_from_db()
    task_state.refresh_from_db()
    assert not quiz.live and task_state.status == "in_progress"
    assert quiz.current_workflow_state is not None

    # Fixed, then approved: it goes live.
    quiz.questions_per_attempt = 2
    quiz.save_revision(user=reviewer)
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    quiz.refresh_from_db()
    assert quiz.live and quiz.questions_per_attempt == 2
