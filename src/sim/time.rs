//! Simulation time: integer milliseconds since the start of the run.

use std::fmt;
use std::ops::{Add, Sub};

use serde::{Deserialize, Serialize};

/// A point in simulated time, in milliseconds since the run began.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SimTime(pub u64);

/// Milliseconds in one second.
pub const MS_PER_S: u64 = 1_000;
/// Milliseconds in one minute.
pub const MS_PER_MIN: u64 = 60 * MS_PER_S;
/// Milliseconds in one hour.
pub const MS_PER_HOUR: u64 = 60 * MS_PER_MIN;
/// Milliseconds in one day.
pub const MS_PER_DAY: u64 = 24 * MS_PER_HOUR;

impl SimTime {
    /// The start of the run.
    pub const ZERO: SimTime = SimTime(0);
    /// Later than any event.
    pub const NEVER: SimTime = SimTime(u64::MAX);

    /// From seconds, rounded to the nearest millisecond (negative becomes zero).
    pub fn from_secs_f64(seconds: f64) -> SimTime {
        SimTime((seconds * MS_PER_S as f64).round().max(0.0) as u64)
    }

    /// From whole hours.
    pub fn from_hours(hours: u64) -> SimTime {
        SimTime(hours * MS_PER_HOUR)
    }

    /// As seconds.
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / MS_PER_S as f64
    }

    /// Hour of the day, 0..24.
    pub fn hour_of_day(self) -> usize {
        ((self.0 % MS_PER_DAY) / MS_PER_HOUR) as usize
    }

    /// Start of the hour after this instant.
    pub fn next_hour(self) -> SimTime {
        SimTime((self.0 / MS_PER_HOUR + 1) * MS_PER_HOUR)
    }

    /// Start of the day containing this instant.
    pub fn day_start(self) -> SimTime {
        SimTime(self.0 / MS_PER_DAY * MS_PER_DAY)
    }
}

impl Add for SimTime {
    type Output = SimTime;
    fn add(self, rhs: SimTime) -> SimTime {
        SimTime(self.0.saturating_add(rhs.0))
    }
}

impl Sub for SimTime {
    type Output = SimTime;
    fn sub(self, rhs: SimTime) -> SimTime {
        SimTime(self.0.saturating_sub(rhs.0))
    }
}

impl fmt::Display for SimTime {
    /// `d2 08:30:05` style (the day only from the second day on).
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let day = self.0 / MS_PER_DAY;
        let in_day = self.0 % MS_PER_DAY;
        let (h, m, s) = (in_day / MS_PER_HOUR, in_day / MS_PER_MIN % 60, in_day / MS_PER_S % 60);
        if day > 0 {
            write!(f, "d{} ", day + 1)?;
        }
        write!(f, "{h:02}:{m:02}:{s:02}")
    }
}

/// Parses a time of day, `"HH:MM"` or `"HH:MM:SS"`, optionally prefixed by a day (`"d2 06:15"`).
pub fn parse_clock(text: &str) -> Result<SimTime, String> {
    let text = text.trim();
    let (day, clock) = match text.split_once(' ') {
        Some((d, c)) => {
            let day: u64 = d
                .strip_prefix('d')
                .and_then(|n| n.parse().ok())
                .filter(|&n| n >= 1)
                .ok_or_else(|| format!("\"{text}\": a day prefix looks like \"d2\" (days count from 1)"))?;
            (day - 1, c)
        }
        None => (0, text),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if parts.len() > 1
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts.iter().any(|p| p.len() == 1)
    {
        let padded: Vec<String> = parts.iter().map(|p| format!("{p:0>2}")).collect();
        return Err(format!(
            "\"{text}\": write hours, minutes and seconds with two digits each, as in \"{}\"",
            padded.join(":")
        ));
    }
    let number = |s: &str, max: u64| {
        let digits = s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| s.parse::<u64>().ok()).flatten().filter(|&n| n < max)
    };
    let parsed = match parts.as_slice() {
        [h, m] => number(h, 24).zip(number(m, 60)).map(|(h, m)| (h, m, 0)),
        [h, m, s] => number(h, 24).zip(number(m, 60)).zip(number(s, 60)).map(|((h, m), s)| (h, m, s)),
        _ => None,
    };
    let (h, m, s) = parsed.ok_or_else(|| format!("\"{text}\" is not a time of day like \"08:30\" or \"08:30:15\""))?;
    Ok(SimTime(day * MS_PER_DAY + h * MS_PER_HOUR + m * MS_PER_MIN + s * MS_PER_S))
}

/// Parses a span of time: a positive number with a unit, `2h`, `90min`, `45s`, `1.5h`.
pub fn parse_span(text: &str) -> Result<SimTime, String> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let scale = match unit {
        "h" => MS_PER_HOUR,
        "min" | "m" => MS_PER_MIN,
        "s" => MS_PER_S,
        _ => return Err(format!("\"{text}\" is not a span of time like \"2h\", \"90min\" or \"45s\"")),
    };
    match number.parse::<f64>() {
        Ok(n) if n > 0.0 && (n * scale as f64) < 1e15 => Ok(SimTime((n * scale as f64).round() as u64)),
        _ => Err(format!("\"{text}\": the span must be a positive number with a unit, like \"2h\"")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_clock_times() {
        assert_eq!(parse_clock("08:30").unwrap(), SimTime(8 * MS_PER_HOUR + 30 * MS_PER_MIN));
        assert_eq!(parse_clock("d2 00:00:01").unwrap(), SimTime(MS_PER_DAY + MS_PER_S));
        assert_eq!(parse_clock("d2 06:15").unwrap().to_string(), "d2 06:15:00");
        for bad in ["24:00", "8h30", "08:60", "d0 01:00", "x 01:00", "", "+8:30", "08:3"] {
            assert!(parse_clock(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_clock("6:00").unwrap_err(),
            "\"6:00\": write hours, minutes and seconds with two digits each, as in \"06:00\""
        );
    }

    #[test]
    fn parses_spans() {
        assert_eq!(parse_span("2h").unwrap(), SimTime::from_hours(2));
        assert_eq!(parse_span("90min").unwrap(), SimTime(90 * MS_PER_MIN));
        assert_eq!(parse_span("1.5h").unwrap(), SimTime(90 * MS_PER_MIN));
        assert_eq!(parse_span("45s").unwrap(), SimTime(45 * MS_PER_S));
        for bad in ["", "2", "h", "-1h", "0h", "2 days", "nanh"] {
            assert!(parse_span(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hours_and_days() {
        let t = SimTime(MS_PER_DAY + 5 * MS_PER_HOUR + 1);
        assert_eq!(t.hour_of_day(), 5);
        assert_eq!(t.next_hour(), SimTime(MS_PER_DAY + 6 * MS_PER_HOUR));
        assert_eq!(t.day_start(), SimTime(MS_PER_DAY));
    }
}
