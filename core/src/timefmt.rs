//! Times as the platform writes them: always UTC, whole seconds.

use time::{OffsetDateTime, UtcOffset};

/// `2026-11-22T05:37:23Z`, for files and machines (ISO 8601).
pub fn iso_utc(at: OffsetDateTime) -> String {
    let [y, mo, d, h, mi, s] = parts(at);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// `2026-11-22 05:37:23 UTC`, for people.
pub fn readable_utc(at: OffsetDateTime) -> String {
    let [y, mo, d, h, mi, s] = parts(at);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC")
}

fn parts(at: OffsetDateTime) -> [i32; 6] {
    let at = at.to_offset(UtcOffset::UTC);
    [
        at.year(),
        i32::from(u8::from(at.month())),
        i32::from(at.day()),
        i32::from(at.hour()),
        i32::from(at.minute()),
        i32::from(at.second()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn times_are_written_in_utc_whole_seconds() {
        let at = datetime!(2026-11-22 11:07:23.9 +05:30);
        assert_eq!(iso_utc(at), "2026-11-22T05:37:23Z");
        assert_eq!(readable_utc(at), "2026-11-22 05:37:23 UTC");
    }
}
