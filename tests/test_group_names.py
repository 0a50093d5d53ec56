"""Workplace types in the learner's language: a group's name in Spanish where a trainer gave one,
its English name where not."""

import pytest
from django.urls import reverse
from django.utils import translation

from courses.demo import GROUP_NAMES_ES, seed_groups
from courses.models import StakeholderGroup

from .conftest import make_user

pytestmark = pytest.mark.django_db

HOTEL_ES = "Personal de hoteles y alojamiento"


def _edit(client, group, **fields):
    return client.post(f"/admin/snippets/courses/stakeholdergroup/edit/{group.pk}/", {
        "name": group.name, "slug": group.slug, "description": group.description,
        "colour": group.colour, "sort_order": group.sort_order, **fields})


def test_a_group_reads_in_spanish_while_spanish_is_active(hotel_group):
    hotel_group.translated_names = {"es": HOTEL_ES}
    with translation.override("es"):
        assert hotel_group.display_name == HOTEL_ES
    with translation.override("en"):
        assert hotel_group.display_name == "Hotel and lodging staff"
    assert hotel_group.name_in("es") == HOTEL_ES
    assert hotel_group.name_in("es-mx") == HOTEL_ES
    assert hotel_group.name_in("en") == "Hotel and lodging staff"


def test_a_group_without_a_spanish_name_reads_in_english(hotel_group):
    hotel_group.translated_names = {}
    with translation.override("es"):
        assert hotel_group.display_name == "Hotel and lodging staff"
    hotel_group.translated_names = {"es": ""}
    assert hotel_group.name_in("es") == "Hotel and lodging staff"


def test_the_workplace_select_offers_spanish_names_to_a_spanish_learner(client, home):
    hotel = StakeholderGroup.objects.get(slug="hotel-lodging")
    hotel.translated_names = {"es": HOTEL_ES}
    hotel.save()
    client.force_login(make_user("nuevo@example.org"))
    client.cookies["django_language"] = "es"
    html = client.get("/accounts/profile/").content.decode()
    assert f'<option value="{hotel.pk}">{HOTEL_ES}</option>' in html
    # A group with no Spanish name yet is still offered, under its English name.
    school = StakeholderGroup.objects.get(slug="school-personnel")
    assert f'<option value="{school.pk}">School personnel</option>' in html
    client.cookies["django_language"] = "en"
    html = client.get("/accounts/profile/").content.decode()
    assert f'<option value="{hotel.pk}">Hotel and lodging staff</option>' in html
    assert HOTEL_ES not in html


def test_the_catalogue_and_the_learner_home_name_the_workplace_in_spanish(
        client, learner, course, hotel_group):
    hotel_group.translated_names = {"es": HOTEL_ES}
    hotel_group.save()
    client.cookies["django_language"] = "es"
    catalogue = client.get("/courses/").content.decode()
    assert f">{HOTEL_ES}</a>" in catalogue
    assert f'<span class="badge">{HOTEL_ES}</span>' in catalogue
    assert f'<span class="badge">{HOTEL_ES}</span>' in client.get(course.url).content.decode()
    assert f"?group=hotel-lodging\">{HOTEL_ES}</a></h3>" in client.get("/").content.decode()
    client.force_login(learner)
    assert f"Su curso para {HOTEL_ES}" in client.get(reverse("learner_home")).content.decode()


def test_a_trainer_gives_a_group_its_spanish_name_in_the_admin(client, trainer, hotel_group):
    client.force_login(trainer)
    form = client.get(f"/admin/snippets/courses/stakeholdergroup/edit/{hotel_group.pk}/")
    assert "Name in Español" in form.content.decode()
    response = _edit(client, hotel_group, name_es=f"  {HOTEL_ES} ")
    assert response.status_code == 302
    hotel_group.refresh_from_db()
    assert hotel_group.translated_names == {"es": HOTEL_ES}
    # Emptying the box takes the name away, so Spanish learners read the English name again.
    assert _edit(client, hotel_group, name_es="").status_code == 302
    hotel_group.refresh_from_db()
    assert hotel_group.translated_names == {}


def test_the_admin_refuses_a_spanish_name_longer_than_a_group_name_may_be(
        client, trainer, hotel_group):
    client.force_login(trainer)
    response = _edit(client, hotel_group, name_es="x" * 101)
    assert response.status_code == 200
    assert "name_es" in response.context["form"].errors
    hotel_group.refresh_from_db()
    assert hotel_group.translated_names == {}


def test_the_seed_gives_the_starting_groups_their_spanish_names_and_keeps_a_trainers(db):
    StakeholderGroup.objects.update(translated_names={})
    StakeholderGroup.objects.filter(slug="school-personnel").update(
        translated_names={"es": "Maestros y personal de escuela"})
    seed_groups()
    names = {group.slug: group.name_in("es") for group in StakeholderGroup.objects.all()}
    assert names["hotel-lodging"] == HOTEL_ES
    assert names["utility-workers"] == GROUP_NAMES_ES["utility-workers"]
    assert names["health-care"] == GROUP_NAMES_ES["health-care"]
    assert names["school-personnel"] == "Maestros y personal de escuela"
    assert set(GROUP_NAMES_ES) <= set(names)
