"""Importing the organisation directory: a preview first, and nothing written when a row is bad."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from outreach import importers
from outreach.models import Organisation

HEADING = "name,stakeholder group,state,county,address,headcount\n"


def csv_rows(text):
    return importers.read_rows("directory.csv", (HEADING + text).encode())


@pytest.fixture
def import_client(client, coordinator):
    client.force_login(coordinator)
    return client


def upload(client, name, data):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(reverse("outreach_import"), {"file": upload})


def test_a_clean_file_previews_what_it_will_create_and_update(hotel_group):
    Organisation.objects.create(name="Harbor View Hotel", group=hotel_group, state="CA",
                                county="Alameda", headcount=40)
    plan = importers.plan_import(csv_rows(
        "Harbor View Hotel,hotel-lodging,CA,Alameda County,,55\n"
        "Bayside Water District,Utility workers,California,alameda,1 Main St,120\n"
    ))
    assert plan.is_valid
    assert [row.action for row in plan.rows] == ["update", "create"]
    assert plan.rows[0].changes == ["estimated headcount"]
    assert plan.rows[1].clean["county"] == "Alameda"
    assert plan.rows[1].clean["state"] == "CA"


@pytest.mark.django_db
def test_every_bad_row_is_named_with_its_problem():
    plan = importers.plan_import(csv_rows(
        "Good Inn,hotel-lodging,CA,Alameda,,10\n"
        "No Group Inn,,CA,Alameda,,10\n"
        "Nowhere Inn,hotel-lodging,CA,Atlantis,,10\n"
        "Good Inn,hotel-lodging,CA,Alameda County,,12\n"
        "Odd Inn,hotel-lodging,CA,Alameda,,about ten\n"
        "Lost Inn,Spaceports,ZZ,Alameda,,\n"
    ))
    assert not plan.is_valid
    problems = {row.number: " ".join(row.errors) for row in plan.rows if row.errors}
    assert set(problems) == {3, 4, 5, 6, 7}
    assert "stakeholder group is missing" in problems[3]
    assert "Unknown county “Atlantis” in CA" in problems[4]
    assert "Duplicate name" in problems[5] and "row 2" in problems[5]
    assert "not a whole number" in problems[6]
    assert "Unknown stakeholder group “Spaceports”" in problems[7]
    assert "Unknown state “ZZ”" in problems[7]


@pytest.mark.django_db
def test_a_file_with_one_bad_row_writes_nothing(import_client):
    response = upload(import_client, "directory.csv", (
        HEADING + "Good Inn,hotel-lodging,CA,Alameda,,10\n"
        "Nowhere Inn,hotel-lodging,CA,Atlantis,,10\n").encode())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Row 3:" in page and "Unknown county “Atlantis” in CA" in page
    assert "Nothing was imported" in page
    assert not Organisation.objects.exists()
    # Even a forged confirmation cannot write the bad file: only a clean preview is kept.
    response = import_client.post(reverse("outreach_import"), {"confirm": "1"})
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_a_clean_file_is_written_only_after_the_coordinator_confirms(import_client):
    upload(import_client, "directory.csv", (
        HEADING + "Good Inn,hotel-lodging,CA,Alameda,,10\n"
        "Bayside Water District,Utility workers,CA,Contra Costa,,120\n").encode())
    assert not Organisation.objects.exists()
    response = import_client.post(reverse("outreach_import"), {"confirm": "1"})
    assert response.status_code == 302
    assert sorted(Organisation.objects.values_list("name", "county", "headcount")) == [
        ("Bayside Water District", "Contra Costa", 120), ("Good Inn", "Alameda", 10)]
    codes = set(Organisation.objects.values_list("invite_code", flat=True))
    assert len(codes) == 2 and all(len(code) == 8 for code in codes)
    # Imported organisations are found by the admin's chooser (on the session form, say).
    chooser = import_client.get(
        reverse("wagtailsnippetchoosers_outreach_organisation:choose_results") + "?q=bayside")
    assert "Bayside Water District" in chooser.content.decode()


@pytest.mark.django_db
def test_an_xlsx_file_imports_like_a_csv_file(import_client):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Stakeholder group", "State", "County", "Headcount"])
    sheet.append(["Mercy Hospital", "health-care", "MN", "Hennepin", 800.0])
    output = io.BytesIO()
    workbook.save(output)
    response = upload(import_client, "directory.xlsx", output.getvalue())
    assert "1 to create" in response.content.decode()
    import_client.post(reverse("outreach_import"), {"confirm": "1"})
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.state, organisation.county, organisation.headcount) == (
        "Mercy Hospital", "MN", "Hennepin", 800)


@pytest.mark.django_db
def test_a_file_without_the_needed_columns_is_refused_as_a_whole(import_client):
    response = upload(import_client, "directory.csv", b"title,city\nGood Inn,Oakland\n")
    assert "no column for: name, group, state, county" in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_only_coordinators_may_import(client, trainer):
    client.force_login(trainer)
    data = (HEADING + "Good Inn,hotel-lodging,CA,Alameda,,10\n").encode()
    response = upload(client, "directory.csv", data)
    assert response.status_code in (302, 403)
    assert not Organisation.objects.exists()
