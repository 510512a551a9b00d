//! A Caddyfile front end for what the NixOS generators emit, and a model
//! of how Caddy routes requests through it.
//!
//! * [`lexer`]: tokens with byte offsets (Caddy's quoting, escapes,
//!   comments, line continuation, heredocs on ≥ 2.7).
//! * [`parser`]: server blocks, snippets and `import`, directive trees.
//! * [`cel`]: the CEL subset that `expression` matchers use, with the CEL
//!   spec's string-literal rules.
//! * [`matchers`]: named and inline matchers, matcher sets, and
//!   [`matchers::matches`] against a [`matchers::Request`].
//! * [`security`]: caddy-security's global `security { … }` block.
//! * [`routes`]: Caddy's directive order, `sortRoutes` with Go's stable
//!   sort, and [`routes::decide`].
//! * [`checks`]: what Caddy refuses at load time, and shadowed routes.
//! * [`markers`]: rewrites a file so Debian's plugin-less Caddy can load it
//!   and every handler answers with its own name (oracle tests).
//!
//! Ground truth is `/work/shared/SEMANTICS.md` §1–§5 and Debian's Caddy
//! 2.6.2; where 2.11.4 (production) differs, [`CaddyVersion`] selects.

pub mod cel;
pub mod checks;
pub mod lexer;
pub mod markers;
pub mod matchers;
pub mod parser;
pub mod routes;
pub mod security;

#[cfg(test)]
pub(crate) mod oracle_tests;

use std::collections::BTreeMap;

pub use checks::{Finding, FindingKind, Severity, check};
pub use lexer::{Quote, Token};
pub use markers::{MarkerError, with_markers};
pub use matchers::{MatcherSet, Request, matches};
pub use parser::{Address, Block, Directive, ParseError, ServerBlock, Snippet};
pub use routes::{Decision, SiteRoutes, build_routes, decide};

/// A byte range in the Caddyfile text.
pub type Span = std::ops::Range<usize>;

/// Which Caddy's behaviour to model where versions differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaddyVersion {
    /// Debian's binary, used as the test oracle.
    V2_6_2,
    /// The production build (with caddy-security v1.1.64).
    #[default]
    V2_11_4,
}

impl CaddyVersion {
    /// `<<MARKER` heredocs (added in 2.7).
    pub fn has_heredocs(self) -> bool {
        self == CaddyVersion::V2_11_4
    }

    /// `{args[N]}` / `{args[:]}` in snippets (2.7); 2.6.2 knows `{args.N}`.
    pub fn has_bracket_args(self) -> bool {
        self == CaddyVersion::V2_11_4
    }

    /// Several `expression` lines in one matcher: 2.11.4 reads the first,
    /// 2.6.2 keeps the last (SEMANTICS §1.2).
    pub fn expression_keeps_first(self) -> bool {
        self == CaddyVersion::V2_11_4
    }

    /// `sortRoutes` puts `/foo` before `/foo*` (not in 2.6.2, tested).
    pub fn sort_prefers_exact_over_wildcard(self) -> bool {
        self == CaddyVersion::V2_11_4
    }

    /// `client_ip` matcher (2.7).
    pub fn has_client_ip(self) -> bool {
        self == CaddyVersion::V2_11_4
    }

    /// The `basicauth` directive's name in the default order.
    pub fn basic_auth_name(self) -> &'static str {
        match self {
            CaddyVersion::V2_6_2 => "basicauth",
            CaddyVersion::V2_11_4 => "basic_auth",
        }
    }
}

/// Parsing options.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Version whose rules apply.
    pub version: CaddyVersion,
    /// Environment for `{$VAR}`. `None`: unknown, values that depend on
    /// it are undecidable. `Some`: substituted per token (Caddy substitutes
    /// in the text before lexing; the two agree unless a value contains
    /// whitespace, quotes or braces).
    pub env: Option<BTreeMap<String, String>>,
}

/// A parsed Caddyfile.
#[derive(Debug, Clone)]
pub struct Caddyfile {
    /// The text that was parsed (all spans index into it).
    pub text: String,
    /// Options used.
    pub options: ParseOptions,
    /// The global options block, when it is the first block.
    pub global: Option<ServerBlock>,
    /// Site blocks, in file order.
    pub sites: Vec<ServerBlock>,
    /// Key-less blocks that are not first (Caddy refuses them).
    pub misplaced_globals: Vec<Span>,
    /// Snippet definitions.
    pub snippets: Vec<Snippet>,
    /// Imports of files (not read).
    pub file_imports: Vec<parser::FileImport>,
    /// Syntax errors; the first is the one Caddy reports.
    pub errors: Vec<ParseError>,
    /// The global `security { … }` block (caddy-security).
    pub security: Option<security::Security>,
    /// Number of directive ids used (ids are `0..directive_count`).
    pub directive_count: usize,
    /// The routes of every site, built on first use: several rules and
    /// the request simulator read them.
    pub routes: std::sync::OnceLock<Vec<SiteRoutes>>,
    /// What Caddy would say on loading the file, computed on first use
    /// (two rules and every request the simulator answers read it).
    pub findings: std::sync::OnceLock<Vec<Finding>>,
}

impl Caddyfile {
    /// Global option directives (empty without a global block).
    pub fn global_options(&self) -> &[Directive] {
        self.global
            .as_ref()
            .map_or(&[], |g| g.directives.as_slice())
    }

    /// Finds a directive by id anywhere in the file.
    pub fn directive(&self, id: usize) -> Option<&Directive> {
        fn find(ds: &[Directive], id: usize) -> Option<&Directive> {
            for d in ds {
                if d.id == id {
                    return Some(d);
                }
                if let Some(f) = find(d.children(), id) {
                    return Some(f);
                }
            }
            None
        }
        self.global
            .iter()
            .chain(self.sites.iter())
            .find_map(|b| find(&b.directives, id))
    }

    /// The routes of each site, in the order of [`Caddyfile::sites`].
    ///
    /// Built sequentially on purpose: this runs inside a `OnceLock`
    /// initialisation, and a parallel iterator there lets the waiting
    /// thread steal a job that asks for the same lock, which never
    /// returns. (The model starts this in the background instead.)
    pub fn site_routes(&self) -> &[SiteRoutes] {
        self.routes
            .get_or_init(|| self.sites.iter().map(|s| build_routes(self, s)).collect())
    }

    /// Caddy's verdicts on this file ([`check`]), computed once.
    pub fn findings(&self) -> &[Finding] {
        self.findings.get_or_init(|| check(self))
    }

    /// The text of a span (empty if out of range).
    pub fn slice(&self, span: &Span) -> &str {
        self.text.get(span.clone()).unwrap_or("")
    }
}

/// Parses with the production version's rules and an unknown environment.
pub fn parse(text: &str) -> Caddyfile {
    parse_with(text, &ParseOptions::default())
}

/// Parses with explicit options.
pub fn parse_with(text: &str, options: &ParseOptions) -> Caddyfile {
    let parsed = parser::parse_blocks(text, options);
    let mut global = None;
    let mut sites = Vec::new();
    let mut misplaced = Vec::new();
    for (i, b) in parsed.blocks.into_iter().enumerate() {
        if b.addresses.is_empty() {
            if i == 0 && global.is_none() {
                global = Some(b);
            } else {
                misplaced.push(b.span.clone());
            }
        } else {
            sites.push(b);
        }
    }
    let security = global
        .as_ref()
        .and_then(|g| g.directives.iter().find(|d| d.name() == "security"))
        .map(security::Security::from_directive);
    Caddyfile {
        text: text.to_string(),
        options: options.clone(),
        global,
        sites,
        misplaced_globals: misplaced,
        snippets: parsed.snippets,
        file_imports: parsed.file_imports,
        errors: parsed.errors,
        security,
        directive_count: parsed.directive_count,
        routes: std::sync::OnceLock::new(),
        findings: std::sync::OnceLock::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rules ask for routes and verdicts from many rayon workers at once;
    /// their lazy initialisation must not wait on work that may need the
    /// same lock (it once built routes with a parallel iterator, and a
    /// worker could end up waiting for itself). Fails instead of hanging.
    #[test]
    fn concurrent_readers_of_routes_and_verdicts_finish() {
        use rayon::prelude::*;
        let mut text = String::new();
        for i in 0..200 {
            use std::fmt::Write;
            let _ = write!(
                text,
                "s{i}.example.com {{\n\troute /* {{\n\t\treverse_proxy 127.0.0.1:{}\n\t}}\n\trespond \"m\"\n}}\n\n",
                1000 + i
            );
        }
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(8)
                .build()
                .expect("pool");
            for _ in 0..100 {
                let cf = std::sync::Arc::new(parse(&text));
                pool.install(|| {
                    (0..64).into_par_iter().for_each(|i| match i % 2 {
                        0 => assert!(cf.findings().len() < usize::MAX),
                        _ => assert_eq!(cf.site_routes().len(), 200),
                    });
                });
            }
            let _ = done.send(());
        });
        assert!(
            finished
                .recv_timeout(std::time::Duration::from_secs(120))
                .is_ok(),
            "readers of one Caddyfile's routes and verdicts deadlocked"
        );
    }

    #[test]
    fn splits_global_and_sites() {
        let cf = parse("{\n\tadmin off\n}\na.test {\n\trespond x\n}\n{\n\tdebug\n}\n");
        assert!(cf.global.is_some());
        assert_eq!(cf.sites.len(), 1);
        assert_eq!(cf.misplaced_globals.len(), 1);
        let id = cf.sites[0].directives[0].id;
        assert_eq!(cf.directive(id).map(Directive::name), Some("respond"));
    }

    #[test]
    fn version_flags() {
        assert!(CaddyVersion::V2_11_4.expression_keeps_first());
        assert!(!CaddyVersion::V2_6_2.expression_keeps_first());
        assert_eq!(CaddyVersion::V2_6_2.basic_auth_name(), "basicauth");
    }

    #[test]
    fn random_text_never_panics() {
        // A small deterministic generator (no rand dependency).
        let alphabet: Vec<char> = "ab{}\"`\\#\n \t@/*()$:,.<'%ér0".chars().collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = usize::try_from(seed % 60).unwrap_or(0);
            let mut s = String::new();
            let mut x = seed;
            for _ in 0..len {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let idx = usize::try_from((x >> 33) % alphabet.len() as u64).unwrap_or(0);
                s.push(alphabet[idx]);
            }
            for v in [CaddyVersion::V2_6_2, CaddyVersion::V2_11_4] {
                let cf = parse_with(
                    &s,
                    &ParseOptions {
                        version: v,
                        env: None,
                    },
                );
                let _ = check(&cf);
                for site in &cf.sites {
                    let routes = build_routes(&cf, site);
                    let _ = decide(&routes, &Request::get("http://a.test/x"));
                }
                let _ = with_markers(&cf);
            }
        }
    }
}
