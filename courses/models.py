import hashlib
import re

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from . import places
from .blocks import LessonStreamBlock

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

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
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

    @property
    def css_colour(self) -> str:
        """The colour as pages write it into a stylesheet: a row saved without the form's
        validation (a script, an import) cannot put anything but a hex colour there."""
        return self.colour if re.fullmatch(HEX_COLOUR, self.colour or "") else DEFAULT_GROUP_COLOUR


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
        courses = CoursePage.objects.live().child_of(self).prefetch_related("audience")
        groups = list(StakeholderGroup.objects.all())
        selected = request.GET.get("group", "")
        if selected:
            courses = courses.filter(audience__slug=selected)
        context.update(courses=courses, groups=groups, selected_group=selected)
        return context


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
    validity_months = models.PositiveSmallIntegerField(
        _("certificate validity (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("How long a certificate for this course stays current."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("audience", widget=forms.CheckboxSelectMultiple),
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("estimated_minutes"),
        FieldPanel("validity_months"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("course")

    @cached_property
    def lessons(self):
        return list(LessonPage.objects.live().child_of(self).order_by("path"))

    def progress_for(self, user):
        """Which of this course's lessons the user has opened, as a set of page ids."""
        if not user.is_authenticated:
            return set()
        return set(
            LessonCompletion.objects.filter(
                user=user, lesson__in=[lesson.pk for lesson in self.lessons]
            ).values_list("lesson_id", flat=True)
        )

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
        user = request.user
        if user.is_authenticated and not getattr(request, "is_preview", False):
            # Profiles belong to the project above the apps: named by label, not imported.
            LearnerProfile = apps.get_model("accounts", "LearnerProfile")
            if not LearnerProfile.is_complete_for(user, request.session):
                query = urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(f"{reverse('profile')}?{query}")
        return super().serve(request, *args, **kwargs)

    def body_cache_key(self, request) -> str | None:
        """What the rendered body depends on: the published revision, the language of the
        interface text in its blocks, and the task force's contact in its how-to-report callouts.
        None for a preview, which shows a draft under the live page's number."""
        if getattr(request, "is_preview", False) or not self.live_revision_id:
            return None
        TaskForceSettings = apps.get_model("home", "TaskForceSettings")
        contact = TaskForceSettings.for_request(request)
        stamp = "|".join(
            (contact.local_contact_name, contact.local_contact_phone, contact.local_contact_email)
        )
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
        # come from the cache with the lesson (courses.places); the learner's progress is one
        # query over their ids.
        place = getattr(self, "_place", None)
        if place is None or place.lesson is not self:
            place = places.build(self)
        course, siblings = place.course, place.lessons
        ids = [page.pk for page in siblings]
        position = ids.index(self.pk) if self.pk in ids else 0
        user = request.user
        tracked = user.is_authenticated and not getattr(request, "is_preview", False)
        visited = set()
        if tracked:
            visited = set(LessonCompletion.objects.filter(user=user, lesson_id__in=ids)
                          .values_list("lesson_id", flat=True))
        if tracked and self.pk not in visited:
            # Opening a lesson counts as progress; only the first visit writes.
            LessonCompletion.objects.bulk_create(
                [LessonCompletion(user=user, lesson=self)], ignore_conflicts=True
            )
            visited.add(self.pk)
        context.update(
            body_cache_key=self.body_cache_key(request),
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
