import hashlib
import re

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from redflag.lib.dates import add_months
from redflag.lib.phones import validate_phone
from redflag.lib.regions import STATE_NAMES, US_STATES
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from . import locales, places
from .blocks import LessonStreamBlock
from .forms import StakeholderGroupForm, other_languages, translated_name_field

HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"
DEFAULT_GROUP_COLOUR = "#9b1c1c"


class StakeholderGroup(index.Indexed, models.Model):
    """A kind of workplace whose staff see trafficking first: hotel staff, utility workers, ...

    Editable data, not code: a task force adds "transit workers" in the admin.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default=DEFAULT_GROUP_COLOUR,
        validators=[RegexValidator(HEX_COLOUR, _("Use a hex colour such as #9b1c1c."))],
        help_text=_("Used for the group's badge and charts."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)
    # `name` is in settings.LANGUAGE_CODE; this holds the name in each other interface language,
    # by language code ({"es": "Personal de hoteles y alojamiento"}), so learners read their
    # workplace in the language they chose. The edit form shows one text box a language
    # (courses.forms.StakeholderGroupForm).
    translated_names = models.JSONField(_("translated names"), default=dict, blank=True)

    base_form_class = StakeholderGroupForm
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        *[FieldPanel(translated_name_field(code)) for code in other_languages()],
        FieldPanel("description"),
        FieldPanel("colour"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")

    def __str__(self):
        return self.name

    def name_in(self, language_code: str | None) -> str:
        """The name in that language ("es", or "es-mx" as a browser may ask), or `name` where
        none is given."""
        names = self.translated_names if isinstance(self.translated_names, dict) else {}
        code = (language_code or "").lower()
        name = names.get(code) or names.get(code.split("-")[0])
        return name if isinstance(name, str) and name else self.name

    @property
    def display_name(self) -> str:
        """The name in the active language: what learners read."""
        return self.name_in(get_language())

    @property
    def css_colour(self) -> str:
        """The colour as pages write it into a stylesheet: a row saved without the form's
        validation (a script, an import) cannot put anything but a hex colour there."""
        return self.colour if re.fullmatch(HEX_COLOUR, self.colour or "") else DEFAULT_GROUP_COLOUR


# How long a certificate stays current where no law says otherwise: the field's default for a new
# jurisdiction, and what a certificate without a course (synthetic data) is given.
DEFAULT_VALIDITY_MONTHS = 24


def every_words(months: int) -> str:
    """"every 2 years", "every year", "every 18 months": a renewal cycle as people say it."""
    if months % 12 == 0:
        years = months // 12
        return ngettext("every year", "every %(count)d years", years) % {"count": years}
    return ngettext("every month", "every %(count)d months", months) % {"count": months}


class Jurisdiction(index.Indexed, models.Model):
    """Whose law a course follows: how long its certificate stays current, how soon a new hire
    must first take it, and the state's own hotline.

    The one owner of these facts. Issuing reads the validity when it sets a certificate's expiry;
    reminders and the coverage dashboard read that expiry; the course page and the how-to-report
    callout read the rest. A change applies to certificates issued after it: one already issued
    keeps the expiry printed on it.
    """

    name = models.CharField(
        _("name"),
        max_length=100,
        unique=True,
        help_text=_("As learners read it, e.g. California, or National (no state requirement)."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    state = models.CharField(
        _("state"),
        max_length=2,
        blank=True,
        choices=US_STATES,
        help_text=_("The state whose law this is. Leave blank for federal guidance or where no "
                    "state law applies."),
    )
    law = models.CharField(
        _("law"),
        max_length=255,
        blank=True,
        help_text=_("The law the training follows, as cited, e.g. Cal. Gov. Code § 12950.3."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("certificate validity (months)"),
        default=DEFAULT_VALIDITY_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("How long a certificate stays current: the training is due again after."),
    )
    first_training_months = models.PositiveSmallIntegerField(
        _("first training due (months after hire)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Optional: how many months after starting work a new hire must be trained."),
    )
    hotline_name = models.CharField(
        _("state hotline"),
        max_length=120,
        blank=True,
        help_text=_("The state's own trafficking hotline, where it has one, e.g. CAST hotline."),
    )
    hotline_phone = models.CharField(
        _("state hotline phone"), max_length=40, blank=True, validators=[validate_phone]
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("state"),
        FieldPanel("law"),
        FieldPanel("validity_months"),
        FieldPanel("first_training_months"),
        FieldPanel("hotline_name"),
        FieldPanel("hotline_phone"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("law"),
        index.FilterField("state"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.state and not self.law.strip():
            errors["law"] = _("Name the state law this follows, as cited.")
        if bool(self.hotline_name.strip()) != bool(self.hotline_phone.strip()):
            missing = "hotline_phone" if self.hotline_name.strip() else "hotline_name"
            errors[missing] = _("A state hotline needs both its name and its number.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_hotline(self) -> bool:
        return bool(self.hotline_name and self.hotline_phone)

    def rule_in_plain_words(self) -> str:
        """The schedule as the course page tells learners: "California law: take this training
        within 6 months of starting work and every 2 years." Translated when called."""
        every = every_words(self.validity_months)
        if self.first_training_months:
            first = ngettext(
                "within %(count)d month of starting work",
                "within %(count)d months of starting work",
                self.first_training_months,
            ) % {"count": self.first_training_months}
            schedule = gettext("take this training %(first)s and %(every)s") % {
                "first": first, "every": every}
        else:
            schedule = gettext("take this training %(every)s") % {"every": every}
        if self.state:
            law = gettext("%(name)s law") % {"name": STATE_NAMES.get(self.state, self.name)}
            return gettext("%(law)s: %(schedule)s.") % {"law": law, "schedule": schedule}
        return gettext("No state law sets a schedule for this training. Your task force asks "
                       "you to %(schedule)s.") % {"schedule": schedule}


def profile_step_redirect(request, *, learners_only=True):
    """Sends a signed-in learner without a profile (workplace, state, county) to fill it in,
    then back here: sign-up asks only for the account, and a course needs the workplace.
    `learners_only=False` (lessons, which record progress for a profile) asks staff and
    organisation managers too.

    The answer is remembered in the session once true, so a lesson costs no query for it."""
    user = request.user
    if user.is_authenticated and not getattr(request, "is_preview", False):
        # Profiles belong to the project above the apps: named by label, not imported.
        LearnerProfile = apps.get_model("accounts", "LearnerProfile")
        if learners_only:
            waiting = LearnerProfile.needs_profile_step(user, request.session)
        else:
            waiting = not LearnerProfile.is_complete_for(user, request.session)
        if waiting:
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('profile')}?{query}")
    return None


class CourseIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Every course once, from the default language's list, each shown in the reader's
        # language where it has been translated: a course not yet in Spanish is listed in
        # English, marked as coming in Spanish (courses.locales).
        source = self.get_translations(inclusive=True).filter(
            locale_id=locales.default_locale_id()).first() or self
        courses = CoursePage.objects.live().child_of(source).prefetch_related("audience")
        groups = list(StakeholderGroup.objects.all())
        selected = request.GET.get("group", "")
        if selected:
            courses = courses.filter(audience__slug=selected)
        courses = locales.localized(courses, locales.language_of(self))
        # The translations come without the source's prefetched audience: one query for them all.
        prefetch_related_objects(courses, "audience")
        my_group_id = self.learner_group_id(request.user)
        for course in courses:
            course.for_my_group = any(group.pk == my_group_id for group in course.audience.all())
        # The learner's own workplace's courses first; the tree's order within each part.
        courses.sort(key=lambda course: not course.for_my_group)
        context.update(courses=courses, groups=groups, selected_group=selected)
        return context

    @staticmethod
    def learner_group_id(user):
        """The workplace type the signed-in learner chose, or None."""
        if not user.is_authenticated:
            return None
        # Profiles belong to the project above the apps: named by label, not imported.
        LearnerProfile = apps.get_model("accounts", "LearnerProfile")
        return LearnerProfile.objects.filter(user=user).values_list("group_id", flat=True).first()


class CoursePage(Page):
    audience = ParentalManyToManyField(
        StakeholderGroup,
        verbose_name=_("audience groups"),
        related_name="courses",
        help_text=_("The stakeholder groups this course is written for."),
    )
    summary = models.TextField(_("summary"), max_length=600)
    objectives = StreamField(
        [("objective", blocks.CharBlock(label=_("Objective"), max_length=250))],
        verbose_name=_("learning objectives"),
        blank=True,
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    # Indexed as every foreign key is: PROTECT's check on deleting a jurisdiction, and the
    # dashboard's "jurisdictions of live courses" (outreach.services.coverage), read it.
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="courses",
        help_text=_("Whose law this course follows: it sets how long a certificate stays "
                    "current, and adds the state's hotline to every how-to-report callout."),
    )
    sources = StreamField(
        [("source", blocks.CharBlock(label=_("Source"), max_length=300))],
        verbose_name=_("sources"),
        blank=True,
        help_text=_("The law, programme and edition this course follows, one per item, so a task "
                    "force can check it, e.g. DHS Blue Campaign indicators (2024)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("audience", widget=forms.CheckboxSelectMultiple),
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("estimated_minutes"),
        FieldPanel("jurisdiction"),
        FieldPanel("sources"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]
    # The admin lists a course's lessons in the order learners read them, not by last edit.
    admin_default_ordering = "ord"

    class Meta:
        verbose_name = _("course")

    def expires_on(self, issued_on):
        """When a certificate of this course issued on `issued_on` stops being current: its
        jurisdiction's validity after the issue date."""
        return add_months(issued_on, self.jurisdiction.validity_months)

    def certificate_group(self, learner_group):
        """The stakeholder group a pass of this course certifies: the learner's own when the course
        is written for it (or names no audience), else the course's first audience group. A hotel
        housekeeper who takes the utility course holds a utility certificate, and coverage counts
        her training there."""
        audience = sorted(self.audience.all(), key=lambda group: (group.sort_order, group.pk))
        if not audience or (learner_group is not None
                            and any(group.pk == learner_group.pk for group in audience)):
            return learner_group
        return audience[0]

    @cached_property
    def lessons(self):
        return list(LessonPage.objects.live().child_of(self).order_by("path"))

    def progress_for(self, user):
        """Which of this course's lessons the user has opened, as a set of page ids."""
        return LessonCompletion.opened_by(user, [lesson.pk for lesson in self.lessons])

    def serve(self, request, *args, **kwargs):
        return profile_step_redirect(request) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        visited = self.progress_for(request.user)
        context.update(
            lessons=self.lessons,
            visited=visited,
            visited_count=len(visited),
            # "Continue" picks up at the first lesson not yet opened.
            next_unopened=next(
                (lesson for lesson in self.lessons if lesson.pk not in visited), None
            ),
        )
        return context


# A lesson's rendered body is kept per published revision (see LessonPage.body_cache_key); the
# time limit only bounds what a changed image or a moved page linked from the text can leave.
BODY_CACHE_SECONDS = 60 * 60


class LessonPage(Page):
    """One lesson of a course: the page learners open most, so it is served in few queries."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    def serve(self, request, *args, **kwargs):
        waiting = profile_step_redirect(request, learners_only=False)
        return waiting or super().serve(request, *args, **kwargs)

    def body_cache_key(self, request, state_line=None) -> str | None:
        """What the rendered body depends on: the published revision, the language of the
        interface text in its blocks, and the numbers in its how-to-report callouts (the task
        force's settings and the course's state line). None for a preview, which shows a draft
        under the live page's number."""
        if getattr(request, "is_preview", False) or not self.live_revision_id:
            return None
        TaskForceSettings = apps.get_model("home", "TaskForceSettings")
        contact = TaskForceSettings.for_request(request)
        stamp = "|".join((
            contact.name,
            contact.law_enforcement_name,
            contact.law_enforcement_phone,
            contact.local_contact_name,
            contact.local_contact_phone,
            contact.local_contact_email,
            state_line.hotline_name if state_line else "",
            state_line.hotline_phone if state_line else "",
        ))
        digest = hashlib.sha256(stamp.encode()).hexdigest()[:16]
        return f"{self.pk}:{self.live_revision_id}:{get_language()}:{digest}"

    def get_view_restrictions(self):
        # Routed through courses.places, the restrictions come with the lesson from the cache.
        place = getattr(self, "_place", None)
        if place is not None and place.lesson is self:
            return place.restrictions
        if self.alias_of_id:
            return super().get_view_restrictions()
        return places.restrictions_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The course and its lessons in order (breadcrumb, previous, next and "lesson 2 of 4")
        # and the course's state line for the how-to-report callouts come from the cache with
        # the lesson (courses.places); the learner's progress is one query over their ids.
        place = getattr(self, "_place", None)
        if place is None or place.lesson is not self:
            place = places.build(self)
        course, siblings, state_line = place.course, place.lessons, place.state_line
        previewing = getattr(request, "is_preview", False)
        if previewing:
            # A trainer previewing a draft lesson sees it where learners will once it is live.
            siblings = places.with_previewed(siblings, self)
        position = next((index for index, page in enumerate(siblings) if page is self), None)
        if position is None:
            position = next((index for index, page in enumerate(siblings)
                             if page.pk == self.pk), 0)
        ids = [page.pk for page in siblings]
        user = request.user
        tracked = user.is_authenticated and not previewing
        visited = LessonCompletion.opened_by(user, ids) if tracked else set()
        if tracked and self.pk not in visited:
            # Opening a lesson counts as progress; only the first visit writes.
            LessonCompletion.objects.bulk_create(
                [LessonCompletion(user=user, lesson=self)], ignore_conflicts=True
            )
            visited.add(self.pk)
        context.update(
            body_cache_key=self.body_cache_key(request, state_line),
            report_state_line=state_line if state_line.has_hotline else None,
            body_cache_seconds=BODY_CACHE_SECONDS,
            course=course,
            lessons=siblings,
            lesson_number=position + 1,
            lesson_count=len(siblings),
            previous_lesson=siblings[position - 1] if position > 0 else None,
            next_lesson=siblings[position + 1] if position + 1 < len(siblings) else None,
            visited=visited,
            visited_count=len(visited),
        )
        return context


class LessonCompletion(models.Model):
    """A signed-in learner opened a lesson. Course completion needs every lesson plus the quiz."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(_("first visited"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            # Also the index behind LessonPage.get_context's "which lessons has this user seen".
            models.UniqueConstraint(fields=["user", "lesson"], name="one_completion_per_lesson")
        ]

    def __str__(self):
        return f"{self.user} · {self.lesson}"

    @classmethod
    def opened_by(cls, user, lesson_ids) -> set:
        """Which of these lessons the user has opened, as a set of ids: the one answer to "which
        lessons has this learner read", in one query (none for no one or no lessons)."""
        if not user.is_authenticated or not lesson_ids:
            return set()
        return set(
            cls.objects.filter(user=user, lesson_id__in=lesson_ids)
            .values_list("lesson_id", flat=True)
        )
