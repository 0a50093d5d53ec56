"""Calendar arithmetic shared by certificates (expiry) and coverage (periods)."""

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day of the month `months` later (or earlier); the 31st becomes the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
