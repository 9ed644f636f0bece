//! Times in the event log: RFC 3339 timestamps (`2000-01-01T08:00:01.234Z`), read as the
//! port's local clock. A run's simulated time zero is midnight of day [`BASE_DATE`]; a log
//! read for replay starts at midnight of its first event's date.

use crate::sim::time::{MS_PER_DAY, SimTime};

/// The date a written log gives simulated day 0 (an arbitrary, documented choice).
pub const BASE_DATE: (i64, u32, u32) = (2000, 1, 1);

/// A timestamp as the port's local clock: days since 1970-01-01 and milliseconds into the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocalTime {
    /// Days since 1970-01-01.
    pub day: i64,
    /// Milliseconds since midnight.
    pub ms: u64,
}

impl LocalTime {
    /// Milliseconds since midnight of day `day0`, if it is not before it.
    pub fn since(self, day0: i64) -> Option<SimTime> {
        let days = u64::try_from(self.day - day0).ok()?;
        Some(SimTime(days * MS_PER_DAY + self.ms))
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = i64::from(month);
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day counted from 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The timestamp of simulated time `at` in a written log.
pub fn format(at: SimTime) -> String {
    let base = days_from_civil(BASE_DATE.0, BASE_DATE.1, BASE_DATE.2);
    let (year, month, day) = civil_from_days(base + (at.0 / MS_PER_DAY) as i64);
    let ms = at.0 % MS_PER_DAY;
    let (h, m, s, milli) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{milli:03}Z")
}

/// Reads an RFC 3339 timestamp (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, `T` or a space)
/// as the local clock it shows; sub-millisecond digits are dropped.
pub fn parse(text: &str) -> Result<LocalTime, String> {
    let bad = || format!("`{text}` is not an RFC 3339 time like 2024-03-05T07:58:12.250Z");
    let b = text.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return Err(bad());
    }
    let num = |from: usize, to: usize| {
        text.get(from..to)
            .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|s| s.parse::<u32>().ok())
    };
    let (Some(year), Some(month), Some(day), Some(h), Some(m), Some(s)) =
        (num(0, 4), num(5, 7), num(8, 10), num(11, 13), num(14, 16), num(17, 19))
    else {
        return Err(bad());
    };
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return Err(format!("`{text}`: month {month} does not exist")),
    };
    if day == 0 || day > days_in_month || h > 23 || m > 59 || s > 60 {
        return Err(format!("`{text}`: no such date or time of day"));
    }
    let mut rest = &text[19..];
    let mut milli = 0u64;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad());
        }
        let padded = format!("{:0<3}", &fraction[..digits.min(3)]);
        milli = padded.parse().map_err(|_| bad())?;
        rest = &fraction[digits..];
    }
    let zone_ok = matches!(rest, "Z" | "z")
        || (rest.len() == 6
            && matches!(rest.as_bytes()[0], b'+' | b'-')
            && rest.as_bytes()[3] == b':'
            && rest[1..3].bytes().chain(rest[4..].bytes()).all(|c| c.is_ascii_digit()));
    if !zone_ok {
        return Err(format!("`{text}`: the time needs a zone, `Z` or an offset like +01:00"));
    }
    let ms = (u64::from(h) * 3600 + u64::from(m) * 60 + u64::from(s.min(59))) * 1000 + milli;
    Ok(LocalTime {
        day: days_from_civil(i64::from(year), month, day),
        ms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_times_read_back_to_the_same_millisecond() {
        for ms in [0, 1, 999, 3_600_000, 86_399_999, 86_400_000 + 12_345, 40 * 86_400_000 + 7] {
            let text = format(SimTime(ms));
            let base = days_from_civil(2000, 1, 1);
            assert_eq!(parse(&text).unwrap().since(base), Some(SimTime(ms)), "{text}");
        }
        assert_eq!(format(SimTime(8 * 3_600_000 + 1234)), "2000-01-01T08:00:01.234Z");
    }

    #[test]
    fn dates_convert_both_ways() {
        for days in [-800_000, -1, 0, 10_957, 19_787, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28), 2);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
    }

    #[test]
    fn offsets_and_fractions_are_read_as_the_local_clock() {
        let t = parse("2024-03-05 07:58:12.25+01:00").unwrap();
        assert_eq!(t.ms, (7 * 3600 + 58 * 60 + 12) * 1000 + 250);
        assert!(parse("2024-02-30T00:00:00Z").unwrap_err().contains("no such date"));
        assert!(parse("2024-03-05T07:58:12").unwrap_err().contains("zone"));
        assert!(parse("yesterday").is_err());
    }
}
