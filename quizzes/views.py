"""Taking a quiz: start (POST), the answer form (GET) and its submit (POST), the save of each
choice as it is made (POST, from static/js/quiz-autosave.js), the result.

Every attempt view looks the attempt up by its random public id AND the signed-in user, so
anyone else's attempt is a 404, whether it exists or not.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
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
        "autosave": _autosave_settings(attempt),
    })


@login_required
@require_POST
def save(request, public_id):
    """Keep one question's choices while the attempt is open: 204 when kept, 400 for a question or
    choice the attempt did not draw, 409 once the attempt is closed, 404 for anyone else's."""
    try:
        attempt = services.save_choice(
            request.user, public_id, request.POST.get("question", ""),
            request.POST.getlist("choice"),
        )
    except Attempt.DoesNotExist:
        raise Http404 from None
    except services.InvalidChoice as problem:
        return JsonResponse({"error": str(problem)}, status=400)
    if not attempt.is_open:
        return JsonResponse(
            {"result_url": reverse("quizzes:result", kwargs={"public_id": public_id})}, status=409
        )
    return HttpResponse(status=204)


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


def _autosave_settings(attempt):
    """What quiz-autosave.js needs: where to save, and what to tell the learner, translated."""
    total = len(attempt.questions)
    return {
        "url": reverse("quizzes:save", kwargs={"public_id": attempt.public_id}),
        "attempt": str(attempt.public_id),
        "messages": {
            # {answered} is filled in by the script.
            "saved": ngettext("Saved: {answered} of %(total)d question answered.",
                              "Saved: {answered} of %(total)d questions answered.",
                              total) % {"total": total},
            "offline": _("No connection: your answers are kept on this device and will be saved "
                         "when you are back online."),
            "retrying": _("Not saved yet: your answers are kept on this device and will be sent "
                          "again in a moment."),
            "signed_out": _("Not saved: you are signed out. Your answers are kept on this device: "
                            "sign in again, then open this page again."),
            "refused": _("That answer could not be saved. Reload the page and choose again."),
            "closed": _("This attempt is closed: it was submitted, or its time ran out."),
            "result": _("See the result"),
        },
    }


def _minutes_left(attempt):
    if attempt.deadline is None:
        return None
    seconds = (attempt.deadline - timezone.now()).total_seconds()
    return max(0, int(seconds // 60))
