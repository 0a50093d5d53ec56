from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from courses.locales import language_of

register = template.Library()


@register.filter
def content_lang(page):
    """` lang="en"` on an element holding a page's own words when they are not in the language
    of the page around them: an English course shown to a reader of Spanish, before it is
    translated. Screen readers then read it with English pronunciation."""
    language = language_of(page) if page is not None else ""
    if not language or language == (get_language() or "").split("-")[0]:
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def untranslated(page):
    """Whether a page is shown in another language than the reader's."""
    return bool(content_lang(page))
