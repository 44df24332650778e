//! Dates, in one place: publication dates given with the input, normalized
//! to `YYYY-MM-DD`; the number `YYYYMMDD` the index files them under; and
//! the days a search is limited to.

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

/// A valid `YYYY-MM-DD` day (a date alone, no time) as the number `YYYYMMDD`.
pub fn parse_day(date: &str) -> Option<i64> {
    match normalize_date(date) {
        Some(day) if day == date => date_number(&day),
        _ => None,
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
