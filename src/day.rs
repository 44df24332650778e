//! A calendar day, typed: parsed once from `YYYY-MM-DD`, compared as the
//! number `YYYYMMDD` the index holds.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

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
        match crate::ingest::normalize_date(date) {
            Some(day) if day == date => crate::index::writer::date_number(&day)
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

