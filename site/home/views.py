from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from courses.models import profile_step_redirect

from . import learner


@login_required
@require_GET
@never_cache
def learner_home(request):
    """Where a learner lands after signing in or up (accounts.adapter)."""
    # The home shows the course for the learner's workplace: a new learner tells it first.
    waiting = profile_step_redirect(request)
    if waiting:
        return waiting
    return render(request, "home/learner_home.html",
                  learner.home_for(request.user, today=timezone.localdate()))
