"""The admin's home page, per role: what each person came to the admin for.

- Trainers (and reviewers, who write too): their drafts and pages in review, and the courses.
- Reviewers: what awaits their review in the moderation workflow.
- Coordinators: the coverage dashboard's headline figures.

Each panel appears only to those whose permissions give it meaning (a superuser sees them all).
They replace Wagtail's "awaiting your review", "your pages in a workflow" and "your most recent
edits" panels, which cost queries per row and say the same less plainly; Wagtail's "your locked
pages" panel stays, as it shows nothing until someone locks a page. Every panel costs a fixed
number of queries however many pages, courses or tasks there are.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Length, Substr
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Revision,
    TaskState,
    WorkflowState,
    get_default_page_content_type,
)
from wagtail.permission_policies.pages import PagePermissionPolicy

from courses import locales
from courses.models import CourseIndexPage, CoursePage, LessonPage
from outreach.forms import CoverageFilterForm
from outreach.services import coverage

# Wagtail's panels that these replace (see the module's docstring).
REPLACED_PANELS = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation",
                   "recent_edits"}
# A home page lists the most recent; the explorer and the workflow reports list the rest.
ROWS_SHOWN = 20


def may_edit_pages(user) -> bool:
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


def is_reviewer(user) -> bool:
    """Whether the user approves some active task of a workflow (reviewers, superusers)."""
    return user.is_superuser or GroupApprovalTask.objects.filter(
        active=True, groups__user=user).exists()


def may_see_coverage(user) -> bool:
    return user.has_perm("outreach.view_coverage")


def _with_parent_title(pages):
    """Each page with its parent's title (the course of a lesson or quiz), in the same query."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    parent = Page.objects.filter(path=parent_path).values("draft_title")[:1]
    return pages.annotate(parent_title=Subquery(parent))


def _page_kind(page) -> str:
    model = ContentType.objects.get_for_id(page.content_type_id).model_class()
    return str(model._meta.verbose_name).capitalize() if model else ""


class DraftsPanel(Component):
    """Pages the user owns or has edited that have changes not yet live: drafts, and pages
    submitted to reviewers or sent back with changes requested."""

    name = "redflag_drafts"
    template_name = "accounts/admin_home/drafts.html"
    order = 110

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        page_type = get_default_page_content_type()
        as_text = Cast(OuterRef("pk"), output_field=CharField())
        edited = Revision.objects.filter(base_content_type=page_type, object_id=as_text,
                                         user=user)
        in_workflow = WorkflowState.objects.active().filter(base_content_type=page_type,
                                                            object_id=as_text)
        pages = (
            _with_parent_title(Page.objects.filter(has_unpublished_changes=True))
            .filter(Q(owner=user) | Exists(edited))
            .annotate(workflow_status=Subquery(in_workflow.values("status")[:1]))
            .order_by("-latest_revision_created_at", "-pk")
            .only("id", "draft_title", "title", "live", "content_type_id",
                  "latest_revision_created_at")
        )
        rows = list(pages[: ROWS_SHOWN + 1])
        for page in rows:
            page.kind = _page_kind(page)
            if page.workflow_status == WorkflowState.STATUS_NEEDS_CHANGES:
                page.state_label = _("Changes requested")
            elif page.workflow_status == WorkflowState.STATUS_IN_PROGRESS:
                page.state_label = _("Awaiting review")
            elif page.live:
                page.state_label = _("Live, with unpublished changes")
            else:
                page.state_label = _("Draft")
        return {
            "pages": rows[:ROWS_SHOWN],
            "more": len(rows) > ROWS_SHOWN,
            "courses_url": _courses_url(),
        }


def _courses_url():
    index = CourseIndexPage.objects.only("id").first()
    return reverse("wagtailadmin_explore", args=[index.pk]) if index else None


class CoursesPanel(Component):
    """Every course, live or not, with its number of lessons: where a trainer starts."""

    name = "redflag_courses"
    template_name = "accounts/admin_home/courses.html"
    order = 120

    def get_context_data(self, parent_context):
        lessons = LessonPage.objects.filter(path__startswith=OuterRef("path"),
                                            depth=OuterRef("depth") + 1)
        courses = list(
            CoursePage.objects.order_by("path")
            .only("id", "draft_title", "title", "live", "has_unpublished_changes", "path",
                  "depth")
            .annotate(lesson_count=Subquery(
                lessons.order_by().values("depth").annotate(n=Count("pk")).values("n")[:1]),
                language=F("locale__language_code"))
        )
        index = CourseIndexPage.objects.only("id", "path", "depth").first()
        user = parent_context["request"].user
        can_add = bool(index) and index.permissions_for_user(user).can_add_subpage()
        return {
            "courses": courses,
            # A translation is listed after its source's language's courses, marked with its own.
            "default_language": locales.default_language(),
            "courses_url": reverse("wagtailadmin_explore", args=[index.pk]) if index else None,
            "add_url": reverse("wagtailadmin_pages:add",
                               args=("courses", "coursepage", index.pk)) if can_add else None,
        }


class ReviewQueuePanel(Component):
    """The workflow tasks the user may approve: who submitted what, with links to review it."""

    name = "redflag_review"
    template_name = "accounts/admin_home/review.html"
    order = 100

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        page_type = get_default_page_content_type()
        states = list(
            TaskState.objects.reviewable_by(request.user)
            .filter(revision__base_content_type=page_type)
            .select_related("revision", "task", "workflow_state__requested_by")
            .order_by("-started_at", "-pk")[: ROWS_SHOWN + 1]
        )
        page_ids = [int(state.revision.object_id) for state in states]
        pages = _with_parent_title(Page.objects.filter(pk__in=page_ids)).only(
            "id", "draft_title", "title", "live", "content_type_id", "path").in_bulk()
        items = []
        for state in states[:ROWS_SHOWN]:
            page = pages.get(int(state.revision.object_id))
            if page is None:
                continue
            requested_by = state.workflow_state.requested_by
            items.append({
                "page": page,
                "kind": _page_kind(page),
                "task_state": state,
                "requested_by": requested_by.get_full_name() or requested_by.email
                if requested_by else "",
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                "preview_url": reverse("wagtailadmin_pages:workflow_preview",
                                       args=[page.pk, state.task_id]),
                "compare_url": reverse("wagtailadmin_pages:revisions_compare",
                                       args=[page.pk, "live", state.revision_id])
                if page.live else None,
            })
        return {"items": items, "more": len(states) > ROWS_SHOWN}


class CoveragePanel(Component):
    """The coverage dashboard's headline figures, for its default period: the very figures the
    dashboard keeps in the cache (outreach.services.coverage.dashboard_figures), so opening the
    dashboard after the home page costs nothing more, and the other way round."""

    name = "redflag_coverage"
    template_name = "accounts/admin_home/coverage.html"
    order = 90

    def get_context_data(self, parent_context):
        coverage_filter = CoverageFilterForm(None).to_filter()
        figures = coverage.dashboard_figures(coverage_filter)
        total = figures["groups"][-1]
        return {
            "coverage_filter": coverage_filter,
            "total": total,
            "not_reached_count": figures["not_reached_count"],
            "computed_at": figures["computed_at"],
            "dashboard_url": reverse("coverage:dashboard"),
            "not_reached_url": reverse("coverage:not_reached"),
        }


def construct_panels(request, panels):
    """For Wagtail's construct_homepage_panels hook: the panels of this person's roles."""
    user = request.user
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS]
    if may_see_coverage(user):
        panels.append(CoveragePanel())
    if is_reviewer(user):
        panels.append(ReviewQueuePanel())
    if may_edit_pages(user):
        panels += [DraftsPanel(), CoursesPanel()]
