use crate::diagnostic::Severity;
use crate::model::{Known, Model, Schema};

use crate::caddy::caddyfile::matchers::MatcherKind;

use crate::model::generated_routes as generated;
use super::util::{self, surely_non_empty};
use super::{LintCx, Rule};

pub const RULE: Rule = Rule {
    name: "bypass_matcher_conflict",
    severity: Severity::Warning,
    summary: "bypass paths and regexes, or several regexes, merged into one ANDed Caddy matcher",
    doc: include_str!("../../lints/bypass_matcher_conflict.md"),
    check: Some(check),
    default_enabled: true,
};

/// What the generated Caddyfile shows of a block's bypass: whether one
/// matcher holds both its paths and its regexes, and whether a regex line
/// is dropped. `None` when the file is not fully known or no matcher can
/// be traced to the block's values.
fn from_routes(b: &util::Block<'_>) -> Option<(bool, bool)> {
    let host_name = b.owner.host_name().get()?;
    let (cf, _, sr) = generated::routes_for(b.host, host_name)?;
    let spans = |f: &crate::model::Field<crate::model::StrList>| -> Vec<crate::files::Span> {
        util::known_items(f).map(|(_, l)| l.span).filter(|s| !s.is_synthetic()).collect()
    };
    let (paths, regexes) = (spans(&b.cs.bypass_paths), spans(&b.cs.bypass_resources));
    let (mut traced, mut anded, mut dropped) = (false, false, false);
    for set in generated::matcher_sets(sr) {
        let (mut p, mut r) = (false, false);
        for m in &set.matchers {
            match &m.kind {
                MatcherKind::Path(_) if generated::made_from(cf, &m.spans, &paths) => p = true,
                MatcherKind::PathRegexp { .. } if generated::made_from(cf, &m.spans, &regexes) => {
                    r = true;
                }
                MatcherKind::Expression { dropped: d, .. }
                    if generated::made_from(cf, &m.spans, &regexes) =>
                {
                    r = true;
                    dropped |= generated::made_from(cf, d, &regexes);
                }
                _ => {}
            }
        }
        traced |= p || r;
        anded |= p && r;
    }
    traced.then_some((anded, dropped))
}

fn check(model: &Model, cx: &mut LintCx<'_>) {
    for b in util::active_blocks(model) {
        // The generated Caddyfile decides when it is known; without it,
        // only the extended schema's module is known to render one named
        // matcher per site (SEMANTICS §1.1).
        let routes = from_routes(&b);
        if routes.is_none() && b.host.security.schema != Schema::Extended {
            continue;
        }
        let paths = &b.cs.bypass_paths;
        let resources = &b.cs.bypass_resources;
        for (field, other) in [(paths, resources), (resources, paths)] {
            if let Some(reason) = field.value.unknown_reason() {
                if surely_non_empty(other) {
                    cx.unresolved(b.host, "the bypasses", reason, field.location());
                }
            }
        }
        if surely_non_empty(paths)
            && surely_non_empty(resources)
            && routes.is_none_or(|(anded, _)| anded)
        {
            let d = cx
                .diag(
                    b.host,
                    resources.location(),
                    "`bypassPaths` and `bypassResources` go into one Caddy matcher, which requires both: a request skips authentication only if its path has one of the prefixes AND matches the regex",
                )
                .label(paths.location(), "these prefixes are ANDed with the regexes")
                .help("keep one list: prefixes alone (`/api`, `/feed`), or one regex with anchored alternatives (`^/api/|^/feed/calendar\\.ics$`)");
            cx.emit(util::for_block(cx.with_provenance(d, resources), &b));
        }
        if let Known::Value(items) = &resources.value {
            if items.len() > 1 && routes.is_none_or(|(_, dropped)| dropped) {
                let n = items.len();
                let mut d = cx
                    .diag(
                        b.host,
                        resources.location(),
                        format!(
                            "{n} `bypassResources` regexes go into one Caddy matcher, where only one `expression` line survives (the first on Caddy 2.11, the last on 2.6): the others never bypass anything"
                        ),
                    )
                    .help("combine them into one regex with `|` (`^/a$|^/b$`)");
                for item in items.iter().skip(1) {
                    d = d.label(item.span, "ignored by Caddy 2.11");
                }
                d = cx.with_provenance(d, resources);
                cx.emit(util::for_block(d, &b));
            }
        }
    }
}
