"""Simulated times from Python: seconds, ``"HH:MM[:SS]"`` or ``"d2 06:15"``, or a timedelta."""

from __future__ import annotations

import datetime
from typing import Union

Time = Union[int, float, str, datetime.timedelta]


def seconds(time: Time) -> float:
    """Seconds since the start of the run."""
    if isinstance(time, datetime.timedelta):
        return time.total_seconds()
    if isinstance(time, (int, float)):
        return float(time)
    text = time.strip()
    day = 0
    if " " in text:
        prefix, text = text.split(" ", 1)
        if not (prefix.startswith("d") and prefix[1:].isdigit() and int(prefix[1:]) >= 1):
            raise ValueError(f'"{time}": a day prefix looks like "d2" (days count from 1)')
        day = int(prefix[1:]) - 1
    parts = text.split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        raise ValueError(f'"{time}" is not a time of day: write "HH:MM" or "HH:MM:SS"')
    h, m = int(parts[0]), int(parts[1])
    s = int(parts[2]) if len(parts) == 3 else 0
    if h >= 24 or m >= 60 or s >= 60:
        raise ValueError(f'"{time}" is not a time of day')
    return float(((day * 24 + h) * 60 + m) * 60 + s)


def clock(time_s: float) -> str:
    """``"HH:MM:SS"`` (``"d2 HH:MM:SS"`` from the second day on), rounded up to the second."""
    whole = int(-(-time_s // 1))
    day, rest = divmod(whole, 86400)
    text = f"{rest // 3600:02}:{rest // 60 % 60:02}:{rest % 60:02}"
    return f"d{day + 1} {text}" if day else text


_UNITS = {"s": 1.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


def span(length: "Time") -> float:
    """A length of simulated time in seconds: a number of seconds, a timedelta, or text as the
    command line takes it (``"2h"``, ``"90min"``, ``"30s"``, ``"1d"``)."""
    if isinstance(length, (int, float, datetime.timedelta)):
        return seconds(length)
    text = length.strip()
    for unit in sorted(_UNITS, key=len, reverse=True):
        number = text[: -len(unit)].strip()
        if text.endswith(unit) and number.replace(".", "", 1).isdigit():
            return float(number) * _UNITS[unit]
    raise ValueError(f'"{length}" is not a length of time: write e.g. "2h", "90min", "30s" or a number of seconds')
