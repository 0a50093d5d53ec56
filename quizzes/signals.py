"""The quiz engine's one public event.

`quiz_passed` is sent by `quizzes.services.grade_attempt`, inside the transaction that records the
graded attempt and the course completion, with `sender=Attempt` and `attempt=<Attempt>` (fields:
`user`, `course`, `quiz`, `score_percent`, `passed`, `submitted_at`). A receiver that raises rolls
the whole grading back, so a certificate is issued exactly when, and only if, the pass is recorded.
"""

from django.dispatch import Signal

quiz_passed = Signal()
