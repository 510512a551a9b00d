//! The Caddyfile NixOS deploys for a host, read from the evaluated
//! `services.caddy`: the file `configFile` names, when a module sets it
//! (text from `builtins.toFile`, `pkgs.writeText`, `pkgs.writeTextFile` or a
//! file of the repository), otherwise what nixpkgs'
//! `nixos/modules/services/web-servers/caddy` assembles:
//!
//! ```text
//! {
//!   <email, acme_ca, http_port, https_port and `log { <logFormat> }`, then globalConfig>
//! }
//! <extraConfig>
//! <per virtual host, by name: `hostName aliases… {` bind, tls, `log { … }`, extraConfig `}`>
//! ```
//!
//! Every piece keeps the span the evaluator recorded for it (see
//! [`crate::eval::provenance`]), narrowed to the line when it comes from a
//! multi-line literal.

use std::collections::HashMap;
use std::sync::Arc;

use crate::eval::provenance::{Piece, PieceKind};
use crate::eval::{V, Value};
use crate::files::Span;
use crate::symbol::{FxBuildHasher, Symbol};

use super::Known;
use super::caddyfile::{
    CaddyfileSource, GeneratedCaddyfile, GeneratedSite, OriginKind, OriginText, TextOrigin,
};
use super::extract::{Cx, Node, Read};

/// Where a vhost's certificates are when `security.acme.certs.<n>.directory`
/// is not set (nixpkgs' default).
const ACME_DIR: &str = "/var/lib/acme";
const LOG_DIR: &str = "/var/log/caddy";

impl<'a> Cx<'_, 'a> {
    /// The deployed Caddyfile: `Absent` when Caddy is not enabled,
    /// `Unknown` when that (or the kind of configuration) is unknown.
    pub(super) fn caddyfile(&mut self, root: &Node<'a>) -> Known<Arc<GeneratedCaddyfile>> {
        let caddy = self.node(root, &["services", "caddy"]);
        if caddy.value.is_none() {
            return Known::Absent;
        }
        match self.read(&caddy, "enable") {
            Read::Value(v, _) => match v.kind {
                V::Bool(true) => {}
                V::Bool(false) | V::Null => return Known::Absent,
                _ => {
                    return Known::Unknown(format!("`services.caddy.enable` is {}", v.type_name()));
                }
            },
            Read::Missing => return Known::Absent,
            Read::Unknown(r, _) => {
                return Known::Unknown(format!("`services.caddy.enable` is unknown: {r}"));
            }
        }
        if let Read::Value(v, _) = self.read(&caddy, "settings")
            && v.as_attrs().is_some_and(|a| !a.is_empty())
        {
            return Known::Unknown(
                "`services.caddy.settings` is set: Caddy runs that JSON configuration, not a Caddyfile"
                    .to_string(),
            );
        }
        let mut refine = Refiner::default();
        // The raw value: an unknown store path may carry its text.
        match self.raw(&caddy, "configFile") {
            None => {}
            Some(v) if matches!(v.kind, V::Null) => {}
            Some(v) => {
                let def = pick(self.def_span(&caddy, "configFile"), v.span);
                let mut t = OriginText::default();
                self.config_file(&mut t, v, def, &mut refine);
                return Known::Value(Arc::new(GeneratedCaddyfile::new(
                    CaddyfileSource::ConfigFile { span: def },
                    &t,
                    Vec::new(),
                )));
            }
        }
        let (t, sites) = self.assemble(root, &caddy, &mut refine);
        Known::Value(Arc::new(GeneratedCaddyfile::new(
            CaddyfileSource::Assembled,
            &t,
            sites,
        )))
    }

    /// Option `name` of `node`, forced but not interpreted (`None` when
    /// missing or failing).
    fn raw(&mut self, node: &Node<'a>, name: &str) -> Option<Value<'a>> {
        let attrs = node.value?.as_attrs()?;
        let e = crate::eval::lookup(attrs, Symbol::intern(name))?;
        match self.ev.force(e.value) {
            Ok(v) => Some(v),
            Err(err) if err.kind == crate::eval::ErrorKind::UndefinedOption => None,
            Err(err) => {
                self.error(&err);
                Some(
                    self.ev
                        .unknown(&format!("evaluation failed: {}", err.message), e.span),
                )
            }
        }
    }

    fn def_span(&self, node: &Node<'a>, name: &str) -> Span {
        let mut loc = node.loc.clone();
        loc.push(Symbol::intern(name));
        self.definitions(&loc)
            .and_then(|d| d.iter().rev().find(|d| !d.is_default).or(d.last()))
            .map_or(Span::SYNTHETIC, |d| d.span)
    }

    fn is_default(&self, node: &Node<'a>, name: &str) -> bool {
        let mut loc = node.loc.clone();
        loc.push(Symbol::intern(name));
        self.definitions(&loc)
            .is_some_and(|d| d.iter().all(|d| d.is_default))
    }

    /// `configFile`'s text: a file written from Nix, or one of the
    /// repository.
    fn config_file(&mut self, t: &mut OriginText, v: Value<'a>, def: Span, refine: &mut Refiner) {
        let what = "services.caddy.configFile";
        if let Some(text) = self.ev.written_file_text(v) {
            self.push_string(t, text, def, refine);
            return;
        }
        match v.kind {
            V::Path(p) => {
                let path = std::path::Path::new(p);
                // The host's result depends on the file (an editor
                // re-evaluates the host when it changes).
                self.ev.note_read(path);
                match self.ev.ctx.vfs.read_text(path) {
                    Ok(text) => {
                        let id = self.ev.ctx.db.set_text(path, text.clone());
                        // Each line of the file is its own origin.
                        let mut start = 0usize;
                        for line in text.split_inclusive('\n') {
                            let s = Span {
                                file: id,
                                start: u32::try_from(start).unwrap_or(u32::MAX),
                                end: u32::try_from(start + line.trim_end_matches('\n').len())
                                    .unwrap_or(u32::MAX),
                            };
                            t.push(line, s, OriginKind::Value);
                            start += line.len();
                        }
                    }
                    Err(e) => t.push_unknown(what, &format!("cannot read `{p}`: {e}"), def),
                }
            }
            V::Unknown(u) => t.push_unknown(what, u.reason, pick(def, u.span)),
            V::Str(s) => t.push_unknown(
                what,
                &format!(
                    "`{s}` is a file pocketlint cannot read (not written by this configuration)"
                ),
                def,
            ),
            _ => t.push_unknown(
                what,
                &format!("expected a path, found {}", v.type_name()),
                def,
            ),
        }
    }

    /// A string value with its pieces; spans it lacks become `fallback`.
    fn push_string(
        &mut self,
        t: &mut OriginText,
        v: Value<'a>,
        fallback: Span,
        refine: &mut Refiner,
    ) {
        let V::Str(s) = v.kind else { return };
        let pieces = self.ev.string_pieces(v);
        let origins = refine.origins(self, s, &pieces, fallback);
        t.push_with(s, &origins);
    }

    /// Pushes option `name` of `node` as text: strings with their pieces,
    /// numbers and paths as written, `null` and a missing option as
    /// nothing, unknowns as a placeholder. Returns whether there was a
    /// non-null value.
    fn push_option(
        &mut self,
        t: &mut OriginText,
        node: &Node<'a>,
        name: &str,
        refine: &mut Refiner,
    ) -> bool {
        let what = loc_text(&node.loc, name);
        let def = self.def_span(node, name);
        match self.read(node, name) {
            Read::Value(v, entry) => self.push_value(t, v, &what, pick(def, entry), refine),
            Read::Unknown(reason, span) => {
                t.push_unknown(&what, &reason, pick(def, span));
                true
            }
            Read::Missing => false,
        }
    }

    fn push_value(
        &mut self,
        t: &mut OriginText,
        v: Value<'a>,
        what: &str,
        def: Span,
        refine: &mut Refiner,
    ) -> bool {
        match v.kind {
            V::Null => false,
            V::Str(_) => {
                self.push_string(t, v, def, refine);
                true
            }
            V::Int(i) => {
                t.push(&i.to_string(), pick(def, v.span), OriginKind::Value);
                true
            }
            V::Path(p) => {
                t.push(p, pick(def, v.span), OriginKind::Value);
                true
            }
            V::Unknown(u) => {
                t.push_unknown(what, u.reason, pick(def, u.span));
                true
            }
            _ => {
                t.push_unknown(
                    what,
                    &format!("expected a string, found {}", v.type_name()),
                    def,
                );
                true
            }
        }
    }

    /// A list of strings joined by spaces; `false` when empty or absent.
    fn push_words(
        &mut self,
        t: &mut OriginText,
        node: &Node<'a>,
        name: &str,
        prefix: &str,
        refine: &mut Refiner,
    ) -> bool {
        let what = loc_text(&node.loc, name);
        let def = self.def_span(node, name);
        match self.read(node, name) {
            Read::Value(v, entry) => match v.kind {
                V::List(items) if !items.is_empty() => {
                    t.push(prefix, Span::SYNTHETIC, OriginKind::Template);
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            t.push(" ", Span::SYNTHETIC, OriginKind::Template);
                        }
                        match self.ev.force(item) {
                            Ok(x) => {
                                self.push_value(t, x, &what, pick(def, entry), refine);
                            }
                            Err(e) => {
                                self.error(&e);
                                t.push_unknown(
                                    &what,
                                    &format!("evaluation failed: {}", e.message),
                                    def,
                                );
                            }
                        }
                    }
                    true
                }
                V::List(_) | V::Null => false,
                _ => self.push_value(t, v, &what, pick(def, entry), refine),
            },
            Read::Unknown(reason, span) => {
                t.push(prefix, Span::SYNTHETIC, OriginKind::Template);
                t.push_unknown(&what, &reason, pick(def, span));
                true
            }
            Read::Missing => false,
        }
    }

    fn int_option(&mut self, node: &Node<'a>, name: &str) -> Option<Known<i64>> {
        match self.read(node, name) {
            Read::Value(v, _) => match v.kind {
                V::Int(i) => Some(Known::Value(i)),
                V::Null => Some(Known::Absent),
                _ => Some(Known::Unknown(format!(
                    "expected a port, found {}",
                    v.type_name()
                ))),
            },
            Read::Unknown(r, _) => Some(Known::Unknown(r)),
            Read::Missing => None,
        }
    }

    fn assemble(
        &mut self,
        root: &Node<'a>,
        caddy: &Node<'a>,
        refine: &mut Refiner,
    ) -> (OriginText, Vec<GeneratedSite>) {
        let mut t = OriginText::default();
        let nixos = |t: &mut OriginText, s: &str| t.push(s, Span::SYNTHETIC, OriginKind::Template);
        nixos(&mut t, "{\n");
        // NixOS's own lines of globalConfig.
        let mut line = OriginText::default();
        nixos(&mut line, "email ");
        if self.push_option(&mut line, caddy, "email", refine) {
            t.push_with(&line.text, &line.origins);
            t.unknowns
                .extend(shift(&line, t.text.len() - line.text.len()));
            nixos(&mut t, "\n");
        }
        let mut line = OriginText::default();
        nixos(&mut line, "acme_ca ");
        if self.push_option(&mut line, caddy, "acmeCA", refine) {
            t.push_with(&line.text, &line.origins);
            t.unknowns
                .extend(shift(&line, t.text.len() - line.text.len()));
            nixos(&mut t, "\n");
        }
        for (opt, directive, default) in [
            ("httpPort", "http_port", 80),
            ("httpsPort", "https_port", 443),
        ] {
            match self.int_option(caddy, opt) {
                Some(Known::Value(p)) if p != default => {
                    nixos(&mut t, &format!("{directive} "));
                    let span = self.def_span(caddy, opt);
                    t.push(&p.to_string(), span, OriginKind::Value);
                    nixos(&mut t, "\n");
                }
                Some(Known::Unknown(r)) => {
                    nixos(&mut t, &format!("{directive} "));
                    let span = self.def_span(caddy, opt);
                    t.push_unknown(&loc_text(&caddy.loc, opt), &r, span);
                    nixos(&mut t, "\n");
                }
                _ => {}
            }
        }
        nixos(&mut t, "log {\n");
        self.push_option(&mut t, caddy, "logFormat", refine);
        nixos(&mut t, "\n}\n");
        self.push_option(&mut t, caddy, "globalConfig", refine);
        nixos(&mut t, "\n}\n");
        self.push_option(&mut t, caddy, "extraConfig", refine);
        nixos(&mut t, "\n");
        let vhosts = self.child(caddy, "virtualHosts");
        let mut sites = Vec::new();
        let names = match Cx::names(&vhosts) {
            Known::Value(n) => n,
            Known::Unknown(r) => {
                t.push_unknown(
                    "services.caddy.virtualHosts",
                    &r,
                    self.def_span(caddy, "virtualHosts"),
                );
                nixos(&mut t, "\n");
                Vec::new()
            }
            Known::Absent => Vec::new(),
        };
        let mut names = names;
        names.sort_by(|a, b| a.0.cmp(&b.0));
        // A path, a string or an unknown, with where it was written.
        let mut logdir = OriginText::default();
        if !self.push_option(&mut logdir, caddy, "logDir", refine) {
            nixos(&mut logdir, LOG_DIR);
        }
        for (i, (name, key_span)) in names.into_iter().enumerate() {
            if i > 0 {
                nixos(&mut t, "\n");
            }
            let start = t.text.len();
            let vh = self.child(&vhosts, &name);
            let defined_at = self.def_span(&vhosts, &name);
            let defined_at = pick(defined_at, key_span);
            let mut host = OriginText::default();
            self.push_option(&mut host, &vh, "hostName", refine);
            let host_base = t.text.len();
            t.push_with(&host.text, &host.origins);
            t.unknowns.extend(shift(&host, host_base));
            nixos(&mut t, " ");
            self.push_words(&mut t, &vh, "serverAliases", "", refine);
            nixos(&mut t, " {\n");
            if self.push_words(&mut t, &vh, "listenAddresses", "bind ", refine) {
                nixos(&mut t, "\n");
            }
            match self.read(&vh, "useACMEHost") {
                Read::Value(v, _) if matches!(v.kind, V::Str(_)) => {
                    let cert = v.as_str().unwrap_or_default().to_string();
                    let dir = self.acme_directory(root, &cert);
                    nixos(&mut t, "tls ");
                    for (k, file) in ["cert.pem", "key.pem"].into_iter().enumerate() {
                        if k > 0 {
                            nixos(&mut t, " ");
                        }
                        match &dir {
                            Known::Value(d) => nixos(&mut t, &format!("{d}/{file}")),
                            _ => t.push_unknown(
                                &format!("security.acme.certs.{cert}.directory"),
                                "the certificate directory is unknown",
                                self.def_span(&vh, "useACMEHost"),
                            ),
                        }
                    }
                    nixos(&mut t, "\n");
                }
                Read::Unknown(r, span) => {
                    nixos(&mut t, "tls ");
                    t.push_unknown(&loc_text(&vh.loc, "useACMEHost"), &r, span);
                    nixos(&mut t, "\n");
                }
                _ => {}
            }
            // Read first: forcing the option records its definitions.
            let mut log = OriginText::default();
            let has_log = self.push_option(&mut log, &vh, "logFormat", refine);
            if self.is_default(&vh, "logFormat")
                || matches!(self.read(&vh, "logFormat"), Read::Missing)
            {
                nixos(&mut t, "log {\noutput file ");
                let dir_base = t.text.len();
                t.push_with(&logdir.text, &logdir.origins);
                t.unknowns.extend(shift(&logdir, dir_base));
                nixos(&mut t, "/access-");
                let host_base = t.text.len();
                t.push_with(&host.text, &host.origins);
                t.unknowns.extend(shift(&host, host_base));
                nixos(&mut t, ".log\n}\n");
            } else if has_log {
                nixos(&mut t, "log {\n");
                let base = t.text.len();
                t.push_with(&log.text, &log.origins);
                t.unknowns.extend(shift(&log, base));
                nixos(&mut t, "\n}\n");
            }
            nixos(&mut t, "\n");
            self.push_option(&mut t, &vh, "extraConfig", refine);
            nixos(&mut t, "\n}\n");
            sites.push(GeneratedSite {
                name,
                range: start..t.text.len(),
                defined_at,
            });
        }
        (t, sites)
    }

    /// `security.acme.certs.<name>.directory`, or nixpkgs' default.
    fn acme_directory(&mut self, root: &Node<'a>, cert: &str) -> Known<String> {
        let certs = self.node(root, &["security", "acme", "certs"]);
        let node = self.child(&certs, cert);
        match self.read(&node, "directory") {
            Read::Value(v, _) => match v.kind {
                V::Str(s) | V::Path(s) => Known::Value(s.to_string()),
                _ => Known::Unknown(format!("expected a path, found {}", v.type_name())),
            },
            Read::Unknown(r, _) => Known::Unknown(r),
            Read::Missing => Known::Value(format!("{ACME_DIR}/{cert}")),
        }
    }
}

/// The unknown parts of `part`, moved to where it was appended.
fn shift(part: &OriginText, base: usize) -> Vec<super::caddyfile::UnknownPart> {
    part.unknowns
        .iter()
        .map(|u| super::caddyfile::UnknownPart {
            range: u.range.start + base..u.range.end + base,
            ..u.clone()
        })
        .collect()
}

fn pick(preferred: Span, other: Span) -> Span {
    if preferred.is_synthetic() {
        other
    } else {
        preferred
    }
}

fn loc_text(loc: &[Symbol], name: &str) -> String {
    let mut parts: Vec<&str> = loc.iter().map(|s| s.as_str()).collect();
    parts.push(name);
    parts.join(".")
}

/// Narrows the span of a piece of a multi-line literal or template to the
/// line it was written on (the text is searched in the source; escapes or
/// stripped indentation that defeat the search keep the whole span).
#[derive(Default)]
struct Refiner {
    /// By span and occurrence, then by the text looked for (asked with a
    /// borrowed needle: no allocation per line once it is known).
    cache: HashMap<(Span, usize), HashMap<String, Span, FxBuildHasher>, FxBuildHasher>,
    embedded: HashMap<crate::files::FileId, bool, FxBuildHasher>,
}

impl Refiner {
    fn is_embedded(&mut self, cx: &Cx<'_, '_>, span: Span) -> bool {
        if span.is_synthetic() {
            return false;
        }
        *self.embedded.entry(span.file).or_insert_with(|| {
            cx.ev
                .ctx
                .db
                .get(span.file)
                .is_some_and(|f| f.path.starts_with("/__pocketlint__"))
        })
    }

    fn origins(
        &mut self,
        cx: &Cx<'_, '_>,
        s: &str,
        pieces: &[Piece],
        fallback: Span,
    ) -> Vec<TextOrigin> {
        let mut out = Vec::new();
        for p in pieces {
            let kind = match p.kind {
                PieceKind::Template => OriginKind::Template,
                PieceKind::Value => OriginKind::Value,
            };
            // The embedded `lib` is not the user's source.
            let own = if self.is_embedded(cx, p.span) {
                Span::SYNTHETIC
            } else {
                p.span
            };
            let span = pick(own, fallback);
            let span = if self.is_embedded(cx, span) {
                Span::SYNTHETIC
            } else {
                span
            };
            let (start, end) = (p.start as usize, p.end as usize);
            let Some(text) = s.get(start..end) else {
                continue;
            };
            // One origin per line of the piece.
            let mut at = start;
            for line in text.split_inclusive('\n') {
                // The same line written twice: the n-th occurrence.
                let needle = line.trim();
                let nth = if needle.is_empty() {
                    0
                } else {
                    s[start..at].lines().filter(|l| l.trim() == needle).count()
                };
                let narrowed = self.narrow(cx, span, needle, nth);
                out.push(TextOrigin {
                    range: at..at + line.len(),
                    span: narrowed,
                    kind,
                });
                at += line.len();
            }
        }
        out
    }

    fn narrow(&mut self, cx: &Cx<'_, '_>, span: Span, needle: &str, nth: usize) -> Span {
        if span.is_synthetic() || needle.chars().filter(|c| !c.is_whitespace()).count() < 3 {
            return span;
        }
        if let Some(s) = self.cache.get(&(span, nth)).and_then(|m| m.get(needle)) {
            return *s;
        }
        let found = cx
            .ev
            .ctx
            .db
            .get(span.file)
            .and_then(|f| {
                let src = f.text.get(span.start as usize..span.end as usize)?;
                // Only a string written over several lines is worth narrowing.
                if !src.contains('\n') {
                    return None;
                }
                let at = src.match_indices(needle).nth(nth)?.0;
                Some(Span {
                    file: span.file,
                    start: span.start + u32::try_from(at).ok()?,
                    end: span.start + u32::try_from(at + needle.len()).ok()?,
                })
            })
            .unwrap_or(span);
        self.cache
            .entry((span, nth))
            .or_default()
            .insert(needle.to_string(), found);
        found
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{CaddyfileSource, GeneratedCaddyfile, Known};

    /// The host of `module` (beside files `extra`), evaluated.
    fn host(module: &str, extra: &[(&str, &str)]) -> std::sync::Arc<crate::model::Host> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("host.nix");
        std::fs::write(&path, module).expect("write");
        for (name, text) in extra {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        let mut analysis = crate::fixture_tests::analyze_case(&path);
        analysis.hosts.swap_remove(0).host
    }

    /// The Caddyfile of a one-module host.
    fn generate(module: &str, extra: &[(&str, &str)]) -> Known<std::sync::Arc<GeneratedCaddyfile>> {
        host(module, extra).caddyfile.clone()
    }

    /// Extraction reads the Caddyfile first (for its background parse);
    /// a host's errors still come in source order.
    #[test]
    fn a_hosts_errors_are_in_source_order() {
        let host = host(
            r#"{ ... }: {
              sops.secrets = throw "first";
              services.caddy = {
                enable = true;
                virtualHosts."a.example.com".extraConfig = throw "second";
              };
            }"#,
            &[],
        );
        let messages: Vec<&str> = host.errors.iter().map(|e| e.message.as_str()).collect();
        let first = messages.iter().position(|m| m.contains("first"));
        let second = messages.iter().position(|m| m.contains("second"));
        assert!(first.is_some() && second.is_some(), "{messages:?}");
        assert!(first < second, "{messages:?}");
    }

    #[test]
    fn assembles_like_nixpkgs() {
        let Known::Value(cf) = generate(
            r#"{ ... }: {
              services.caddy = {
                enable = true;
                email = "ops@example.com";
                httpPort = 8080;
                globalConfig = "servers {\n  trusted_proxies static 10.0.0.1\n}";
                extraConfig = "(common) {\n  encode gzip\n}";
                virtualHosts."b.example.com" = {
                  serverAliases = [ "www.b.example.com" ];
                  listenAddresses = [ "127.0.0.1" ];
                  useACMEHost = "example.com";
                  logFormat = "output discard";
                  extraConfig = "import common\nrespond \"b\"";
                };
                virtualHosts.a = { hostName = "a.example.com"; };
              };
            }"#,
            &[],
        ) else {
            panic!("no Caddyfile");
        };
        assert_eq!(
            &*cf.text,
            "{\n\temail ops@example.com\n\thttp_port 8080\n\tlog {\n\t\tlevel ERROR\n\t}\n\tservers {\n\t\ttrusted_proxies static 10.0.0.1\n\t}\n}\n(common) {\n\tencode gzip\n}\na.example.com {\n\tlog {\n\t\toutput file /var/log/caddy/access-a.example.com.log\n\t}\n}\n\nb.example.com www.b.example.com {\n\tbind 127.0.0.1\n\ttls /var/lib/acme/example.com/cert.pem /var/lib/acme/example.com/key.pem\n\tlog {\n\t\toutput discard\n\t}\n\n\timport common\n\trespond \"b\"\n}\n"
        );
        assert!(cf.is_fully_known());
        assert_eq!(cf.source, CaddyfileSource::Assembled);
        let names: Vec<&str> = cf.sites.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["a", "b.example.com"]);
        let parsed = cf.parsed().expect("parsed");
        assert_eq!(parsed.sites.len(), 2);
    }

    #[test]
    fn unknown_parts_show_inline_and_the_rest_prints() {
        let Known::Value(cf) = generate(
            r#"{ pkgs, ... }: {
              services.caddy = {
                enable = true;
                virtualHosts."a.example.com".extraConfig = "root * ${pkgs.hello}";
                virtualHosts."b.example.com".extraConfig = "respond \"b\"";
              };
            }"#,
            &[],
        ) else {
            panic!("no Caddyfile");
        };
        assert!(!cf.is_fully_known());
        assert!(cf.parsed().is_none());
        assert!(cf.text.contains("\t«unknown: "), "{}", cf.text);
        assert!(cf.text.contains("b.example.com {\n"), "{}", cf.text);
        assert!(cf.text.contains("respond \"b\""));
        assert_eq!(cf.unknowns.len(), 1);
        assert!(cf.unknowns[0].what.ends_with("extraConfig"));
        let u = &cf.unknowns[0];
        assert!(cf.text[u.range.clone()].starts_with("«unknown: "));
    }

    /// `logDir` is a path in nixpkgs: a path literal is used as written,
    /// and an unknown one leaves the file unknown instead of the default.
    #[test]
    fn log_dir_paths_and_unknowns() {
        let module = |dir: &str| {
            format!(
                r#"{{ pkgs, ... }}: {{ services.caddy = {{ enable = true; logDir = {dir}; virtualHosts."a.example.com".extraConfig = "respond 200"; }}; }}"#
            )
        };
        let Known::Value(cf) = generate(&module("/srv/log"), &[]) else {
            panic!("no Caddyfile");
        };
        assert!(
            cf.text
                .contains("output file /srv/log/access-a.example.com.log"),
            "{}",
            cf.text
        );
        let Known::Value(cf) = generate(&module("pkgs.logs"), &[]) else {
            panic!("no Caddyfile");
        };
        assert!(!cf.is_fully_known(), "{}", cf.text);
        assert!(!cf.text.contains("/var/log/caddy"), "{}", cf.text);
    }

    /// A defined certificate (with nixpkgs' other attributes) has nixpkgs'
    /// default directory unless it sets one.
    #[test]
    fn acme_certificates_have_their_directories() {
        let module = |cert: &str| {
            format!(
                r#"{{ ... }}: {{
                  security.acme.certs."example.com" = {{ domain = "*.example.com"; dnsProvider = "cloudflare"; {cert} }};
                  services.caddy = {{ enable = true; virtualHosts."a.example.com" = {{ useACMEHost = "example.com"; extraConfig = "respond 200"; }}; }};
                }}"#
            )
        };
        let Known::Value(cf) = generate(&module(""), &[]) else {
            panic!("no Caddyfile");
        };
        assert!(
            cf.text.contains(
                "tls /var/lib/acme/example.com/cert.pem /var/lib/acme/example.com/key.pem"
            ),
            "{}",
            cf.text
        );
        let Known::Value(cf) = generate(&module(r#"directory = "/srv/certs";"#), &[]) else {
            panic!("no Caddyfile");
        };
        assert!(cf.text.contains("tls /srv/certs/cert.pem"), "{}", cf.text);
    }

    /// The host depends on its Caddyfile: an edit of it re-evaluates the
    /// host in an editor.
    #[test]
    fn a_config_file_is_a_dependency_of_its_host() {
        let dir = tempfile::tempdir().expect("tempdir");
        let host = dir.path().join("host.nix");
        std::fs::write(
            &host,
            "{ ... }: { services.caddy = { enable = true; configFile = ./Caddyfile; }; }",
        )
        .expect("write");
        let caddyfile = dir.path().join("Caddyfile");
        std::fs::write(&caddyfile, "a.example.com {\n\trespond \"a\"\n}\n").expect("write");
        let analysis = crate::fixture_tests::analyze_case(&host);
        let caddyfile = std::fs::canonicalize(caddyfile).expect("canonical");
        assert!(analysis.hosts[0].depends_on(&caddyfile));
    }

    #[test]
    fn config_file_from_the_repository_and_absent_caddy() {
        let Known::Value(cf) = generate(
            "{ ... }: { services.caddy = { enable = true; configFile = ./Caddyfile; }; }",
            &[("Caddyfile", "a.example.com {\n    respond \"a\"\n}\n")],
        ) else {
            panic!("no Caddyfile");
        };
        assert_eq!(&*cf.text, "a.example.com {\n\trespond \"a\"\n}\n");
        assert!(matches!(cf.source, CaddyfileSource::ConfigFile { .. }));
        let r = cf.text.find("respond").unwrap_or(0);
        assert!(cf.origin(r..r + 7).is_some());
        assert_eq!(
            generate("{ ... }: { services.caddy.enable = false; }", &[]),
            Known::Absent
        );
        assert!(matches!(
            generate(
                "{ ... }: { services.caddy = { enable = true; configFile = \"/etc/caddy/Caddyfile\"; }; }",
                &[]
            ),
            Known::Value(cf) if !cf.is_fully_known()
        ));
    }
}
