"""The quiz engine's records.

A QuizPage is authored in Wagtail. Everything a learner does is recorded against a SNAPSHOT taken
when the attempt starts (`Attempt.questions`): later edits to the page change no recorded score,
answer or result page. The rules that write these records live in `quizzes/services.py`.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .blocks import QuestionStreamBlock, question_problems


def publishing_problems(questions, questions_per_attempt) -> list[tuple[str, str]]:
    """Why a quiz with these questions and this draw size cannot be published."""
    problems = []
    pool = len(questions or [])
    if pool == 0:
        problems.append(("questions", _("Add at least one question.")))
    elif questions_per_attempt and questions_per_attempt > pool:
        problems.append((
            "questions_per_attempt",
            _("Each attempt draws %(draw)d questions, but the quiz has only %(pool)d. Add "
              "questions or draw fewer.") % {"draw": questions_per_attempt, "pool": pool},
        ))
    for number, block in enumerate(questions or [], start=1):
        value = block.value
        choices = [dict(choice) for choice in value["choices"]]
        for _field, message in question_problems(value["kind"], value["scenario"], choices):
            problems.append(("questions", _("Question %(number)d: %(problem)s") % {
                "number": number, "problem": message}))
    return problems


class QuizPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        # A draft may be unfinished (too few questions for the draw); publishing or submitting it
        # for review may not. Wagtail defers validation only for "Save draft".
        if not self.is_deferred_validation and "questions" in cleaned_data:
            for field, message in publishing_problems(
                cleaned_data.get("questions"), cleaned_data.get("questions_per_attempt")
            ):
                self.add_error(field, message)
        return cleaned_data


class QuizPage(Page):
    """The quiz that ends a course and decides whether a learner has earned its certificate."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ul"],
        help_text=_("Shown before the learner starts: what the quiz covers."),
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
            ],
            heading=_("Rules"),
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

    def publish(self, revision, *args, **kwargs):
        # The editor blocks these already; a workflow approval or a scheduled publish goes through
        # here without a form, so a draft saved after review cannot slip past the rules.
        published = revision.as_object()
        problems = publishing_problems(published.questions, published.questions_per_attempt)
        if problems:
            raise ValidationError([message for _field, message in problems])
        return super().publish(revision, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from . import services

        context = super().get_context(request, *args, **kwargs)
        course = self.get_parent().specific
        context["course"] = course
        context["is_preview"] = getattr(request, "is_preview", False)
        if request.user.is_authenticated and not context["is_preview"]:
            context["status"] = services.learner_status(request.user, self, course)
        return context


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
