"""Courses in more than one language.

A course's translation is a page of its own in that language's tree (wagtail-localize: trainers
translate a page segment by segment, and see what changed in its source). Its lessons and quiz are
translated pages under it. Learners who read Redflag in Spanish are served the Spanish tree, at
the same addresses; where a page has no Spanish translation yet they are served the English one
(HomePage.route), and its content is marked as English.

What a learner earns belongs to the course, whatever the language they took it in: completions,
certificates, renewals, managers' compliance and coverage name the course's *source*, the page in
the site's default language, and a certificate records the language it was taken in. The
functions here are the one place that maps a course page to its source and back.
"""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page


def default_locale_id() -> int:
    return locale_id_of(default_language())


def default_language() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def in_default_locale(queryset):
    """Only the pages in the site's default language: each course once, whatever its
    translations. Lazy, as querysets are: no query until it is read."""
    return queryset.filter(locale__language_code=default_language())


def source_ids(pages) -> dict:
    """Each page's source page id (the page itself in the default language), by page id, in at
    most one query."""
    pages = list(pages)
    default = default_locale_id()
    found = {page.pk: page.pk for page in pages if page.locale_id == default}
    others = {page.translation_key: page.pk for page in pages if page.locale_id != default}
    if others:
        for key, pk in Page.objects.filter(translation_key__in=others, locale_id=default
                                           ).values_list("translation_key", "pk"):
            found[others[key]] = pk
    # A page without a source (created in Spanish first) is its own.
    for page in pages:
        found.setdefault(page.pk, page.pk)
    return found


def source_of(page):
    """The page in the site's default language that this page translates (itself when it is)."""
    if page.locale_id == default_locale_id():
        return page
    source = (type(page).objects.filter(translation_key=page.translation_key,
                                        locale_id=default_locale_id()).first())
    return source or page


def localized(pages, language: str | None = None) -> list:
    """The pages as the reader sees them: each one's live translation in `language` (the active
    language by default) where there is one, else the page itself, in one query."""
    pages = list(pages)
    if not pages:
        return pages
    locale_id = locale_id_of(language or get_language())
    if locale_id is None or all(page.locale_id == locale_id for page in pages):
        return pages
    model = type(pages[0])
    translations = {
        page.translation_key: page
        for page in model.objects.live().filter(
            locale_id=locale_id, translation_key__in=[page.translation_key for page in pages])
    }
    return [translations.get(page.translation_key, page) for page in pages]


# Locales are made once per language and never change: read once per process (again when a page
# names one not yet read).
_language_codes: dict[int, str] = {}


def locale_id_of(language: str) -> int | None:
    """The id of the locale of a language code ("es", or "es-mx" as a browser may send it)."""
    language = (language or "").split("-")[0]
    for _attempt in range(2):
        for pk, code in _language_codes.items():
            if code == language:
                return pk
        _language_codes.update(Locale.objects.values_list("pk", "language_code"))
    return None


def language_of(page) -> str:
    """The language a page is written in (its locale's), without a query once each locale has
    been read."""
    code = _language_codes.get(page.locale_id)
    if code is None:
        _language_codes.update(Locale.objects.values_list("pk", "language_code"))
        code = _language_codes.get(page.locale_id, "")
    return code
