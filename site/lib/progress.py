"""Progress bars for long management commands."""

import time


class Progress:
    """A text progress bar on a stream (stderr), redrawn at most ten times a second."""

    def __init__(self, total: int, stream=None, width: int = 30):
        self.total, self.done, self.width = max(total, 1), 0, width
        self.stream = stream
        self.started = self.drawn = time.monotonic()
        self.label = ""

    def update(self, count: int, label: str = ""):
        self.done += count
        self.label = label or self.label
        now = time.monotonic()
        if self.stream and (now - self.drawn > 0.1 or self.done >= self.total):
            self.drawn = now
            filled = int(self.width * min(self.done, self.total) / self.total)
            rate = self.done / max(now - self.started, 1e-6)
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (self.width - filled)}] "
                f"{100 * min(self.done, self.total) // self.total:3d}% "
                f"{self.done:,}/{self.total:,} rows · {rate:,.0f}/s · {self.label:<28}"
            )
            self.stream.flush()

    def close(self):
        if self.stream:
            self.stream.write("\n")
            self.stream.flush()
