//! Dates, in one place: publication dates given with the input, normalized
//! to `YYYY-MM-DD`; the number `YYYYMMDD` the index files them under; and
//! the days a search is limited to ([`Day`]).

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// `s` as a `YYYY-MM-DD` date, if it is one: either exactly `YYYY-MM-DD`,
/// or an RFC 3339 / ISO 8601 timestamp starting with one (`2024-07-08T20:02:00Z`,
/// `2024-07-08 20:02:00+03:00`, `2024-07-08T20:02`), surrounding whitespace
/// ignored. The date is kept as written, not converted to UTC. The date is
/// validated: year 0001 to 9999, month 1 to 12, a day that exists in that
/// month (leap years included).
///
/// ```
/// use newsearch::ingest::normalize_date;
/// assert_eq!(normalize_date("2024-07-08T20:02:00Z").as_deref(), Some("2024-07-08"));
/// assert_eq!(normalize_date("2023-02-29"), None);
/// ```
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    let bytes = s.as_bytes();
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = digits(&bytes[0..4])?;
    let month = digits(&bytes[5..7])?;
    let day = digits(&bytes[8..10])?;
    if year == 0 || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let rest = &bytes[10..];
    if !rest.is_empty() && !is_time(rest) {
        return None;
    }
    Some(s[..10].to_string())
}

/// The value of a run of ASCII digits.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, &d| {
        d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `Thh:mm...` (or with a space or `t`): a valid hour and minute; what
/// follows (seconds, fraction, offset) is not checked further.
fn is_time(rest: &[u8]) -> bool {
    if rest.len() < 6 || !matches!(rest[0], b'T' | b't' | b' ') || rest[3] != b':' {
        return false;
    }
    let hour = digits(&rest[1..3]);
    let minute = digits(&rest[4..6]);
    matches!((hour, minute), (Some(h), Some(m)) if h < 24 && m < 60)
}

/// `YYYY-MM-DD` as the number `YYYYMMDD`, which orders like the date.
pub(crate) fn date_number(date: &str) -> Option<i64> {
    let bytes = date.as_bytes();
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let digits: String = [&date[0..4], &date[5..7], &date[8..10]].concat();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A calendar day, as given to the date filters and read from the index.
///
/// ```
/// use newsearch::Day;
/// let day: Day = "2024-02-29".parse().unwrap();
/// assert_eq!(day.to_string(), "2024-02-29");
/// assert!("2023-02-29".parse::<Day>().is_err());
/// assert!(day < "2024-03-01".parse().unwrap());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// `YYYYMMDD`, which orders like the day and is what the index holds.
    number: i64,
}

impl Day {
    /// The day of the number `YYYYMMDD` the index holds, if valid.
    pub(crate) fn from_number(number: i64) -> Option<Day> {
        let (year, month, day) = (number / 10_000, number / 100 % 100, number % 100);
        Day::from_str(&format!("{year:04}-{month:02}-{day:02}")).ok()
    }

    /// The day as the number `YYYYMMDD`.
    pub(crate) fn number(self) -> i64 {
        self.number
    }
}

impl FromStr for Day {
    type Err = Error;

    /// A valid `YYYY-MM-DD` (a date alone, no time).
    fn from_str(date: &str) -> Result<Day> {
        match normalize_date(date) {
            Some(day) if day == date => date_number(&day)
                .map(|number| Day { number })
                .ok_or_else(|| not_a_date(date)),
            _ => Err(not_a_date(date)),
        }
    }
}

fn not_a_date(date: &str) -> Error {
    Error::InvalidOption(format!(
        "'{date}' is not a date; write it as YYYY-MM-DD (2024-07-08)"
    ))
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.number;
        write!(f, "{:04}-{:02}-{:02}", n / 10_000, n / 100 % 100, n % 100)
    }
}

impl serde::Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2024-07-08", Some("2024-07-08")),
            (" 2024-07-08 ", Some("2024-07-08")),
            ("2024-07-08T20:02:00Z", Some("2024-07-08")),
            ("2024-07-08t20:02:00.123+03:00", Some("2024-07-08")),
            ("2024-07-08 20:02:00", Some("2024-07-08")),
            ("2024-07-08T20:02", Some("2024-07-08")),
            ("2024-02-29", Some("2024-02-29")),
            ("2000-02-29", Some("2000-02-29")),
            ("1900-02-29", None),
            ("2023-02-29", None),
            ("2024-04-31", None),
            ("2024-13-01", None),
            ("2024-00-10", None),
            ("2024-01-00", None),
            ("0000-01-01", None),
            ("2024-7-8", None),
            ("2024/07/08", None),
            ("08-07-2024", None),
            ("2024-07-08T25:00:00Z", None),
            ("2024-07-08X", None),
            ("2024-07-08Tnoon", None),
            ("", None),
            ("yesterday", None),
            ("２０２４-07-08", None),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_date(input).as_deref(), *want, "input {input:?}");
        }
    }
}
