//! JSON-RPC framing over a byte stream (`Content-Length` headers), robust
//! to bad input: a malformed message gets an error response and the
//! stream goes on, where `lsp_server`'s own stdio transport would stop
//! reading.

use std::io::{BufRead, Write};
use std::sync::mpsc::{Receiver, Sender};

use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};

/// Messages bigger than this are refused (a client sending hundreds of
/// megabytes has lost its framing).
const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// What the reader hands to the server.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A message that could not be understood; it must be answered with
    /// this error (JSON-RPC: `id` is `null` when it could not be read).
    Malformed {
        id: Value,
        code: i32,
        message: String,
    },
}

/// What the writer sends to the client.
#[derive(Debug)]
pub enum Outgoing {
    Message(Message),
    /// A response `lsp_server::Response` cannot express (a `null` id).
    Raw(Value),
}

impl From<Message> for Outgoing {
    fn from(m: Message) -> Outgoing {
        Outgoing::Message(m)
    }
}

/// Reads messages until the end of the stream (or an `exit`
/// notification), sending each to `to_server`.
pub fn read_messages(mut input: impl BufRead, to_server: &Sender<Incoming>) {
    loop {
        let body = match read_frame(&mut input) {
            Frame::Body(b) => b,
            Frame::Bad(message) => {
                if to_server
                    .send(Incoming::Malformed {
                        id: Value::Null,
                        code: ErrorCode::ParseError as i32,
                        message,
                    })
                    .is_err()
                {
                    return;
                }
                continue;
            }
            Frame::End => return,
        };
        let incoming = parse_body(&body);
        let is_exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if to_server.send(incoming).is_err() || is_exit {
            return;
        }
    }
}

/// Writes everything the server sends until all senders are gone.
pub fn write_messages(mut output: impl Write, from_server: &Receiver<Outgoing>) {
    for out in from_server {
        let written = match out {
            Outgoing::Message(m) => m.write(&mut output),
            Outgoing::Raw(v) => write_raw(&mut output, &v),
        };
        if written.is_err() {
            // The client is gone; nothing more can be said.
            return;
        }
    }
}

fn write_raw(output: &mut impl Write, v: &Value) -> std::io::Result<()> {
    let text = v.to_string();
    write!(output, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    output.flush()
}

/// The error response for a malformed message.
pub fn error_response(id: &Value, code: i32, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

enum Frame {
    Body(Vec<u8>),
    /// Headers or body that cannot be read; the reader is positioned after
    /// them.
    Bad(String),
    End,
}

fn read_frame(input: &mut impl BufRead) -> Frame {
    let mut length: Option<usize> = None;
    let mut bad_header: Option<String> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        match input.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return Frame::End,
            Ok(_) => {}
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if !saw_header {
                // Blank lines between messages are tolerated.
                continue;
            }
            break;
        }
        saw_header = true;
        match line.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => {
                        bad_header = Some(format!("invalid Content-Length `{}`", value.trim()));
                    }
                }
            }
            Some(_) => {}
            None => bad_header = Some(format!("malformed header line `{}`", short(line))),
        }
    }
    if let Some(problem) = bad_header {
        // Without a trustworthy length the body cannot be skipped; what
        // follows is read as the next message's headers.
        return Frame::Bad(problem);
    }
    let Some(length) = length else {
        return Frame::Bad("message without a Content-Length header".into());
    };
    if length > MAX_MESSAGE_BYTES {
        return Frame::Bad(format!("message of {length} bytes is too large"));
    }
    let mut body = vec![0; length];
    if input.read_exact(&mut body).is_err() {
        return Frame::End;
    }
    Frame::Body(body)
}

fn short(s: &str) -> String {
    s.chars().take(60).collect()
}

/// A body as a message, or the error it deserves.
fn parse_body(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Malformed {
                id: Value::Null,
                code: ErrorCode::ParseError as i32,
                message: format!("the message is not JSON: {e}"),
            };
        }
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let invalid = |message: String| Incoming::Malformed {
        id: if matches!(id, Value::Number(_) | Value::String(_)) {
            id.clone()
        } else {
            Value::Null
        },
        code: ErrorCode::InvalidRequest as i32,
        message,
    };
    let Some(obj) = value.as_object() else {
        return invalid("a JSON-RPC message must be an object".into());
    };
    if let Some(method) = obj.get("method")
        && !method.is_string()
    {
        return invalid("`method` must be a string".into());
    }
    if !obj.contains_key("method") && !obj.contains_key("result") && !obj.contains_key("error") {
        return invalid(
            "a message needs `method` (request or notification) or `result`/`error` (response)"
                .into(),
        );
    }
    match serde_json::from_value::<Message>(value.clone()) {
        Ok(m) => Incoming::Message(m),
        Err(e) => invalid(format!("not a JSON-RPC message: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Incoming> {
        let (tx, rx) = std::sync::mpsc::channel();
        read_messages(std::io::Cursor::new(input.as_bytes().to_vec()), &tx);
        drop(tx);
        rx.into_iter().collect()
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn reads_requests_and_notifications() {
        let input = framed(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#)
            + &framed(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
        let got = frames(&input);
        assert_eq!(got.len(), 2);
        assert!(
            matches!(&got[0], Incoming::Message(Message::Request(r)) if r.method == "shutdown")
        );
        assert!(
            matches!(&got[1], Incoming::Message(Message::Notification(n)) if n.method == "initialized")
        );
    }

    #[test]
    fn bad_json_is_a_parse_error_and_reading_goes_on() {
        let input =
            framed("{not json") + &framed(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#);
        let got = frames(&input);
        assert_eq!(got.len(), 2);
        assert!(matches!(
            &got[0],
            Incoming::Malformed { id: Value::Null, code, .. } if *code == ErrorCode::ParseError as i32
        ));
        assert!(
            matches!(&got[1], Incoming::Message(Message::Request(r)) if r.method == "shutdown")
        );
    }

    #[test]
    fn structurally_wrong_messages_are_invalid_requests_with_their_id() {
        let got = frames(&(framed(r#"{"jsonrpc":"2.0","id":7,"method":12}"#) + &framed("[1,2]")));
        assert!(matches!(
            &got[0],
            Incoming::Malformed { id, code, .. }
                if *id == json!(7) && *code == ErrorCode::InvalidRequest as i32
        ));
        assert!(matches!(
            &got[1],
            Incoming::Malformed { id: Value::Null, code, .. } if *code == ErrorCode::InvalidRequest as i32
        ));
    }

    #[test]
    fn headers_without_length_are_reported_and_skipped() {
        let input = "X-Nothing: 1\r\n\r\n".to_string()
            + &framed(r#"{"jsonrpc":"2.0","method":"exit"}"#)
            + &framed(r#"{"jsonrpc":"2.0","method":"never-read"}"#);
        let got = frames(&input);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(&got[0], Incoming::Malformed { .. }));
        assert!(
            matches!(&got[1], Incoming::Message(Message::Notification(n)) if n.method == "exit")
        );
    }

    #[test]
    fn a_truncated_stream_ends_quietly() {
        let got = frames("Content-Length: 100\r\n\r\n{\"jsonrpc\"");
        assert!(got.is_empty());
    }
}
