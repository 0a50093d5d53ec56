"""StreamField blocks for quiz questions.

A question's rules (how many choices may be correct for its kind) are checked here, on every save,
draft or not: a revision whose questions could not be scored fairly is never stored, so no route to
publishing (the editor, a workflow approval, a scheduled publish) can put one live. How a question
is worded (`negative_stem_word`) and whether its topic is one of the quiz's are publishing rules,
checked with the rest of the quiz in `quizzes.models.publishing_problems`.
"""

import functools
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.telepath import register
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockAdapter, StructBlockValidationError

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
SCENARIO = "scenario"

QUESTION_KINDS = [
    (SINGLE, _("Single choice")),
    (MULTIPLE, _("Multiple select (all correct answers, no wrong ones)")),
    (TRUE_FALSE, _("True or false")),
    (SCENARIO, _("Scenario: a short situation, then the question")),
]
# Kinds answered with exactly one choice (radio buttons); MULTIPLE uses checkboxes.
ONE_ANSWER_KINDS = {SINGLE, TRUE_FALSE, SCENARIO}


# The words that make a stem negative: each asks the learner to find the one wrong thing ("Which
# should you NOT do?", "all of these EXCEPT", "the LEAST likely sign", "What should you never
# do?", "Which statement is false?"). A reader with limited English easily skips that one word and
# answers the opposite question, so a learner who knows the material is marked wrong. The rule
# reads the question itself, not its situation: "She does not have her ID" is a fact of a
# scenario, while "if she does not answer" in a question belongs in the situation too, which
# leaves the question short and positive. "cannot" is "can not" written as one word. Allowed:
# "at least" (a minimum, as in "choose at least two"), "no", "none" and "without", which describe
# a situation ("a guest with no luggage") rather than turn the question round, and "false" alone,
# since "True or false:" starts many fair questions.
NEGATIVE_STEM = re.compile(
    r"\b(?:not|cannot|never|except)\b"
    r"|\w+n['’]t\b"
    r"|(?<!\bat )\bleast\b"
    r"|\b(?:is|are)(?: \w+){0,2} (?:false|untrue|incorrect)\b",
    re.IGNORECASE,
)


def negative_stem_word(text: str) -> str | None:
    """The word or phrase that makes a question's stem negative, or None if it asks positively.

    "Which of these should you NOT do?" gives "NOT"; "Why might she stay?" gives None. Only the
    question's own text is read (see NEGATIVE_STEM for which words count, and why).
    """
    match = NEGATIVE_STEM.search(" ".join((text or "").split()))
    return match.group(0) if match else None


def question_problems(kind: str, scenario: str, choices: list[dict]) -> list[tuple[str, str]]:
    """Why a question cannot be published: (field name, message for the trainer) pairs.

    `choices` are dicts with "text" and "correct". Also used when publishing and by the demo
    loader, so the admin, the model and the demo data share one rule book.
    """
    problems = []
    correct = sum(1 for choice in choices if choice.get("correct"))
    if len(choices) < 2:
        problems.append(("choices", _("Give at least two choices.")))
    if any(not (choice.get("text") or "").strip() for choice in choices):
        problems.append(("choices", _("Every choice needs text.")))
    if correct == 0:
        problems.append(("choices", _("Mark at least one choice as correct.")))
    elif kind in ONE_ANSWER_KINDS and correct > 1:
        problems.append(
            ("choices",
             _("This kind of question has exactly one correct choice: untick the others."))
        )
    if kind == TRUE_FALSE and len(choices) != 2:
        problems.append(("choices", _("A true-or-false question has exactly two choices.")))
    if kind == SCENARIO and not (scenario or "").strip():
        problems.append(("scenario", _("Describe the situation for a scenario question.")))
    return problems


class AnswerChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Choice"), max_length=400)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.TextBlock(
        label=_("Feedback"),
        required=False,
        help_text=_("Shown after the attempt to a learner who picked this choice: when they "
                    "answered the question right, or with the correct answers once they pass."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Choice")

    def get_comparison_class(self):
        from .comparison import ChoiceComparison

        return ChoiceComparison


# A new question starts with the two choices every question needs, both empty, so the editor shows
# no "minimum number of items" error before the trainer has typed anything.
EMPTY_CHOICES = [{"text": "", "correct": False, "feedback": ""}] * 2


TOPIC_HELP = _("One of the quiz's topics (under Topics, above). A topic added there appears in "
               "this list once the quiz is saved.")


class TopicNameBlock(blocks.CharBlock):
    """A question's topic, by the name of one of the quiz's topics. The name is a key, not text a
    learner reads: a translated quiz keeps its source's topics, so a translator is not offered it
    (wagtail-localize asks a block for its translatable segments)."""

    def get_translatable_segments(self, value):
        return []


class QuestionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=QUESTION_KINDS, default=SINGLE)
    scenario = blocks.TextBlock(
        label=_("Situation"),
        required=False,
        help_text=_("Scenario questions only: the short situation shown above the question."),
    )
    text = blocks.TextBlock(label=_("Question"))
    explanation = blocks.TextBlock(
        label=_("Explanation"),
        required=False,
        help_text=_("Why the correct answer is right. Shown with the correct answers, on the "
                    "result page of a passed attempt, if the quiz shows its answers."),
    )
    lesson = blocks.PageChooserBlock(
        label=_("Lesson that covers it"),
        page_type="courses.LessonPage",
        required=False,
    )
    # The name of one of the quiz's topics (QuizTopic). Stored as text: which names are allowed
    # depends on the quiz, so the editor swaps in a list of them (`question_stream_block`) and
    # publishing checks the name against the quiz's topics.
    topic = TopicNameBlock(label=_("Topic"), max_length=100, required=False,
                           help_text=TOPIC_HELP)
    choices = blocks.ListBlock(AnswerChoiceBlock(), label=_("Choices"), min_num=2,
                               default=EMPTY_CHOICES)

    class Meta:
        icon = "help"
        label = _("Question")
        # A collapsed question reads as its text, not as "Question" alone.
        label_format = "{text}"
        template = "quizzes/blocks/question_preview.html"
        description = _("A question with its choices, feedback and an explanation.")
        preview_value = {
            "kind": SINGLE,
            "text": "Whom do you call if someone is in immediate danger?",
            "explanation": "Call 911 whenever someone is in immediate danger.",
            "choices": [
                {"text": "911", "correct": True, "feedback": "Right."},
                {"text": "Nobody", "correct": False, "feedback": "Someone may be hurt."},
            ],
        }

    def get_comparison_class(self):
        from .comparison import QuestionComparison

        return QuestionComparison

    def clean(self, value):
        value = super().clean(value)
        choices = [dict(choice) for choice in value["choices"]]
        problems = question_problems(value["kind"], value["scenario"], choices)
        if problems:
            block_errors = {}
            choice_problems = [message for field, message in problems if field == "choices"]
            if choice_problems:
                block_errors["choices"] = ListBlockValidationError(
                    non_block_errors=[ValidationError(message) for message in choice_problems]
                )
            for field, message in problems:
                if field != "choices":
                    block_errors[field] = ValidationError(message)
            raise StructBlockValidationError(block_errors=block_errors)
        return value


class QuestionBlockAdapter(StructBlockAdapter):
    """The question's editor fills in True and False when the trainer picks "True or false" for a
    question whose choices are still empty (static/js/quiz-question-editor.js). The words come
    in the admin's language; the trainer may still change them."""

    js_constructor = "redflag.quizzes.QuestionBlock"

    def js_args(self, block):
        name, children, meta = super().js_args(block)
        meta["trueFalse"] = {"kind": TRUE_FALSE, "choices": [str(_("True")), str(_("False"))]}
        return [name, children, meta]

    @cached_property
    def media(self):
        return super().media + forms.Media(
            js=[versioned_static("js/quiz-question-editor.js")])


register(QuestionBlockAdapter(), QuestionBlock)


class QuestionStreamBlock(blocks.StreamBlock):
    question = QuestionBlock()


# One editor per list of topics, made once: Wagtail keeps every block it makes in a registry (the
# admin's block previews look them up there), so a block made for each page load would pile up.
@functools.cache
def question_stream_block(topic_names: tuple[str, ...], kept: tuple[str, ...] = ()
                          ) -> QuestionStreamBlock:
    """The questions' editor for one quiz: each question's topic is picked from a list of that
    quiz's topics. `kept` are names questions already hold that are no longer topics of the quiz,
    listed as such so that the next save does not silently clear them; publishing refuses them.
    """
    choices = [(name, name) for name in topic_names]
    choices += [(name, _("%(topic)s (not a topic of this quiz)") % {"topic": name})
                for name in kept]
    topic = blocks.ChoiceBlock(choices=choices, required=False, label=_("Topic"),
                               help_text=TOPIC_HELP)
    return QuestionStreamBlock([("question", QuestionBlock([("topic", topic)]))], required=False)
