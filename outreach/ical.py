"""iCalendar (RFC 5545) by hand: a trainer's scheduled campaign sessions as a feed calendar apps
subscribe to. Small enough not to need a library: one calendar, one event per session."""

import datetime

SESSION_LENGTH = datetime.timedelta(hours=1)


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, newlines as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1): each continuation starts with a space,
    which counts towards its 75, and a UTF-8 character is never split."""
    parts, current, size, limit = [], "", 0, 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(name: str, events: list[dict], *, stamp: datetime.datetime) -> str:
    """The calendar text. Each event: uid, start (aware datetime), summary, location and an
    optional description; `stamp` is DTSTAMP (when the feed was made)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Redflag//Campaign sessions//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}"]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event['uid']}",
            f"DTSTAMP:{utc(stamp)}",
            f"DTSTART:{utc(event['start'])}",
            f"DTEND:{utc(event['start'] + SESSION_LENGTH)}",
            f"SUMMARY:{escape(event['summary'])}",
        ]
        if event.get("location"):
            lines.append(f"LOCATION:{escape(event['location'])}")
        if event.get("description"):
            lines.append(f"DESCRIPTION:{escape(event['description'])}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
