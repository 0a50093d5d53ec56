"""How the revisions compare view shows quiz questions.

Wagtail compares a StreamField block by block and shows each field of a custom block as stored:
the kind as "true_false", each choice's correctness as "True" or "False" (unreadable beside a
choice whose text is "True"), and every empty optional field as an empty row. A reviewer comparing
two drafts needs to read what a learner will be asked: the question, its kind, its choices marked
correct or wrong with their feedback, then the explanation, lesson and topic where there are any.
"""

from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin.compare import (
    ListBlockComparison,
    StructBlockComparison,
    diff_text,
)

from .blocks import QUESTION_KINDS


def _kind_label(kind) -> str:
    return str(dict(QUESTION_KINDS).get(kind, kind or ""))


def _lesson_title(lesson) -> str:
    return lesson.title if lesson is not None else ""


def _correctness(correct) -> str:
    return _("Correct answer") if correct else _("Wrong answer")


def _text_diff(a, b):
    return diff_text(str(a or ""), str(b or "")).to_html()


def _definition_list(rows):
    return format_html(
        '<dl class="quiz-comparison">\n{}\n</dl>',
        format_html_join("\n", "    <dt>{}</dt>\n    <dd>{}</dd>", rows),
    )


class ChoiceComparison(StructBlockComparison):
    """One choice as a line: whether it is correct, its text, and its feedback if it has any."""

    def htmlvalue(self, val):
        rows = [(_correctness(val["correct"]), escape(val["text"]))]
        if val["feedback"]:
            rows.append((_("Feedback"), escape(val["feedback"])))
        return _definition_list(rows)

    def htmldiff(self):
        a, b = self.val_a, self.val_b
        rows = [(_text_diff(_correctness(a["correct"]), _correctness(b["correct"])),
                 _text_diff(a["text"], b["text"]))]
        if a["feedback"] or b["feedback"]:
            rows.append((_("Feedback"), _text_diff(a["feedback"], b["feedback"])))
        return _definition_list(rows)


class QuestionComparison(StructBlockComparison):
    """A question as a reviewer reads it, its fields in the order a learner meets them."""

    def _rows(self, a, b):
        """(label, html) for each field either side has; a diff of equal sides is the text."""
        text = _text_diff
        rows = [
            (_("Question"), text(a["text"], b["text"])),
            (_("Kind"), text(_kind_label(a["kind"]), _kind_label(b["kind"]))),
        ]
        if a["scenario"] or b["scenario"]:
            rows.append((_("Situation"), text(a["scenario"], b["scenario"])))
        choices_block = self.block.child_blocks["choices"]
        comparison = ListBlockComparison(choices_block, self.exists_a, self.exists_b,
                                         a["choices"], b["choices"])
        rows.append((_("Choices"), comparison.htmldiff()))
        if a["explanation"] or b["explanation"]:
            rows.append((_("Explanation"), text(a["explanation"], b["explanation"])))
        if a["lesson"] or b["lesson"]:
            rows.append((_("Lesson that covers it"),
                         text(_lesson_title(a["lesson"]), _lesson_title(b["lesson"]))))
        if a.get("topic") or b.get("topic"):
            rows.append((_("Topic"), text(a.get("topic"), b.get("topic"))))
        return rows

    def htmlvalue(self, val):
        return _definition_list(self._rows(val, val))

    def htmldiff(self):
        return _definition_list(self._rows(self.val_a, self.val_b))
