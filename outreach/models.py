"""Outreach: the organisation directory, the in-person training log and organisation managers.

Online training is recorded by certificates (certificates.Certificate, which carries the
organisation the learner belonged to when they passed); coverage counts both together against
the directory (see services/).
"""

import secrets

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from redflag.lib.links import absolute_url
from redflag.lib.people import display_name
from redflag.lib.regions import US_STATES
from wagtail.search import index

from . import regions

# No 0/O or 1/I: codes are read aloud at staff meetings and typed from posters.
INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
INVITE_LENGTH = 8


def new_invite_code() -> str:
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))


def normalise_invite_code(typed: str) -> str:
    """What a learner typed ("abcd-efgh ", "ABCDEFGH") as stored."""
    return "".join(ch for ch in (typed or "").upper() if ch.isalnum())


class Organisation(index.Indexed, models.Model):
    """An employer the task force wants to reach: a hotel, a utility, a hospital, a school."""

    name = models.CharField(_("name"), max_length=200)
    group = models.ForeignKey(
        "courses.StakeholderGroup",
        verbose_name=_("stakeholder group"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    state = models.CharField(_("state"), max_length=2, choices=US_STATES)
    county = models.CharField(_("county"), max_length=100)
    address = models.CharField(_("address"), max_length=300, blank=True)
    headcount = models.PositiveIntegerField(
        _("estimated headcount"),
        null=True,
        blank=True,
        help_text=_("About how many staff work here. Leave empty if unknown: coverage then "
                    "shows no percentage for this organisation."),
    )
    invite_code = models.CharField(
        _("invite code"),
        max_length=16,
        unique=True,
        default=new_invite_code,
        editable=False,
        help_text=_("Staff type this code, or open the invite link, to join the organisation."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("county"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        permissions = [("view_coverage", _("Can see the coverage dashboard"))]
        constraints = [
            # The importer's "duplicate name" rule: one directory entry per name in a county.
            # Also the index behind its "does this organisation exist?" look-up.
            models.UniqueConstraint(
                Lower("name"), "state", "county", name="organisation_unique_name_in_county"
            ),
        ]
        indexes = [
            # services.coverage (CoverageFilter.directory): the organisations of a group and region.
            models.Index(fields=["group", "state", "county"], name="org_group_region"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.state and self.county:
            county = regions.canonical_county(self.state, self.county)
            if county is None:
                raise ValidationError(
                    {"county": _("%(county)s is not a county of %(state)s.")
                     % {"county": self.county, "state": self.state}}
                )
            self.county = county

    @property
    def display_invite_code(self) -> str:
        code = self.invite_code
        return f"{code[:4]}-{code[4:]}" if len(code) == INVITE_LENGTH else code

    def get_invite_path(self) -> str:
        return reverse("outreach:join", args=[self.display_invite_code])

    def get_invite_url(self) -> str:
        return absolute_url(self.get_invite_path())


class OrganisationManager(models.Model):
    """A person who answers for one organisation's training, such as a hotel's general manager."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="organisation_manager",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="managers",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation manager")
        verbose_name_plural = _("organisation managers")
        ordering = ["organisation__name"]

    def __str__(self):
        return f"{self.user_name} · {self.organisation}"

    @property
    def user_name(self) -> str:
        return display_name(self.user)


class InPersonSession(models.Model):
    """A red-flag training the task force delivered in a room; its attendees count as trained."""

    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, help_text=_("Venue or address."))
    group = models.ForeignKey(
        "courses.StakeholderGroup",
        verbose_name=_("stakeholder group"),
        on_delete=models.PROTECT,
        related_name="in_person_sessions",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="in_person_sessions",
        help_text=_("Leave empty for an open session with staff from several employers."),
    )
    state = models.CharField(_("state"), max_length=2, choices=US_STATES, blank=True,
                             help_text=_("Taken from the organisation when left empty."))
    county = models.CharField(_("county"), max_length=100, blank=True,
                              help_text=_("Taken from the organisation when left empty."))
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="in_person_sessions",
        limit_choices_to=models.Q(groups__name__in=["Trainers", "Coordinators"]),
    )
    attendees = models.PositiveIntegerField(
        _("number of attendees"), validators=[MinValueValidator(1), MaxValueValidator(100000)]
    )
    roster = models.TextField(
        _("roster"), blank=True, help_text=_("Optional: attendees' names, one a line.")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("in-person session")
        verbose_name_plural = _("in-person sessions")
        ordering = ["-date", "-pk"]
        indexes = [
            # services: people trained in person per group, month and county within a period.
            models.Index(fields=["date", "group"], name="session_date_group"),
            # services.coverage.not_reached: "was this organisation reached in the period?"
            models.Index(fields=["organisation", "date"], name="session_org_date"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} · {self.place}"

    @property
    def roster_names(self) -> list[str]:
        return [line.strip() for line in self.roster.splitlines() if line.strip()]

    @property
    def trainer_name(self) -> str:
        return display_name(self.trainer)

    def clean(self):
        super().clean()
        errors = {}
        if self.organisation_id:
            organisation = self.organisation
            self.state = self.state or organisation.state
            self.county = self.county or organisation.county
        if not self.state:
            errors["state"] = _("Choose the state, or an organisation.")
        if not self.county:
            errors["county"] = _("Enter the county, or choose an organisation.")
        elif self.state:
            county = regions.canonical_county(self.state, self.county)
            if county is None:
                errors["county"] = _("%(county)s is not a county of %(state)s.") % {
                    "county": self.county, "state": self.state}
            else:
                self.county = county
        if self.attendees and len(self.roster_names) > self.attendees:
            errors["roster"] = _("The roster lists %(names)s names but only %(attendees)s "
                                 "attendees.") % {"names": len(self.roster_names),
                                                  "attendees": self.attendees}
        if errors:
            raise ValidationError(errors)


class TrainingRecord(models.Model):
    """One row per counted certificate (neither revoked nor replaced): what coverage counts.

    Written only by outreach.training_log, from the certificates table, which explains each
    column; coverage reads this table and never the certificates'. The place and date columns
    are copies of the certificate's, so the dashboard's grouped passes read one narrow table.
    """

    certificate = models.OneToOneField(
        "certificates.Certificate", on_delete=models.CASCADE, primary_key=True,
        related_name="training_record",
    )
    # The copies follow the certificate's own SET_NULL when an account, course, group or
    # organisation is deleted; the training log then recomputes the learners' links.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.SET_NULL, null=True,
                               related_name="+", db_index=False)
    group = models.ForeignKey("courses.StakeholderGroup", on_delete=models.SET_NULL, null=True,
                              related_name="+", db_index=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True,
                                     related_name="+", db_index=False)
    state = models.CharField(max_length=2)
    county = models.CharField(max_length=100)
    issued_on = models.DateField()
    expires_on = models.DateField()
    previous_on = models.DateField(null=True)
    previous_in_group_on = models.DateField(null=True)
    next_on = models.DateField(null=True)
    next_in_group_on = models.DateField(null=True)
    moved = models.BooleanField(default=False)
    renewed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        default_permissions = ()
        indexes = [
            # services.coverage.Coverage.online and .months: people trained per group,
            # organisation, county and month in a period, from this index alone.
            models.Index(
                fields=["issued_on", "group", "organisation", "state", "county", "previous_on",
                        "previous_in_group_on", "moved"],
                name="training_period",
            ),
            # services.coverage.Coverage.online for a period that runs to the last issue date:
            # each learner who stayed at one place on their latest certificate (in the group),
            # about one record in six. In organisation order, so the people per organisation are
            # counted in one ordered pass, without a hash table of 20,000 groups.
            models.Index(
                fields=["organisation", "group", "issued_on", "next_on", "state", "county"],
                condition=models.Q(next_in_group_on__isnull=True, moved=False),
                name="training_latest_org",
            ),
            # services.coverage (Coverage.online, _directory_sql, months): learners who trained
            # at more than one place, counted distinct (a few per cent of the rows).
            models.Index(
                fields=["issued_on", "group", "user", "organisation", "state", "county"],
                condition=models.Q(moved=True),
                name="training_moved",
            ),
            # services.coverage: one organisation's training in a period, and not_reached's
            # "was it reached?".
            models.Index(fields=["organisation", "issued_on", "user"], name="training_org"),
            # services.coverage.current_people: a group's people with a current certificate
            # per organisation, counted distinct from this index alone.
            models.Index(fields=["group", "expires_on", "organisation", "user"],
                         name="training_current"),
            # services.coverage.current_people for the 50 organisations of a drill-down page:
            # their own entries, not the group's tens of thousands filtered down to them.
            models.Index(fields=["organisation", "expires_on", "group", "user"],
                         name="training_current_org"),
            # services.coverage.Coverage.groups: expiring within 30/60/90 days.
            models.Index(
                fields=["expires_on", "group", "organisation", "state", "county", "renewed"],
                name="training_expiry",
            ),
        ]

    def __str__(self):
        return f"{self.certificate_id} · {self.issued_on}"


class TrainingMonth(models.Model):
    """The training log summed per calendar month, group, state and county: the dashboard's
    months chart without reading the period's records. Written only by outreach.training_log.

    Learners who stayed at one place, each counted on their first certificate of the month (people)
    and their first of the month in the group (people_in_group); the learners who moved are
    counted from the records, as everywhere.

    latest and latest_in_group count the same learners on their latest certificate instead (the
    one without a next; within the group): summed from a period's first month onwards, they give
    the people trained in a period that runs to the last issue date (the dashboard's default)
    per group and county, without reading the period's records."""

    month = models.DateField()
    group = models.ForeignKey("courses.StakeholderGroup", on_delete=models.SET_NULL, null=True,
                              related_name="+", db_index=False)
    state = models.CharField(max_length=2)
    county = models.CharField(max_length=100)
    people = models.PositiveIntegerField()
    people_in_group = models.PositiveIntegerField()
    latest = models.PositiveIntegerField(db_default=0)
    latest_in_group = models.PositiveIntegerField(db_default=0)

    class Meta:
        verbose_name = _("training month")
        verbose_name_plural = _("training months")
        default_permissions = ()
        indexes = [
            # services.coverage.Coverage.months, and training_log rewriting a learner's months.
            models.Index(fields=["month", "group", "state", "county"], name="training_month"),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} · {self.state} {self.county}"


class OutcomeMonth(models.Model):
    """The outcome reports summed per calendar month, group, state, county and band of months
    since training (services.outcomes.MONTH_BANDS): the dashboard's outcome figures per group,
    county and months since training for whole months, without reading the reports, as
    TrainingMonth does for people trained. Written only by outreach.services.outcomes, which
    recounts a month from its reports whenever one is recorded or deleted."""

    month = models.DateField()
    group = models.ForeignKey("courses.StakeholderGroup", on_delete=models.SET_NULL, null=True,
                              related_name="+", db_index=False)
    state = models.CharField(max_length=2, blank=True)
    county = models.CharField(max_length=100, blank=True)
    band = models.PositiveSmallIntegerField()
    reports = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("outcome month")
        verbose_name_plural = _("outcome months")
        default_permissions = ()
        indexes = [
            models.Index(fields=["month", "group", "state", "county"], name="outcome_month"),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} · {self.state} {self.county}"


def organisation_by_invite_code(typed: str) -> "Organisation | None":
    code = normalise_invite_code(typed)
    if not code:
        return None
    return Organisation.objects.select_related("group").filter(invite_code=code).first()


def learner_profiles():
    """Learner profiles. They belong to the project above the apps (a profile names an
    organisation), so outreach names the model by its label, as a ForeignKey does, rather than
    importing it."""
    return apps.get_model("accounts", "LearnerProfile").objects


# Campaigns ------------------------------------------------------------------------------------

TRAINERS_GROUP = "Trainers"


class Campaign(models.Model):
    """A push to train the not-reached organisations of some stakeholder groups in some counties.

    Its targets are chosen once, when it is created (services.campaigns.choose_targets); whether
    a target is trained is never stored but read from the training log (services.campaigns)."""

    class Goal(models.TextChoices):
        PEOPLE = "people", _("People trained")
        ORGANISATIONS = "organisations", _("Organisations reached")

    name = models.CharField(_("name"), max_length=200)
    groups = models.ManyToManyField(
        "courses.StakeholderGroup",
        verbose_name=_("stakeholder groups"),
        related_name="campaigns",
    )
    # [[state, county], ...] as the directory stores them: one JSON list rather than a table,
    # since it is read whole, once, when the targets are chosen.
    counties = models.JSONField(_("counties"), default=list)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    goal_kind = models.CharField(_("goal"), max_length=20, choices=Goal.choices,
                                 default=Goal.ORGANISATIONS)
    goal = models.PositiveIntegerField(_("goal number"), validators=[MinValueValidator(1)],
                                       help_text=_("How many people or organisations to reach."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "-pk"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date comes before the start date.")})

    @property
    def county_names(self) -> list[str]:
        return [f"{county}, {state}" for state, county in self.counties]


class CampaignTarget(models.Model):
    """One organisation a campaign means to train, and where the trainer is with it.

    The typed status stops at "session scheduled": trained and follow-up due are read from the
    training log and the follow-up date (services.campaigns.stage)."""

    class Status(models.TextChoices):
        NEW = "new", _("Not contacted yet")
        CONTACTED = "contacted", _("Contacted")
        SCHEDULED = "scheduled", _("Session scheduled")

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE,
                                 related_name="targets")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="campaign_targets")
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaign_targets",
        limit_choices_to=models.Q(groups__name=TRAINERS_GROUP),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.NEW)
    session_starts_at = models.DateTimeField(_("session date and time"), null=True, blank=True)
    session_place = models.CharField(_("session place"), max_length=200, blank=True)
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    next_follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("campaign target")
        verbose_name_plural = _("campaign targets")
        ordering = ["organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation"],
                                    name="campaign_target_unique_organisation"),
        ]
        indexes = [
            # services.campaigns.calendar_events: a trainer's scheduled sessions.
            models.Index(fields=["trainer", "session_starts_at"], name="target_trainer_session"),
            # services.campaigns.overdue: a campaign's follow-ups due before today.
            models.Index(fields=["campaign", "next_follow_up_on"], name="target_follow_up"),
        ]

    def __str__(self):
        return f"{self.campaign} · {self.organisation}"

    @property
    def trainer_name(self) -> str:
        return display_name(self.trainer)

    def clean(self):
        super().clean()
        if self.status == self.Status.SCHEDULED and not self.session_starts_at:
            raise ValidationError(
                {"session_starts_at": _("Enter the date and time of the scheduled session.")})


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A trainer's secret calendar address: calendar apps cannot sign in, so the token in the
    address is the key. Revoking it gives a new one and the old address stops answering."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("trainer"),
                                on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token,
                             editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        default_permissions = ()

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self) -> str:
        return absolute_url(reverse("outreach:calendar", args=[self.token]))

class OutcomeReport(models.Model):
    """That a trained learner made a report after the training: when, and to whom. Nothing else.

    What was seen and who was involved belong to the hotline or the police, never to Redflag:
    this model has no text a person types, so no form, import or admin page can ask for it.
    Written only by outreach.services.outcomes, which takes the place and the months since
    training from the learner's certificates so the dashboard counts reports the way it counts
    people trained.
    """

    class Channel(models.TextChoices):
        HOTLINE = "hotline", _("National Human Trafficking Hotline")
        POLICE = "police", _("911 or police")
        TASK_FORCE = "task_force", _("The task force")
        SUPERVISOR = "supervisor", _("A supervisor or manager")
        CHILD_PROTECTIVE_SERVICES = "cps", _("Child protective services")

    # The learner whose report it is. Kept as a count when their account is deleted.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("learner"),
                             on_delete=models.SET_NULL, null=True, related_name="outcome_reports")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.SET_NULL, null=True, related_name="+",
                                    editable=False)
    reported_on = models.DateField(_("date of the report"))
    channel = models.CharField(_("reported to"), max_length=20, choices=Channel.choices)
    # Copies of the learner's latest certificate before the report (see services.outcomes).
    group = models.ForeignKey("courses.StakeholderGroup", verbose_name=_("stakeholder group"),
                              on_delete=models.SET_NULL, null=True, related_name="+",
                              db_index=False)
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.SET_NULL, null=True, related_name="+",
                                     db_index=False)
    state = models.CharField(_("state"), max_length=2, choices=US_STATES, blank=True)
    county = models.CharField(_("county"), max_length=100, blank=True)
    months_since_training = models.PositiveSmallIntegerField(_("months since training"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("outcome report")
        verbose_name_plural = _("outcome reports")
        ordering = ["-reported_on", "-pk"]
        indexes = [
            # services.outcomes.OutcomeFigures: reports per group, organisation, county and
            # months since training in a period, from this index alone.
            models.Index(fields=["reported_on", "group", "organisation", "state", "county",
                                 "months_since_training"], name="outcome_period"),
            # services.outcomes.reports_of: a learner's own records, newest first.
            models.Index(fields=["user", "reported_on"], name="outcome_user"),
            # services.outcomes.OutcomeFigures: reports per organisation in a period, counted in
            # organisation order from this index alone.
            models.Index(fields=["organisation", "reported_on"], name="outcome_organisation"),
        ]

    def __str__(self):
        return f"{self.reported_on:%Y-%m-%d} · {self.get_channel_display()}"

# Partner follow-up -----------------------------------------------------------------------------

class PartnerFollowUp(models.Model):
    """The task force's relationship with one organisation in the directory: whom to call, when
    they last spoke and when to call again, and which trainer looks after it.

    A record of its own rather than columns on Organisation: the directory is shown to trainers,
    exported and chosen in forms, while these fields are for coordinators and the assigned
    trainer only (services.follow_ups)."""

    organisation = models.OneToOneField(Organisation, verbose_name=_("organisation"),
                                        on_delete=models.CASCADE, primary_key=True,
                                        related_name="follow_up")
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_role = models.CharField(_("contact's role"), max_length=200, blank=True,
                                    help_text=_("For example: general manager, HR director."))
    contact_phone = models.CharField(_("contact's phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact's email"), blank=True)
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    next_follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True)
    notes = models.TextField(
        _("relationship notes"), blank=True,
        help_text=_("About the partnership only: who prefers email, what training they asked "
                    "for. Never write about a case, a victim or a report here."))
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned trainer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_follow_ups",
        limit_choices_to=models.Q(groups__name=TRAINERS_GROUP),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("partner follow-up")
        verbose_name_plural = _("partner follow-ups")
        ordering = ["next_follow_up_on", "organisation__name"]
        indexes = [
            # services.follow_ups.due (the Follow-ups page, the dashboard's list): due by a date.
            models.Index(fields=["next_follow_up_on"], name="follow_up_due"),
            # services.follow_ups.due for one trainer, and the weekly digest.
            models.Index(fields=["trainer", "next_follow_up_on"], name="follow_up_trainer_due"),
        ]

    def __str__(self):
        return str(self.organisation)
