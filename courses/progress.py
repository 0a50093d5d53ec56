"""How far a learner has read through courses: which lessons they have opened and where they pick
up, for one course or many at once.

Opening a lesson is what counts as reading it (LessonPage.get_context records the first visit in
LessonCompletion), and LessonCompletion.opened_by is the one reader of those records: the course
page, the lesson page, the quiz's lock and the pages that list many courses (the catalogue, the
learner's home) all ask it. For many courses it costs two queries whatever their number: the
courses' live lessons, then which of them this learner has opened.
"""

import dataclasses
import functools
import operator

from django.db.models import Q

from .models import CoursePage, LessonCompletion, LessonPage


@dataclasses.dataclass
class CourseProgress:
    course: object
    lessons: list  # the course's live lessons, in order
    opened: set  # ids of the lessons among them this learner has opened

    @property
    def lesson_count(self) -> int:
        return len(self.lessons)

    @property
    def opened_count(self) -> int:
        return len(self.opened)

    @property
    def unopened(self) -> list:
        return [lesson for lesson in self.lessons if lesson.pk not in self.opened]

    @property
    def next_lesson(self):
        """Where the learner picks up: the first lesson not yet opened, or None."""
        return next(iter(self.unopened), None)

    @property
    def next_lesson_number(self) -> int | None:
        """The next lesson's place in the course ("lesson 2"), counted from 1."""
        lesson = self.next_lesson
        return None if lesson is None else self.lessons.index(lesson) + 1


def live_lessons_of(courses) -> dict:
    """Each course's live lessons in order, by course id, in one query."""
    courses = list(courses)
    by_path = {course.path: course.pk for course in courses}
    found = {course.pk: [] for course in courses}
    if not courses:
        return found
    # A lesson lies one level below its course: its path starts with the course's.
    under = functools.reduce(
        operator.or_,
        (Q(path__startswith=course.path, depth=course.depth + 1) for course in courses),
    )
    for lesson in LessonPage.objects.live().filter(under).defer("body").order_by("path"):
        found[by_path[lesson.path[: -lesson.steplen]]].append(lesson)
    return found


def progress_of(user, courses) -> dict:
    """A CourseProgress for each course, by course id, in two queries."""
    courses = list(courses)
    lessons = live_lessons_of(courses)
    opened = LessonCompletion.opened_by(
        user, [lesson.pk for course_lessons in lessons.values() for lesson in course_lessons]
    )
    return {
        course.pk: CourseProgress(
            course=course,
            lessons=lessons[course.pk],
            opened={lesson.pk for lesson in lessons[course.pk] if lesson.pk in opened},
        )
        for course in courses
    }


def started_courses(user) -> list:
    """The live courses in which the user has opened a live lesson, by title, in one query."""
    if not user.is_authenticated:
        return []
    opened = LessonCompletion.objects.filter(user=user, lesson__live=True).values_list(
        "lesson__path", flat=True)
    course_paths = {path[: -LessonPage.steplen] for path in opened}
    if not course_paths:
        return []
    return list(CoursePage.objects.live().filter(path__in=course_paths).order_by("title"))
