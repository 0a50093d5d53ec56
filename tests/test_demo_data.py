"""The demo courses' TOML files: what ships, and what a trainer sees when a file is wrong."""

import pytest

from courses.demo_data import load_courses
from quizzes.demo import question_block

COURSE = '''\
slug = "night-shift"
title = "Night shift"
groups = ["hotel-lodging"]
minutes = 20
summary = """\\
    What the night desk sees \\
    and whom it calls."""
objectives = ["Learners can name three red flags."]

[[lessons]]
slug = "signs"
title = "Signs"

[[lessons.body]]
type = "text"
html = "<p>Look.</p>"

[[lessons.body]]
type = "indicators"
heading = "At the desk"

[[lessons.body.items]]
sign = "A guest who pays cash for a week"
why = "Cash leaves no trail."
kind = "both"

[[questions]]
kind = "true_false"
lesson = "signs"
text = "Cash for a week is a red flag."

[[questions.choices]]
text = "True"
correct = true

[[questions.choices]]
text = "False"
correct = false
'''


# The same course with a quiz blueprint: topics, and each question's topic.
WITH_TOPICS = COURSE.replace('''[[questions]]
kind = "true_false"
lesson = "signs"
''', '''[[topics]]
slug = "red-flags"
name = "Red flags at the desk"
required = 1

[[topics]]
slug = "whom-to-call"
name = "Whom to call"
required = 0

[[questions]]
kind = "true_false"
lesson = "signs"
topic = "red-flags"
''')


def write(folder, text, name="1-night-shift.toml"):
    path = folder / name
    path.write_text(text)
    return path


def test_the_shipped_files_hold_the_four_demo_courses_with_their_lessons_and_quizzes():
    courses = load_courses()
    assert [course["slug"] for course in courses] == [
        "utility-workers", "hotel-staff", "health-care", "school-personnel"
    ]
    assert [len(course["lessons"]) for course in courses] == [3, 5, 3, 3]
    # Every attempt draws 8, so a pool of 10 or more keeps each attempt from being the same.
    assert all(len(course["questions"]) >= 10 for course in courses)
    for course in courses:
        lessons = {lesson["slug"] for lesson in course["lessons"]}
        assert {question["lesson"] for question in course["questions"]} <= lessons
        for lesson in course["lessons"]:
            assert lesson["body"] and all(isinstance(block, tuple) for block in lesson["body"])


def test_a_file_loads_as_the_seeders_take_it(tmp_path):
    write(tmp_path, COURSE)
    [course] = load_courses(tmp_path)
    assert course["summary"] == "What the night desk sees and whom it calls."
    [lesson] = course["lessons"]
    assert lesson["summary"] == ""
    assert lesson["body"] == [
        ("text", "<p>Look.</p>"),
        ("indicators", {"heading": "At the desk", "items": [
            {"sign": "A guest who pays cash for a week", "why": "Cash leaves no trail.",
             "kind": "both"},
        ]}),
    ]
    [question] = course["questions"]
    assert (question["scenario"], question["explanation"]) == ("", "")
    assert question["choices"][1] == {"text": "False", "correct": False, "feedback": ""}
    # A course without topics has a quiz without a blueprint, as before topics existed.
    assert (course["topics"], question["topic"]) == ([], "")


def test_a_file_with_topics_loads_them_and_each_questions_topic(tmp_path):
    write(tmp_path, WITH_TOPICS)
    [course] = load_courses(tmp_path)
    assert course["topics"] == [
        {"slug": "red-flags", "name": "Red flags at the desk", "required": 1},
        {"slug": "whom-to-call", "name": "Whom to call", "required": 0},
    ]
    assert [question["topic"] for question in course["questions"]] == ["red-flags"]


@pytest.mark.parametrize(("change", "problem"), [
    (("minutes = 20", "minutes = 20\nminuets = 20"),
     "unknown key 'minuets'; the keys are slug, title, groups"),
    (('title = "Night shift"\n', ""), "missing key 'title'"),
    (('lesson = "signs"', 'lesson = "sings"'),
     "question 1: lesson 'sings' is not a lesson of this course, whose lessons are signs"),
    (('heading = "At the desk"', 'heding = "At the desk"'),
     "lesson 1 (signs), block 2 (indicators): unknown key 'heding'"),
    (('kind = "both"', 'kind = "labor"'),
     "lesson 1 (signs), block 2 (indicators), item 1: kind should be one of 'labour', 'sex', "
     "'both', not 'labor'"),
    (('type = "text"', 'type = "txt"'), "lesson 1 (signs), block 1 (txt): type should be one of"),
    (("correct = true", 'correct = "yes"'),
     "question 1, choice 1, correct: should be true or false, not 'yes'"),
    (("minutes = 20", "minutes = true"), "minutes: should be a whole number, not True"),
    (("sees \\\n", "sees\n"), "summary: has a line break"),
    (("[[questions]]", '[[lessons]]\nslug = "signs"\ntitle = "Again"\nbody = []\n\n[[questions]]'),
     "two lessons have the slug 'signs'"),
    (('html = "<p>Look.</p>"', 'html = "<p>Look.</p>'), "not valid TOML"),
])
def test_a_broken_file_is_refused_with_its_name_and_what_is_wrong(tmp_path, change, problem):
    old, new = change
    assert old in COURSE
    path = write(tmp_path, COURSE.replace(old, new, 1))
    with pytest.raises(ValueError) as error:
        load_courses(tmp_path)
    assert str(path) in str(error.value)
    assert problem in str(error.value)


@pytest.mark.parametrize(("change", "problem"), [
    (('topic = "red-flags"', 'topic = "red-flag"'),
     "question 1: topic 'red-flag' is not a topic of this file, whose topics are red-flags, "
     "whom-to-call"),
    (('topic = "red-flags"\n', ""),
     "question 1: missing key 'topic'; the file's topics are red-flags, whom-to-call"),
    (('slug = "whom-to-call"', 'slug = "red-flags"'), "two topics have the slug 'red-flags'"),
    (('slug = "whom-to-call"', 'slug = "Whom to call"'),
     "topic 2 (Whom to call): the slug should be lower-case letters and digits joined by hyphens"),
    (("required = 0", "required = -1"),
     "topic 2 (whom-to-call), required: should be 0 or more, not -1"),
    (("required = 0", 'required = "none"'),
     "topic 2 (whom-to-call), required: should be a whole number, not 'none'"),
    (('name = "Whom to call"', 'title = "Whom to call"'),
     "topic 2 (whom-to-call): unknown key 'title'; the keys are slug, name, required"),
    (('name = "Whom to call"\n', ""), "topic 2 (whom-to-call): missing key 'name'"),
])
def test_a_broken_blueprint_is_refused_with_the_files_name_and_place(tmp_path, change, problem):
    old, new = change
    assert old in WITH_TOPICS
    path = write(tmp_path, WITH_TOPICS.replace(old, new, 1))
    with pytest.raises(ValueError) as error:
        load_courses(tmp_path)
    assert str(error.value).startswith(str(path))
    assert problem in str(error.value)


def test_a_question_may_not_name_a_topic_in_a_file_without_topics(tmp_path):
    path = write(tmp_path, COURSE.replace('lesson = "signs"', 'lesson = "signs"\ntopic = "x"'))
    with pytest.raises(ValueError, match="question 1: topic 'x', but the file has no "
                                         r"\[\[topics\]\]") as error:
        load_courses(tmp_path)
    assert str(error.value).startswith(str(path))


def test_a_file_must_be_named_after_its_course(tmp_path):
    write(tmp_path, COURSE, name="night-shift.toml")
    with pytest.raises(ValueError, match=r"night-shift\.toml:\n.*1-night-shift\.toml"):
        load_courses(tmp_path)


def test_a_spanish_translation_beside_its_course_is_not_a_second_course(tmp_path):
    write(tmp_path, COURSE)
    write(tmp_path, COURSE.replace("What the night desk sees", "Lo que ve la recepción"),
          name="1-night-shift.es.toml")
    [course] = load_courses(tmp_path)
    assert course["summary"] == "What the night desk sees and whom it calls."


def test_two_files_cannot_hold_the_same_course(tmp_path):
    write(tmp_path, COURSE)
    copy = write(tmp_path, COURSE, name="2-night-shift.toml")
    with pytest.raises(ValueError, match="already .*1-night-shift.toml's") as error:
        load_courses(tmp_path)
    assert str(error.value).startswith(str(copy))


@pytest.mark.parametrize(("change", "problem"), [
    (("correct = false", "correct = true"), "exactly one correct choice"),
    (('kind = "true_false"', 'kind = "true-false"'), "kind should be one of single, multiple"),
    (("Cash for a week is a red flag.", "Cash for a week is not a red flag."),
     "'not' makes it a negative question; ask it the positive way"),
])
def test_a_question_that_could_not_be_scored_fairly_names_its_file(tmp_path, change, problem):
    path = write(tmp_path, COURSE.replace(*change, 1))
    [course] = load_courses(tmp_path)
    with pytest.raises(ValueError, match=problem) as error:
        question_block(course["questions"][0], {}, course["file"])
    text = course["questions"][0]["text"]
    assert str(error.value).startswith(f"{path}: question {text!r}")


def test_a_question_takes_the_name_of_its_topic(tmp_path):
    write(tmp_path, WITH_TOPICS)
    [course] = load_courses(tmp_path)
    names = {topic["slug"]: topic["name"] for topic in course["topics"]}
    _type, value = question_block(course["questions"][0], {}, course["file"], names)
    assert value["topic"] == "Red flags at the desk"
