"""Counties per state, for validating the organisation directory and grouping coverage by county.

outreach/data/us_counties.csv lists every county and county equivalent (parishes, boroughs,
independent cities, Puerto Rico's municipios) of the 2020 census, one `state,county` row each,
taken from the Census Bureau's public FIPS list. People write "Alameda" or "Alameda County",
"St Louis city" or "St. Louis City": both match. A place is stored under its short name, the
official name less a trailing " County" ("Alameda", "Orleans Parish", "Baltimore city").
"""

import csv
import functools
import re
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "us_counties.csv"

# Longest first, so "City and Borough" is removed before "Borough".
_SUFFIXES = ("city and borough", "census area", "municipality", "municipio", "borough", "parish",
             "county")


def county_key(text: str) -> str:
    """What two spellings of one county have in common."""
    key = " ".join((text or "").lower().replace(".", " ").replace("'", "").split())
    key = re.sub(r"^saint ", "st ", key)
    key = re.sub(r"^sainte ", "ste ", key)
    for suffix in _SUFFIXES:
        if key.endswith(" " + suffix):
            key = key[: -len(suffix) - 1]
            break
    return key


def short_name(official: str) -> str:
    return official[: -len(" County")] if official.endswith(" County") else official


@functools.cache
def _counties() -> dict[str, dict[str, str]]:
    """{state: {county_key: short name}}, read once per process."""
    table: dict[str, dict[str, str]] = {}
    with DATA_FILE.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_key = table.setdefault(row["state"], {})
            official = row["county"]
            # "Baltimore County" and "Baltimore city" share a key without their suffix; the one
            # whose suffix is "County" keeps the bare key, the city keeps "baltimore city".
            key = county_key(official)
            if key in by_key and not official.endswith(" County"):
                key = " ".join(official.lower().replace(".", " ").split())
            by_key[key] = short_name(official)
    return table


def has_county_list(state: str) -> bool:
    return state in _counties()


def counties_in(state: str) -> list[str]:
    return sorted(_counties().get(state, {}).values())


def canonical_county(state: str, text: str) -> str | None:
    """The county's short name if `text` names a county of `state`; None if it does not.

    For a state or territory without a list, the text itself comes back, tidied.
    """
    text = " ".join((text or "").split())
    if not text:
        return None
    counties = _counties().get(state)
    if counties is None:
        return text
    lowered = " ".join(text.lower().replace(".", " ").split())
    return counties.get(lowered) or counties.get(county_key(text))


def county_spellings(state: str, county: str) -> list[str]:
    """Spellings of a county as learners type them, for exact (case-insensitive) matching in SQL."""
    short = canonical_county(state, county) or county
    spellings = {short}
    if not short.endswith((" city", " City", "Parish", "Borough", "Area", "Municipality",
                           "Municipio")):
        spellings.add(f"{short} County")
    return sorted(spellings)
