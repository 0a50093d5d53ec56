"""Importing the organisation directory from a CSV or XLSX file.

A file is read into rows, each row is checked, and the result is a plan: which organisations
will be created, which updated, and every row's problems. A plan with any problem writes nothing;
a clean plan is applied in one transaction. Columns are matched by heading, in any order and case:
name, stakeholder group, state, county, address (optional), headcount (optional).
"""

import codecs
import csv
import dataclasses
import io
import re
import unicodedata
import zipfile

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from redflag.lib.regions import US_STATES
from wagtail.log_actions import log
from wagtail.search.backends import get_search_backends

from courses.models import StakeholderGroup

from . import regions
from .models import Organisation

MAX_ROWS = 5000
MAX_FILE_BYTES = 5 * 1024 * 1024
# Reading stops here, so a sheet of a million (empty) rows costs no more than one of 10,000.
MAX_ROWS_READ = 2 * MAX_ROWS
# Columns after these are not read; a sheet can claim 16,384 and each row would be that wide.
MAX_COLUMNS = 200
# An XLSX is a ZIP: 5 MB can unpack to gigabytes. Checked before anything is unpacked; a directory
# of 5,000 organisations with dozens of columns unpacks to a few megabytes.
MAX_UNPACKED_BYTES = 10 * 1024 * 1024
# The headcount column's range in the database (PositiveIntegerField).
MAX_HEADCOUNT = 2147483647

COLUMNS = {
    "name": ["name", "organisation", "organization", "organisation name", "organization name"],
    "group": ["stakeholder group", "group", "workplace type", "sector"],
    "state": ["state"],
    "county": ["county"],
    "address": ["address", "street address"],
    "headcount": ["headcount", "estimated headcount", "staff", "employees", "staff count"],
}
REQUIRED_COLUMNS = ["name", "group", "state", "county"]
UPDATABLE = ["group", "address", "headcount"]


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, no heading row, a missing column)."""


@dataclasses.dataclass
class PlannedRow:
    number: int  # the row's number in the spreadsheet, the heading being row 1
    values: dict
    action: str = ""  # "create", "update", "unchanged"
    errors: list = dataclasses.field(default_factory=list)
    warnings: list = dataclasses.field(default_factory=list)
    changes: list = dataclasses.field(default_factory=list)
    organisation_id: int | None = None
    clean: dict = dataclasses.field(default_factory=dict)

    @property
    def action_label(self) -> str:
        return {"create": _("Create"), "update": _("Update"), "unchanged": _("No change")}.get(
            self.action, "")


@dataclasses.dataclass
class ImportPlan:
    rows: list

    @property
    def errors(self) -> list:
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.errors)


# Reading ---------------------------------------------------------------------------------------

def read_rows(filename: str, data: bytes) -> list[dict]:
    """[{column: text}] for each data row; raises ImportFileError when the file is unusable."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        table = _xlsx_table(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _csv_table(data)
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    if not table:
        raise ImportFileError(_("The file is empty."))
    headings = [" ".join(str(cell or "").strip().lower().replace("_", " ").split())
                for cell in table[0]]
    positions = {}
    for column, aliases in COLUMNS.items():
        for index, heading in enumerate(headings):
            if heading in aliases:
                positions[column] = index
                break
    missing = [column for column in REQUIRED_COLUMNS if column not in positions]
    if missing:
        raise ImportFileError(
            _("The heading row has no column for: %(columns)s. Expected headings: name, "
              "stakeholder group, state, county, address, headcount.")
            % {"columns": ", ".join(missing)}
        )
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(max)s rows; split it.") % {"max": MAX_ROWS})
    if len(table) == 1:
        raise ImportFileError(_("The file has a heading row but no organisations under it."))
    rows = []
    for cells in table[1:]:
        rows.append({
            column: _text(cells[index]) if index < len(cells) else ""
            for column, index in positions.items()
        })
    return rows


def _filled_rows(rows) -> list[list]:
    """The rows with any text, reading no further than one past the limit: the heading, at most
    MAX_ROWS + 1 rows under it, and no more than MAX_ROWS_READ rows in all."""
    table = []
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS_READ + 1:
            raise ImportFileError(
                _("The file has more than %(max)s rows, counting empty ones. Delete the empty "
                  "rows, or split the file.") % {"max": MAX_ROWS_READ})
        if any(str(cell or "").strip() for cell in row):
            table.append(list(row[:MAX_COLUMNS]))
            if len(table) > MAX_ROWS + 1:
                break
    return table


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _csv_table(data: bytes) -> list[list]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)  # Excel's "Unicode text"
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("The file is not text in a known encoding. Save it from your "
                                "spreadsheet as “CSV UTF-8”, or as XLSX."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # newline="": a cell may hold line breaks, and old files end their lines with a lone CR.
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        return _filled_rows(reader)
    except csv.Error as error:
        if "field limit" in str(error):
            raise ImportFileError(
                _("Line %(line)s has a cell longer than %(max)s characters; no column of the "
                  "directory takes that much text.")
                % {"line": reader.line_num, "max": csv.field_size_limit()}) from error
        raise ImportFileError(_("Line %(line)s of the file cannot be read as CSV.")
                              % {"line": reader.line_num}) from error


def _xlsx_table(data: bytes) -> list[list]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # The sizes the archive declares: zipfile refuses to unpack a member beyond its own.
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _("The workbook unpacks to more than %(max)s MB, far more than a directory needs. "
              "Save only the directory's sheet, or save it as CSV.")
            % {"max": MAX_UNPACKED_BYTES // (1024 * 1024)})

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a damaged or foreign file
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from error
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The workbook has no sheet of rows and columns."))
        sheet = workbook.worksheets[0]
        # The size a sheet states for itself is not trusted: rows are read until the limits.
        sheet.reset_dimensions()
        return _filled_rows(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS))
    except ImportFileError:
        raise
    except Exception as error:  # the sheet's XML is read only now, row by row
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from error
    finally:
        workbook.close()


# Checking --------------------------------------------------------------------------------------

_STATE_BY_NAME = {name.lower(): code for code, name in US_STATES}
_STATE_CODES = {code for code, _name in US_STATES}


def _state(text: str) -> str | None:
    if text.upper() in _STATE_CODES:
        return text.upper()
    return _STATE_BY_NAME.get(text.lower())


_DIGITS = re.compile(r"[0-9]+")  # str.isdigit() also takes "²", which int() refuses
_COLUMN_LABELS = {column: Organisation._meta.get_field(column).verbose_name for column in COLUMNS}


def _control_character(text: str) -> str | None:
    """The first control character (NUL, bell, escape, ...) in `text`: no directory field holds
    one, and PostgreSQL refuses NUL outright. Tabs and line breaks are spaces by now (_text)."""
    for character in text:
        if unicodedata.category(character) == "Cc":
            return character
    return None


def plan_import(rows: list[dict]) -> ImportPlan:
    """Check every row and decide what it will do. Three queries, whatever the row count."""
    groups = {}
    for group in StakeholderGroup.objects.all():
        groups[group.name.lower()] = group
        groups[group.slug.lower()] = group
    planned = [PlannedRow(number=index + 2, values=row) for index, row in enumerate(rows)]
    seen: dict[tuple, int] = {}
    for row in planned:
        values = row.values
        for column, label in _COLUMN_LABELS.items():
            character = _control_character(values.get(column, ""))
            if character:
                row.errors.append(_("The %(column)s contains a control character (%(code)s); "
                                    "remove it.") % {"column": label,
                                                     "code": f"U+{ord(character):04X}"})
        name = values.get("name", "")
        if not name:
            row.errors.append(_("The name is missing."))
        elif len(name) > 200:
            row.errors.append(_("The name is longer than 200 characters."))
        group_text = values.get("group", "")
        group = groups.get(group_text.lower())
        if not group_text:
            row.errors.append(_("The stakeholder group is missing."))
        elif group is None:
            row.errors.append(_("Unknown stakeholder group “%(group)s”. Use one of: "
                                "%(groups)s.") % {
                "group": group_text,
                "groups": ", ".join(sorted({g.name for g in groups.values()}))})
        state_text = values.get("state", "")
        state = _state(state_text) if state_text else None
        if not state_text:
            row.errors.append(_("The state is missing."))
        elif state is None:
            row.errors.append(_("Unknown state “%(state)s”.") % {"state": state_text})
        county_text = values.get("county", "")
        county = None
        if not county_text:
            row.errors.append(_("The county is missing."))
        elif state:
            county = regions.canonical_county(state, county_text)
            if county is None:
                row.errors.append(_("Unknown county “%(county)s” in %(state)s.") % {
                    "county": county_text, "state": state})
            elif not regions.has_county_list(state):
                row.warnings.append(_("Counties of %(state)s are not checked.") % {"state": state})
        address = values.get("address", "")
        if len(address) > 300:
            row.errors.append(_("The address is longer than 300 characters."))
        headcount = None
        headcount_text = values.get("headcount", "").replace(",", "")
        if headcount_text:
            if not _DIGITS.fullmatch(headcount_text):
                row.errors.append(_("The headcount “%(value)s” is not a whole number.") % {
                    "value": values.get("headcount")})
            elif (len(headcount_text.lstrip("0")) > len(str(MAX_HEADCOUNT))
                  or int(headcount_text) > MAX_HEADCOUNT):  # int() refuses 4,300 digits
                row.errors.append(_("The headcount “%(value)s” is too large (at most "
                                    "%(max)s).") % {"value": values.get("headcount"),
                                                    "max": MAX_HEADCOUNT})
            else:
                headcount = int(headcount_text)
        if name and state and county:
            key = (name.lower(), state, county.lower())
            if key in seen:
                row.errors.append(_("Duplicate name: “%(name)s” in %(county)s, %(state)s is "
                                    "also on row %(row)s.") % {
                    "name": name, "county": county, "state": state, "row": seen[key]})
            else:
                seen[key] = row.number
        row.clean = {"name": name, "group": group, "state": state, "county": county,
                     "address": address, "headcount": headcount}

    existing = {}
    # Only rows without problems are looked up: a name with NUL would fail the query itself.
    names = {row.clean["name"].lower() for row in planned if not row.errors}
    if names:
        for organisation in Organisation.objects.annotate(key=Lower("name")).filter(key__in=names):
            existing[(organisation.key, organisation.state, organisation.county.lower())] = (
                organisation)
    for row in planned:
        clean = row.clean
        if row.errors:
            continue
        key = (clean["name"].lower(), clean["state"], clean["county"].lower())
        organisation = existing.get(key)
        if organisation is None:
            row.action = "create"
            continue
        row.organisation_id = organisation.pk
        for field in UPDATABLE:
            old = getattr(organisation, "group_id" if field == "group" else field)
            new = clean["group"].pk if field == "group" else clean[field]
            if field == "headcount" and new is None:
                continue  # an empty headcount cell keeps the estimate already known
            if field == "address" and not new:
                continue
            if old != new:
                row.changes.append(str(Organisation._meta.get_field(field).verbose_name))
        row.action = "update" if row.changes else "unchanged"
    return ImportPlan(planned)


# Writing ---------------------------------------------------------------------------------------

class ImportRejected(Exception):
    def __init__(self, plan: ImportPlan):
        super().__init__(_("The file has rows with problems; nothing was imported."))
        self.plan = plan


@transaction.atomic
def apply_import(rows: list[dict], *, by) -> ImportPlan:
    """Check the rows again (the directory may have changed since the preview) and write them
    all, or nothing."""
    plan = plan_import(rows)
    if not plan.is_valid:
        raise ImportRejected(plan)
    to_create = [
        Organisation(name=row.clean["name"], group=row.clean["group"], state=row.clean["state"],
                     county=row.clean["county"], address=row.clean["address"],
                     headcount=row.clean["headcount"])
        for row in plan.rows if row.action == "create"
    ]
    Organisation.objects.bulk_create(to_create, batch_size=500)
    updates = {row.organisation_id: row.clean for row in plan.rows if row.action == "update"}
    to_update = list(Organisation.objects.filter(pk__in=updates))
    now = timezone.now()
    for organisation in to_update:
        clean = updates[organisation.pk]
        organisation.updated_at = now  # bulk_update does not apply auto_now
        organisation.group = clean["group"]
        if clean["address"]:
            organisation.address = clean["address"]
        if clean["headcount"] is not None:
            organisation.headcount = clean["headcount"]
    Organisation.objects.bulk_update(to_update, ["group", "address", "headcount", "updated_at"],
                                     batch_size=500)
    # bulk_create skips the signals that keep the admin's organisation chooser search current.
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Organisation, to_create + to_update)
    if to_create or to_update:
        log(to_create[0] if to_create else to_update[0], "outreach.directory_imported", user=by,
            data={"created": len(to_create), "updated": len(to_update)})
    return plan
