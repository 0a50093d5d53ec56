from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import learner


@login_required
@require_GET
@never_cache
def learner_home(request):
    """Where a learner lands after signing in or up (accounts.adapter)."""
    return render(request, "home/learner_home.html",
                  learner.home_for(request.user, today=timezone.localdate()))
