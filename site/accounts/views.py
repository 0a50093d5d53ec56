from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from outreach import invites

from .forms import ProfileForm
from .models import LearnerProfile


@login_required
@never_cache
def profile(request):
    instance = LearnerProfile.objects.filter(user=request.user).first()
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    # A learner who followed an invite link before completing the profile finds the code filled in.
    form = ProfileForm(request.POST or None, instance=instance,
                       initial={"invite_code": invites.pending_code(request.session)})
    if request.method == "POST" and form.is_valid():
        profile = form.save(commit=False)
        profile.user = request.user
        profile.save()
        request.session.pop(invites.SESSION_KEY, None)
        messages.success(request, _("Your profile is saved."))
        return redirect(next_url or "profile")
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "next": next_url, "is_new": instance is None},
    )
