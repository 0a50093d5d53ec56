"""Where people land after signing in or signing up: allauth asks this adapter.

allauth follows a safe ?next= (or the address a sign-in page was sent from) before it asks here,
so a learner sent to sign in from a lesson goes back to the lesson. Without one:

- staff (trainers, reviewers, coordinators, superusers) reach LOGIN_REDIRECT_URL, the site's home,
  from which the admin is one link away; the two-factor step comes first where it is needed
  (accounts.security);
- an organisation manager who is not staff lands on their organisation's page: their staff's
  training is what they come for;
- everyone else is a learner and lands on their own home (the course for their workplace, where
  to continue, their certificates). A learner without a profile (a new sign-up) fills it in
  first, the second step of signing up, and then reaches their home with "Start" on their course.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import urlencode

from outreach.services import access

from .models import LearnerProfile
from .security import user_is_staff


def landing_url(user) -> str:
    if user_is_staff(user):
        return resolve_url(settings.LOGIN_REDIRECT_URL)
    organisation = access.managed_organisation(user)
    if organisation is not None:
        return reverse("outreach:organisation", args=[organisation.pk])
    home = reverse("learner_home")
    if not LearnerProfile.objects.filter(user=user).exists():
        return f"{reverse('profile')}?{urlencode({'next': home})}"
    return home


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return landing_url(request.user)

    def get_signup_redirect_url(self, request):
        return landing_url(request.user)
