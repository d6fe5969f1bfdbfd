//! Dates without a date crate: ISO-8601 parsing to epoch milliseconds and back to civil days.
//! Everything time-dependent takes `now` as an input, so results are deterministic.

pub const MS_PER_DAY: i64 = 86_400_000;

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) for days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn num(s: &[u8]) -> Option<i64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0i64, |a, &b| a * 10 + (b - b'0') as i64))
}

/// Parses `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM[:SS[.fff]]`, and an
/// optional `Z` or `±HH:MM` / `±HHMM` offset, with or without a space before it (no offset means
/// UTC). Returns epoch milliseconds. Nothing else is guessed: "11/20/2026" could be two dates.
/// Years outside 1900..=2200 are rejected: they are typos in support data, not history.
pub fn parse_iso(s: &str) -> Result<i64, String> {
    let b = s.trim().as_bytes();
    let bad = || {
        format!(
            "\"{}\" is not an ISO-8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)",
            crate::util::clip(s, 40)
        )
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let (y, m, d) = (
        num(&b[0..4]).ok_or_else(bad)?,
        num(&b[5..7]).ok_or_else(bad)? as u32,
        num(&b[8..10]).ok_or_else(bad)? as u32,
    );
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return Err(format!(
            "\"{}\" is not a valid calendar date",
            crate::util::clip(s, 40)
        ));
    }
    if !(1900..=2200).contains(&y) {
        return Err(format!(
            "\"{}\": year {y} is outside 1900 to 2200 (a typo?)",
            crate::util::clip(s, 40)
        ));
    }
    let mut ms = days_from_civil(y, m, d) * MS_PER_DAY;
    let rest = &b[10..];
    if rest.is_empty() {
        return Ok(ms);
    }
    if rest[0] != b'T' && rest[0] != b't' && rest[0] != b' ' {
        return Err(bad());
    }
    let t = &rest[1..];
    if t.len() < 5 || t[2] != b':' {
        return Err(bad());
    }
    let hh = num(&t[0..2]).ok_or_else(bad)?;
    let mm = num(&t[3..5]).ok_or_else(bad)?;
    let mut i = 5;
    let mut ss = 0;
    let mut frac_ms = 0;
    if t.len() >= 8 && t[5] == b':' {
        ss = num(&t[6..8]).ok_or_else(bad)?;
        i = 8;
        if i < t.len() && (t[i] == b'.' || t[i] == b',') {
            let start = i + 1;
            let mut end = start;
            while end < t.len() && t[end].is_ascii_digit() {
                end += 1;
            }
            if end == start {
                return Err(bad());
            }
            let digits = &t[start..end.min(start + 3)];
            frac_ms = num(digits).unwrap_or(0) * 10i64.pow(3 - digits.len() as u32);
            i = end;
        }
    }
    if hh > 24 || mm > 59 || ss > 60 {
        return Err(format!(
            "\"{}\" has an invalid time of day",
            crate::util::clip(s, 40)
        ));
    }
    ms += ((hh * 60 + mm) * 60 + ss) * 1000 + frac_ms;
    // shop exports put a space before the offset: "2026-11-20 10:15:00 -0500"
    let z = t[i..].trim_ascii_start();
    match z {
        [] | [b'Z'] | [b'z'] => Ok(ms),
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let digits: Vec<u8> = rest.iter().copied().filter(|c| *c != b':').collect();
            if digits.len() != 4 && digits.len() != 2 {
                return Err(bad());
            }
            let oh = num(&digits[0..2]).ok_or_else(bad)?;
            let om = if digits.len() == 4 {
                num(&digits[2..4]).ok_or_else(bad)?
            } else {
                0
            };
            if oh > 14 || om > 59 {
                return Err(bad());
            }
            let off = (oh * 60 + om) * 60_000;
            Ok(if *sign == b'+' { ms - off } else { ms + off })
        }
        _ => Err(bad()),
    }
}

/// `YYYY-MM-DD` of epoch milliseconds (UTC).
pub fn format_date(ms: i64) -> String {
    let mut out = String::with_capacity(10);
    push_date(&mut out, ms);
    out
}

/// Appends `YYYY-MM-DD`, as `format!("{y:04}-{m:02}-{d:02}")` would (a negative year's sign
/// counts in the four places).
pub fn push_date(out: &mut String, ms: i64) {
    use crate::util::push_digits;
    let (y, m, d) = civil_from_days(ms.div_euclid(MS_PER_DAY));
    if y < 0 {
        out.push('-');
        push_digits(out, y.unsigned_abs(), 3);
    } else {
        push_digits(out, y as u64, 4);
    }
    out.push('-');
    push_digits(out, m as u64, 2);
    out.push('-');
    push_digits(out, d as u64, 2);
}

/// Days from `now` until the next yearly recurrence of the month/day of `date_ms` (0 = today).
/// A 29 February date recurs on 28 February in common years.
pub fn days_until_yearly(date_ms: i64, now_ms: i64) -> i64 {
    let (_, m, d) = civil_from_days(date_ms.div_euclid(MS_PER_DAY));
    let today = now_ms.div_euclid(MS_PER_DAY);
    let (ny, _, _) = civil_from_days(today);
    for y in [ny, ny + 1] {
        let dd = d.min(days_in_month(y, m));
        let t = days_from_civil(y, m, dd);
        if t >= today {
            return t - today;
        }
    }
    365
}

/// The day of the week of a day since 1970-01-01: Monday 0 to Sunday 6 (1970-01-01 was a
/// Thursday).
pub fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_of_known_dates() {
        // Zeller's congruence as the reference (Saturday 0 there), over 4,000 years each side
        let zeller = |y: i64, m: u32, d: u32| {
            let (y, m) = if m < 3 {
                (y - 1, m as i64 + 12)
            } else {
                (y, m as i64)
            };
            let (k, j) = (y.rem_euclid(100), y.div_euclid(100));
            (d as i64 + 13 * (m + 1) / 5 + k + k / 4 + j.div_euclid(4) + 5 * j).rem_euclid(7)
        };
        for day in (-1_500_000..1_500_000).step_by(7_919) {
            let (y, m, d) = civil_from_days(day);
            assert_eq!((weekday(day) + 2) % 7, zeller(y, m, d), "{y}-{m}-{d}");
        }
        // 2026-12-03 is a Thursday
        assert_eq!(weekday(days_from_civil(2026, 12, 3)), 3);
    }

    #[test]
    fn dates_written_by_hand_as_format_would() {
        // every 997th day from year -1200 to 9999, and the ends of months around them
        let (lo, hi) = (-1_158_000 * MS_PER_DAY, 2_932_896 * MS_PER_DAY);
        let mut ms = lo;
        while ms < hi {
            for d in [0, 1, 27, 28, 29, 30] {
                let t = ms + d * MS_PER_DAY;
                let (y, m, dd) = civil_from_days(t.div_euclid(MS_PER_DAY));
                assert_eq!(format_date(t), format!("{y:04}-{m:02}-{dd:02}"));
            }
            ms += 997 * MS_PER_DAY;
        }
    }

    #[test]
    fn parses_common_iso_shapes() {
        assert_eq!(parse_iso("1970-01-01").unwrap(), 0);
        assert_eq!(parse_iso("1970-01-02T00:00:00Z").unwrap(), MS_PER_DAY);
        assert_eq!(parse_iso("1970-01-01T01:00:00+01:00").unwrap(), 0);
        assert_eq!(parse_iso("1970-01-01 00:00:01.5").unwrap(), 1500);
        assert_eq!(
            parse_iso("2026-11-23T12:00Z").unwrap(),
            parse_iso("2026-11-23T12:00:00.000Z").unwrap()
        );
    }

    #[test]
    fn rejects_nonsense_with_the_value_named() {
        for s in [
            "",
            "yesterday",
            "2026-13-01",
            "2026-02-30",
            "2026-11-23T25:00",
            "2026-11-23X",
            "0001-01-01",
        ] {
            let e = parse_iso(s).unwrap_err();
            assert!(e.contains('"'), "{e}");
        }
        // a real date in a year no support history has is said to be that, not "invalid"
        assert!(parse_iso("2999-05-01")
            .unwrap_err()
            .contains("year 2999 is outside 1900 to 2200"));
        assert!(parse_iso("2026-02-30")
            .unwrap_err()
            .contains("not a valid calendar date"));
        // MySQL's zero date is no date, not a year typo
        for s in ["0000-00-00", "2999-02-30"] {
            assert!(parse_iso(s)
                .unwrap_err()
                .contains("not a valid calendar date"));
        }
    }

    #[test]
    fn civil_round_trip() {
        for z in [-800_000, -1, 0, 1, 20_000, 60_000, 400_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn yearly_recurrence() {
        let now = parse_iso("2026-11-23").unwrap();
        assert_eq!(days_until_yearly(parse_iso("1990-11-25").unwrap(), now), 2);
        assert_eq!(days_until_yearly(parse_iso("1990-11-23").unwrap(), now), 0);
        assert_eq!(days_until_yearly(parse_iso("1990-01-02").unwrap(), now), 40);
    }
}
