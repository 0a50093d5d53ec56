"""Demo content for `manage.py seed_demo`: the site tree, the jurisdictions, the courses and their
lessons.

The courses are read from courses/demo_courses/ and the jurisdictions they follow from
courses/demo_jurisdictions.toml (see demo_data.py).

Everything here is looked up before it is created, so running it again changes nothing and never
overwrites what trainers have since edited.
"""

import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from redflag.lib.sanitise import clean_html
from wagtail.models import Page, Site

from .demo_data import load_courses, load_jurisdictions
from .models import CourseIndexPage, CoursePage, Jurisdiction, LessonPage, StakeholderGroup

# Clearly not a real number (555-01xx is reserved for fiction): a demo site must not send learners
# to a real police line, and an operator sees at once what to replace.
DEMO_LAW_ENFORCEMENT_NAME = "Demo County Sheriff's Office non-emergency (demo number)"
DEMO_LAW_ENFORCEMENT_PHONE = "555-0123"


# The starting groups' names in Spanish (courses/migrations/0002_stakeholder_groups.py creates
# the groups). Plain words a worker would use for their own workplace.
GROUP_NAMES_ES = {
    "utility-workers": "Trabajadores de servicios públicos",
    "hotel-lodging": "Personal de hoteles y alojamiento",
    "health-care": "Personal de sala de emergencias y de salud",
    "school-personnel": "Personal escolar",
}


def _publish(page):
    page.save_revision().publish()
    return page


@transaction.atomic
def seed_site():
    # The home page and the task force's settings belong to the project above the apps: named by
    # label, not imported.
    HomePage = apps.get_model("home", "HomePage")
    TaskForceSettings = apps.get_model("home", "TaskForceSettings")
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's own welcome page holds the slug "home"; the real home page replaces it.
        welcome = Page.objects.filter(
            depth=2, slug="home", content_type=ContentType.objects.get_for_model(Page)
        ).first()
        if welcome:
            welcome.delete()
        home = root.add_child(
            instance=HomePage(
                title="Redflag",
                slug="home",
                headline="Learn the red flags of human trafficking",
                intro=(
                    "<p>Short, practical training for the people who see trafficking first: "
                    "utility workers, hotel staff, emergency-room staff and school personnel. "
                    "Learn what to look for, what to do and whom to call, then earn a certificate "
                    "your employer accepts.</p>"
                ),
            )
        )
        _publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Redflag"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or "Redflag"
        site.save()
    task_force = TaskForceSettings.for_site(Site.objects.get(is_default_site=True))
    changed = False
    if not task_force.local_contact_phone:
        task_force.local_contact_name = "Regional Human Trafficking Task Force tip line"
        task_force.local_contact_phone = "555-0100"
        changed = True
    if not task_force.law_enforcement_phone:
        task_force.law_enforcement_name = DEMO_LAW_ENFORCEMENT_NAME
        task_force.law_enforcement_phone = DEMO_LAW_ENFORCEMENT_PHONE
        changed = True
    if not task_force.signer_name:
        task_force.signer_name = "Dana Whitfield (demo)"
        task_force.signer_title = "Task force coordinator"
        changed = True
    if changed:
        task_force.save()
    return home


def seed_groups() -> dict[str, StakeholderGroup]:
    """The groups by slug, each starting group with its Spanish name unless it has one already
    (a trainer's own wording stays)."""
    groups = {group.slug: group for group in StakeholderGroup.objects.all()}
    for slug, spanish in GROUP_NAMES_ES.items():
        group = groups.get(slug)
        if group is None:
            continue
        names = group.translated_names if isinstance(group.translated_names, dict) else {}
        if not names.get("es"):
            group.translated_names = {**names, "es": spanish}
            group.save(update_fields=["translated_names"])
    return groups


def seed_jurisdictions() -> dict[str, Jurisdiction]:
    """The demo jurisdictions by slug. One already on the site, under its slug or its name, is left
    as it is."""
    jurisdictions = {}
    for spec in load_jurisdictions()["jurisdictions"]:
        jurisdiction = (Jurisdiction.objects.filter(slug=spec["slug"]).first()
                        or Jurisdiction.objects.filter(name=spec["name"]).first())
        if jurisdiction is None:
            jurisdiction = Jurisdiction.objects.create(**spec)
        jurisdictions[spec["slug"]] = jurisdiction
    return jurisdictions


@transaction.atomic
def seed_courses(home) -> list[CoursePage]:
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = _publish(
            home.add_child(
                instance=CourseIndexPage(
                    title="Courses",
                    slug="courses",
                    intro=(
                        "<p>Pick the course written for your workplace. Each takes about 20 to "
                        "30 minutes and ends with a short quiz.</p>"
                    ),
                )
            )
        )
    groups = seed_groups()
    jurisdictions = seed_jurisdictions()
    courses = []
    for spec in load_courses():
        course = CoursePage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if course is None:
            course = CoursePage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                estimated_minutes=spec["minutes"],
                objectives=[("objective", text) for text in spec["objectives"]],
                jurisdiction=jurisdictions[spec["jurisdiction"]],
                sources=[("source", text) for text in spec["sources"]],
            )
            course.audience = [groups[slug] for slug in spec["groups"] if slug in groups]
            _publish(index.add_child(instance=course))
        for lesson_spec in spec["lessons"]:
            if LessonPage.objects.child_of(course).filter(slug=lesson_spec["slug"]).exists():
                continue
            lesson = LessonPage(
                title=lesson_spec["title"],
                slug=lesson_spec["slug"],
                summary=lesson_spec.get("summary", ""),
                body=[_block(kind, value) for kind, value in lesson_spec["body"]],
            )
            _publish(course.add_child(instance=lesson))
        courses.append(course)
    return courses


def _block(kind, value):
    if kind == "text":
        value = editor_html(value)
    return (kind, value)


def editor_html(html: str) -> str:
    """Lesson HTML as the rich-text editor saves it: bold as <b>, italics as <i>. Stored as the
    files write it (<strong>, <em>), a lesson's first save in the editor would rewrite every
    paragraph with a bold word, and each one's translation would be asked for again."""
    html = clean_html(html)
    for written, saved in (("strong", "b"), ("em", "i")):
        html = re.sub(rf"<(/?){written}>", rf"<\1{saved}>", html)
    return html
