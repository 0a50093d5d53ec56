"""The quiz engine's records.

A QuizPage is authored in Wagtail. Everything a learner does is recorded against a SNAPSHOT taken
when the attempt starts (`Attempt.questions`): later edits to the page change no recorded score,
answer or result page. The rules that write these records live in `quizzes/services.py`.
"""

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.blocks import StreamBlockValidationError
from wagtail.blocks.base import BlockWidget
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from .blocks import (
    QuestionStreamBlock,
    negative_stem_word,
    question_problems,
    question_stream_block,
)


@dataclass(frozen=True)
class Problem:
    """Why a quiz cannot be published, and where the editor shows it."""

    field: str  # the quiz's field: "questions", "questions_per_attempt" or "topics"
    message: str
    question: int | None = None  # which question (0 for the first), for field "questions"
    topic: int | None = None  # which topic (0 for the first), for field "topics"
    part: str | None = None  # that question's or topic's own field, e.g. "text" or "required"


def blueprint_problems(question_topics: list[str], topics, questions_per_attempt) -> list[Problem]:
    """Why no attempt could draw its questions as the quiz's topics require.

    `question_topics` is each question's topic name ("" for none); `topics` are the quiz's
    (name, required) pairs. Each question has one topic, so a draw is possible exactly when every
    topic has as many questions as it requires and the requirements fit in one attempt.
    Also checked when an attempt starts, so a quiz published before a rule existed is refused
    with a message, not a server error.
    """
    problems = []
    counts = Counter(question_topics)
    for index, (name, required) in enumerate(topics):
        if required > counts[name]:
            problems.append(Problem(
                "topics",
                _("Questions on “%(topic)s”: every attempt needs %(required)d, the quiz has "
                  "%(count)d. Give more questions this topic or lower the number it requires.")
                % {"required": required, "topic": name, "count": counts[name]},
                topic=index, part="required",
            ))
    required = sum(required for _name, required in topics)
    if questions_per_attempt and required > questions_per_attempt:
        problems.append(Problem(
            "questions_per_attempt",
            _("The topics require %(required)d questions in every attempt, but each attempt draws "
              "only %(draw)d. Draw more questions or lower the topics' numbers.")
            % {"required": required, "draw": questions_per_attempt},
        ))
    return problems


def publishing_problems(questions, questions_per_attempt, topics=()) -> list[Problem]:
    """Why a quiz with these questions, draw size and topics cannot be published.

    `topics` are the quiz's (name, required) pairs, in order; None skips the rules about topics
    (the editor, while a topic row has errors of its own). Shared by the editor, every publish (a
    workflow approval, a scheduled publish) and the demo loader.
    """
    problems = []
    questions = list(questions or [])
    check_topics = topics is not None
    topics = list(topics or [])
    pool = len(questions)
    if pool == 0:
        problems.append(Problem("questions", _("Add at least one question.")))
    elif questions_per_attempt and questions_per_attempt > pool:
        problems.append(Problem(
            "questions_per_attempt",
            _("Each attempt draws %(draw)d questions, but the quiz has only %(pool)d. Add "
              "questions or draw fewer.") % {"draw": questions_per_attempt, "pool": pool},
        ))
    names = [name for name, _required in topics]
    for index, name in enumerate(names):
        if names.index(name) < index:
            problems.append(Problem(
                "topics", _("Two topics are called “%(topic)s”: give each its own name.")
                % {"topic": name}, topic=index, part="name",
            ))
    if check_topics:
        problems += blueprint_problems(
            [block.value.get("topic") or "" for block in questions], topics, questions_per_attempt
        )
    for index, block in enumerate(questions):
        value = block.value
        number = index + 1
        choices = [dict(choice) for choice in value["choices"]]
        for part, message in question_problems(value["kind"], value["scenario"], choices):
            problems.append(Problem("questions", _("Question %(number)d: %(problem)s") % {
                "number": number, "problem": message}, question=index, part=part))
        word = negative_stem_word(value["text"])
        if word:
            problems.append(Problem(
                "questions",
                _("Question %(number)d: “%(word)s” makes it a negative question, which readers "
                  "with limited English easily misread. Ask it the positive way (for example "
                  "“What should you do?”) and mark the safe action as correct.")
                % {"number": number, "word": word},
                question=index, part="text",
            ))
        topic = value.get("topic") or ""
        if not check_topics:
            continue
        if topic and topic not in names:
            problems.append(Problem(
                "questions",
                _("Question %(number)d: “%(topic)s” is not one of this quiz's topics. Choose one "
                  "of them, or add it under Topics.") % {"number": number, "topic": topic},
                question=index, part="topic",
            ))
        elif names and not topic:
            problems.append(Problem(
                "questions",
                _("Question %(number)d: choose its topic. Every question of a quiz with topics "
                  "has one.") % {"number": number},
                question=index, part="topic",
            ))
    return problems


class QuizPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "questions" in self.fields:
            # Each question's topic is picked from this quiz's topics, as saved last.
            names = tuple(topic.name for topic in self.instance.topics.all())
            held = {block.value.get("topic") for block in self.instance.questions or []}
            kept = tuple(sorted(name for name in held if name and name not in names))
            field = self.fields["questions"]
            field.block = question_stream_block(names, kept)
            field.widget = BlockWidget(field.block)

    def clean(self):
        cleaned_data = super().clean()
        topic_forms = self._topic_forms()
        self._rename_topics_in_questions(cleaned_data.get("questions"))
        # A draft may be unfinished (too few questions for the draw); publishing or submitting it
        # for review may not. Wagtail defers validation only for "Save draft".
        if not self.is_deferred_validation and "questions" in cleaned_data:
            topics = None
            if topic_forms is not None:
                topics = [(form.cleaned_data["name"], form.cleaned_data["required"])
                          for form in topic_forms]
            problems = publishing_problems(
                cleaned_data.get("questions"), cleaned_data.get("questions_per_attempt"), topics
            )
            self._show_problems(problems, topic_forms)
        return cleaned_data

    def _topic_forms(self):
        """The topic rows that stay, in order; None while a row has errors of its own."""
        formset = self.formsets.get("topics")
        if formset is None:
            return []
        if not formset.is_valid():
            return None
        forms = [form for form in formset.forms
                 if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        return sorted(forms, key=lambda form: form.cleaned_data.get("ORDER") or 0)

    def _rename_topics_in_questions(self, questions):
        # A topic renamed in this edit keeps its questions: they follow it to its new name.
        formset = self.formsets.get("topics")
        renamed = {}
        for form in formset.initial_forms if formset is not None else []:
            data = getattr(form, "cleaned_data", None) or {}
            old, new = form.initial.get("name"), data.get("name")
            if old and new and old != new and not data.get("DELETE"):
                renamed[old] = new
        for block in questions or []:
            if block.value.get("topic") in renamed:
                block.value["topic"] = renamed[block.value["topic"]]

    def _show_problems(self, problems, topic_forms):
        """Each problem next to its field: a question's in that question, a topic's in its row."""
        questions, question_messages = {}, []
        for problem in problems:
            if problem.field == "questions" and problem.question is not None:
                questions.setdefault(problem.question, {}).setdefault(problem.part, []).append(
                    problem.message)
            elif problem.field == "questions":
                question_messages.append(problem.message)
            elif problem.field == "topics":
                topic_forms[problem.topic].add_error(problem.part, problem.message)
            else:
                self.add_error(problem.field, problem.message)
        if questions or question_messages:
            # One error for the whole StreamField: the editor shows the first error it is given.
            self.add_error("questions", StreamBlockValidationError(
                non_block_errors=question_messages,
                block_errors={
                    index: StructBlockValidationError(block_errors={
                        part: ListBlockValidationError(non_block_errors=messages)
                        if part == "choices" else ValidationError(messages)
                        for part, messages in parts.items()
                    })
                    for index, parts in questions.items()
                },
            ))


class QuizPage(Page):
    """The quiz that ends a course and decides whether a learner has earned its certificate."""

    class RevealAnswers(models.TextChoices):
        # Not after a failed attempt, nor once attempts run out: the pool would be known for the
        # next period, and a retake would test memory of the answer key, not the lessons.
        AFTER_PASS = "after_pass", _("after a pass")
        NEVER = "never", _("never")

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ul"],
        help_text=_("Shown before the learner starts: what the quiz covers. The rules (questions, "
                    "pass mark, attempts, time limit) are shown from the settings below."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (percent)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("Drawn at random from the questions below for each attempt."),
    )
    shuffle_choices = models.BooleanField(
        _("shuffle choices"), default=True,
        help_text=_("Show each question's choices in a different order in every attempt "
                    "(true-or-false questions keep their order)."),
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    attempt_period_hours = models.PositiveSmallIntegerField(
        _("per period of (hours)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(8760)],
        help_text=_("E.g. 3 attempts per 24 hours."),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Leave empty for no time limit."),
    )
    reveal_answers = models.CharField(
        _("show the correct answers"),
        max_length=16,
        choices=RevealAnswers.choices,
        default=RevealAnswers.AFTER_PASS,
        help_text=_("With each question's explanation, on the result page of a passed attempt. A "
                    "failed attempt shows which questions were missed and which lessons to "
                    "review, never the correct choices."),
    )
    questions = StreamField(QuestionStreamBlock(), verbose_name=_("questions"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("questions_per_attempt"),
                FieldPanel("shuffle_choices"),
                FieldPanel("attempts_allowed"),
                FieldPanel("attempt_period_hours"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("reveal_answers"),
            ],
            heading=_("Rules"),
        ),
        InlinePanel(
            "topics", heading=_("Topics"), label=_("Topic"),
            help_text=_("Optional. Give each question one of these topics; every attempt then "
                        "draws at least the number of questions each topic requires, and the quiz "
                        "report shows results per topic."),
        ),
        FieldPanel("questions"),
    ]
    base_form_class = QuizPageForm
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "quizzes/quiz_page.html"

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    @property
    def attempt_period(self) -> timedelta:
        return timedelta(hours=self.attempt_period_hours)

    @property
    def time_limit(self) -> timedelta | None:
        return timedelta(minutes=self.time_limit_minutes) if self.time_limit_minutes else None

    def blueprint(self) -> list[tuple[str, int]]:
        """The quiz's topics as (name, required) pairs, in order; works on a revision's copy."""
        return [(topic.name, topic.required) for topic in self.topics.all()]

    def publishing_problems(self) -> list[Problem]:
        return publishing_problems(self.questions, self.questions_per_attempt, self.blueprint())

    def publish(self, revision, *args, **kwargs):
        # The editor blocks these already; a workflow approval or a scheduled publish goes through
        # here without a form, so a draft saved after review cannot slip past the rules.
        problems = revision.as_object().publishing_problems()
        if problems:
            raise ValidationError([problem.message for problem in problems])
        return super().publish(revision, *args, **kwargs)

    def serve(self, request, *args, **kwargs):
        from courses.models import profile_step_redirect

        return profile_step_redirect(request) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from . import services

        context = super().get_context(request, *args, **kwargs)
        course = self.get_parent().specific
        context["course"] = course
        context["is_preview"] = getattr(request, "is_preview", False)
        if request.user.is_authenticated and not context["is_preview"]:
            context["status"] = services.learner_status(request.user, self, course)
        return context


class QuizTopic(Orderable):
    """A topic of a quiz's questions, and how many of them every attempt must draw.

    E.g. the five topics California requires hotel staff to be trained on, each required once.
    Questions name their topic (QuestionBlock.topic); `services.draw_questions` takes the required
    ones first.
    """

    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="topics")
    name = models.CharField(
        _("name"), max_length=100,
        help_text=_("Shown to trainers and in the quiz report, e.g. “How to report”."),
    )
    required = models.PositiveSmallIntegerField(
        _("questions required"),
        default=1,
        validators=[MaxValueValidator(200)],
        help_text=_("How many questions on this topic every attempt draws, at least. 0: optional."),
    )

    panels = [FieldPanel("name"), FieldPanel("required")]

    class Meta(Orderable.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class QuizEnrolment(models.Model):
    """One row per learner and quiz, locked while an attempt starts.

    Counting attempts in the period and creating the next one happen under this row's lock, so
    parallel starts (two tabs, a retried request) cannot exceed the attempt limit.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_enrolments"
    )
    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="enrolments")
    created_at = models.DateTimeField(_("first started"), auto_now_add=True)

    class Meta:
        verbose_name = _("quiz enrolment")
        constraints = [
            # Also the index behind start_attempt's get_or_create and select_for_update.
            models.UniqueConstraint(
                fields=["user", "quiz"], name="one_enrolment_per_learner_and_quiz"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.quiz_id}"


class Attempt(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("in progress")
        GRADED = "graded", _("graded")
        EXPIRED = "expired", _("time ran out")

    # URLs carry this random id, never the sequential primary key.
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts",
        verbose_name=_("learner"),
    )
    quiz = models.ForeignKey(
        QuizPage, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("quiz")
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="quiz_attempts",
        verbose_name=_("course"),
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.PROTECT, null=True, related_name="+",
        verbose_name=_("quiz revision"),
        help_text=_("The published version of the quiz the questions were drawn from."),
    )
    questions = models.JSONField(
        _("questions shown"),
        help_text=_("The drawn questions in the order shown, each with its choices in the order "
                    "shown, copied when the attempt started. Scoring reads only this."),
    )
    question_count = models.PositiveSmallIntegerField(_("number of questions"))
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (percent)"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    correct_count = models.PositiveSmallIntegerField(_("correct answers"), null=True, blank=True)
    score_percent = models.PositiveSmallIntegerField(_("score (percent)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)
    late = models.BooleanField(
        _("late"), default=False, help_text=_("Submitted after the time limit: cannot pass.")
    )
    # Written by services.save_choice while the attempt is open; read to show the form again and
    # to score an attempt whose time ran out before a submit. A submit scores what it sends.
    saved_choices = models.JSONField(
        _("choices saved so far"), default=dict, blank=True,
        help_text=_("The choices picked for each question (question id to choice ids) while the "
                    "attempt was open, saved as the learner went."),
    )

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        permissions = [("view_quiz_reports", _("Can see quiz results reports"))]
        indexes = [
            # Attempts in the period: services.allowance and the quiz page's "attempts left".
            models.Index(fields=["user", "quiz", "started_at"], name="attempt_user_quiz_started"),
        ]
        constraints = [
            # Starting twice at once resumes one attempt instead of opening a second.
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(status="in_progress"),
                name="one_open_attempt_per_learner_and_quiz",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="in_progress", submitted_at__isnull=True, score_percent__isnull=True)
                    | (
                        ~Q(status="in_progress")
                        & Q(submitted_at__isnull=False, score_percent__isnull=False)
                    )
                ),
                name="attempt_graded_has_score",
            ),
            models.CheckConstraint(
                condition=Q(passed=False) | Q(status="graded", late=False),
                name="attempt_passed_only_when_graded_in_time",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.quiz_id} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.IN_PROGRESS


class Answer(models.Model):
    """What a learner chose for one question of a graded attempt, and whether it was right."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(_("question id"), max_length=64)
    position = models.PositiveSmallIntegerField(_("position"))
    question_text = models.TextField(_("question"))
    # Copied from the attempt's snapshot when it is graded: the quiz report counts per topic with
    # one grouped query instead of reading every attempt's questions.
    topic = models.CharField(_("topic"), max_length=100, blank=True)
    selected = models.JSONField(_("choices selected"), default=list)
    correct = models.BooleanField(_("correct"))

    class Meta:
        verbose_name = _("answer")
        constraints = [
            # A second grading of the same attempt fails here even if the lock were bypassed.
            # Also the index behind the result page's answers of one attempt.
            models.UniqueConstraint(
                fields=["attempt", "question_id"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.attempt_id} · {self.position}"


class CourseCompletion(models.Model):
    """A learner completed a course: every lesson opened, then the quiz passed.

    One per passing attempt, so a renewal years later is a new completion.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="completions"
    )
    attempt = models.OneToOneField(Attempt, on_delete=models.PROTECT, related_name="completion")
    completed_at = models.DateTimeField(_("completed"))

    class Meta:
        verbose_name = _("course completion")
        indexes = [
            # "Has this learner completed this course, and when last": quiz page and course page.
            models.Index(fields=["user", "course", "completed_at"], name="completion_user_course"),
        ]

    def __str__(self):
        return f"{self.user} · {self.course_id} · {self.completed_at:%Y-%m-%d}"
