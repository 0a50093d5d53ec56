"""StreamField blocks for quiz questions.

A question's rules (how many choices may be correct for its kind) are checked here, on every save,
draft or not: a revision whose questions could not be scored fairly is never stored, so no route to
publishing (the editor, a workflow approval, a scheduled publish) can put one live.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

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
        help_text=_("Shown after the attempt to a learner who picked this choice."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Choice")


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
        help_text=_("Shown to a learner who got this question wrong, with a link to the lesson."),
    )
    lesson = blocks.PageChooserBlock(
        label=_("Lesson that covers it"),
        page_type="courses.LessonPage",
        required=False,
    )
    choices = blocks.ListBlock(AnswerChoiceBlock(), label=_("Choices"), min_num=2)

    class Meta:
        icon = "help"
        label = _("Question")
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


class QuestionStreamBlock(blocks.StreamBlock):
    question = QuestionBlock()
