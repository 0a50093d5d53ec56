"""The demo courses, read from the TOML files in courses/demo_courses/.

A file holds one course: its details, its lessons with their body blocks, its quiz's topics (if
any) and its quiz questions, each naming the lesson it reviews and, when the file has topics, its
topic. Trainers and translators edit these files without reading Python, so each file is checked
as it loads and a mistake is reported with the file's name and the place in it, not found later as
a broken page. Whether a question can be scored fairly, and
whether the topics' minimums can be met, are the quiz's own rules, checked where the quiz is
seeded (quizzes/demo.py).

A course may list the `sources` it follows (law, programme, edition), shown on its page, and names
its `jurisdiction` by slug: one of those in courses/demo_jurisdictions.toml, which this module
reads and checks too. A course that names none follows that file's `default`.
"""

import copy
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from redflag.lib.phones import PHONE_PATTERN
from redflag.lib.regions import STATE_NAMES

from .blocks import INDICATOR_KINDS

DEMO_COURSES_DIR = Path(__file__).resolve().parent / "demo_courses"
DEMO_JURISDICTIONS_FILE = Path(__file__).resolve().parent / "demo_jurisdictions.toml"
# "2-hotel-staff.toml": the number orders the courses on the site, the rest is the course's slug.
FILE_NAME = re.compile(r"(?P<position>\d+)-(?P<slug>.+)\.toml")
# "2-hotel-staff.es.toml": the Spanish translation of 2-hotel-staff.toml.
TRANSLATION_FILE = re.compile(r"(?P<source>.+)\.(?P<language>[a-z]{2})\.toml")
# A topic's slug, as questions name it.
TOPIC_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Table:
    """The keys a TOML table may hold; a key's shape is str, int, bool, BLOCK, or a list of one."""

    keys: dict
    # Keys a file may leave out, with the value they then take.
    optional: dict = field(default_factory=dict)


BLOCK = object()  # a [[lessons.body]] table: its `type`, then that block type's keys
INDICATOR = Table({"sign": str, "why": str, "kind": str})
BLOCKS = {
    "text": Table({"html": str}),
    "indicators": Table({"heading": str, "items": [INDICATOR]}),
    "scenario": Table({"title": str, "situation": str, "question": str, "debrief": str}),
    "do_dont": Table({"heading": str, "dos": [str], "donts": [str]}, optional={"heading": ""}),
    "report": Table({"heading": str, "note": str}, optional={"note": ""}),
}
LESSON = Table(
    {"slug": str, "title": str, "summary": str, "body": [BLOCK]}, optional={"summary": ""}
)
CHOICE = Table({"text": str, "correct": bool, "feedback": str}, optional={"feedback": ""})
QUESTION = Table(
    {"kind": str, "scenario": str, "text": str, "explanation": str, "lesson": str, "topic": str,
     "choices": [CHOICE]},
    optional={"scenario": "", "explanation": "", "topic": ""},
)
# A topic of the quiz: `required` is how many of its questions every attempt must draw (0: none).
TOPIC = Table({"slug": str, "name": str, "required": int})
COURSE = Table(
    {
        "slug": str, "title": str, "groups": [str], "summary": str, "objectives": [str],
        "sources": [str], "jurisdiction": str, "minutes": int, "lessons": [LESSON],
        "topics": [TOPIC], "questions": [QUESTION],
    },
    # A course without topics has a quiz without a blueprint.
    optional={"topics": [], "sources": [], "jurisdiction": ""},
)
JURISDICTION = Table(
    {"slug": str, "name": str, "state": str, "law": str, "validity_months": int,
     "first_training_months": int, "hotline_name": str, "hotline_phone": str},
    optional={"state": "", "law": "", "first_training_months": 0, "hotline_name": "",
              "hotline_phone": ""},
)
JURISDICTIONS = Table({"default": str, "jurisdictions": [JURISDICTION]})
# How a problem names an entry of a list: "lesson 2 (what-to-do), block 3 (indicators)".
ENTRY_NAMES = {
    "lessons": "lesson", "body": "block", "items": "item", "topics": "topic",
    "questions": "question",
    "choices": "choice", "objectives": "objective", "groups": "group", "dos": "do",
    "donts": "don't", "sources": "source", "jurisdictions": "jurisdiction",
}
SHAPE_NAMES = {str: "text", int: "a whole number", bool: "true or false"}


def load_courses(
    folder: Path = DEMO_COURSES_DIR, jurisdictions_file: Path = DEMO_JURISDICTIONS_FILE
) -> list[dict]:
    """Every course in `folder`, in the order of its file names' numbers.

    A course is a dict with the keys of COURSE, and "file", its path; a lesson's body is a list of
    (block type, value) pairs as a StreamField takes them, a "text" block's value being its HTML;
    "jurisdiction" is always a slug of `jurisdictions_file`. Raises ValueError naming the file and
    what is wrong with it.
    """
    jurisdictions = load_jurisdictions(jurisdictions_file)
    courses = []
    for path in sorted(folder.glob("*.toml"), key=_position):
        if TRANSLATION_FILE.fullmatch(path.name):
            continue  # a translation of a course, read by redflag.demo.translations
        course = load_course(path, jurisdictions)
        for other in courses:
            if other["slug"] == course["slug"]:
                raise ValueError(
                    f"{path}: the course slug {course['slug']!r} is already {other['file']}'s"
                )
        courses.append(course)
    return courses


def _position(path: Path) -> tuple:
    match = FILE_NAME.fullmatch(path.name)
    return (int(match["position"]) if match else 0, path.name)


def load_course(path: Path, jurisdictions: dict | None = None) -> dict:
    """One course file; `jurisdictions` as load_jurisdictions returns them (read when None)."""
    if jurisdictions is None:
        jurisdictions = load_jurisdictions()
    data = _read(path)
    problems = []
    course = _table(data, COURSE, "", problems)
    if course is not None:
        problems += _course_problems(path, course)
        slugs = [jurisdiction["slug"] for jurisdiction in jurisdictions["jurisdictions"]]
        if not course["jurisdiction"]:
            course["jurisdiction"] = jurisdictions["default"]
        elif course["jurisdiction"] not in slugs:
            problems.append(
                f"jurisdiction {course['jurisdiction']!r} is not one of "
                f"{', '.join(map(repr, slugs))} (see {DEMO_JURISDICTIONS_FILE.name})"
            )
        for number, source in enumerate(course["sources"], 1):
            if not source.strip():
                problems.append(f"source {number}: is empty")
    _raise(path, problems)
    course["file"] = path
    return course


def load_jurisdictions(path: Path = DEMO_JURISDICTIONS_FILE) -> dict:
    """The demo jurisdictions: {"default": slug, "jurisdictions": [dict with JURISDICTION's keys,
    first_training_months None where the file leaves it out]}. Raises ValueError naming the file
    and what is wrong with it."""
    problems = []
    result = _table(_read(path), JURISDICTIONS, "", problems)
    if result is not None:
        slugs = [jurisdiction["slug"] for jurisdiction in result["jurisdictions"]]
        problems += _duplicate_slugs(slugs, "jurisdictions")
        if result["default"] not in slugs:
            problems.append(
                f"default: {result['default']!r} is not one of {', '.join(map(repr, slugs))}"
            )
        for number, jurisdiction in enumerate(result["jurisdictions"], 1):
            where = f"jurisdiction {number} ({jurisdiction['slug']})"
            problems += [f"{where}: {problem}" for problem in _jurisdiction_problems(jurisdiction)]
            jurisdiction["first_training_months"] = jurisdiction["first_training_months"] or None
    _raise(path, problems)
    return result


def _jurisdiction_problems(jurisdiction: dict) -> list[str]:
    problems = []
    if jurisdiction["state"] and jurisdiction["state"] not in STATE_NAMES:
        problems.append(
            f"state should be a two-letter US state code such as 'CA', not "
            f"{jurisdiction['state']!r}"
        )
    if jurisdiction["state"] and not jurisdiction["law"].strip():
        problems.append("law: a jurisdiction with a state names the law it follows")
    if not 1 <= jurisdiction["validity_months"] <= 120:
        problems.append("validity_months: should be from 1 to 120")
    if not 0 <= jurisdiction["first_training_months"] <= 120:
        problems.append("first_training_months: should be from 1 to 120, or left out")
    if bool(jurisdiction["hotline_name"]) != bool(jurisdiction["hotline_phone"]):
        problems.append("hotline_name and hotline_phone go together: give both or neither")
    elif jurisdiction["hotline_phone"] and not re.fullmatch(
            PHONE_PATTERN, jurisdiction["hotline_phone"]):
        problems.append(
            f"hotline_phone: {jurisdiction['hotline_phone']!r} is not a phone number such as "
            f"'1-888-539-2373'"
        )
    return problems


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: not valid TOML: {error}") from None


def _raise(path: Path, problems: list[str]) -> None:
    if problems:
        raise ValueError(f"{path}:\n" + "\n".join(f"  {problem}" for problem in problems))


def _course_problems(path: Path, course: dict) -> list[str]:
    problems = []
    # A translation is named after the file it translates: 2-hotel-staff.es.toml.
    translation = TRANSLATION_FILE.fullmatch(path.name)
    match = FILE_NAME.fullmatch(f"{translation['source']}.toml" if translation else path.name)
    if match is None or match["slug"] != course["slug"]:
        problems.append(
            f"the file name should be a number, a hyphen and the course's slug, as in "
            f"1-{course['slug']}.toml"
        )
    slugs = [lesson["slug"] for lesson in course["lessons"]]
    problems += _duplicate_slugs(slugs, "lessons")
    topics = [topic["slug"] for topic in course["topics"]]
    for number, topic in enumerate(course["topics"], 1):
        where = f"topic {number} ({topic['slug']})"
        if not TOPIC_SLUG.fullmatch(topic["slug"]):
            problems.append(
                f"{where}: the slug should be lower-case letters and digits joined by hyphens, as "
                f"in how-to-report"
            )
        if topic["required"] < 0:
            problems.append(f"{where}, required: should be 0 or more, not {topic['required']}")
    problems += _duplicate_slugs(topics, "topics")
    for number, question in enumerate(course["questions"], 1):
        if question["lesson"] not in slugs:
            problems.append(
                f"question {number}: lesson {question['lesson']!r} is not a lesson of this "
                f"course, whose lessons are {', '.join(slugs)}"
            )
        problems += _topic_problems(number, question["topic"], topics)
    return problems


def _duplicate_slugs(slugs: list[str], things: str) -> list[str]:
    return [f"two {things} have the slug {slug!r}"
            for slug in sorted({slug for slug in slugs if slugs.count(slug) > 1})]


def _topic_problems(number: int, topic: str, topics: list[str]) -> list[str]:
    """A question's topic: one of the file's topics, and given whenever the file has topics."""
    if topics and not topic:
        return [f"question {number}: missing key 'topic'; the file's topics are "
                f"{', '.join(topics)}"]
    if topic and not topics:
        return [f"question {number}: topic {topic!r}, but the file has no [[topics]]"]
    if topic and topic not in topics:
        return [f"question {number}: topic {topic!r} is not a topic of this file, whose topics "
                f"are {', '.join(topics)}"]
    return []


def _table(data, table: Table, where: str, problems: list[str]) -> dict | None:
    """`data` with its keys in the order of `table` and the optional ones filled in.

    None, with what is wrong added to `problems`, if anything in it is wrong.
    """
    if not isinstance(data, dict):
        problems.append(f"{where}: should be a table")
        return None
    count = len(problems)
    prefix = f"{where}: " if where else ""
    unknown = [key for key in data if key not in table.keys]
    if unknown:
        problems.append(
            f"{prefix}unknown key {', '.join(map(repr, unknown))}; "
            f"the keys are {', '.join(table.keys)}"
        )
    result = {}
    for key, shape in table.keys.items():
        if key in data:
            result[key] = _value(data[key], shape, key, where, problems)
        elif key in table.optional:
            result[key] = copy.copy(table.optional[key])  # a list of one file's own
        else:
            problems.append(f"{prefix}missing key {key!r}")
    return result if len(problems) == count else None


def _value(value, shape, key: str, where: str, problems: list[str]):
    if isinstance(shape, list):
        if not isinstance(value, list):
            problems.append(f"{_join(where, key)}: should be a list")
            return None
        entries = []
        for number, entry in enumerate(value, 1):
            name = f"{ENTRY_NAMES[key]} {number}"
            if isinstance(entry, dict) and isinstance(entry.get("slug"), str):
                name += f" ({entry['slug']})"
            elif shape[0] is BLOCK and isinstance(entry, dict):
                name += f" ({entry.get('type')})"
            entries.append(_value(entry, shape[0], key, _join(where, name), problems))
        return entries
    if isinstance(shape, Table):
        return _table(value, shape, where, problems)
    if shape is BLOCK:
        return _block(value, where, problems)
    where = _join(where, key)
    # A TOML true is a Python bool, which Python counts as an int too.
    if type(value) is not shape:
        problems.append(f"{where}: should be {SHAPE_NAMES[shape]}, not {value!r}")
    elif shape is str and "\n" in value:
        problems.append(
            f"{where}: has a line break; inside triple quotes, end every line but the last with "
            f"a backslash"
        )
    return value


def _block(spec, where: str, problems: list[str]) -> tuple[str, object] | None:
    if not isinstance(spec, dict) or spec.get("type") not in BLOCKS:
        problems.append(
            f"{where}: type should be one of {', '.join(map(repr, BLOCKS))}"
        )
        return None
    kind = spec["type"]
    value = _table({key: v for key, v in spec.items() if key != "type"}, BLOCKS[kind], where,
                   problems)
    if value is None:
        return None
    kinds = [choice for choice, _label in INDICATOR_KINDS]
    for number, item in enumerate(value.get("items", []), 1):
        if item["kind"] not in kinds:
            problems.append(
                f"{where}, item {number}: kind should be one of {', '.join(map(repr, kinds))}, "
                f"not {item['kind']!r}"
            )
    return (kind, value["html"] if kind == "text" else value)


def _join(where: str, name: str) -> str:
    return f"{where}, {name}" if where else name
