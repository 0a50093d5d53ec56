from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from .admin_views import QuizPageViewSet
from .models import Attempt
from .reports import (
    QuizQuestionsReportView,
    QuizResultsReportView,
    QuizTopicsReportView,
    user_can_see_reports,
)

report_urls = [
    path("", QuizResultsReportView.as_view(), name="index"),
    path("results/", QuizResultsReportView.as_view(results_only=True), name="index_results"),
    path("<int:quiz_id>/", QuizQuestionsReportView.as_view(), name="questions"),
    path("<int:quiz_id>/results/", QuizQuestionsReportView.as_view(results_only=True),
         name="questions_results"),
    path("<int:quiz_id>/topics/", QuizTopicsReportView.as_view(), name="topics"),
    path("<int:quiz_id>/topics/results/", QuizTopicsReportView.as_view(results_only=True),
         name="topics_results"),
]


@hooks.register("register_admin_urls")
def register_quiz_report_urls():
    return [
        path("reports/quizzes/",
             include((report_urls, "quiz_reports"), namespace="quiz_reports")),
    ]


class QuizReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_quiz_report_menu_item():
    return QuizReportMenuItem(
        _("Quiz results"), reverse("quiz_reports:index"), name="quiz-results", icon_name="help",
        order=650,
    )


def _pages_with_attempts(pages):
    query = Q()
    for page in pages:
        query |= Q(quiz__path__startswith=page.path)
    return query and Attempt.objects.filter(query).exists()


def _refuse_deletion(request, titles):
    # Attempts are learners' records (and certificates rest on them): unpublish instead.
    messages.error(request, _(
        "“%(title)s” cannot be deleted: learners have taken its quiz, and their attempts are "
        "kept as records. Unpublish it instead."
    ) % {"title": ", ".join(titles)})


@hooks.register("before_delete_page")
def keep_pages_with_quiz_attempts(request, page):
    if _pages_with_attempts([page]):
        _refuse_deletion(request, [page.get_admin_display_title()])
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def keep_pages_with_quiz_attempts_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete":
        return None
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if pages and _pages_with_attempts(pages):
        _refuse_deletion(request, [page.get_admin_display_title() for page in pages])
        return redirect(action_class_instance.next_url)
    return None


@hooks.register("register_admin_viewset")
def register_quiz_page_viewset():
    return QuizPageViewSet("quiz_pages")
