"""Importing the organisation directory: a preview first, and nothing written when a row is bad."""

import io
import re
import zipfile

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


# Hostile and broken files: refused as a whole with a clear message, or row by row at preview ------

def xlsx_bytes(rows, *, more_rows="", extra_members=()):
    """A workbook of `rows` written by openpyxl, `more_rows` (sheet XML) added after them: a
    300,000-row sheet in milliseconds instead of a minute. The sheet states its size up front,
    as Excel writes it (openpyxl opens a sheet without one by reading all of it)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    written = io.BytesIO()
    workbook.save(written)
    output = io.BytesIO()
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(output, "w",
                                                             zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                size = f'<dimension ref="A1:D{len(rows) + more_rows.count("<row")}"/>'
                data = data.replace(b"<sheetViews>", size.encode() + b"<sheetViews>", 1)
                data = data.replace(b"</sheetData>", more_rows.encode() + b"</sheetData>")
            target.writestr(member.filename, data)
        for name, size in extra_members:
            with target.open(name, "w") as handle:
                chunk = b"\0" * (1024 * 1024)
                for _ in range(size // len(chunk)):
                    handle.write(chunk)
    return output.getvalue()


# A row with the number 1 in column A, and an empty row; rows need not be numbered.
NUMBER_ROW = "<row><c><v>1</v></c></row>"
EMPTY_ROW = "<row/>"


@pytest.fixture
def parsed_rows(monkeypatch):
    """The numbers of the rows openpyxl parses, in order."""
    from openpyxl.worksheet._reader import WorkSheetParser

    parsed = []
    parse = WorkSheetParser.parse

    def counting_parse(self):
        for row in parse(self):
            parsed.append(row[0])
            yield row

    monkeypatch.setattr(WorkSheetParser, "parse", counting_parse)
    return parsed


@pytest.mark.django_db
def test_a_300001_row_workbook_is_refused_after_reading_5001_rows(import_client, parsed_rows):
    data = xlsx_bytes([["name", "stakeholder group", "state", "county"]],
                      more_rows=NUMBER_ROW * 300_001)
    response = upload(import_client, "directory.xlsx", data)
    assert "The file has more than 5000 rows; split it." in response.content.decode()
    assert len(parsed_rows) == 1 + importers.MAX_ROWS + 1  # the heading and one row too many
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_a_sheet_of_a_million_empty_rows_is_refused_after_reading_10001(parsed_rows):
    data = xlsx_bytes([["name", "stakeholder group", "state", "county"]],
                      more_rows=EMPTY_ROW * 1_000_000)
    with pytest.raises(importers.ImportFileError, match="more than 10000 rows, counting empty"):
        importers.read_rows("directory.xlsx", data)
    assert len(parsed_rows) == 1 + importers.MAX_ROWS_READ + 1


@pytest.mark.django_db
def test_a_zip_bomb_is_refused_before_anything_is_unpacked(import_client, monkeypatch):
    def unpacking(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr("openpyxl.load_workbook", unpacking)
    data = xlsx_bytes([["name", "stakeholder group", "state", "county"]],
                      extra_members=[("xl/media/padding.bin", 64 * 1024 * 1024)])
    assert len(data) < 200 * 1024
    response = upload(import_client, "directory.xlsx", data)
    assert "The workbook unpacks to more than 10 MB" in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_a_cell_longer_than_any_column_is_a_clear_file_error(import_client):
    data = (HEADING + "Good Inn,hotel-lodging,CA,Alameda," + "x" * 140_000 + ",10\n").encode()
    response = upload(import_client, "directory.csv", data)
    assert response.status_code == 200
    assert ("Line 2 has a cell longer than 131072 characters; no column of the directory takes "
            "that much text.") in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_undecodable_empty_and_damaged_files_are_clear_file_errors(import_client):
    cases = [
        ("directory.csv", HEADING.encode() + b"Caf\x81 Inn,hotel-lodging,CA,Alameda,,10\n",
         "The file is not text in a known encoding. Save it from your spreadsheet as"),
        ("directory.csv", b"", "The submitted file is empty."),
        ("directory.csv", b" , ,\n\n", "The file is empty."),
        ("directory.csv", HEADING.encode(), "The file has a heading row but no organisations"),
        ("directory.xlsx", xlsx_bytes([["name", "stakeholder group", "state", "county"]]),
         "The file has a heading row but no organisations"),
        ("directory.xlsx", b"PK\x03\x04 not really a zip", "not a readable XLSX workbook"),
    ]
    for name, data, message in cases:
        response = upload(import_client, name, data)
        assert response.status_code == 200
        assert message in response.content.decode(), name
    assert not Organisation.objects.exists()


def rewritten(xlsx, member_name, change):
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(output, "w") as target:
        for member in source.infolist():
            data = source.read(member.filename)
            target.writestr(member.filename,
                            change(data) if member.filename == member_name else data)
    return output.getvalue()


@pytest.mark.django_db
def test_a_workbook_with_a_damaged_sheet_or_no_sheet_is_a_clear_file_error(import_client):
    good = xlsx_bytes([["name", "stakeholder group", "state", "county"],
                       ["Inn", "hotel-lodging", "CA", "Alameda"]])
    cut_short = rewritten(good, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    response = upload(import_client, "directory.xlsx", cut_short)
    assert "The file is not a readable XLSX workbook." in response.content.decode()
    no_sheet = rewritten(good, "xl/workbook.xml",
                         lambda xml: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", xml))
    response = upload(import_client, "directory.xlsx", no_sheet)
    assert "The workbook has no sheet of rows and columns." in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_csv_files_with_old_line_endings_or_in_utf16_import(hotel_group):
    lines = [HEADING.strip(), "Good Inn,hotel-lodging,CA,Alameda,,10"]
    rows = importers.read_rows("directory.csv", "\r".join(lines).encode())
    assert [row["name"] for row in rows] == ["Good Inn"]
    unicode_text = "\r\n".join(line.replace(",", "\t") for line in lines).encode("utf-16")
    rows = importers.read_rows("directory.txt", unicode_text)
    assert [(row["name"], row["headcount"]) for row in rows] == [("Good Inn", "10")]


@pytest.mark.django_db
def test_control_characters_in_any_cell_are_refused_row_by_row_and_nothing_is_written(
        import_client):
    response = upload(import_client, "directory.csv", (
        HEADING + "Good Inn,hotel-lodging,CA,Alameda,,10\n"
        "Nul\x00 Inn,hotel-lodging,CA,Alameda,,10\n"
        "Bell Inn,hotel-lodging,CA,Alameda,1 Main St\x07,10\n"
        "Escape Inn,hotel-lodging\x1b,CA,Alameda,,10\n").encode())
    page = response.content.decode()
    assert "Row 3: The name contains a control character (U+0000); remove it." in page
    assert "Row 4: The address contains a control character (U+0007); remove it." in page
    assert "Row 5: The stakeholder group contains a control character (U+001B)" in page
    assert "Nothing was imported" in page
    import_client.post(reverse("outreach_import"), {"confirm": "1"})
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_a_headcount_beyond_the_columns_range_is_refused_at_preview(import_client):
    plan = importers.plan_import(csv_rows(
        "Largest Inn,hotel-lodging,CA,Alameda,,2147483647\n"
        "Too Large Inn,hotel-lodging,CA,Alameda,,2147483648\n"
        "Huge Inn,hotel-lodging,CA,Alameda,," + "9" * 5000 + "\n"
        "Squared Inn,hotel-lodging,CA,Alameda,,²\n"
        "Padded Inn,hotel-lodging,CA,Alameda,,000000000000012\n"
    ))
    problems = {row.number: " ".join(row.errors) for row in plan.rows if row.errors}
    assert set(problems) == {3, 4, 5}
    assert "The headcount “2147483648” is too large (at most 2147483647)." in problems[3]
    assert "is too large" in problems[4]
    assert "The headcount “²” is not a whole number." in problems[5]
    assert plan.rows[0].clean["headcount"] == 2147483647
    assert plan.rows[4].clean["headcount"] == 12
    response = upload(import_client, "directory.csv", (
        HEADING + "Too Large Inn,hotel-lodging,CA,Alameda,,2147483648\n").encode())
    assert "is too large" in response.content.decode()
    import_client.post(reverse("outreach_import"), {"confirm": "1"})
    assert not Organisation.objects.exists()
