//! RFC 4180 CSV reading: quoted fields with commas, quotes ("") and newlines, CRLF, LF or a
//! lone CR, a leading UTF-8 BOM. Each record keeps the line it started on, for row-level
//! reports. `Reader` takes the text in chunks and keeps its state between them, so a file
//! read piece by piece gives exactly the records of the whole file, in one pass over it.

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
    let e = for_each(text, |r| records.push(r));
    (records, e)
}

/// Calls `f` with each record in turn, without holding them all (a million-row file costs one
/// row at a time).
pub fn for_each(text: &str, mut f: impl FnMut(Record)) -> Option<CsvError> {
    let mut r = Reader::default();
    r.push(text, &mut f);
    r.finish(&mut f)
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
enum State {
    /// At the start of a field, outside quotes.
    #[default]
    FieldStart,
    /// Inside an unquoted field (a `"` here is text: `27" monitor`).
    Unquoted,
    InQuotes,
    /// A `"` inside quotes: `""` is a quote, anything else closed the field's quotes.
    QuoteInQuotes,
}

/// A streaming CSV reader: `push` the text chunk by chunk (split anywhere between
/// characters), then `finish`. Every byte is looked at once.
#[derive(Debug, Default)]
pub struct Reader {
    state: State,
    /// A `\r` was the last byte seen: a `\n` next makes it one CRLF line break.
    after_cr: bool,
    started: bool,
    fields: Vec<String>,
    field: Vec<u8>,
    /// Lines before the current one (0-based), and the line the record began on.
    line: usize,
    record_line: usize,
    quote_line: usize,
}

impl Reader {
    /// Reads `chunk`, calling `f` for each record it completes.
    pub fn push(&mut self, chunk: &str, f: &mut impl FnMut(Record)) {
        let mut b = chunk.as_bytes();
        if !self.started && !b.is_empty() {
            self.started = true;
            b = b.strip_prefix("\u{feff}".as_bytes()).unwrap_or(b);
        }
        let mut i = 0;
        while i < b.len() {
            // plain text inside a field is taken as one run, not byte by byte
            let stop: &[u8] = match self.state {
                State::InQuotes => b"\"\r\n",
                State::Unquoted => b",\r\n",
                _ => b"",
            };
            if !stop.is_empty() && !self.after_cr {
                let n = b[i..]
                    .iter()
                    .position(|x| stop.contains(x))
                    .unwrap_or(b.len() - i);
                self.field.extend_from_slice(&b[i..i + n]);
                i += n;
                if i == b.len() {
                    break;
                }
            }
            let c = b[i];
            i += 1;
            if std::mem::take(&mut self.after_cr) && c == b'\n' {
                continue; // the LF of a CRLF: the CR already broke the line
            }
            match (self.state, c) {
                (State::InQuotes, b'"') => self.state = State::QuoteInQuotes,
                (State::InQuotes, b'\r' | b'\n') => {
                    self.break_line(c);
                    self.field.push(b'\n');
                }
                (State::InQuotes, _) => self.field.push(c),
                (State::QuoteInQuotes, b'"') => {
                    self.field.push(b'"');
                    self.state = State::InQuotes;
                }
                (State::FieldStart, b'"') => {
                    self.state = State::InQuotes;
                    self.quote_line = self.line;
                }
                (_, b',') => {
                    self.end_field();
                    self.state = State::FieldStart;
                }
                (_, b'\r' | b'\n') => {
                    self.end_field();
                    self.break_line(c);
                    self.state = State::FieldStart;
                    let fields = std::mem::replace(&mut self.fields, Vec::with_capacity(8));
                    // a blank line is no record
                    if !(fields.len() == 1 && fields[0].is_empty()) {
                        f(Record {
                            line: self.record_line + 1,
                            fields,
                        });
                    }
                    self.record_line = self.line;
                }
                _ => {
                    self.field.push(c);
                    self.state = State::Unquoted;
                }
            }
        }
    }

    fn break_line(&mut self, c: u8) {
        self.line += 1;
        self.after_cr = c == b'\r';
    }

    fn end_field(&mut self) {
        let bytes = std::mem::take(&mut self.field);
        // chunks are whole strings split only at ASCII bytes here, so this is valid UTF-8
        let s = String::from_utf8(bytes).unwrap_or_default();
        self.fields.push(s);
    }

    /// Ends the text: the last record (without a line break) is given to `f`. A quoted field
    /// still open is an error naming the line where it began.
    pub fn finish(mut self, f: &mut impl FnMut(Record)) -> Option<CsvError> {
        if self.state == State::InQuotes {
            let line = self.quote_line + 1;
            return Some(CsvError {
                line,
                message: format!(
                    "quoted field opened on line {line} is never closed (truncated file?)"
                ),
            });
        }
        if !self.field.is_empty() || !self.fields.is_empty() {
            self.end_field();
            f(Record {
                line: self.record_line + 1,
                fields: self.fields,
            });
        }
        None
    }
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
