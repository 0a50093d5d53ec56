"""The question editor as trainers meet it, and the compare view as reviewers read it."""

import copy
import json
import re
from html import unescape

from django.urls import reverse
from wagtail.admin.compare import StreamFieldComparison

from quizzes.blocks import TRUE_FALSE, QuestionBlock, question_stream_block
from quizzes.models import QuizPage
from quizzes.testing import make_quiz


def test_a_new_question_starts_with_two_empty_choices():
    choices = QuestionBlock().get_default()["choices"]
    assert [dict(choice) for choice in choices] == [
        {"text": "", "correct": False, "feedback": ""},
        {"text": "", "correct": False, "feedback": ""},
    ]


def test_a_collapsed_question_is_labelled_by_its_text():
    assert QuestionBlock().meta.label_format == "{text}"


def editor_block_data(html):
    """The questions' StreamField definition the editor's JavaScript builds the editor from."""
    match = re.search(r'<div id="questions" data-block[^>]*data-w-block-data-value="([^"]*)"',
                      html)
    assert match, "the questions editor is missing"
    return json.loads(unescape(match.group(1)))


def find_question_definition(data):
    """The definition of the question block, wherever the StreamField nests it."""
    if isinstance(data, dict):
        if data.get("_type") == "redflag.quizzes.QuestionBlock":
            return data
        values = data.values()
    elif isinstance(data, list):
        values = data
    else:
        return None
    for value in values:
        found = find_question_definition(value)
        if found:
            return found
    return None


def test_the_editor_offers_true_and_false_for_a_true_or_false_question(client, trainer, course):
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:add", args=("quizzes", "quizpage", course.pk))
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "js/quiz-question-editor.js" in html
    question = find_question_definition(editor_block_data(html))
    _name, _children, meta = question["_args"]
    assert meta["labelFormat"] == "{text}"
    assert meta["trueFalse"] == {"kind": TRUE_FALSE, "choices": ["True", "False"]}


def test_the_editor_offers_them_in_spanish_to_a_spanish_speaking_trainer(client, trainer, course):
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:add", args=("quizzes", "quizpage", course.pk))
    html = client.get(url, headers={"accept-language": "es"}).content.decode()
    _name, _children, meta = find_question_definition(editor_block_data(html))["_args"]
    assert meta["trueFalse"]["choices"] == ["Verdadero", "Falso"]


def test_a_new_questions_empty_choices_render_without_an_error(client, trainer, course):
    """The editor renders a new question from its default state: two choices (the minimum, so no
    "minimum number of items" message) and no validation run before the trainer saves."""
    block = question_stream_block(())
    question = block.child_blocks["question"]
    state = question.get_form_state(question.get_default())
    assert len(state["choices"]) == 2
    assert all(not choice["value"]["text"] for choice in state["choices"])
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:add", args=("quizzes", "quizpage", course.pk))
    html = client.get(url).content.decode()
    assert "error-message" not in html and "help-critical" not in html


def revisions(course, reviewer):
    """A published quiz and a later draft whose first question was reworded and made true/false,
    its choices changed to True (correct) and False."""
    quiz = make_quiz(course, questions=2)
    first = quiz.latest_revision
    quiz = QuizPage.objects.get(pk=quiz.pk)
    raw = copy.deepcopy(list(quiz.questions.raw_data))  # the same block ids: a change, not new
    question = raw[0]["value"]
    question.update(text="Whom do you call first?", kind=TRUE_FALSE)
    question["choices"] = question["choices"][:2]
    question["choices"][0]["value"].update(text="True", correct=True)
    question["choices"][1]["value"].update(text="False", correct=False)
    quiz.questions = raw
    quiz.save_revision(user=reviewer)
    return quiz, first, quiz.latest_revision


def test_the_compare_view_shows_questions_and_choices_readably(client, reviewer, course):
    quiz, first, second = revisions(course, reviewer)
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:revisions_compare", args=[quiz.pk, first.pk, second.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    # The question's text, old and new, and its kind by name, not as stored.
    assert '<span class="deletion">Question number 1?</span>' in html
    assert '<span class="addition">Whom do you call first?</span>' in html
    assert "Single choice" in html and "True or false" in html
    assert ">single<" not in html and ">true_false<" not in html
    # Each choice says whether it is the correct answer, in words, beside its text.
    assert "Correct answer" in html and "Wrong answer" in html
    assert "<dd>True</dd>" not in html.replace("\n", "")
    assert "Q2 choice A" in html  # the unchanged question is shown as it reads, too
    # Empty optional fields add no empty rows.
    assert "<dt>Situation</dt>" not in html and "<dt>Topic</dt>" not in html


def test_an_unchanged_question_reads_the_same_on_both_sides(course, reviewer):
    quiz, first, second = revisions(course, reviewer)
    field = QuizPage._meta.get_field("questions")
    comparison = StreamFieldComparison(field, first.as_object(), second.as_object())
    html = str(comparison.htmldiff())
    second_question = html[html.index("Question number 2?"):]
    assert "deletion" not in second_question and "addition" not in second_question
    assert "Lesson that covers it" in second_question and "Lesson 2" in second_question


def test_text_typed_into_a_question_is_escaped_in_the_compare_view(course, reviewer):
    quiz, first, _second = revisions(course, reviewer)
    raw = copy.deepcopy(list(quiz.questions.raw_data))
    raw[1]["value"]["text"] = "<script>alert(1)</script>"
    raw[1]["value"]["choices"][0]["value"]["feedback"] = "<b>bold</b>"
    quiz.questions = raw
    quiz.save_revision(user=reviewer)
    field = QuizPage._meta.get_field("questions")
    html = str(StreamFieldComparison(field, first.as_object(),
                                     quiz.latest_revision.as_object()).htmldiff())
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>bold</b>" not in html
