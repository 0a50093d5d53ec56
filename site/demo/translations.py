"""The demo courses' translations, written through wagtail-localize as a trainer's would be.

A translated course is a file beside its source in courses/demo_courses/: "2-hotel-staff.es.toml"
translates "2-hotel-staff.toml" into Spanish, with the same structure (the same lessons, blocks,
items, questions and choices, in the same order, and the same identifiers). The two files are
paired position by position into what each English string is in Spanish, and those pairs fill the
segments wagtail-localize extracts from the English pages: the site's home and course list, the
course, its lessons and its quiz. The Spanish pages are then published from those segments, so a
trainer later sees a complete translation in the translation editor, and what changes when the
English source does. The site's own pages and the words seed_demo adds to every quiz are
translated by courses/demo_site.<language>.toml.

A translation already on the site is left as it is. A string of the English pages that the files
do not translate stops seed_demo with what is missing, rather than publishing English in a Spanish
page.
"""

import tomllib
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue, extract_strings

from courses.demo import editor_html
from courses.demo_data import DEMO_COURSES_DIR, TRANSLATION_FILE, load_course
from courses.models import CourseIndexPage, CoursePage, LessonPage
from quizzes.models import QuizPage

SITE_STRINGS = Path(__file__).resolve().parents[2] / "courses" / "demo_site.{language}.toml"
# Keys whose values are identifiers, the same in every language.
IDENTIFIERS = {"slug", "kind", "lesson", "topic", "jurisdiction", "groups"}
TOOL_NAME = "seed_demo"


def translation_files(folder: Path = DEMO_COURSES_DIR) -> list[tuple[Path, Path, str]]:
    """(source file, translation file, language) for every translation in the folder."""
    found = []
    for path in sorted(folder.glob("*.*.toml")):
        match = TRANSLATION_FILE.fullmatch(path.name)
        if match:
            found.append((folder / f"{match['source']}.toml", path, match["language"]))
    return found


def _segments(key: str, text: str) -> list[str]:
    """The strings wagtail-localize extracts from one value: each block of an HTML field (as a
    demo lesson stores it), or the whole of a plain one."""
    if key == "html":
        _template, strings = extract_strings(editor_html(text))
        return [string.data for string, _attrs in strings]
    return [StringValue.from_plaintext(text).data]


def paired_strings(source, translation, where: str = "") -> dict[str, str]:
    """What each string of `source` (a course as load_course reads it) is in `translation`.

    Raises ValueError naming the first place where the two differ in structure."""
    pairs: dict[str, str] = {}
    if isinstance(source, dict):
        if not isinstance(translation, dict) or set(source) != set(translation):
            raise ValueError(f"{where or 'the course'}: the keys differ from the source's")
        for key, value in source.items():
            if key == "file":  # where load_course read it
                continue
            if key in IDENTIFIERS:
                if value != translation[key]:
                    raise ValueError(f"{where}{key}: {translation[key]!r} should be {value!r}, "
                                     "as in the source (identifiers are not translated)")
                continue
            if isinstance(value, str):
                english, spanish = _segments(key, value), _segments(key, translation[key])
                if len(english) != len(spanish):
                    raise ValueError(f"{where}{key}: {len(spanish)} paragraphs or list items, "
                                     f"where the source has {len(english)}")
                _merge(pairs, zip(english, spanish, strict=True), f"{where}{key}")
            elif not isinstance(value, bool | int):
                _merge(pairs, paired_strings(value, translation[key], f"{where}{key} ").items(),
                       f"{where}{key}")
            elif value != translation[key]:
                raise ValueError(f"{where}{key}: {translation[key]!r} should be {value!r}")
    elif isinstance(source, list | tuple):
        if not isinstance(translation, list | tuple) or len(source) != len(translation):
            raise ValueError(f"{where}: {len(translation)} entries, where the source has "
                             f"{len(source)}")
        for number, (one, other) in enumerate(zip(source, translation, strict=True), 1):
            if isinstance(one, tuple):
                # A lesson block, as (block type, value); a "text" block's value is its HTML.
                if one[0] != other[0]:
                    raise ValueError(f"{where}{number}: a {other[0]!r} block, where the source "
                                     f"has a {one[0]!r} block")
                one, other = ({"html": one[1]}, {"html": other[1]}) if one[0] == "text" else (
                    one[1], other[1])
                _merge(pairs, paired_strings(one, other, f"{where}{number}: ").items(),
                       f"{where}{number}")
            elif isinstance(one, str):
                _merge(pairs, paired_strings({"text": one}, {"text": other},
                                             f"{where}{number} ").items(), f"{where}{number}")
            else:
                _merge(pairs, paired_strings(one, other, f"{where}{number}: ").items(),
                       f"{where}{number}")
    return pairs


def _merge(pairs: dict[str, str], more, where: str) -> None:
    """Add the (English, translation) pairs `more` to `pairs`. The same English text twice in a
    course (a lesson's title and a quiz topic's name) is translated from one entry of this table:
    two different translations of it would silently publish one of them in both places."""
    for english, translated in more:
        if pairs.setdefault(english, translated) != translated:
            raise ValueError(f"{where}: {english!r} is translated as {translated!r} here and as "
                             f"{pairs[english]!r} elsewhere; translate the same text the same way")


def site_strings(language: str, *, course_title: str, translated_title: str) -> dict[str, str]:
    """The pairs of courses/demo_site.<language>.toml, with the demo quiz's title."""
    path = Path(str(SITE_STRINGS).format(language=language))
    if not path.exists():
        return {}
    with path.open("rb") as file:
        data = tomllib.load(file)
    pairs = {}
    for entry in data.get("strings", []):
        key = "html" if entry["en"].lstrip().startswith("<") else "text"
        english, translated = _segments(key, entry["en"]), _segments(key, entry[language])
        if len(english) != len(translated):
            raise ValueError(f"{path}: {entry['en'][:40]!r} and its translation differ in "
                             "paragraphs")
        pairs.update(zip(english, translated, strict=True))
    if "quiz_title" in data:
        # As quizzes.demo titles a demo quiz.
        pairs.update(zip(_segments("text", f"Quiz: {course_title}"),
                         _segments("text", data["quiz_title"].format(title=translated_title)),
                         strict=True))
    return pairs


def translate_page(page, locale: Locale, strings: dict[str, str]):
    """Publish `page`'s translation into `locale` from `strings`, through wagtail-localize.
    Its parent must be translated already."""
    page = page.specific
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale)
    missing = []
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        english = segment.string.data
        # Addresses stay the same in every language: the reader's language picks the tree.
        translated = english if segment.context.path == "slug" else strings.get(english)
        if translated is None:
            missing.append(english)
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=locale, context=segment.context,
            defaults={"data": translated,
                      "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                      "tool_name": TOOL_NAME},
        )
    if missing:
        raise ValueError(f"{page.title!r} ({locale.language_code}): no translation for "
                         + "; ".join(repr(text[:80]) for text in missing[:5])
                         + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""))
    # Saved as a draft, then published here and now: wagtail-localize's own publishing waits for
    # the transaction to commit, and would then write back the page as it stood before its
    # children (the rest of the course) were added under it.
    translation.save_target(publish=False)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish()
    return page.get_translation(locale)


@transaction.atomic
def seed_translations(home) -> list[Page]:
    """Translate the demo courses that have a translation file, with the pages above them."""
    translated = []
    for source_file, translation_file, language in translation_files():
        locale, _created = Locale.objects.get_or_create(language_code=language)
        source = load_course(source_file)
        translation = load_course(translation_file)
        strings = paired_strings(source, translation)
        strings.update(site_strings(language, course_title=source["title"],
                                    translated_title=translation["title"]))
        course = CoursePage.objects.filter(slug=source["slug"], locale=home.locale).first()
        if course is None:
            continue
        index = CourseIndexPage.objects.get(pk=course.get_parent().pk)
        pages = [home, index, course]
        pages += list(LessonPage.objects.child_of(course).order_by("path"))
        pages += list(QuizPage.objects.child_of(course).order_by("path"))
        for page in pages:
            translated.append(translate_page(page, locale, strings))
    return translated
