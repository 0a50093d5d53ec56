"""`make stack-smoke`: the stack's own smoke test, run by CI after the suite.

It starts the stack (deploy/stack.py, as `make stack` does), sends three learners through a whole
journey (sign-up or sign-in, lessons, quiz, the certificate PDF from the task worker,
verification), checks the database as `make load` does, and stops the stack again whatever
happened, unless it was running before. Latency is not judged: three people on a stack that has
just started say nothing about it; `make load` does that."""

import subprocess
import sys

from . import prepare

STACK = [sys.executable, str(prepare.REPO / "deploy" / "stack.py")]


def main() -> int:
    # A stack someone already runs is used as it is, and left running.
    already = (prepare.REPO / "var" / "stack" / "supervisor.pid").exists()
    if subprocess.run([*STACK, "start"]).returncode != 0:
        return 1
    try:
        from .run import run_load

        result = run_load(20, 3, spawn_rate=3)
        errors = [t for t in result.targets
                  if t.name in ("failed requests", "5xx responses") and not t.ok]
        failed = [c for c in result.checks if not c.ok]
        for problem in [*errors, *failed]:
            print(f"stack smoke test: {problem.name} failed", file=sys.stderr)
        return 1 if errors or failed else 0
    finally:
        if not already:
            subprocess.run([*STACK, "stop"])


if __name__ == "__main__":
    sys.exit(main())
