"""The load run's report: locust's figures per endpoint, the targets, the database checks."""

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EndpointStats:
    name: str
    requests: int
    failures: int
    p50: float
    p95: float
    p99: float
    rps: float


@dataclass(frozen=True)
class Target:
    """A promise about the run: `limit` on `what` (a p95 in ms, or a count)."""

    name: str
    measured: float | None
    limit: float

    @property
    def ok(self) -> bool:
        return self.measured is not None and self.measured <= self.limit


# p95 limits in milliseconds, per endpoint name the locustfile uses.
P95_LIMITS = {"lesson": 300, "quiz submit": 300, "verify": 300, "dashboard": 1000}


def read_stats(path: Path) -> list[EndpointStats]:
    """locust's --csv <prefix>_stats.csv, the Aggregated row last."""
    rows = []
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            rows.append(EndpointStats(
                name=row["Name"],
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                p50=_number(row["50%"]),
                p95=_number(row["95%"]),
                p99=_number(row["99%"]),
                rps=float(row["Requests/s"] or 0),
            ))
    return rows


def _number(value: str) -> float:
    return float(value) if value not in ("", "N/A") else 0.0


def targets(stats: list[EndpointStats], server_errors: int) -> list[Target]:
    by_name = {row.name: row for row in stats}
    aggregated = by_name.get("Aggregated")
    found = [
        Target("failed requests", aggregated.failures if aggregated else None, 0),
        Target("5xx responses", server_errors, 0),
    ]
    for name, limit in P95_LIMITS.items():
        row = by_name.get(name)
        found.append(Target(f"{name} p95 ms", row.p95 if row and row.requests else None, limit))
    return found


def table(headings: list[str], rows: list[list], align: str = "") -> str:
    """A plain-text table; `align` gives each column "<" or ">" (text left, numbers right)."""
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(str(h)), *(len(row[i]) for row in cells)) if cells else len(str(h))
              for i, h in enumerate(headings)]
    align = align or "<" + ">" * (len(headings) - 1)

    def line(values):
        return "  ".join(f"{value:{a}{w}}" for value, a, w in zip(values, align, widths,
                                                                    strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headings), rule, *(line(row) for row in cells)])


def stats_table(stats: list[EndpointStats]) -> str:
    return table(
        ["endpoint", "requests", "failures", "p50 ms", "p95 ms", "p99 ms", "req/s"],
        [[s.name, s.requests, s.failures, f"{s.p50:.0f}", f"{s.p95:.0f}", f"{s.p99:.0f}",
          f"{s.rps:.1f}"] for s in stats],
    )


def targets_table(found: list[Target]) -> str:
    def shown(value):
        return "—" if value is None else f"{value:g}"

    return table(["target", "measured", "limit", ""],
                 [[t.name, shown(t.measured), f"≤ {t.limit:g}", "ok" if t.ok else "MISSED"]
                  for t in found], align="<>><")


def checks_table(checks) -> str:
    return table(["check", "", "detail"],
                 [[c.name, "ok" if c.ok else "MISSED", c.detail] for c in checks], align="<<<")
