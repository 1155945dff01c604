"""Reading the values found in old spreadsheets: dates and times in US and ISO forms, in the library's time
zone, and free text matched to the library's own names by similarity."""

import difflib
import re
from datetime import datetime
from zoneinfo import ZoneInfo

FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y",
    "%m/%d/%y %H:%M",
    "%m/%d/%y",
)


def parse_moment(text: str, *, zone: ZoneInfo) -> datetime | None:
    """An aware datetime from what a spreadsheet holds, read as local time of the library (noon when only a
    date is given, so the day is the same in every zone); None when it cannot be read."""
    value = re.sub(r"\s+", " ", (text or "").strip()).upper().replace(".", "")
    if not value:
        return None
    for fmt in FORMATS:
        try:
            moment = datetime.strptime(value, fmt)
        except ValueError:
            continue
        if "%H" not in fmt and "%I" not in fmt:
            moment = moment.replace(hour=12)
        return moment.replace(tzinfo=zone)
    try:  # an ISO value with its own offset, as Sheets exports
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    offset = moment.utcoffset()
    # Real offsets lie within ±14 hours; anything else is a typo a database would refuse.
    return moment if offset is not None and abs(offset.total_seconds()) <= 14 * 3600 else None


# How each format reads to a person, with the same example day (5 March 2024, 2:30 in the afternoon).
FORMAT_EXAMPLES = {
    "%Y-%m-%d %H:%M:%S": "2024-03-05 14:30:00",
    "%Y-%m-%d %H:%M": "2024-03-05 14:30",
    "%Y-%m-%dT%H:%M:%S": "2024-03-05T14:30:00",
    "%Y-%m-%dT%H:%M": "2024-03-05T14:30",
    "%Y-%m-%d": "2024-03-05",
    "%m/%d/%Y %H:%M:%S": "3/5/2024 14:30:00",
    "%m/%d/%Y %H:%M": "3/5/2024 14:30",
    "%m/%d/%Y %I:%M:%S %p": "3/5/2024 2:30:00 PM",
    "%m/%d/%Y %I:%M %p": "3/5/2024 2:30 PM",
    "%m/%d/%Y": "3/5/2024",
    "%m/%d/%y %H:%M": "3/5/24 14:30",
    "%m/%d/%y": "3/5/24",
}


def date_formats_found(texts) -> list[tuple[str, int]]:
    """How the dates of a column are written: each form found (as an example) with its count, and
    "" for the values that cannot be read; blanks are not counted."""
    counts: dict[str, int] = {}
    for text in texts:
        value = re.sub(r"\s+", " ", (text or "").strip()).upper().replace(".", "")
        if not value:
            continue
        found = ""
        for fmt in FORMATS:
            try:
                datetime.strptime(value, fmt)
            except ValueError:
                continue
            found = FORMAT_EXAMPLES[fmt]
            break
        if not found:
            try:
                datetime.fromisoformat(text.strip())
                found = "2024-03-05T14:30:00-06:00"
            except ValueError:
                found = ""
        counts[found] = counts.get(found, 0) + 1
    return sorted(counts.items(), key=lambda item: (item[0] == "", -item[1]))


def parse_day(text: str, *, zone: ZoneInfo):
    """The calendar day a cell names (a time given with it is ignored), in the library's time zone."""
    moment = parse_moment(text, zone=zone)
    return moment.astimezone(zone).date() if moment is not None else None


# Words every branch name shares say nothing about which branch is meant.
COMMON_WORDS = {"branch", "library", "public", "the", "lib", "biblioteca", "sucursal", "de", "la"}


def _norm(text: str) -> str:
    words = re.sub(r"[^a-z0-9áéíóúñü]+", " ", text.lower()).split()
    return " ".join(w for w in words if w not in COMMON_WORDS) or " ".join(words)


def suggest(text: str, choices: dict[str, str], *, cutoff: float = 0.6) -> str | None:
    """The key of `choices` ({key: label}) whose label (or key) is most like `text`, or None."""
    wanted = _norm(text)
    if not wanted:
        return None
    names = {}
    for key, label in choices.items():
        names[_norm(str(label))] = key
        names[_norm(str(key))] = key
    for name, key in names.items():  # "Main library" in "Central (Main library)"
        if len(wanted) > 3 and len(name) > 3 and (wanted in name or name in wanted):
            return key
    found = difflib.get_close_matches(wanted, list(names), n=1, cutoff=cutoff)
    return names[found[0]] if found else None
