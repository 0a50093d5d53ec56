"""Admin → Reports → Quiz results → a quiz's most missed questions: the share of wrong answers
first, each question told apart from others that begin alike, a window of attempt dates read in
the task force's time zone, and a CSV/XLSX export whose cells are never formulas."""

import csv
import io
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest
from django.urls import reverse

from quizzes.models import Answer, Attempt, QuizPage
from quizzes.testing import make_quiz

ALIKE = "What should you do next?"
FORMULA = '=HYPERLINK("http://evil.example/","Open")'


@pytest.fixture
def quiz(course):
    quiz = make_quiz(course, questions=4)
    quiz = QuizPage.objects.get(pk=quiz.pk)
    quiz.questions[0].value["text"] = ALIKE
    quiz.questions[1].value["text"] = ALIKE
    quiz.questions[2].value["text"] = FORMULA
    quiz.save_revision().publish()
    return QuizPage.objects.get(pk=quiz.pk)


def record(user, quiz, course, started, outcomes):
    """A graded attempt started at `started`, with one answer per (question number, right?)."""
    attempt = Attempt.objects.create(
        user=user, quiz=quiz, course=course, questions=[], question_count=len(outcomes),
        pass_mark=80, status=Attempt.Status.GRADED, started_at=started,
        submitted_at=started + timedelta(minutes=5), correct_count=0, score_percent=0)
    blocks = list(quiz.questions)
    Answer.objects.bulk_create(
        Answer(attempt=attempt, question_id=blocks[number - 1].id, position=position,
               question_text=blocks[number - 1].value["text"], correct=right)
        for position, (number, right) in enumerate(outcomes.items(), start=1))


@pytest.fixture
def answered(quiz, course, learner, settings):
    """Question 1 missed 2 of 4 times, question 2 1 of 1, question 3 3 of 4, question 4 0 of 4.

    The second attempt starts at 06:30 UTC on 3 March, still 2 March in Los Angeles."""
    settings.TIME_ZONE = "America/Los_Angeles"
    record(learner, quiz, course, datetime(2030, 3, 1, 17, tzinfo=UTC),
           {1: False, 2: False, 3: False, 4: True})
    record(learner, quiz, course, datetime(2030, 3, 3, 6, 30, tzinfo=UTC),
           {1: False, 3: False, 4: True})
    record(learner, quiz, course, datetime(2030, 3, 3, 17, tzinfo=UTC),
           {1: True, 3: False, 4: True})
    record(learner, quiz, course, datetime(2030, 5, 1, 17, tzinfo=UTC),
           {1: True, 3: True, 4: True})
    return quiz


def exported(client, quiz, query=""):
    response = client.get(reverse("quiz_reports:questions", args=[quiz.pk]) + f"?{query}"
                          + "&export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_most_missed_questions_come_first_by_the_share_of_wrong_answers(
    client, coordinator, answered
):
    client.force_login(coordinator)
    rows = exported(client, answered)
    assert [(row["Question number"], row["Times asked"], row["Times missed"], row["Missed"])
            for row in rows] == [
        ("2", "1", "1", "100%"), ("3", "4", "3", "75%"), ("1", "4", "2", "50%"),
        ("4", "4", "0", "0%"),
    ]
    page = client.get(reverse("quiz_reports:questions", args=[answered.pk])).content.decode()
    positions = [page.index(f"Question {number}</strong>") for number in (2, 3, 1, 4)]
    assert positions == sorted(positions)


def test_questions_that_begin_alike_are_told_apart_by_number_quiz_and_situation(
    client, coordinator, answered
):
    client.force_login(coordinator)
    page = client.get(reverse("quiz_reports:questions", args=[answered.pk])).content.decode()
    assert f"Question 1</strong> · {ALIKE}" in page
    assert f"Question 2</strong> · {ALIKE}" in page
    assert "Situation: Situation for question 4." in page
    rows = {row["Question number"]: row for row in exported(client, answered)}
    assert rows["1"]["Question"] == rows["2"]["Question"] == ALIKE
    assert {row["Quiz"] for row in rows.values()} == {answered.title}
    assert rows["4"]["Situation"] == "Situation for question 4."


def test_the_date_filter_counts_only_attempts_started_in_the_window_in_the_local_zone(
    client, coordinator, answered
):
    client.force_login(coordinator)
    # 2 March in Los Angeles holds only the attempt that began at 06:30 UTC on 3 March.
    rows = exported(client, answered, "started_from=2030-03-02&started_to=2030-03-02")
    shown = [(row["Question number"], row["Times asked"], row["Times missed"]) for row in rows]
    assert sorted(shown[:2]) == [("1", "1", "1"), ("3", "1", "1")] and shown[2] == ("4", "1", "0")
    rows = exported(client, answered, "started_from=2030-04-01")
    assert {row["Question number"]: row["Times missed"] for row in rows} == {
        "1": "0", "3": "0", "4": "0"}
    page = client.get(reverse("quiz_reports:questions", args=[answered.pk])
                      + "?started_from=2030-04-01").content.decode()
    assert "Attempts between" in page and "Question 2</strong>" not in page

    index = client.get(reverse("quiz_reports:index") + "?started_from=2030-04-01&export=csv")
    [quiz_row] = csv.DictReader(io.StringIO(
        b"".join(index.streaming_content).decode("utf-8-sig")))
    assert quiz_row["Attempts graded"] == "1"
    topics = client.get(reverse("quiz_reports:topics", args=[answered.pk])
                        + "?started_from=2030-04-01&export=csv")
    rows = list(csv.DictReader(io.StringIO(
        b"".join(topics.streaming_content).decode("utf-8-sig"))))
    assert sum(int(row["Answers"]) for row in rows) == 3


def test_the_export_has_the_columns_and_keeps_typed_formulas_as_text(
    client, coordinator, answered
):
    client.force_login(coordinator)
    rows = exported(client, answered)
    assert list(rows[0]) == ["Quiz", "Question number", "Question", "Situation", "Topic", "Kind",
                             "Times asked", "Times missed", "Missed", "In the quiz now"]
    formula_row = next(row for row in rows if row["Question number"] == "3")
    assert formula_row["Question"] == "'" + FORMULA

    response = client.get(reverse("quiz_reports:questions", args=[answered.pk])
                          + "?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][:3] == ("Quiz", "Question number", "Question")
    cells = [row[2] for row in table[1:]]
    assert "'" + FORMULA in cells
    assert all(not str(cell).startswith("=") for row in table for cell in row if cell)


def test_learners_cannot_open_the_questions_report(client, learner, answered):
    client.force_login(learner)
    response = client.get(reverse("quiz_reports:questions", args=[answered.pk]))
    assert response.status_code in (302, 403)
