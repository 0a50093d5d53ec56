"""A lesson's place in the page tree, kept in the cache: the page learners open most.

Every lesson view needs the same things besides the learner's own progress: the lesson found by
its URL, the view restrictions on it and its ancestors, its course with the lessons in order
(breadcrumb, previous and next, "lesson 2 of 4") and the course's state hotline for the
how-to-report callouts. Read from the database they are three queries whose building costs more
than the rest of the view; they change only when an editor publishes, unpublishes, saves, moves
or deletes a page, or changes a view restriction or a jurisdiction, and learners read them
thousands of times in between.

So they are kept in the cache under a generation that any such change replaces: every process
stops reading the old copies at once, because the generation lives in the shared cache. Pages in
the copies carry only the fields the lesson template reads. CACHE_SECONDS bounds how long a copy
can outlive a change the cache did not hear of (while Redis is away each process caches on its
own).
"""

import dataclasses
import uuid

from django.core.cache import cache
from django.db import models
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

CACHE_SECONDS = 60 * 60
GENERATION_KEY = "redflag:lesson-places:generation"


@dataclasses.dataclass
class Place:
    lesson: Page
    restrictions: list
    course: Page
    lessons: list  # the course's live lessons in order, this one among them
    state_line: object  # a Jurisdiction holding only the course's state hotline, for callouts


def find(url_path: str):
    """The Place of the live lesson at url_path, or None when no live lesson is there."""
    from .models import LessonPage

    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        # add, not set: two processes starting at once agree on the first one's generation.
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    key = f"redflag:lesson-places:{generation}:{url_path}"
    place = cache.get(key)
    if place is None:
        # The body stays out of the copy: the template renders it from its own cache, per
        # revision, and reads the column only when that is cold.
        lessons = list(LessonPage.objects.filter(url_path=url_path, live=True).defer("body")[:1])
        if not lessons:
            return None
        place = build(lessons[0])
        cache.set(key, place, CACHE_SECONDS)
    place.lesson._place = place
    return place


def build(lesson) -> Place:
    from .models import CoursePage, Jurisdiction

    parent_path = lesson.path[: -lesson.steplen]
    # The course's state line comes with the course's row, in the same query.
    as_course = CoursePage.objects.filter(pk=models.OuterRef("pk"))
    family = list(
        Page.objects.live()
        .filter(models.Q(path=parent_path) | models.Q(path__startswith=parent_path,
                                                      depth=lesson.depth,
                                                      content_type_id=lesson.content_type_id))
        .order_by("path")
        .only("id", "title", "slug", "url_path", "path", "depth", "locale_id")
        .annotate(
            hotline_name=models.Subquery(as_course.values("jurisdiction__hotline_name")[:1]),
            hotline_phone=models.Subquery(as_course.values("jurisdiction__hotline_phone")[:1]),
        )
    )
    course = family[0] if family and family[0].path == parent_path else lesson.get_parent()
    return Place(
        lesson=lesson,
        restrictions=list(restrictions_of(lesson)),
        course=course,
        lessons=[page for page in family if page.depth == lesson.depth],
        state_line=Jurisdiction(
            hotline_name=getattr(course, "hotline_name", None) or "",
            hotline_phone=getattr(course, "hotline_phone", None) or "",
        ),
    )


def with_previewed(lessons: list, lesson) -> list:
    """The live lessons with `lesson` (a draft being previewed, perhaps not yet saved) in its
    place in the tree, in place of its live copy: "lesson 6 of 6" for a sixth lesson still in
    draft. The draft of a new lesson has the path it would be added at (after the others)."""
    others = [page for page in lessons if lesson.pk is None or page.pk != lesson.pk]
    return sorted([*others, lesson], key=lambda page: page.path)


def restrictions_of(page):
    """The view restrictions on the page, its ancestors and, for an alias among them, its
    original, in one query: the ancestors' paths are prefixes of the page's."""
    paths = [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]
    lineage = Page.objects.filter(path__in=paths).values(source=Coalesce("alias_of_id", "id"))
    return PageViewRestriction.objects.filter(page_id__in=lineage)


def forget(**kwargs):
    """Every copy, at once: a new generation (the old copies expire on their own)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _forget_for_page(sender, instance=None, **kwargs):
    if isinstance(instance, Page):
        forget()


def connect():
    page_published.connect(forget, dispatch_uid="redflag.lesson-places.published")
    page_unpublished.connect(forget, dispatch_uid="redflag.lesson-places.unpublished")
    post_page_move.connect(forget, dispatch_uid="redflag.lesson-places.moved")
    # Any page: a title, slug or order of a lesson or its course changes what the copies hold.
    post_save.connect(_forget_for_page, dispatch_uid="redflag.lesson-places.saved")
    post_delete.connect(_forget_for_page, dispatch_uid="redflag.lesson-places.deleted")
    from .models import Jurisdiction

    # A restriction changes who may read; a jurisdiction's state line is in the callouts.
    for sender in (PageViewRestriction, Jurisdiction):
        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(forget, sender=sender,
                           dispatch_uid=f"redflag.lesson-places.{sender.__name__}.{name}")
