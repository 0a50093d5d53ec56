"""Charts drawn on the server as SVG: no script, no CDN, readable by screen readers (each chart has
a title and description, and the same figures are in a table next to it)."""

import math

from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ONLINE_COLOUR = "#9b1c1c"
IN_PERSON_COLOUR = "#1e3a8a"


def _n(value: float) -> str:
    return f"{value:.1f}"


def _nice_step(value: int, ticks: int = 4) -> int:
    """A round distance between grid lines, so that about `ticks` of them reach value: 1, 2 or 5
    times a power of ten, never below 1 (people are counted whole)."""
    rough = max(value, 1) / ticks
    power = 10 ** max(math.floor(math.log10(rough)), 0)
    for step in (1, 2, 5, 10):
        if rough <= step * power:
            return step * power
    return 10 * power


def monthly_bars(rows, *, width: int = 720, height: int = 260) -> str:
    """Stacked bars per month: people trained online and in person."""
    left, right, top, bottom = 56, 12, 16, 48
    plot_width, plot_height = width - left - right, height - top - bottom
    # Grid lines at whole multiples of a round step, each labelled with its own value.
    busiest = max((row.people for row in rows), default=0)
    step = _nice_step(busiest)
    lines = max(1, math.ceil(busiest / step))
    maximum = step * lines
    count = max(len(rows), 1)
    slot = plot_width / count
    bar = max(slot * 0.7, 1)
    total = sum(row.people for row in rows)
    title = _("People trained per month")
    description = ngettext(
        "%(total)s people trained over %(months)s month: online in dark red, in person in dark "
        "blue.",
        "%(total)s people trained over %(months)s months: online in dark red, in person in dark "
        "blue.", len(rows)) % {"total": number_format(total, force_grouping=True),
                               "months": len(rows)}
    parts = [
        format_html(
            '<svg class="coverage-chart" viewBox="0 0 {} {}" role="img" '
            'aria-labelledby="trend-title trend-desc" xmlns="http://www.w3.org/2000/svg">'
            '<title id="trend-title">{}</title><desc id="trend-desc">{}</desc>',
            width, height, title, description,
        )
    ]
    for line in range(lines + 1):
        y = top + plot_height - plot_height * line / lines
        parts.append(format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d0d5dd" stroke-width="1"/>'
            '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#475467">{}</text>',
            left, _n(y), width - right, _n(y), left - 6, _n(y + 4),
            number_format(step * line, force_grouping=True),
        ))
    # At most eight month labels ("Jan 2025" is about 50 units wide), evenly spaced.
    label_every = max(1, math.ceil(count / 8))
    for index, row in enumerate(rows):
        x = left + index * slot + (slot - bar) / 2
        online_height = plot_height * row.people_online / maximum
        in_person_height = plot_height * row.people_in_person / maximum
        base = top + plot_height
        month = date_format(row.month, "M Y")
        tooltip = _("%(month)s: %(online)s online, %(in_person)s in person") % {
            "month": month, "online": row.people_online, "in_person": row.people_in_person}
        parts.append(format_html('<g><title>{}</title>', tooltip))
        if online_height:
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                _n(x), _n(base - online_height), _n(bar), _n(online_height), ONLINE_COLOUR))
        if in_person_height:
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                _n(x), _n(base - online_height - in_person_height), _n(bar), _n(in_person_height),
                IN_PERSON_COLOUR))
        parts.append(mark_safe("</g>"))
        if index % label_every == 0:
            parts.append(format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="12" '
                'fill="#475467">{}</text>',
                _n(x + bar / 2), height - bottom + 18, month))
    legend_y = height - 12
    parts.append(format_html(
        '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
        '<text x="{}" y="{}" font-size="12" fill="#101828">{}</text>'
        '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
        '<text x="{}" y="{}" font-size="12" fill="#101828">{}</text>',
        left, legend_y - 10, ONLINE_COLOUR, left + 18, legend_y, _("Online"),
        left + 110, legend_y - 10, IN_PERSON_COLOUR, left + 128, legend_y, _("In person"),
    ))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))

