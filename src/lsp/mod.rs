//! `pocketlint lsp`: the findings of `pocketlint check`, live in editors.
//!
//! The main thread reads messages, keeps the open buffers and answers
//! requests from the latest evaluation snapshot; a worker thread
//! evaluates (see [`worker`]). Nothing the client sends can stop the
//! server except `exit` or the end of its input.

mod actions;
mod convert;
mod documents;
mod navigate;
mod project;
mod transport;
mod worker;

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response, ResponseError};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use serde::Deserialize;

use crate::eval::Limits;
use crate::files::LineIndex;
use documents::{Document, Documents};
use transport::{Incoming, Outgoing};
use worker::{Job, Shared, Worker};

/// How the server evaluates (the command line sets these; a client's
/// `initializationOptions` may override them).
#[derive(Debug, Clone, Copy)]
pub struct ServerOptions {
    pub limits: Limits,
    /// How long edits must pause before evaluation starts.
    pub debounce: Duration,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            limits: Limits::default(),
            debounce: Duration::from_millis(DEFAULT_DEBOUNCE_MS),
        }
    }
}

/// Short: evaluation is cancelled by newer text anyway, so this only
/// gathers messages an editor sends together (a change and its save, the
/// files a checkout touches). Keystrokes come tens of milliseconds apart;
/// every millisecond waited here is a millisecond of latency.
const DEFAULT_DEBOUNCE_MS: u64 = 1;

/// `initializationOptions` a client may send.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct InitOptions {
    max_steps: Option<u64>,
    max_depth: Option<u32>,
    debounce_ms: Option<u64>,
}

/// Serves LSP on standard input and output; returns the exit status.
pub fn run_stdio(options: ServerOptions) -> i32 {
    serve(
        std::io::BufReader::new(std::io::stdin()),
        std::io::stdout(),
        options,
    )
}

/// Serves LSP over any pair of streams until `exit` or the end of input.
pub fn serve(input: impl BufRead + Send, output: impl Write + Send, options: ServerOptions) -> i32 {
    let (in_tx, in_rx) = mpsc::channel();
    let (out_tx, out_rx) = mpsc::channel();
    std::thread::scope(|s| {
        s.spawn(move || transport::read_messages(input, &in_tx));
        s.spawn(move || transport::write_messages(output, &out_rx));
        let mut server = Server::new(out_tx, options);
        let code = server.run(&in_rx);
        server.stop();
        code
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShutDown,
}

struct Server {
    out: Sender<Outgoing>,
    options: ServerOptions,
    state: State,
    docs: Documents,
    shared: Arc<Shared>,
    cancel: Arc<AtomicBool>,
    jobs: Option<Sender<Job>>,
    worker: Option<JoinHandle<()>>,
    roots: Vec<PathBuf>,
    /// The client applies versioned `documentChanges`.
    document_changes: bool,
    /// The client lets the server register file watchers.
    watch_files: bool,
}

impl Server {
    fn new(out: Sender<Outgoing>, options: ServerOptions) -> Server {
        Server {
            out,
            options,
            state: State::Uninitialized,
            docs: Documents::default(),
            shared: Arc::new(Shared::default()),
            cancel: Arc::new(AtomicBool::new(false)),
            jobs: None,
            worker: None,
            roots: Vec::new(),
            document_changes: false,
            watch_files: false,
        }
    }

    fn run(&mut self, input: &Receiver<Incoming>) -> i32 {
        for incoming in input {
            match incoming {
                Incoming::Malformed { id, code, message } => {
                    let _ = self.out.send(Outgoing::Raw(transport::error_response(
                        &id, code, &message,
                    )));
                }
                Incoming::Message(Message::Request(req)) => self.on_request(req),
                Incoming::Message(Message::Notification(n)) if n.method == "exit" => {
                    return i32::from(self.state != State::ShutDown);
                }
                Incoming::Message(Message::Notification(n)) => self.on_notification(n),
                // Answers to our own requests (watcher registration).
                Incoming::Message(Message::Response(_)) => {}
            }
        }
        // The input ended without `exit`.
        1
    }

    fn stop(&mut self) {
        self.jobs = None;
        self.cancel.store(true, Ordering::SeqCst);
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }

    fn respond(&self, response: Response) {
        let _ = self
            .out
            .send(Outgoing::Message(Message::Response(response)));
    }

    fn error(&self, id: RequestId, code: ErrorCode, message: impl Into<String>) {
        self.respond(Response::new_err(id, code as i32, message.into()));
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        let n = Notification::new(method.to_string(), params);
        let _ = self.out.send(Outgoing::Message(Message::Notification(n)));
    }

    fn log(&self, message: &str) {
        self.notify(
            lsp::notification::LogMessage::METHOD,
            lsp::LogMessageParams {
                typ: lsp::MessageType::WARNING,
                message: message.to_string(),
            },
        );
    }

    fn send_job(&self, job: Job) {
        if let Some(jobs) = &self.jobs
            && jobs.send(job).is_ok()
        {
            // Whatever is being evaluated now is out of date.
            self.cancel.store(true, Ordering::SeqCst);
        }
    }

    fn on_request(&mut self, req: Request) {
        let id = req.id.clone();
        match self.state {
            State::Uninitialized if req.method != lsp::request::Initialize::METHOD => {
                return self.error(
                    id,
                    ErrorCode::ServerNotInitialized,
                    "the server is not initialized yet",
                );
            }
            State::ShutDown => {
                return self.error(id, ErrorCode::InvalidRequest, "the server is shutting down");
            }
            _ => {}
        }
        // A bug in a handler answers that request with an error; the
        // server keeps serving.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.dispatch(req)));
        if outcome.is_err() {
            self.error(
                id,
                ErrorCode::InternalError,
                "internal error while answering the request",
            );
        }
    }

    fn dispatch(&mut self, req: Request) {
        use lsp::request as r;
        match req.method.as_str() {
            r::Initialize::METHOD => self.handle::<r::Initialize>(req, Server::initialize),
            r::Shutdown::METHOD => {
                self.state = State::ShutDown;
                self.respond(Response::new_ok(req.id, ()));
            }
            r::HoverRequest::METHOD => self.handle::<r::HoverRequest>(req, Server::hover),
            r::GotoDefinition::METHOD => self.handle::<r::GotoDefinition>(req, Server::definition),
            r::Completion::METHOD => self.handle::<r::Completion>(req, Server::completion),
            r::CodeActionRequest::METHOD => {
                self.handle::<r::CodeActionRequest>(req, Server::code_action);
            }
            other => self.error(
                req.id,
                ErrorCode::MethodNotFound,
                format!("pocketlint does not implement `{other}`"),
            ),
        }
    }

    fn handle<R: lsp::request::Request>(
        &mut self,
        req: Request,
        f: impl FnOnce(&mut Server, &R::Params) -> Result<R::Result, ResponseError>,
    ) {
        let params = match serde_json::from_value::<R::Params>(req.params) {
            Ok(p) => p,
            Err(e) => {
                return self.error(
                    req.id,
                    ErrorCode::InvalidParams,
                    format!("invalid parameters for `{}`: {e}", R::METHOD),
                );
            }
        };
        let response = match f(self, &params) {
            Ok(result) => Response::new_ok(req.id, result),
            Err(error) => Response {
                id: req.id,
                response_result: Err(error),
            },
        };
        self.respond(response);
    }

    fn initialize(
        &mut self,
        params: &lsp::InitializeParams,
    ) -> Result<lsp::InitializeResult, ResponseError> {
        if self.state != State::Uninitialized {
            return Err(invalid_request("the server is already initialized"));
        }
        if let Some(raw) = &params.initialization_options {
            match InitOptions::deserialize(raw) {
                Ok(o) => {
                    if let Some(n) = o.max_steps {
                        self.options.limits.max_steps = n;
                    }
                    if let Some(n) = o.max_depth {
                        self.options.limits.max_depth = n;
                    }
                    if let Some(ms) = o.debounce_ms {
                        self.options.debounce = Duration::from_millis(ms);
                    }
                }
                Err(e) => {
                    return Err(ResponseError {
                        code: ErrorCode::InvalidParams as i32,
                        message: format!("invalid initializationOptions: {e}"),
                        data: None,
                    });
                }
            }
        }
        let workspace = params.capabilities.workspace.as_ref();
        self.document_changes = workspace
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.document_changes)
            .unwrap_or(false);
        self.watch_files = workspace
            .and_then(|w| w.did_change_watched_files)
            .and_then(|c| c.dynamic_registration)
            .unwrap_or(false);
        #[allow(deprecated)]
        let mut roots: Vec<lsp::Uri> = params.root_uri.iter().cloned().collect();
        if let Some(folders) = &params.workspace_folders {
            roots = folders.iter().map(|f| f.uri.clone()).collect();
        }
        self.roots = roots
            .iter()
            .filter_map(convert::uri_to_path)
            .filter(|p| p.is_dir())
            .map(|p| crate::vfs::find_root(&p))
            .collect();

        let (jobs_tx, jobs_rx) = mpsc::channel();
        let worker = Worker::new(
            self.out.clone(),
            self.shared.clone(),
            self.cancel.clone(),
            worker::Options {
                limits: self.options.limits,
                debounce: self.options.debounce,
            },
        );
        self.worker = Some(
            std::thread::Builder::new()
                .name("pocketlint-lsp-worker".into())
                .spawn(move || worker.run(&jobs_rx))
                .map_err(|e| ResponseError {
                    code: ErrorCode::InternalError as i32,
                    message: format!("cannot start the evaluation thread: {e}"),
                    data: None,
                })?,
        );
        self.jobs = Some(jobs_tx);
        self.state = State::Running;
        Ok(lsp::InitializeResult {
            capabilities: capabilities(),
            server_info: Some(lsp::ServerInfo {
                name: "pocketlint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    fn on_notification(&mut self, n: Notification) {
        use lsp::notification as n_;
        if self.state == State::Uninitialized {
            // Only `exit` means anything before `initialize`.
            return;
        }
        let method = n.method.clone();
        let outcome = match method.as_str() {
            n_::Initialized::METHOD => {
                self.initialized();
                Ok(())
            }
            n_::DidOpenTextDocument::METHOD => parse(n).map(|p| self.did_open(p)),
            n_::DidChangeTextDocument::METHOD => parse(n).map(|p| self.did_change(&p)),
            n_::DidCloseTextDocument::METHOD => parse(n).map(|p| self.did_close(&p)),
            n_::DidSaveTextDocument::METHOD => parse(n).map(|p| self.did_save(&p)),
            n_::DidChangeWatchedFiles::METHOD => parse(n).map(|p| self.did_change_watched(p)),
            n_::DidChangeConfiguration::METHOD => {
                self.send_job(Job::Reconfigure);
                Ok(())
            }
            // `$/cancelRequest`, `$/setTrace` and other notifications the
            // server has no use for.
            _ => Ok(()),
        };
        if let Err(e) = outcome {
            self.log(&format!("pocketlint: ignored `{method}`: {e}"));
        }
    }

    fn initialized(&mut self) {
        if self.watch_files {
            let watchers = ["**/*.nix", "**/pocketlint.toml"]
                .into_iter()
                .map(|glob| lsp::FileSystemWatcher {
                    glob_pattern: lsp::GlobPattern::String(glob.into()),
                    kind: None,
                })
                .collect();
            let registration = lsp::Registration {
                id: "pocketlint-watched-files".into(),
                method: lsp::notification::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(
                    lsp::DidChangeWatchedFilesRegistrationOptions { watchers },
                )
                .ok(),
            };
            let req = Request::new(
                RequestId::from("pocketlint-register-watchers".to_string()),
                lsp::request::RegisterCapability::METHOD.into(),
                lsp::RegistrationParams {
                    registrations: vec![registration],
                },
            );
            let _ = self.out.send(Outgoing::Message(Message::Request(req)));
        }
        for root in self.roots.clone() {
            self.send_job(Job::Root(root));
        }
    }

    fn did_open(&mut self, p: lsp::DidOpenTextDocumentParams) {
        let Some(path) = local_path(&p.text_document.uri) else {
            return;
        };
        let text: Arc<str> = Arc::from(p.text_document.text.as_str());
        self.docs.open(
            path.clone(),
            Document {
                uri: p.text_document.uri.clone(),
                version: p.text_document.version,
                text: p.text_document.text,
            },
        );
        if is_nix(&path) {
            self.send_job(Job::Buffer {
                path,
                uri: p.text_document.uri,
                version: Some(p.text_document.version),
                text: Some(text),
            });
        }
    }

    fn did_change(&mut self, p: &lsp::DidChangeTextDocumentParams) {
        let Some(path) = local_path(&p.text_document.uri) else {
            return;
        };
        match self
            .docs
            .change(&path, p.text_document.version, &p.content_changes)
        {
            Ok(doc) => {
                let job = Job::Buffer {
                    path: path.clone(),
                    uri: doc.uri.clone(),
                    version: Some(doc.version),
                    text: Some(Arc::from(doc.text.as_str())),
                };
                if is_nix(&path) {
                    self.send_job(job);
                }
            }
            Err(e) => self.log(&format!("pocketlint: {e}")),
        }
    }

    fn did_close(&mut self, p: &lsp::DidCloseTextDocumentParams) {
        let Some(path) = local_path(&p.text_document.uri) else {
            return;
        };
        if let Some(doc) = self.docs.close(&path)
            && is_nix(&path)
        {
            self.send_job(Job::Buffer {
                path,
                uri: doc.uri,
                version: None,
                text: None,
            });
        }
    }

    fn did_save(&mut self, p: &lsp::DidSaveTextDocumentParams) {
        let Some(path) = local_path(&p.text_document.uri) else {
            return;
        };
        if path
            .file_name()
            .is_some_and(|n| n == crate::config::FILE_NAME)
        {
            self.send_job(Job::Reconfigure);
        }
    }

    fn did_change_watched(&mut self, p: lsp::DidChangeWatchedFilesParams) {
        for change in p.changes {
            if let Some(path) = local_path(&change.uri) {
                self.send_job(Job::Disk {
                    path,
                    created_or_deleted: change.typ != lsp::FileChangeType::CHANGED,
                });
            }
        }
    }

    /// The path and current text of a document a request is about: the
    /// open buffer, else the file on disk.
    fn document(&self, uri: &lsp::Uri) -> Result<(PathBuf, String), ResponseError> {
        let path = local_path(uri)
            .ok_or_else(|| invalid_params(format!("`{}` is not a file URI", uri.as_str())))?;
        if let Some(doc) = self.docs.get(&path) {
            return Ok((path, doc.text.clone()));
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok((path, text)),
            Err(e) => Err(invalid_params(format!(
                "unknown document `{}`: it is not open and cannot be read ({e})",
                uri.as_str()
            ))),
        }
    }

    fn hover(&mut self, p: &lsp::HoverParams) -> Result<Option<lsp::Hover>, ResponseError> {
        let at = &p.text_document_position_params;
        let (path, text) = self.document(&at.text_document.uri)?;
        let offset = offset_in(&text, at.position);
        Ok(self
            .shared
            .for_path(&path)
            .and_then(|snap| navigate::hover(&snap, &path, &text, offset)))
    }

    fn definition(
        &mut self,
        p: &lsp::GotoDefinitionParams,
    ) -> Result<Option<lsp::GotoDefinitionResponse>, ResponseError> {
        let at = &p.text_document_position_params;
        let (path, text) = self.document(&at.text_document.uri)?;
        let offset = offset_in(&text, at.position);
        let Some(snap) = self.shared.for_path(&path) else {
            return Ok(None);
        };
        let locations = navigate::definition(&snap, &path, &text, offset);
        Ok((!locations.is_empty()).then_some(lsp::GotoDefinitionResponse::Array(locations)))
    }

    fn completion(
        &mut self,
        p: &lsp::CompletionParams,
    ) -> Result<Option<lsp::CompletionResponse>, ResponseError> {
        let at = &p.text_document_position;
        let (path, text) = self.document(&at.text_document.uri)?;
        let offset = offset_in(&text, at.position);
        let Some(snap) = self.shared.for_path(&path) else {
            return Ok(None);
        };
        let items = navigate::completion(&snap, &path, &text, offset);
        Ok(Some(lsp::CompletionResponse::Array(items)))
    }

    fn code_action(
        &mut self,
        p: &lsp::CodeActionParams,
    ) -> Result<Option<lsp::CodeActionResponse>, ResponseError> {
        let (path, text) = self.document(&p.text_document.uri)?;
        if let Some(only) = &p.context.only
            && !only.iter().any(|k| {
                lsp::CodeActionKind::QUICKFIX
                    .as_str()
                    .starts_with(k.as_str())
            })
        {
            return Ok(Some(Vec::new()));
        }
        let Some(snap) = self.shared.for_path(&path) else {
            return Ok(Some(Vec::new()));
        };
        // Findings of text that has changed since are about to be
        // replaced; their edits would land in the wrong place.
        if snap.file_at(&path).is_some_and(|f| *f.text != *text) {
            return Ok(Some(Vec::new()));
        }
        Ok(Some(actions::code_actions(
            &snap,
            &path,
            p.range,
            self.document_changes,
        )))
    }
}

/// What the server implements, and nothing else.
fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(lsp::PositionEncodingKind::UTF16),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec!["\"".into()]),
            ..lsp::CompletionOptions::default()
        }),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                resolve_provider: Some(false),
                work_done_progress_options: lsp::WorkDoneProgressOptions::default(),
            },
        )),
        ..lsp::ServerCapabilities::default()
    }
}

fn parse<P: serde::de::DeserializeOwned>(n: Notification) -> Result<P, String> {
    serde_json::from_value(n.params).map_err(|e| format!("invalid parameters: {e}"))
}

fn invalid_params(message: String) -> ResponseError {
    ResponseError {
        code: ErrorCode::InvalidParams as i32,
        message,
        data: None,
    }
}

fn invalid_request(message: &str) -> ResponseError {
    ResponseError {
        code: ErrorCode::InvalidRequest as i32,
        message: message.into(),
        data: None,
    }
}

fn offset_in(text: &str, pos: lsp::Position) -> usize {
    convert::offset(text, &LineIndex::new(text), pos)
}

fn is_nix(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "nix")
}

/// The canonical local path of a `file:` URI (symlinks resolved, as the
/// workspace resolves them), also for files that do not exist yet.
fn local_path(uri: &lsp::Uri) -> Option<PathBuf> {
    let path = convert::uri_to_path(uri)?;
    if let Ok(real) = std::fs::canonicalize(&path) {
        return Some(real);
    }
    let parent = path.parent()?;
    let name = path.file_name()?;
    Some(std::fs::canonicalize(parent).map_or_else(|_| path.clone(), |real| real.join(name)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn frame(v: &Value) -> String {
        let body = v.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// Runs a whole session over in-memory streams: the exit status and
    /// every message the server wrote.
    fn session(messages: &[Value]) -> (i32, Vec<Value>) {
        let input: String = messages.iter().map(frame).collect();
        let mut output = Vec::new();
        let code = serve(
            std::io::Cursor::new(input.into_bytes()),
            &mut output,
            ServerOptions::default(),
        );
        let mut out = Vec::new();
        let mut rest = output.as_slice();
        while let Some(at) = rest.windows(4).position(|w| w == b"\r\n\r\n") {
            let header = std::str::from_utf8(&rest[..at]).unwrap();
            let len: usize = header
                .trim_start_matches("Content-Length: ")
                .parse()
                .unwrap();
            let body = &rest[at + 4..at + 4 + len];
            out.push(serde_json::from_slice(body).unwrap());
            rest = &rest[at + 4 + len..];
        }
        (code, out)
    }

    fn response(out: &[Value], id: i64) -> &Value {
        out.iter()
            .find(|m| m.get("method").is_none() && m["id"] == json!(id))
            .unwrap_or_else(|| panic!("no response {id} in {out:?}"))
    }

    fn initialize(id: i64) -> Value {
        json!({"jsonrpc": "2.0", "id": id, "method": "initialize", "params": {"capabilities": {}}})
    }

    #[test]
    fn a_clean_session_advertises_what_is_implemented_and_exits_zero() {
        let (code, out) = session(&[
            initialize(1),
            json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
            json!({"jsonrpc": "2.0", "method": "exit"}),
        ]);
        assert_eq!(code, 0);
        let caps = &response(&out, 1)["result"]["capabilities"];
        assert_eq!(caps["hoverProvider"], json!(true));
        assert_eq!(caps["definitionProvider"], json!(true));
        assert_eq!(caps["textDocumentSync"]["change"], json!(2));
        assert_eq!(caps["positionEncoding"], json!("utf-16"));
        assert_eq!(
            caps["codeActionProvider"]["codeActionKinds"],
            json!(["quickfix"])
        );
        for absent in [
            "renameProvider",
            "referencesProvider",
            "documentFormattingProvider",
        ] {
            assert!(caps.get(absent).is_none(), "{absent} advertised");
        }
        assert_eq!(response(&out, 2)["result"], Value::Null);
    }

    #[test]
    fn exit_without_shutdown_or_end_of_input_is_status_one() {
        let (code, _) = session(&[initialize(1), json!({"jsonrpc": "2.0", "method": "exit"})]);
        assert_eq!(code, 1);
        let (code, _) = session(&[initialize(1)]);
        assert_eq!(code, 1);
    }

    #[test]
    fn requests_are_refused_in_the_wrong_state() {
        let hover = |id: i64| {
            json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {
                "textDocument": {"uri": "file:///nowhere/x.nix"},
                "position": {"line": 0, "character": 0}}})
        };
        let (_, out) = session(&[
            hover(1),
            initialize(2),
            initialize(3),
            hover(4),
            json!({"jsonrpc": "2.0", "id": 5, "method": "workspace/symbol", "params": {"query": ""}}),
            json!({"jsonrpc": "2.0", "id": 6, "method": "shutdown"}),
            hover(7),
            json!({"jsonrpc": "2.0", "method": "exit"}),
        ]);
        let code = |id| response(&out, id)["error"]["code"].as_i64();
        assert_eq!(code(1), Some(ErrorCode::ServerNotInitialized as i64));
        assert!(response(&out, 2)["result"]["capabilities"].is_object());
        assert_eq!(code(3), Some(ErrorCode::InvalidRequest as i64));
        // An unknown file is an error, not a crash.
        assert_eq!(code(4), Some(ErrorCode::InvalidParams as i64));
        assert_eq!(code(5), Some(ErrorCode::MethodNotFound as i64));
        assert_eq!(code(7), Some(ErrorCode::InvalidRequest as i64));
    }
}
