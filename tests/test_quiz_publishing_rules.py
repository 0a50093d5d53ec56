"""What a quiz must be before it goes live, beyond being fair to score: a blueprint its pool can
meet, questions on topics the quiz has, and no negative questions. The editor shows each problem
next to its field; every other way to publish (a workflow approval, the demo loader) refuses too.
"""

import html
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quizzes.blocks import negative_stem_word
from quizzes.models import QuizPage
from quizzes.testing import make_quiz
from tests.test_quiz_admin import add_url, quiz_form


@pytest.mark.parametrize(("stem", "word"), [
    ("Which of these should you NOT do?", "NOT"),
    ("All of these are red flags EXCEPT:", "EXCEPT"),
    ("What should you never say to the guest?", "never"),
    ("Which sign is least likely to point to trafficking?", "least"),
    ("What should you do if the worker doesn't speak English?", "doesn't"),
    ("What should you do if the worker doesn’t speak English?", "doesn’t"),
    ("Which of these is not a red flag?", "not"),
    ("Which action should you not take?", "not"),
    ("Staff cannot report without a manager.", "cannot"),
    ("Which of these statements is false?", "is false"),
    ("Which statement about minors is most likely incorrect?", "is most likely incorrect"),
])
def test_a_stem_that_asks_for_the_wrong_thing_is_negative(stem, word):
    assert negative_stem_word(stem) == word


@pytest.mark.parametrize("stem", [
    "Why might she stay?",
    "What should you do?",
    "Which of these could point to trafficking? Select all that apply.",
    "True or false: a person can be trafficked without crossing a border.",
    "Choose at least two signs of labor trafficking.",
    "A guest has no luggage and pays cash. What is the best next step?",
    "Who can call the hotline?",
    "Take note of the car's plate. Where do you write it down?",
    "Which notice should the hotel post?",
    "What is the knot on the door handle for?",
    "",
])
def test_a_stem_that_asks_the_positive_way_passes(stem):
    assert negative_stem_word(stem) is None


def publish_problems(quiz):
    """The messages that stop the quiz's latest revision going live."""
    with pytest.raises(ValidationError) as refusal:
        QuizPage.objects.get(pk=quiz.pk).get_latest_revision().publish()
    assert QuizPage.objects.get(pk=quiz.pk).live_revision is None
    return refusal.value.messages


def test_a_required_topic_with_too_few_questions_cannot_be_published(course):
    quiz = make_quiz(course, questions=5, draw=4, publish=False,
                     topics=[("Reporting", 2), ("Indicators", 0)],
                     question_topics=["Reporting"] + ["Indicators"] * 4)
    assert publish_problems(quiz) == [
        "Questions on “Reporting”: every attempt needs 2, the quiz has 1. Give more questions "
        "this topic or lower the number it requires."
    ]


def test_minimums_that_add_up_to_more_than_an_attempt_cannot_be_published(course):
    quiz = make_quiz(course, questions=6, draw=3, publish=False,
                     topics=[("Reporting", 2), ("Indicators", 2)],
                     question_topics=["Reporting"] * 3 + ["Indicators"] * 3)
    assert publish_problems(quiz) == [
        "The topics require 4 questions in every attempt, but each attempt draws only 3. Draw "
        "more questions or lower the topics' numbers."
    ]


def test_a_question_on_a_topic_the_quiz_does_not_have_or_on_none_cannot_be_published(course):
    quiz = make_quiz(course, questions=3, draw=2, publish=False, topics=[("Reporting", 1)],
                     question_topics=["Reporting", "Reportng"])
    assert publish_problems(quiz) == [
        "Question 2: “Reportng” is not one of this quiz's topics. Choose one of them, or add it "
        "under Topics.",
        "Question 3: choose its topic. Every question of a quiz with topics has one.",
    ]


def test_two_topics_of_one_name_cannot_be_published(course):
    quiz = make_quiz(course, questions=2, publish=False,
                     topics=[("Reporting", 1), ("Reporting", 0)], question_topics=["Reporting"] * 2)
    assert publish_problems(quiz) == [
        "Two topics are called “Reporting”: give each its own name."
    ]


def test_a_negative_question_cannot_be_published(course):
    quiz = make_quiz(course, questions=3, publish=False)
    page = QuizPage.objects.get(pk=quiz.pk)
    page.questions[1].value["text"] = "Which of these should you NOT do?"
    page.save_revision()
    [message] = publish_problems(page)
    assert message.startswith("Question 2: “NOT” makes it a negative question")
    assert "Ask it the positive way" in message


def test_a_quiz_without_topics_publishes_as_before(course):
    quiz = make_quiz(course, questions=3)
    assert QuizPage.objects.get(pk=quiz.pk).live


# The editor ---------------------------------------------------------------------------------

def stream_errors(response, field="questions"):
    """The errors the editor's StreamField shows, as its JavaScript receives them."""
    match = re.search(rf'<div id="{field}" data-block[^>]*data-w-block-arguments-value="([^"]*)"',
                      response.content.decode())
    _value, errors = json.loads(html.unescape(match[1]))
    return errors or {}


def question_messages(errors, index, part):
    return errors["blockErrors"][str(index)]["blockErrors"][part]["messages"]


def edit_url(quiz):
    return reverse("wagtailadmin_pages:edit", args=[quiz.pk])


def test_the_editor_lists_the_quizs_topics_for_each_question(client, reviewer, course):
    quiz = make_quiz(course, questions=2, topics=[("Reporting", 1), ("Indicators", 0)],
                     question_topics=["Reporting", "Indicators"])
    client.force_login(reviewer)
    page = client.get(edit_url(quiz)).content.decode()
    definition = json.loads(html.unescape(re.search(r'data-w-block-data-value="([^"]*)"', page)[1]))
    [widget] = [block["_args"][1]["_args"][0] for block in walk(definition)
                if block.get("_type") == "wagtail.blocks.FieldBlock"
                and block["_args"][0] == "topic"]
    assert re.findall(r'<option value="([^"]*)"', widget) == ["", "Reporting", "Indicators"]


def walk(node):
    """Every dict in a packed block definition."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def test_the_editor_shows_a_negative_question_at_its_text_with_its_number(
    client, reviewer, course
):
    client.force_login(reviewer)
    form = quiz_form(questions=[{}, {"text": "Which of these should you NOT do?"}])
    response = client.post(add_url(course), {**form, "action-publish": "1"})
    assert response.status_code == 200 and not QuizPage.objects.exists()
    [message] = question_messages(stream_errors(response), 1, "text")
    assert message.startswith("Question 2: “NOT” makes it a negative question")


def test_a_draft_may_hold_a_negative_question_until_it_is_published(client, reviewer, course):
    client.force_login(reviewer)
    form = quiz_form(questions=[{}, {"text": "What should you never do?"}])
    assert client.post(add_url(course), form).status_code == 302
    quiz = QuizPage.objects.get()
    assert not quiz.live
    assert "“never” makes it a negative question" in publish_problems(quiz)[0]


def test_the_editor_shows_blueprint_problems_at_the_topic_and_the_draw(client, reviewer, course):
    client.force_login(reviewer)
    form = quiz_form(
        draw=2, topics=[("Reporting", 2), ("Indicators", 1)],
        questions=[{"topic": "Reporting"}, {"topic": "Indicators", "text": "Is this a sign?"}],
    )
    # The topics exist only in this form, not yet on the quiz: the lists offer them after a save.
    response = client.post(add_url(course), {**form, "action-publish": "1"})
    assert response.status_code == 200 and not QuizPage.objects.exists()
    errors = stream_errors(response)
    assert "Select a valid choice" in question_messages(errors, 0, "topic")[0]

    client.post(add_url(course), form | {"questions-0-value-topic": "",
                                         "questions-1-value-topic": ""})
    quiz = QuizPage.objects.get()
    ids = [topic.pk for topic in quiz.topics.all()]
    form["topics-INITIAL_FORMS"] = 2
    form |= {f"topics-{index}-id": pk for index, pk in enumerate(ids)}
    response = client.post(edit_url(quiz), {**form, "action-publish": "1"})
    form = response.context["form"]
    reporting, _indicators = form.formsets["topics"].forms
    assert reporting.errors["required"] == [
        "Questions on “Reporting”: every attempt needs 2, the quiz has 1. Give more questions "
        "this topic or lower the number it requires."]
    assert form.errors["questions_per_attempt"] == [
        "The topics require 3 questions in every attempt, but each attempt draws only 2. Draw "
        "more questions or lower the topics' numbers."]
    assert not QuizPage.objects.get().live


def test_the_editor_shows_an_unknown_or_missing_topic_at_the_question(client, reviewer, course):
    quiz = make_quiz(course, questions=2, publish=False, topics=[("Reporting", 1)],
                     question_topics=["Reporting", "Reporting"])
    client.force_login(reviewer)
    topic_id = QuizPage.objects.get(pk=quiz.pk).topics.get().pk
    form = quiz_form(topics=[{"id": topic_id, "name": "Reporting", "required": 1},
                             {"name": "Indicators", "required": 0}],
                     questions=[{"topic": "Reporting"}, {"topic": ""}])
    response = client.post(edit_url(quiz), {**form, "action-publish": "1"})
    assert question_messages(stream_errors(response), 1, "topic") == [
        "Question 2: choose its topic. Every question of a quiz with topics has one."]
    assert QuizPage.objects.get().live_revision is None


def test_renaming_a_topic_in_the_editor_takes_its_questions_with_it(client, reviewer, course):
    quiz = make_quiz(course, questions=2, topics=[("Reportng", 1)],
                     question_topics=["Reportng", "Reportng"])
    topic_id = QuizPage.objects.get(pk=quiz.pk).topics.get().pk
    client.force_login(reviewer)
    form = quiz_form(topics=[{"id": topic_id, "name": "Reporting", "required": 1}],
                     questions=[{"topic": "Reportng"}, {"topic": "Reportng"}])
    response = client.post(edit_url(quiz), {**form, "action-publish": "1"})
    assert response.status_code == 302, stream_errors(response)
    quiz = QuizPage.objects.get()
    assert [topic.name for topic in quiz.topics.all()] == ["Reporting"]
    assert [block.value["topic"] for block in quiz.questions] == ["Reporting", "Reporting"]


def test_approving_a_draft_whose_blueprint_cannot_be_met_keeps_it_in_review(
    client, trainer, reviewer, course
):
    client.force_login(trainer)
    form = quiz_form(questions=[{}, {"text": "Is this a sign?"}])
    assert client.post(add_url(course), {**form, "action-submit": "1"}).status_code == 302
    quiz = QuizPage.objects.get()
    # A draft saved after submitting: a topic that requires more questions than it has.
    draft = quiz.get_latest_revision_as_object()
    draft.topics = [*draft.topics.all(), *make_topics([("Reporting", 1)])]
    draft.save_revision(user=trainer)
    task_state = QuizPage.objects.get().current_workflow_task_state

    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=[quiz.pk, "approve", task_state.pk])
    page = client.post(url, {"comment": ""}, follow=True).content.decode()
    assert "was not approved" in page
    assert "Questions on “Reporting”: every attempt needs 1, the quiz has 0." in page
    assert not QuizPage.objects.get().live


def make_topics(pairs):
    from quizzes.models import QuizTopic

    return [QuizTopic(name=name, required=required) for name, required in pairs]


def test_a_question_keeps_a_topic_the_quiz_no_longer_has_until_a_trainer_picks_another(
    client, reviewer, course
):
    quiz = make_quiz(course, questions=2, publish=False, topics=[("Reporting", 1)],
                     question_topics=["Reporting", "Indicators"])
    client.force_login(reviewer)
    page = client.get(edit_url(quiz)).content.decode()
    assert "Indicators (not a topic of this quiz)" in html.unescape(page)
