"""A learner reads Redflag in their profile's language once signed in, whatever their browser says.

The language is Django's usual choice (LocaleMiddleware: the language cookie first, then the
browser's Accept-Language). At sign-in the profile's language is written to that cookie, so the
page a learner lands on and every page after it are in the language they chose at sign-up, on any
device. The footer's switcher writes the same cookie, so a learner can still change it at any time.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in, dispatch_uid="redflag.accounts.profile_language")
def remember_profile_language(sender, request, user, **kwargs):
    from .models import LearnerProfile

    if request is None:
        return
    language = LearnerProfile.objects.filter(user=user).values_list("language", flat=True).first()
    if language in dict(settings.LANGUAGES):
        request.profile_language = language


class ProfileLanguageMiddleware:
    """Sets the language cookie on the response to a sign-in (see remember_profile_language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = getattr(request, "profile_language", None)
        if language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, language,
                max_age=settings.LANGUAGE_COOKIE_AGE, path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN, secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
