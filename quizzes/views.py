"""Taking a quiz: start (POST), the answer form (GET) and its submit (POST), the result.

Every attempt view looks the attempt up by its random public id AND the signed-in user, so
anyone else's attempt is a 404, whether it exists or not.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import services
from .models import Attempt, QuizPage


def _own_attempt(request, public_id) -> Attempt:
    return get_object_or_404(Attempt.objects.select_related("quiz", "course"),
                             public_id=public_id, user=request.user)


@require_POST
def start(request, quiz_id):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    if not request.user.is_authenticated:
        return redirect_to_login(quiz.get_url(request))
    try:
        attempt, _created = services.start_attempt(request.user, quiz)
    except services.AttemptRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(quiz.get_url(request))
    return redirect("quizzes:attempt", public_id=attempt.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def attempt(request, public_id):
    submission = None
    if request.method == "POST":
        try:
            outcome = services.submit_attempt(request.user, public_id, request.POST)
        except Attempt.DoesNotExist:
            raise Http404 from None
        if outcome.submission is None:
            return redirect("quizzes:result", public_id=public_id)
        submission = outcome.submission
        attempt = _own_attempt(request, public_id)
    else:
        attempt = services.close_if_overdue(_own_attempt(request, public_id))
        if not attempt.is_open:
            return redirect("quizzes:result", public_id=public_id)
    return render(request, "quizzes/attempt.html", {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "course": attempt.course,
        "questions": services.form_questions(attempt, submission),
        "submission": submission,
        "minutes_left": _minutes_left(attempt),
    })


@login_required
@require_GET
def result(request, public_id):
    attempt = services.close_if_overdue(_own_attempt(request, public_id))
    if attempt.is_open:
        return redirect("quizzes:attempt", public_id=public_id)
    reveal = services.reveals_answers(attempt)
    status = services.learner_status(request.user, attempt.quiz, attempt.course)
    review = services.review_questions(attempt, reveal=reveal, request=request)
    return render(request, "quizzes/result.html", {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "course": attempt.course,
        "review": review,
        "missed": [row for row in review if not row["correct"]],
        "reveal": reveal,
        "status": status,
    })


def _minutes_left(attempt):
    if attempt.deadline is None:
        return None
    seconds = (attempt.deadline - timezone.now()).total_seconds()
    return max(0, int(seconds // 60))
