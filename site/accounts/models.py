from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from redflag.lib.regions import US_STATES

zip_code_validator = RegexValidator(
    r"^\d{5}(-\d{4})?$", _("Enter a US ZIP code: five digits, or five digits, a dash and four.")
)


class LearnerProfile(models.Model):
    """Who a learner is, for coverage and certificates (which copy these values when issued)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_profile"
    )
    certificate_name = models.CharField(
        _("name on certificate"),
        max_length=120,
        help_text=_("Your name as it should appear on your certificate."),
    )
    group = models.ForeignKey(
        "courses.StakeholderGroup",
        verbose_name=_("workplace type"),
        on_delete=models.PROTECT,
        related_name="learners",
    )
    employer = models.CharField(
        _("employer or organisation"),
        max_length=200,
        blank=True,
        help_text=_("The hotel, utility, hospital or school you work for."),
    )
    # Set by an invite code, or by a coordinator matching `employer` to the directory.
    organisation = models.ForeignKey(
        "outreach.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learners",
    )
    job_role = models.CharField(
        _("job role"),
        max_length=120,
        blank=True,
        help_text=_("e.g. housekeeper, meter reader, ER nurse, teacher"),
    )
    state = models.CharField(_("state"), max_length=2, choices=US_STATES)
    county = models.CharField(_("county"), max_length=100, blank=True)
    zip_code = models.CharField(
        _("ZIP code"), max_length=10, blank=True, validators=[zip_code_validator]
    )
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self):
        return self.certificate_name

    @classmethod
    def is_complete_for(cls, user, session=None) -> bool:
        """Whether the user has filled in a profile; remembered in the session once true."""
        if session is not None and session.get("profile_complete") == user.pk:
            return True
        complete = cls.objects.filter(user=user).exists()
        if complete and session is not None:
            session["profile_complete"] = user.pk
        return complete

    @classmethod
    def needs_profile_step(cls, user, session=None) -> bool:
        """Whether a learner has yet to fill in the second step of signing up. Staff and
        organisation managers, who read courses and homes without training themselves, do not."""
        if cls.is_complete_for(user, session):
            return False
        from outreach.models import OrganisationManager

        from .security import user_is_staff

        return not (user_is_staff(user) or OrganisationManager.objects.filter(user=user).exists())
