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
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1usize;
    let mut record_line = 1usize;
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
                    records.push(Record {
                        line: record_line,
                        fields: std::mem::take(&mut fields),
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
        return (
            records,
            Some(CsvError {
                line: quote_line,
                message: format!(
                    "quoted field opened on line {quote_line} is never closed (truncated file?)"
                ),
            }),
        );
    }
    if any && (!field.is_empty() || !fields.is_empty()) {
        fields.push(field);
        records.push(Record {
            line: record_line,
            fields,
        });
    }
    (records, None)
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
    fn truncated_quote_is_reported_with_its_line() {
        let (r, e) = parse("a,b\n1,\"open\nstill");
        assert_eq!(r.len(), 1);
        assert_eq!(e.unwrap().line, 2);
    }
}
