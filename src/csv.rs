//! RFC 4180 CSV reading: quoted fields with commas, quotes ("") and newlines, CRLF or LF,
//! a leading UTF-8 BOM. Each record keeps the line it started on, for row-level reports.

#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// 1-based line number where the record starts in the file.
    pub line: usize,
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CsvError {
    pub line: usize,
    pub message: String,
}

/// Parses the whole text. An unterminated quoted field at the end of the input is an error
/// that names the line where the field began; the records before it are returned with it.
pub fn parse(text: &str) -> (Vec<Record>, Option<CsvError>) {
    let mut records = Vec::new();
    let e = for_each(text, 1, |r| records.push(r));
    (records, e)
}

/// Where the last complete record of `text` ends (after its line break, outside quotes): the
/// part a chunked reader can parse now; the rest waits for the next chunk.
pub fn complete_prefix(text: &str) -> usize {
    let (mut in_quotes, mut cut) = (false, 0);
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'"' => in_quotes = !in_quotes, // "" inside quotes toggles twice: no change
            b'\n' if !in_quotes => cut = i + 1,
            _ => {}
        }
    }
    cut
}

/// Calls `f` with each record in turn, without holding them all (a million-row file costs one
/// row at a time). `first_line` is the line `text` starts on in its file.
pub fn for_each(text: &str, first_line: usize, mut f: impl FnMut(Record)) -> Option<CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = first_line;
    let mut record_line = first_line;
    let mut in_quotes = false;
    let mut quote_line = 0usize;
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                in_quotes = true;
                quote_line = line;
                at_field_start = false;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                if !(fields.len() == 1 && fields[0].is_empty()) {
                    f(Record {
                        line: record_line,
                        fields: std::mem::replace(&mut fields, Vec::with_capacity(8)),
                    });
                } else {
                    fields.clear();
                }
                line += 1;
                record_line = line;
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if in_quotes {
        return Some(CsvError {
            line: quote_line,
            message: format!(
                "quoted field opened on line {quote_line} is never closed (truncated file?)"
            ),
        });
    }
    if any && (!field.is_empty() || !fields.is_empty()) {
        fields.push(field);
        f(Record {
            line: record_line,
            fields,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_newlines_crlf_bom() {
        let (r, e) = parse("\u{feff}a,b\r\n\"x, \"\"y\"\"\",\"two\r\nlines\"\r\n\r\nlast,1");
        assert!(e.is_none());
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].fields, ["a", "b"]);
        assert_eq!(r[1].fields, ["x, \"y\"", "two\nlines"]);
        assert_eq!(
            (r[2].line, r[2].fields.clone()),
            (5, vec!["last".to_string(), "1".to_string()])
        );
    }

    #[test]
    fn complete_prefix_stops_before_a_split_record() {
        let t = "a,b\n\"x\ny\",2\n3,\"open";
        assert_eq!(&t[..complete_prefix(t)], "a,b\n\"x\ny\",2\n");
        assert_eq!(complete_prefix("no break yet"), 0);
    }

    #[test]
    fn truncated_quote_is_reported_with_its_line() {
        let (r, e) = parse("a,b\n1,\"open\nstill");
        assert_eq!(r.len(), 1);
        assert_eq!(e.unwrap().line, 2);
    }
}
