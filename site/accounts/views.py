from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
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
    # Never filled in from an invite link the learner merely opened: joining an organisation lets
    # its manager see the learner's training, so it happens only by typing a code or confirming.
    initial = {}
    if instance is None:
        # The second step of signing up: the name typed on the first, and the invite code of a
        # link opened before signing up, shown where the learner can see and clear it.
        # The language preselected is the one the page is read in: saving the step switches the
        # site to the chosen language, and a learner who left it alone keeps the one they read.
        initial = {"certificate_name": request.user.first_name,
                   "language": translation.get_language(),
                   **invites.pending_profile(request.session)}
    form = ProfileForm(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        profile = form.save(commit=False)
        profile.user = request.user
        profile.save()
        request.session.pop(invites.SESSION_KEY, None)
        if instance is None or "language" in form.changed_data:
            # The language just chosen is the one the learner reads from the next page on, as
            # after a sign-in (accounts.language), not only from their next sign-in. Saving other
            # fields leaves alone a language picked since with the footer's switcher.
            request.profile_language = profile.language
            translation.activate(profile.language)
        messages.success(request, _("Your profile is saved."))
        return redirect(next_url or "profile")
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "next": next_url, "is_new": instance is None},
    )
