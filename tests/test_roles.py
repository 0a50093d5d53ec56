"""Roles: trainers write, reviewers publish, coordinators only read reports, learners stay out."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def test_the_roles_exist_with_wagtail_admin_access():
    for name in ["Trainers", "Reviewers", "Coordinators"]:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


def test_a_learner_cannot_reach_the_admin(client, learner):
    client.force_login(learner)
    response = client.get("/admin/")
    assert response.status_code == 403


def test_a_visitor_is_sent_from_the_admin_to_the_one_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/admin/"


def test_a_coordinator_cannot_edit_a_page(client, coordinator, course):
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 200
    response = client.get(f"/admin/pages/{course.pk}/edit/")
    assert response.status_code in (302, 403)
    assert not course.permissions_for_user(coordinator).can_edit()


def test_a_trainer_can_edit_and_submit_but_not_publish(trainer, course):
    permissions = course.permissions_for_user(trainer)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_a_reviewer_can_publish(reviewer, course):
    assert course.permissions_for_user(reviewer).can_publish()


def test_a_trainer_can_open_the_lesson_editor(client, trainer, lessons):
    client.force_login(trainer)
    response = client.get(f"/admin/pages/{lessons[0].pk}/edit/")
    assert response.status_code == 200
    assert b"Submit to" in response.content  # the moderation workflow, not a publish button


def test_reviewers_approve_in_the_moderation_workflow(course):
    workflow = course.get_workflow()
    assert workflow is not None
    groups = {group.name for task in workflow.tasks.all() for group in task.specific.groups.all()}
    assert "Reviewers" in groups


def test_a_trainer_can_edit_stakeholder_groups(client, trainer):
    client.force_login(trainer)
    response = client.get("/admin/snippets/courses/stakeholdergroup/")
    assert response.status_code == 200
    assert b"Hotel and lodging staff" in response.content


def test_a_fifth_stakeholder_group_needs_no_code(client, trainer, course_index):
    client.force_login(trainer)
    response = client.post(
        "/admin/snippets/courses/stakeholdergroup/add/",
        {
            "name": "Transit workers",
            "slug": "transit-workers",
            "description": "",
            "colour": "#0f766e",
            "sort_order": 50,
        },
    )
    assert response.status_code == 302
    assert "Transit workers" in client.get("/courses/").content.decode()


def test_a_trainer_sees_a_courses_lessons_in_the_order_learners_read_them(
    client, trainer, course, lessons
):
    # The first lesson was edited last: listed by last edit, it would come first.
    first = lessons[0]
    first.title = "Lesson one, edited last"
    first.save_revision()
    client.force_login(trainer)
    html = client.get(f"/admin/pages/{course.pk}/").content.decode()
    positions = [html.index(f"/admin/pages/{lesson.pk}/edit/") for lesson in lessons]
    assert positions == sorted(positions)


def test_the_editor_offers_trainers_to_submit_to_reviewers(client, trainer, reviewer, lessons):
    client.force_login(trainer)
    html = client.get(f"/admin/pages/{lessons[0].pk}/edit/").content.decode()
    assert ">Submit to reviewers</button>" in html.replace("\n", "")
    assert "Moderators approval" not in html
    add = client.get(f"/admin/pages/add/courses/lessonpage/{lessons[0].get_parent().pk}/")
    assert "Submit to reviewers" in add.content.decode()

    # Sent back with changes requested, it goes back to the reviewers.
    lesson = lessons[0]
    lesson.save_revision(user=trainer)
    lesson.get_workflow().start(lesson, trainer)
    state = lesson.current_workflow_task_state
    state.task.specific.on_action(state, reviewer, "reject")
    html = client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    assert "Resubmit to reviewers" in html
