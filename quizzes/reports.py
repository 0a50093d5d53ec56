"""Wagtail admin reports: how each quiz is doing, which of its questions learners miss most, and
how they do on each of its topics.

Trainers use them to fix confusing questions and to see which topic the lessons teach least well;
coordinators to see attempts and pass rates.
Both need the `quizzes.view_quiz_reports` permission (granted to Trainers, Reviewers and
Coordinators in migration 0002).
"""

import django_filters
from django.db.models import Count, F, FloatField, Max, Q
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from .blocks import QUESTION_KINDS
from .models import Answer, Attempt, QuizPage, QuizTopic

REPORT_PERMISSION = "quizzes.view_quiz_reports"


def user_can_see_reports(user) -> bool:
    return user.is_active and user.has_perm(REPORT_PERMISSION)


class QuizReportPermissionMixin(PermissionCheckedMixin):
    permission_required = REPORT_PERMISSION

    def user_has_permission(self, permission):
        # Attempt's own view_quiz_reports is not one of the "<action>_attempt" permissions a model
        # policy names, so it is asked for by its full name, as the reports menu item does.
        return self.request.user.has_perm(permission)


class AttemptDateFilterSet(WagtailFilterSet):
    """Attempts started between two days, read in the task force's time zone (django-filter
    makes the days aware in the active zone: the whole of the last day is included)."""

    started = django_filters.DateFromToRangeFilter(
        label=_("Attempts between"), widget=DateRangePickerWidget,
        help_text=_("The day each attempt started."),
    )

    class Meta:
        model = Attempt
        fields = ["started"]


class AttemptDateFilterMixin:
    """The reports count attempts (or their answers) inside aggregates, so the window is applied
    inside each report's query, through `attempts_in_window`, rather than to its rows."""

    filterset_class = AttemptDateFilterSet

    def get_filtered_queryset(self):
        return self.get_queryset()

    def attempts_in_window(self, prefix: str = "") -> Q:
        """Q for attempts started in the chosen window; `prefix` leads from the counted model to
        the attempt ("attempt__" from an answer)."""
        window = Q()
        if self.filters and self.filters.is_valid():
            started = self.filters.form.cleaned_data.get("started")
            if started and started.start:
                window &= Q(**{f"{prefix}started_at__gte": started.start})
            if started and started.stop:
                window &= Q(**{f"{prefix}started_at__lte": started.stop})
        return window


class OneQuizReportMixin(AttemptDateFilterMixin, QuizReportPermissionMixin):
    """A report on one quiz, named in the URL: its title under the report's, and links and file
    names that carry it. `file_suffix` names what the report lists."""

    file_suffix = ""

    @cached_property
    def quiz(self):
        return get_object_or_404(QuizPage, pk=self.kwargs["quiz_id"])

    @property
    def page_subtitle(self):
        return self.quiz.title

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.quiz.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.quiz.pk])

    def get_filename(self):
        return f"quiz-{self.quiz.pk}-{self.file_suffix}"


def _percent(part, whole):
    return f"{round(part * 100 / whole)}%" if whole else "–"


class QuizResultsReportView(AttemptDateFilterMixin, QuizReportPermissionMixin, ReportView):
    page_title = _("Quiz results")
    header_icon = "help"
    index_url_name = "quiz_reports:index"
    index_results_url_name = "quiz_reports:index_results"
    verbose_name = _("quiz")
    verbose_name_plural = _("quizzes")
    paginate_by = 50
    columns = [
        TitleColumn(
            "title", label=_("Quiz"),
            get_url=lambda quiz: reverse("quiz_reports:questions", args=[quiz.pk]),
        ),
        Column("course_title", label=_("Course")),
        Column("attempt_count", label=_("Attempts graded")),
        Column("passed_count", label=_("Passed")),
        Column("pass_rate", label=_("Pass rate")),
        Column("late_count", label=_("Late or timed out")),
        Column("learner_count", label=_("Learners")),
        TitleColumn(
            "by_topic", label=_("By topic"), accessor=lambda quiz: _("Results by topic"),
            get_url=lambda quiz: reverse("quiz_reports:topics", args=[quiz.pk]),
        ),
    ]
    list_export = ["course_title", "title", "attempt_count", "passed_count", "pass_rate",
                   "late_count", "learner_count"]
    export_headings = {
        "course_title": _("Course"), "title": _("Quiz"), "attempt_count": _("Attempts graded"),
        "passed_count": _("Passed"), "pass_rate": _("Pass rate"),
        "late_count": _("Late or timed out"), "learner_count": _("Learners"),
    }

    def get_filename(self):
        return "quiz-results"

    def get_queryset(self):
        window = self.attempts_in_window("attempts__")
        graded = ~Q(attempts__status=Attempt.Status.IN_PROGRESS) & window
        return QuizPage.objects.annotate(
            attempt_count=Count("attempts", filter=graded),
            passed_count=Count("attempts", filter=Q(attempts__passed=True) & window),
            late_count=Count("attempts", filter=graded & Q(attempts__late=True)),
            learner_count=Count("attempts__user", filter=graded, distinct=True),
        ).order_by("path")

    def decorate_paginated_queryset(self, quizzes):
        quizzes = list(quizzes)
        # One query for every listed quiz's course: a quiz's parent path is its path minus a step.
        parent_paths = {quiz.path[: -Page.steplen] for quiz in quizzes}
        titles = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))
        for quiz in quizzes:
            quiz.course_title = titles.get(quiz.path[: -Page.steplen], "")
            quiz.pass_rate = _percent(quiz.passed_count, quiz.attempt_count)
        return quizzes


class QuestionColumn(Column):
    """The question's number in the quiz, its whole text and, for a scenario, the situation's
    opening: questions that begin alike ("What should you do?") are told apart."""

    cell_template_name = "quizzes/admin/question_cell.html"


class QuizQuestionsReportView(OneQuizReportMixin, ReportView):
    """A quiz's questions, the most often missed first: by the share of answers that were wrong,
    then by how often they were missed."""

    header_icon = "help"
    file_suffix = "questions"
    index_url_name = "quiz_reports:questions"
    index_results_url_name = "quiz_reports:questions_results"
    verbose_name = _("question")
    verbose_name_plural = _("questions")
    paginate_by = 100
    columns = [
        QuestionColumn("text", label=_("Question")),
        Column("topic", label=_("Topic")),
        Column("kind_label", label=_("Kind")),
        Column("asked", label=_("Times asked")),
        Column("missed", label=_("Times missed")),
        Column("miss_rate", label=_("Missed")),
        Column("status", label=_("In the quiz now")),
    ]
    list_export = ["quiz_title", "number", "text", "scenario", "topic", "kind_label", "asked",
                   "missed", "miss_rate", "status"]
    export_headings = {
        "quiz_title": _("Quiz"), "number": _("Question number"), "text": _("Question"),
        "scenario": _("Situation"), "topic": _("Topic"), "kind_label": _("Kind"),
        "asked": _("Times asked"),
        "missed": _("Times missed"), "miss_rate": _("Missed"), "status": _("In the quiz now"),
    }

    @property
    def page_title(self):
        return _("Most missed questions")

    def get_queryset(self):
        # Grouped by the question's stable block id: edits to its wording keep its history.
        return (
            Answer.objects.filter(self.attempts_in_window("attempt__"), attempt__quiz=self.quiz)
            .values("question_id")
            .annotate(
                asked=Count("id"),
                missed=Count("id", filter=Q(correct=False)),
                last_text=Max("question_text"),
            )
            .annotate(miss_ratio=Cast(F("missed"), FloatField()) / F("asked"))
            .order_by("-miss_ratio", "-missed", "question_id")
        )

    def decorate_paginated_queryset(self, rows):
        current = {block.id: (number, block.value)
                   for number, block in enumerate(self.quiz.questions, start=1)}
        labels = dict(QUESTION_KINDS)
        # In place: the listing's table holds these same rows.
        for row in rows:
            number, value = current.get(row["question_id"], ("", None))
            row.update(
                quiz_title=self.quiz.title,
                number=number,
                text=value["text"] if value else row["last_text"],
                scenario=(value.get("scenario") or "") if value else "",
                topic=(value.get("topic") or "") if value else "",
                kind_label=labels.get(value["kind"], "") if value else "",
                miss_rate=_percent(row["missed"], row["asked"]),
                status=_("yes") if value else _("removed since"),
            )
        return rows


class QuizTopicsReportView(OneQuizReportMixin, ReportView):
    """A quiz's results per topic: the share of answers that were right, over submitted attempts.

    Attempts whose time ran out are left out: their questions were not answered, so they say
    nothing about what learners know. A topic removed from the quiz keeps its history, as a
    removed question does in the questions report.
    """

    header_icon = "help"
    file_suffix = "topics"
    index_url_name = "quiz_reports:topics"
    index_results_url_name = "quiz_reports:topics_results"
    verbose_name = _("topic")
    verbose_name_plural = _("topics")
    paginate_by = 100
    columns = [
        Column("name", label=_("Topic")),
        Column("required", label=_("Required per attempt")),
        Column("answered", label=_("Answers")),
        Column("correct", label=_("Correct")),
        Column("correct_rate", label=_("Share correct")),
        Column("status", label=_("In the quiz now")),
    ]
    list_export = ["name", "required", "answered", "correct", "correct_rate", "status"]
    export_headings = {
        "name": _("Topic"), "required": _("Required per attempt"), "answered": _("Answers"),
        "correct": _("Correct"), "correct_rate": _("Share correct"), "status": _("In the quiz now"),
    }

    @property
    def page_title(self):
        return _("Results by topic")

    def get_queryset(self):
        # Three queries whatever the number of attempts: the quiz, its topics, and the answers
        # counted per topic (Answer.topic is copied from the attempt's snapshot at grading).
        counts = {
            row["topic"]: row
            for row in Answer.objects.filter(
                self.attempts_in_window("attempt__"),
                attempt__quiz=self.quiz, attempt__status=Attempt.Status.GRADED,
            ).values("topic").annotate(
                answered=Count("id"), correct=Count("id", filter=Q(correct=True))
            ).order_by()
        }
        rows = []
        for topic in QuizTopic.objects.filter(quiz=self.quiz).order_by("sort_order", "pk"):
            rows.append(self._row(topic.name, counts.pop(topic.name, None), topic.required,
                                  _("yes")))
        for name in sorted(counts, key=lambda name: (name == "", name)):
            label = name or _("No topic")
            rows.append(self._row(label, counts[name], "–", _("removed since") if name else "–"))
        return rows

    @staticmethod
    def _row(name, count, required, status):
        answered = count["answered"] if count else 0
        correct = count["correct"] if count else 0
        return {"name": name, "required": required, "answered": answered, "correct": correct,
                "correct_rate": _percent(correct, answered), "status": status}
