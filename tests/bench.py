"""`make bench`: Redflag's performance figures, printed as a table with the data size of each.

Each capability adds a module to BENCH_MODULES with a `run(report)` function. The run uses a
throw-away database (SQLite, or PostgreSQL when BENCH_DATABASE_URL is set), built by migrations.
"""

import importlib
import os
import statistics
import sys
import time
import traceback
from dataclasses import dataclass, field

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redflag.settings")
for name, value in {
    "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "LOG_LEVEL": "WARNING",
}.items():
    os.environ.setdefault(name, value)
if os.environ.get("BENCH_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]

BENCH_MODULES = [
    "tests.bench_lessons",
    "tests.bench_quiz",
    "tests.bench_outreach",
    "tests.bench_certificates",
]


@dataclass
class Report:
    rows: list = field(default_factory=list)

    def row(self, metric: str, value: str, target: str = "", data: str = ""):
        self.rows.append((metric, value, target, data))
        print(f"  {metric}: {value}", file=sys.stderr, flush=True)

    def print(self, database: str):
        headers = ("metric", "measured", "target", "data size")
        widths = [max(len(str(r[i])) for r in [headers, *self.rows]) for i in range(4)]
        line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        print(f"\nRedflag benchmarks on {database}")
        print(line)
        print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
        print(line)
        for row in self.rows:
            print(
                "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
            )
        print(line)


def timed(fn, *, repeat: int, warmup: int = 3):
    """Run fn repeatedly; return (median ms, p95 ms) after warm-up."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def paired(*functions, repeat: int, warmup: int) -> list[float]:
    """Median ms of each function, run in turn one after another: a ratio between them compares
    the same moments of the machine, where timing one block after the other compares a busy
    minute with a quiet one (the certificate's ratio moved from 1.4× to 1.9× that way)."""
    for _ in range(warmup):
        for function in functions:
            function()
    samples = [[] for _ in functions]
    for _ in range(repeat):
        for function, times in zip(functions, samples, strict=True):
            start = time.perf_counter()
            function()
            times.append((time.perf_counter() - start) * 1000)
    return [statistics.median(times) for times in samples]


def main():
    import django
    from django.conf import settings

    # Benchmarks measure the app, not a collectstatic run: plain static storage, no manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    report = Report()
    failed = []
    try:
        for name in sys.argv[1:] or BENCH_MODULES:
            try:
                importlib.import_module(name).run(report)
            except Exception:  # one broken benchmark should not hide the others' figures
                traceback.print_exc()
                failed.append(name)
    finally:
        teardown_databases(old, verbosity=0)
    report.print(connection.vendor)
    if failed:
        sys.exit(f"Benchmarks that failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
