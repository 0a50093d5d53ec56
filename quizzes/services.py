"""The quiz engine's rules: starting, answering, grading. Views call these and nothing else writes.

- `start_attempt` draws the questions under a per-learner lock, so attempt limits hold under
  concurrency, and copies them into the attempt: the snapshot is all that scoring ever reads.
  `draw_questions` takes the questions the quiz's topics require first, then fills the attempt.
- `submit_attempt` checks the posted form against that snapshot and grades it, once: the attempt
  row is locked, the grading is a conditional UPDATE that only an open attempt matches, and the
  answers are unique per (attempt, question), so a double click, a second tab or a retried POST
  finds the result already there.
- `grade_attempt` is the one place where "passed" happens: it records the course completion and
  sends `quizzes.signals.quiz_passed`, inside the grading transaction.
- `save_choice` keeps each choice on the server as the learner makes it, under the same row lock,
  so a reload, a lost signal or a switch of apps keeps the answers. One rule scores an attempt:
  what the learner sent. A submit (on time or late) scores the form it sends; an attempt whose
  time ran out without a submit scores the choices saved by then (`expire_attempt`). Time runs
  out at the deadline plus the grace period, for saves as for submits, and only an on-time
  submit can pass.

`now` is a parameter throughout so tests move the clock instead of sleeping.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses import locales
from courses.models import CoursePage, LessonCompletion, LessonPage

from .blocks import MULTIPLE, ONE_ANSWER_KINDS, TRUE_FALSE
from .models import Answer, Attempt, CourseCompletion, QuizEnrolment, QuizPage, blueprint_problems
from .signals import quiz_passed

# A submit this long after the deadline still counts as on time: slow phone networks.
GRACE_PERIOD = timedelta(seconds=30)
FIELD_PREFIX = "q-"
# Form fields a browser sends besides the answers.
IGNORED_FIELDS = {"csrfmiddlewaretoken"}


class AttemptRefused(Exception):
    """A learner may not start an attempt now; the message says why, for the learner."""


class AlreadyGraded(Exception):
    pass


class InvalidChoice(Exception):
    """A save names a question or choices this attempt does not have; the message is the
    learner's."""


# Snapshots -----------------------------------------------------------------------------------

def snapshot_questions(quiz: QuizPage) -> list[dict]:
    """The quiz's question pool as plain data: what an attempt copies and scoring reads."""
    pool = []
    # A translated quiz's questions point at the source's lessons until a translator overrides
    # them: the learner is sent to the lessons in the quiz's own language where they exist.
    named = [block.value["lesson"] for block in quiz.questions if block.value["lesson"]]
    lessons = {lesson.pk: translated for lesson, translated in zip(
        named, locales.localized(named, locales.language_of(quiz)), strict=True)}
    for index, block in enumerate(quiz.questions):
        value = block.value
        question_id = block.id or f"question-{index}"
        lesson = value["lesson"] and lessons.get(value["lesson"].pk, value["lesson"])
        choices = []
        for choice_index, item in enumerate(value["choices"].bound_blocks):
            choices.append({
                "id": item.id or f"{question_id}-{choice_index}",
                "text": item.value["text"],
                "correct": bool(item.value["correct"]),
                "feedback": item.value["feedback"] or "",
            })
        pool.append({
            "id": question_id,
            "kind": value["kind"],
            "scenario": value["scenario"] or "",
            "text": value["text"],
            "explanation": value["explanation"] or "",
            "lesson": {"id": lesson.pk, "title": lesson.title} if lesson else None,
            "topic": value.get("topic") or "",
            "choices": choices,
        })
    return pool


def draw_questions(pool: list[dict], count: int, *, shuffle_choices: bool, rng,
                   blueprint=()) -> list[dict]:
    """`count` questions of the pool, at random and in random order, none twice.

    `blueprint` holds the quiz's topics as (name, required) pairs: each required topic's questions
    are drawn first, as many as it requires, at random; the rest of the attempt comes at random
    from the questions left, and the whole is shuffled, so the order shows nothing of the
    blueprint. The publishing rules make sure the pool can meet it. Without required topics the
    draw is a plain sample of the pool.
    """
    required = [(name, minimum) for name, minimum in blueprint if minimum]
    if required:
        drawn = []
        for name, minimum in required:
            drawn += rng.sample([q for q in pool if q["topic"] == name], k=minimum)
        taken = {question["id"] for question in drawn}
        drawn += rng.sample([q for q in pool if q["id"] not in taken], k=count - len(drawn))
        rng.shuffle(drawn)
    else:
        drawn = rng.sample(pool, k=count)
    for question in drawn:
        # True-or-false reads oddly as "False, True"; its order says nothing about the answer.
        if shuffle_choices and question["kind"] != TRUE_FALSE:
            rng.shuffle(question["choices"])
    return drawn


# Allowance and status ------------------------------------------------------------------------

@dataclass(frozen=True)
class Allowance:
    allowed: int
    used: int
    next_available_at: datetime | None

    @property
    def left(self) -> int:
        return max(0, self.allowed - self.used)


def allowance(user, quiz: QuizPage, *, now: datetime) -> Allowance:
    """Attempts started within the quiz's rolling period, and when the next one frees up."""
    starts = list(
        Attempt.objects.filter(user=user, quiz=quiz, started_at__gt=now - quiz.attempt_period)
        .order_by("started_at")
        .values_list("started_at", flat=True)
    )
    used = len(starts)
    next_at = None
    if used >= quiz.attempts_allowed:
        next_at = starts[used - quiz.attempts_allowed] + quiz.attempt_period
    return Allowance(allowed=quiz.attempts_allowed, used=used, next_available_at=next_at)


def unvisited_lessons(user, course: CoursePage) -> list[LessonPage]:
    lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
    visited = LessonCompletion.opened_by(user, [lesson.pk for lesson in lessons])
    return [lesson for lesson in lessons if lesson.pk not in visited]


def lessons_before_quiz(unopened: list, *, passed_before: bool) -> list:
    """The lessons that keep a course's quiz locked: every lesson not yet opened, until the
    learner first passes. Someone who passed already renews without first opening lessons
    published since: those are offered as new since they passed (new_since_pass), not required.
    The quiz is open when this is empty."""
    return [] if passed_before else list(unopened)


def new_since_pass(unopened: list, *, passed_before: bool) -> list:
    """Lessons not yet opened by someone who passed: published after the pass, offered to read."""
    return list(unopened) if passed_before else []


def has_completed(user, course: CoursePage) -> bool:
    return CourseCompletion.objects.filter(user=user, course=locales.source_of(course)).exists()


def completed_course_ids(user, courses) -> set:
    """Which of these courses the user has completed (passed their quiz at least once, in any
    of the course's languages: a completion names the course's source)."""
    courses = list(courses)
    if not user.is_authenticated or not courses:
        return set()
    sources = locales.source_ids(courses)
    done = set(
        CourseCompletion.objects.filter(user=user, course_id__in=set(sources.values()))
        .values_list("course_id", flat=True).distinct()
    )
    return {pk for pk, source in sources.items() if source in done}


@dataclass
class LearnerStatus:
    allowance: Allowance
    lessons_to_open: list  # before the quiz opens
    open_attempt: Attempt | None
    recent_attempts: list
    last_completion: CourseCompletion | None
    # Lessons published after a learner passed do not lock the quiz again: they are offered.
    new_since_pass: list = field(default_factory=list)


def learner_status(user, quiz: QuizPage, course: CoursePage, *, now: datetime | None = None):
    """What the quiz page tells a signed-in learner: lessons left, attempts left, past results."""
    now = now or timezone.now()
    attempts = list(
        Attempt.objects.filter(user=user, quiz=quiz)
        .only("public_id", "status", "started_at", "deadline", "submitted_at", "score_percent",
              "passed", "late", "quiz_id", "user_id")
        .order_by("-started_at")[:10]
    )
    attempts = [close_if_overdue(a, now=now) if a.is_open else a for a in attempts]
    open_attempt = next((a for a in attempts if a.is_open), None)
    last_completion = (CourseCompletion.objects.filter(user=user, course=locales.source_of(course))
                       .order_by("-completed_at").first())
    unopened = unvisited_lessons(user, course)
    passed_before = last_completion is not None
    return LearnerStatus(
        allowance=allowance(user, quiz, now=now),
        lessons_to_open=lessons_before_quiz(unopened, passed_before=passed_before),
        open_attempt=open_attempt,
        recent_attempts=[a for a in attempts if not a.is_open],
        last_completion=last_completion,
        new_since_pass=new_since_pass(unopened, passed_before=passed_before),
    )


def is_overdue(attempt: Attempt, now: datetime) -> bool:
    return attempt.deadline is not None and now > attempt.deadline + GRACE_PERIOD


# Starting ------------------------------------------------------------------------------------

def start_attempt(user, quiz: QuizPage, *, now: datetime | None = None, rng=None):
    """Start or resume the learner's attempt: (attempt, created). Raises AttemptRefused."""
    now = now or timezone.now()
    rng = rng or random.SystemRandom()
    with transaction.atomic():
        QuizEnrolment.objects.get_or_create(user=user, quiz=quiz)
        # Held until commit: a parallel start waits here, then sees this attempt.
        QuizEnrolment.objects.select_for_update().get(user=user, quiz=quiz)

        open_attempt = Attempt.objects.filter(
            user=user, quiz=quiz, status=Attempt.Status.IN_PROGRESS
        ).first()
        if open_attempt is not None:
            if not is_overdue(open_attempt, now):
                return open_attempt, False
            expire_attempt(open_attempt, now=now)

        quiz = QuizPage.objects.select_related("live_revision").get(pk=quiz.pk)
        if not quiz.live or quiz.live_revision is None:
            raise AttemptRefused(_("This quiz is not open at the moment."))
        course = quiz.get_parent().specific
        # Someone who passed already renews without first opening lessons added since. Whether
        # they passed is asked only when lessons remain unopened.
        unopened = unvisited_lessons(user, course)
        if unopened and lessons_before_quiz(unopened, passed_before=has_completed(user, course)):
            raise AttemptRefused(_("Open every lesson of the course before you take the quiz."))
        limit = allowance(user, quiz, now=now)
        if limit.left == 0:
            raise AttemptRefused(
                _("You have used all %(allowed)d attempts for now. Your next attempt is available "
                  "from %(when)s.") % {
                    "allowed": limit.allowed,
                    "when": date_format(timezone.localtime(limit.next_available_at),
                                        "DATETIME_FORMAT"),
                }
            )

        # Draw from the published revision itself, which the attempt records.
        published = quiz.live_revision.as_object()
        pool = snapshot_questions(published)
        blueprint = published.blueprint()
        if (not pool or published.questions_per_attempt > len(pool)
                or blueprint_problems([q["topic"] for q in pool], blueprint,
                                      published.questions_per_attempt)):
            raise AttemptRefused(_("This quiz is being revised. Please try again later."))
        questions = draw_questions(
            pool, published.questions_per_attempt,
            shuffle_choices=published.shuffle_choices, rng=rng, blueprint=blueprint,
        )
        attempt = Attempt.objects.create(
            user=user,
            quiz=quiz,
            course=course,
            revision=quiz.live_revision,
            questions=questions,
            question_count=len(questions),
            pass_mark=published.pass_mark,
            started_at=now,
            deadline=now + published.time_limit if published.time_limit else None,
        )
        return attempt, True


# Reading a submitted form --------------------------------------------------------------------

@dataclass
class Submission:
    """A posted answer form checked against an attempt's snapshot. Nothing here is scored."""

    answers: dict = field(default_factory=dict)  # question id -> list of choice ids, all valid
    kept: dict = field(default_factory=dict)  # question id -> valid choice ids to re-tick
    question_errors: dict = field(default_factory=dict)  # question id -> message
    form_errors: list = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.question_errors and not self.form_errors


def _field_lists(data):
    if hasattr(data, "lists"):
        return list(data.lists())
    return [(key, value if isinstance(value, list) else [value]) for key, value in data.items()]


def read_submission(questions: list[dict], data) -> Submission:
    """Check posted fields against the attempt's questions: every id must belong where it is sent.

    Answers to questions not in the attempt, choices of other questions, unknown ids, repeated or
    malformed fields all make the submission invalid, with a message; valid answers are kept so
    the form can show them again.
    """
    submission = Submission()
    by_id = {question["id"]: question for question in questions}
    posted = {}
    for key, values in _field_lists(data):
        if key in IGNORED_FIELDS:
            continue
        question_id = key[len(FIELD_PREFIX):] if key.startswith(FIELD_PREFIX) else None
        if question_id not in by_id:
            message = _("The form sent an answer to a question that is not part of this attempt. "
                        "Your answers below have not been scored yet: check them and submit again.")
            if message not in submission.form_errors:
                submission.form_errors.append(message)
            continue
        posted[question_id] = [value for value in values if value != ""]

    for question in questions:
        values = posted.get(question["id"], [])
        choice_ids = {choice["id"] for choice in question["choices"]}
        submission.kept[question["id"]] = list(dict.fromkeys(v for v in values if v in choice_ids))
        error = choice_problem(question, values) if values else _("Answer this question.")
        if error:
            submission.question_errors[question["id"]] = error
        else:
            submission.answers[question["id"]] = values
    return submission


def choice_problem(question: dict, values: list) -> str | None:
    """Why these choice ids are not an answer to this question of the snapshot, or None."""
    choice_ids = {choice["id"] for choice in question["choices"]}
    if not set(values) <= choice_ids:
        return _("That answer is not one of this question's choices. Choose again.")
    if len(set(values)) != len(values):
        return _("The same choice was sent more than once. Choose again.")
    if question["kind"] in ONE_ANSWER_KINDS and len(values) > 1:
        return _("Choose only one answer.")
    return None


# Grading -------------------------------------------------------------------------------------

def is_answer_correct(question: dict, selected: list) -> bool:
    """Single, true/false and scenario: the one correct choice. Multiple: all correct, no wrong."""
    correct = {choice["id"] for choice in question["choices"] if choice["correct"]}
    return bool(selected) and set(selected) == correct


def grade_attempt(attempt: Attempt, answers: dict, *, now: datetime, late: bool = False,
                  status=Attempt.Status.GRADED) -> Attempt:
    """Grade an open attempt from its snapshot, once: a submit (GRADED) or a time-out (EXPIRED).
    Call inside transaction.atomic with the attempt row locked, as submit_attempt and
    close_if_overdue do; raises AlreadyGraded if it was graded meanwhile."""
    questions = attempt.questions
    results = [is_answer_correct(q, answers.get(q["id"], [])) for q in questions]
    correct_count = sum(results)
    total = len(questions)
    passed = (
        status == Attempt.Status.GRADED
        and not late
        and correct_count * 100 >= attempt.pass_mark * total
    )
    fields = {
        "status": status,
        "submitted_at": now,
        "correct_count": correct_count,
        "score_percent": correct_count * 100 // total,
        "passed": passed,
        "late": late,
    }
    # Only an open attempt matches, so a grading that raced past the lock writes nothing.
    claimed = Attempt.objects.filter(pk=attempt.pk, status=Attempt.Status.IN_PROGRESS).update(
        **fields
    )
    if claimed != 1:
        raise AlreadyGraded
    for name, value in fields.items():
        setattr(attempt, name, value)
    try:
        Answer.objects.bulk_create([
            Answer(
                attempt=attempt,
                question_id=question["id"],
                position=position,
                question_text=question["text"],
                # Attempts started before questions had topics have none.
                topic=question.get("topic", ""),
                selected=answers.get(question["id"], []),
                correct=result,
            )
            for position, (question, result) in enumerate(zip(questions, results, strict=True), 1)
        ])
    except IntegrityError as error:
        raise AlreadyGraded from error
    if passed:
        # "Passed" happens here and nowhere else. Lessons were all opened before the attempt
        # could start, so a pass completes the course; certificates hang on the signal.
        CourseCompletion.objects.create(
            user_id=attempt.user_id, course=locales.source_of(attempt.course), attempt=attempt,
            completed_at=now,
        )
        quiz_passed.send(sender=Attempt, attempt=attempt)
    return attempt


@dataclass
class SubmitOutcome:
    attempt: Attempt
    submission: Submission | None = None  # set when the form must be shown again
    graded_now: bool = False


def submit_attempt(user, public_id, data, *, now: datetime | None = None) -> SubmitOutcome:
    """Grade the learner's posted answers. Raises Attempt.DoesNotExist for another user's attempt.

    A late submit (past the deadline and the grace period) is graded as it stands, recorded as
    late and not passed; an on-time submit with problems comes back with messages, unscored.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            attempt = Attempt.objects.select_for_update().get(public_id=public_id, user=user)
            if not attempt.is_open:
                return SubmitOutcome(attempt)
            submission = read_submission(attempt.questions, data)
            late = is_overdue(attempt, now)
            if not submission.is_valid and not late:
                # The form holds every choice on the page: what it answers replaces what was
                # saved, so a reload after the messages (or without JavaScript) keeps them too.
                if submission.answers != attempt.saved_choices:
                    attempt.saved_choices = submission.answers
                    attempt.save(update_fields=["saved_choices"])
                return SubmitOutcome(attempt, submission=submission)
            grade_attempt(attempt, submission.answers, now=now, late=late)
            return SubmitOutcome(attempt, graded_now=True)
    except AlreadyGraded:
        # Another request graded it between our read and our write; show that result.
        return SubmitOutcome(Attempt.objects.get(public_id=public_id, user=user))


def expire_attempt(attempt: Attempt, *, now: datetime) -> Attempt:
    """Close an attempt whose time ran out without a submit: scored on the choices saved by then,
    recorded as expired, never passed. Call with the attempt row locked, as grade_attempt."""
    return grade_attempt(attempt, attempt.saved_choices, now=now, late=True,
                         status=Attempt.Status.EXPIRED)


def close_if_overdue(attempt: Attempt, *, now: datetime | None = None) -> Attempt:
    """An attempt whose time ran out without a submit is closed as expired, unpassed."""
    now = now or timezone.now()
    if not attempt.is_open or not is_overdue(attempt, now):
        return attempt
    try:
        with transaction.atomic():
            locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
            if locked.is_open:
                expire_attempt(locked, now=now)
            return locked
    except AlreadyGraded:
        return Attempt.objects.get(pk=attempt.pk)


# Saving as the learner goes ------------------------------------------------------------------

def save_choice(user, public_id, question_id: str, choice_ids: list,
                *, now: datetime | None = None) -> Attempt:
    """Keep the learner's choices for one question of their open attempt, as they make them.

    Raises Attempt.DoesNotExist for anyone else's attempt, InvalidChoice for a question or choice
    the attempt did not draw. Returns the attempt: when it is no longer open (submitted, or its
    time ran out, when it is closed here) nothing was saved. Saving the same choices again writes
    nothing; no choices clears the question. The answer says nothing about correctness and moves
    no deadline.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            # The lock grading takes: a save lands before a grading or finds the attempt closed.
            attempt = Attempt.objects.select_for_update().get(public_id=public_id, user=user)
            if not attempt.is_open:
                return attempt
            if is_overdue(attempt, now):
                return expire_attempt(attempt, now=now)
            question = next((q for q in attempt.questions if q["id"] == question_id), None)
            if question is None:
                raise InvalidChoice(_("That question is not part of this attempt."))
            problem = choice_problem(question, choice_ids)
            if problem:
                raise InvalidChoice(problem)
            saved = {key: value for key, value in attempt.saved_choices.items()
                     if key != question_id}
            if choice_ids:
                saved[question_id] = list(choice_ids)
            if saved != attempt.saved_choices:
                attempt.saved_choices = saved
                attempt.save(update_fields=["saved_choices"])
            return attempt
    except AlreadyGraded:
        return Attempt.objects.get(public_id=public_id, user=user)


# What the pages show -------------------------------------------------------------------------

def form_questions(attempt: Attempt, submission: Submission | None = None) -> list[dict]:
    """The attempt's questions for the answer form: texts and choice ids, never correctness.

    Choices come ticked as the posted form had them, or else as they were saved.
    """
    rows = []
    for number, question in enumerate(attempt.questions, start=1):
        if submission:
            kept = set(submission.kept.get(question["id"], []))
        else:
            kept = set(attempt.saved_choices.get(question["id"], []))
        rows.append({
            "number": number,
            "id": question["id"],
            "name": FIELD_PREFIX + question["id"],
            "anchor": f"question-{number}",
            "kind": question["kind"],
            "input_type": "checkbox" if question["kind"] == MULTIPLE else "radio",
            "scenario": question["scenario"],
            "text": question["text"],
            "error": submission.question_errors.get(question["id"]) if submission else None,
            "choices": [
                {
                    "id": choice["id"],
                    "html_id": f"q{number}-c{index}",
                    "text": choice["text"],
                    "checked": choice["id"] in kept,
                }
                for index, choice in enumerate(question["choices"], start=1)
            ],
        })
    return rows


def reveals_answers(attempt: Attempt) -> bool:
    """Whether this attempt's result page shows the correct answers and the explanations: only
    for a pass, and only when the quiz shows them after a pass. A failed attempt never does, even
    the last one of a period: the pool would be known for the next period."""
    return attempt.passed and attempt.quiz.reveal_answers == QuizPage.RevealAnswers.AFTER_PASS


def review_questions(attempt: Attempt, *, reveal: bool, request=None) -> list[dict]:
    """The result page: each question as the learner saw it, their choices, and what to review.

    Unless `reveal`, no row says which choice is correct: a missed question shows neither its
    explanation nor the feedback of the choices picked, which would give the answer away; a
    question answered right shows its feedback, which tells the learner nothing new.
    """
    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    lesson_ids = {q["lesson"]["id"] for q in attempt.questions if q.get("lesson")}
    lesson_urls = {
        page.pk: page.get_url(request)
        for page in Page.objects.live().filter(pk__in=lesson_ids).only("id", "url_path", "path")
    }
    rows = []
    for number, question in enumerate(attempt.questions, start=1):
        answer = answers.get(question["id"])
        selected = set(answer.selected) if answer else set()
        lesson = question.get("lesson")
        right = bool(answer and answer.correct)
        rows.append({
            "number": number,
            "kind": question["kind"],
            "scenario": question["scenario"],
            "text": question["text"],
            "correct": right,
            "answered": bool(selected),
            "explanation": question["explanation"] if reveal else "",
            "lesson_title": lesson["title"] if lesson else "",
            "lesson_url": lesson_urls.get(lesson["id"]) if lesson else None,
            "choices": [
                {
                    "text": choice["text"],
                    "selected": choice["id"] in selected,
                    "feedback": choice["feedback"]
                    if choice["id"] in selected and (reveal or right) else "",
                    "correct": choice["correct"] if reveal else None,
                }
                for choice in question["choices"]
            ],
        })
    return rows
