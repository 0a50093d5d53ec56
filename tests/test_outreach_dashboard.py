"""The coverage dashboard in the Wagtail admin: who sees it, what it shows, what it exports, and
that its query count does not grow with the data."""

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from redflag.demo import synthetic

from outreach.models import InPersonSession, Organisation
from outreach.services import coverage
from tests.conftest import confirm_password, make_user


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def small_world(db, hotel_group):
    hotel = Organisation.objects.create(name="Harbor View Hotel", group=hotel_group, state="CA",
                                        county="Alameda", headcount=20)
    motel = Organisation.objects.create(name="Quiet Motel", group=hotel_group, state="CA",
                                        county="Contra Costa", headcount=8)
    InPersonSession.objects.create(date=timezone.localdate() - datetime.timedelta(days=10),
                                   place="Ballroom", group=hotel_group, organisation=hotel,
                                   state="CA", county="Alameda", attendees=12)
    return hotel, motel


def csv_rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_coordinators_see_the_dashboard_in_the_admin_menu(coordinator_client):
    response = coordinator_client.get(reverse("wagtailadmin_home"))
    assert reverse("coverage:dashboard") in response.content.decode()
    assert coordinator_client.get(reverse("coverage:dashboard")).status_code == 200


def test_trainers_neither_see_nor_open_the_dashboard(client, trainer):
    client.force_login(trainer)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("coverage:dashboard") not in home
    response = client.get(reverse("coverage:dashboard"))
    assert response.status_code in (302, 403)
    response = client.get(reverse("coverage:groups") + "?export=csv")
    assert response.status_code in (302, 403)


def test_the_dashboard_shows_people_trained_reach_and_the_not_reached_list(
        coordinator_client, small_world):
    page = coordinator_client.get(reverse("coverage:dashboard")).content.decode()
    assert "Hotel and lodging staff" in page
    assert "12 in person" in page  # the in-person attendees count as trained
    assert "Not reached yet: 1 organisation" in page
    assert "Quiet Motel" in page
    assert "<svg" in page and "People trained per month" in page
    # People trained at organisations with a headcount, over those headcounts: 12 / (20 + 8).
    assert "42.9%" in page


def test_the_group_table_exports_to_csv_and_xlsx_with_the_filters_applied(
        coordinator_client, small_world, hotel_group):
    hotel, _motel = small_world
    url = reverse("coverage:groups")
    rows = csv_rows(coordinator_client.get(url + f"?group={hotel_group.pk}&export=csv"))
    assert rows[0][:3] == ["Stakeholder group", "People trained", "Trained online"]
    assert [row[0] for row in rows[1:]] == ["Hotel and lodging staff", "All groups"]
    assert rows[1][1] == "12"
    rows = csv_rows(coordinator_client.get(url + "?county=Alameda&state=CA&export=csv"))
    hotel_row = next(row for row in rows if row[0] == "Hotel and lodging staff")
    assert hotel_row[4:6] == ["1", "1"]  # one organisation in Alameda, reached
    response = coordinator_client.get(url + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    values = list(sheet.values)
    assert values[0][0] == "Stakeholder group"
    assert len(values) == 1 + 4 + 1  # heading, four groups, total


def test_the_not_reached_list_exports_with_invite_links(coordinator_client, small_world):
    rows = csv_rows(coordinator_client.get(reverse("coverage:not_reached") + "?export=csv"))
    assert rows[0] == ["Organisation", "Stakeholder group", "State", "County", "Address",
                       "Estimated headcount", "Invite code", "Invite link"]
    assert [row[0] for row in rows[1:]] == ["Quiet Motel"]
    assert "/join/" in rows[1][7]


def test_the_month_and_county_tables_export_the_same_figures_as_the_services(
        coordinator_client, small_world):
    f = coverage.CoverageFilter.default()
    rows = csv_rows(coordinator_client.get(reverse("coverage:months") + "?export=csv"))
    assert len(rows) - 1 == len(coverage.Coverage(f).months)
    assert sum(int(row[1]) for row in rows[1:]) == 12
    rows = csv_rows(coordinator_client.get(reverse("coverage:counties") + "?export=csv"))
    assert {(row[1], row[5], row[6]) for row in rows[1:]} == {("Alameda", "1", "1"),
                                                              ("Contra Costa", "1", "0")}


def test_the_drill_down_goes_from_group_to_organisation_to_people(
        coordinator_client, small_world, hotel_group, course):
    hotel, _motel = small_world
    learner = make_user("ana@example.org", profile_group=hotel_group)
    learner.learner_profile.organisation = hotel
    learner.learner_profile.save()
    page = coordinator_client.get(reverse("coverage:group", args=[hotel_group.pk])).content.decode()
    assert reverse("coverage:organisation", args=[hotel.pk]) in page
    people_url = reverse("coverage:organisation", args=[hotel.pk])
    page = coordinator_client.get(people_url).content.decode()
    assert "Ana" in page and "Not started" in page
    confirm_password(coordinator_client)  # the export names people
    rows = csv_rows(coordinator_client.get(
        reverse("coverage:organisation", args=[hotel.pk]) + "?export=csv"))
    assert rows[1][:4] == ["Ana", "ana@example.org", "Housekeeper", "Not started"]


def test_invalid_filters_fall_back_to_defaults_and_say_so(coordinator_client, small_world):
    response = coordinator_client.get(reverse("coverage:dashboard") + "?state=CA&county=Atlantis")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Atlantis is not a county of California" in page


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


def test_the_dashboard_and_drill_downs_run_the_same_queries_for_10_and_10000_records(
        coordinator_client, hotel_group, settings):
    settings.OUTREACH_DASHBOARD_CACHE_SECONDS = 0  # count the queries of a real recount
    today = timezone.localdate()
    counts = []
    for records in (10, 10000):
        synthetic.generate(records, seed=records, today=today)
        organisation = Organisation.objects.filter(learners__isnull=False).order_by("pk").first()
        urls = [
            reverse("coverage:dashboard"),
            reverse("coverage:groups"),
            reverse("coverage:group", args=[organisation.group_id]),
            reverse("coverage:organisation", args=[organisation.pk]),
            reverse("coverage:not_reached"),
            reverse("coverage:counties"),
            reverse("coverage:months"),
            reverse("coverage:group", args=[organisation.group_id]) + "?export=csv",
            reverse("coverage:organisation", args=[organisation.pk]) + "?export=csv",
        ]
        coordinator_client.get(urls[0])  # warm the session and permission caches
        confirm_password(coordinator_client)  # the people table's export asks for it
        counts.append([_count_queries(coordinator_client, url) for url in urls])
    assert counts[0] == counts[1]


def test_the_dashboard_keeps_its_figures_for_a_while_and_recounts_on_request(
        coordinator_client, small_world, hotel_group):
    hotel, _motel = small_world
    url = reverse("coverage:dashboard")
    assert "12 in person" in coordinator_client.get(url).content.decode()
    InPersonSession.objects.create(date=timezone.localdate(), place="Lobby", group=hotel_group,
                                   organisation=hotel, state="CA", county="Alameda", attendees=3)
    assert "12 in person" in coordinator_client.get(url).content.decode()
    assert "15 in person" in coordinator_client.get(url + "?refresh=1").content.decode()


def test_recount_now_is_a_button_set_apart_from_the_sentence_before_it(
        coordinator_client, small_world):
    page = coordinator_client.get(reverse("coverage:dashboard")).content.decode()
    link = page.index("Recount now")
    # Not a link inside the "Figures as of" sentence, which only its colour would set apart.
    assert "they are kept for up to ten minutes.</p>" in page[:link]
    opening = page[page.rindex("<a ", 0, link):link]
    assert 'class="button button-small button-secondary"' in opening and "refresh=1" in opening


# The trend chart ---------------------------------------------------------------------------------

def _chart(people_per_month):
    import re

    from outreach import charts
    from outreach.services.coverage import MonthRow

    rows = [MonthRow(datetime.date(2025 + (index // 12), index % 12 + 1, 1), people_online=n)
            for index, n in enumerate(people_per_month)]
    svg = str(charts.monthly_bars(rows))
    grid = [float(y) for y in re.findall(r'<line x1="56" y1="([\d.]+)"', svg)]
    ticks = [(float(y), int(label.replace(",", ""))) for y, label in
             re.findall(r'<text x="50" y="([\d.]+)" text-anchor="end"[^>]*>([\d,]+)</text>', svg)]
    months = re.findall(r'text-anchor="middle"[^>]*>([A-Z][a-z]+\.? \d{4})</text>', svg)
    return svg, grid, ticks, months


@pytest.mark.parametrize("busiest, expected", [
    (7, [0, 2, 4, 6, 8]), (0, [0, 1]), (1, [0, 1]), (13, [0, 5, 10, 15]),
    (1234, [0, 500, 1000, 1500]),
])
def test_the_trend_chart_labels_its_grid_lines_with_round_numbers(busiest, expected):
    _svg, grid, ticks, _months = _chart([busiest, 0, 1])
    assert [label for _y, label in ticks] == expected
    # Each label sits on its own grid line.
    assert [round(y - 4, 1) for y, _label in ticks] == [round(y, 1) for y in grid]


def test_the_trend_chart_thins_its_month_labels_and_counts_months_in_the_right_number():
    svg, _grid, _ticks, months = _chart([3] * 24)
    assert 1 < len(months) <= 8 and months[0].endswith("2025")
    assert "over 24 months" in svg
    svg, _grid, _ticks, months = _chart([3])
    assert len(months) == 1 and "over 1 month:" in svg


@pytest.mark.parametrize("ordering", ["-people", "people", "name", "-name", "headcount",
                                      "-headcount"])
def test_the_group_drill_down_sorts_and_pages_in_the_database(coordinator_client, hotel_group,
                                                             ordering):
    # 55 organisations: two pages of 50. Names of both cases, ties in people and headcount,
    # some headcounts unknown; people trained in person, 0 to 3 each.
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"{'Alpha' if n % 2 else 'beta'} {n:02d}", group=hotel_group,
                     state="CA", county="Alameda", headcount=None if n % 5 == 0 else n % 7)
        for n in range(55))
    InPersonSession.objects.bulk_create(
        InPersonSession(date=timezone.localdate() - datetime.timedelta(days=3), place="Lobby",
                        group=hotel_group, organisation=organisation, state="CA",
                        county="Alameda", attendees=n % 4)
        for n, organisation in enumerate(organisations) if n % 4)
    people = {organisation.pk: n % 4 for n, organisation in enumerate(organisations)}
    keys = {
        "people": lambda o: (people[o.pk], o.name.lower(), o.pk),
        "-people": lambda o: (-people[o.pk], o.name.lower(), o.pk),
        "name": lambda o: o.name.lower(),
        "headcount": lambda o: (o.headcount is None, o.headcount or 0, o.name.lower(), o.pk),
        "-headcount": lambda o: (o.headcount is None, -(o.headcount or 0), o.name.lower(),
                                 o.pk),
    }
    expected = (sorted(organisations, key=keys["name"], reverse=True) if ordering == "-name"
                else sorted(organisations, key=keys[ordering]))
    expected = [organisation.pk for organisation in expected]

    url = reverse("coverage:group", args=[hotel_group.pk]) + f"?ordering={ordering}"
    coordinator_client.get(url)  # warm the session and permission caches
    shown, queries = [], []
    for page in (1, 2):
        with CaptureQueriesContext(connection) as captured:
            body = coordinator_client.get(f"{url}&p={page}").content.decode()
        queries.append(len(captured))
        pks = [int(pk) for pk in re.findall(r"/admin/coverage/organisations/(\d+)/", body)]
        shown.append(list(dict.fromkeys(pks)))
    assert [len(rows) for rows in shown] == [50, 5]
    assert shown[0] + shown[1] == expected
    assert queries[0] == queries[1]
    f = coverage.CoverageFilter.default().replace(group_id=hotel_group.pk)
    table = coverage.organisation_table(f, ordering)
    assert [row["pk"] for row in table] == expected
    assert [row["people"] for row in table] == [people[pk] for pk in expected]


def test_the_group_drill_down_counts_current_people_on_the_page_and_in_the_export(
        coordinator_client, small_world, hotel_group, course):
    from tests.test_outreach_coverage import certificate

    hotel, motel = small_world
    today = timezone.localdate()
    for n, (issued, expires) in enumerate([(today, today + datetime.timedelta(days=700)),
                                           (today - datetime.timedelta(days=800),
                                            today - datetime.timedelta(days=70))]):
        learner = make_user(f"current-{n}@example.org", profile_group=hotel_group)
        certificate(learner, course, hotel if n == 0 else motel, issued, expires_on=expires)
    url = reverse("coverage:group", args=[hotel_group.pk])
    page = coordinator_client.get(url).content.decode()
    start = page.rindex("<table", 0, page.index("Current now"))
    table = page[start:page.index("</table>", start)]
    text = [[re.sub(r"<[^>]+>", " ", cell).split() for cell in
             re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]
    column = [" ".join(cell) for cell in text[0]].index("Current now")
    current = {" ".join(row[0]): " ".join(row[column]) for row in text[1:]}
    assert current == {"Harbor View Hotel": "1", "Quiet Motel": "0"}
    rows = csv_rows(coordinator_client.get(url + "?export=csv"))
    column = rows[0].index("People with a current certificate")
    assert {row[0]: row[column] for row in rows[1:]} == {"Harbor View Hotel": "1",
                                                          "Quiet Motel": "0"}
