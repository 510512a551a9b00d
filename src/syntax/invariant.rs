//! Finds attribute values that do not depend on the argument of the
//! function around them, so that every call of one closure can share them.
//!
//! NixOS code is full of functions whose bodies build the same sets on
//! every call: `types.submodule ({ name, ... }: { options = { … }; })`
//! declares the same options for each of hundreds of virtual hosts. Nix is
//! pure, so a value whose free variables all live outside the function is
//! the same for every call of one closure (GHC calls sharing it "full
//! laziness"). Sharing it saves evaluating it again and lets the module
//! system see one `options` set, whose declaration tree it then builds once.

use super::ir::{AttrValue, AttrsExpr, Expr, ExprKind, Key, Param, StrPart, Var};

/// The frames a subexpression reads, relative to the scope it is evaluated
/// in: bit `i` is set when it reads a variable `i` frames up (bit 63 stands
/// for 63 and beyond); `with` tells whether it looks a name up in `with`
/// scopes.
#[derive(Clone, Copy, Default)]
struct Reads {
    frames: u64,
    with: bool,
}

const FAR: u64 = 1 << 63;

impl Reads {
    fn local(up: u32) -> Reads {
        Reads {
            frames: if up >= 63 { FAR } else { 1 << up },
            with: false,
        }
    }

    fn join(self, other: Reads) -> Reads {
        Reads {
            frames: self.frames | other.frames,
            with: self.with | other.with,
        }
    }

    /// What an expression evaluated one frame deeper reads, seen from the
    /// scope that frame was pushed onto.
    fn outside_frame(self) -> Reads {
        Reads {
            frames: (self.frames >> 1) | (self.frames & FAR),
            with: self.with,
        }
    }

    fn reads_within(self, frames: u32) -> bool {
        frames >= 63 || self.frames & ((1u64 << frames) - 1) != 0
    }
}

/// Where an expression is evaluated, relative to the innermost function
/// around it.
#[derive(Clone, Copy)]
struct Place {
    /// Frames from the expression's scope up to and including the
    /// function's own frame; `None` outside any function.
    to_function: Option<u32>,
    /// A `with` scope opened inside that function: names looked up in
    /// `with` scopes may then come from the argument.
    with_inside: bool,
}

impl Place {
    fn deeper(self) -> Place {
        Place {
            to_function: self.to_function.map(|k| k + 1),
            with_inside: self.with_inside,
        }
    }
}

/// Marks, in a lowered file, every attribute value that can be shared by
/// all calls of the function around it (`AttrEntry::shared`).
pub fn mark(body: &mut Expr) {
    walk(
        body,
        Place {
            to_function: None,
            with_inside: false,
        },
    );
}

fn walk(e: &mut Expr, at: Place) -> Reads {
    match &mut e.kind {
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Path(_)
        | ExprKind::SearchPath(_)
        | ExprKind::HomePath(_)
        | ExprKind::CurPos { .. } => Reads::default(),
        ExprKind::Var(v) => var(*v),
        ExprKind::Interp { parts, .. } => parts.iter_mut().fold(Reads::default(), |r, p| match p {
            StrPart::Lit(_) => r,
            StrPart::Expr(x) => r.join(walk(x, at)),
        }),
        ExprKind::Select {
            target,
            path,
            default,
        } => {
            let mut r = walk(target, at).join(keys(path, at));
            if let Some(d) = default {
                r = r.join(walk(d, at));
            }
            r
        }
        ExprKind::HasAttr { target, path } => walk(target, at).join(keys(path, at)),
        ExprKind::Attrs(a) => attrs(a, at),
        ExprKind::List(items) => items
            .iter_mut()
            .fold(Reads::default(), |r, x| r.join(walk(x, at))),
        ExprKind::Lambda(lam) => {
            let inside = Place {
                to_function: Some(1),
                with_inside: false,
            };
            let mut r = walk(&mut lam.body, inside);
            if let Param::Pattern { entries, .. } = &mut lam.param {
                for f in entries {
                    if let Some(d) = &mut f.default {
                        r = r.join(walk(d, inside));
                    }
                }
            }
            r.outside_frame()
        }
        ExprKind::Apply { func, arg } => walk(func, at).join(walk(arg, at)),
        ExprKind::Let { binds, body } => {
            // The bindings and the body live in the `let`'s own frame.
            let inner = at.deeper();
            let r = bindings(binds, inner).join(walk(body, inner));
            r.outside_frame()
        }
        ExprKind::With { scope, body } => {
            let r = walk(scope, at);
            let inner = Place {
                with_inside: at.with_inside || at.to_function.is_some(),
                ..at.deeper()
            };
            r.join(walk(body, inner).outside_frame())
        }
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => walk(cond, at)
            .join(walk(then, at))
            .join(walk(otherwise, at)),
        ExprKind::Assert { cond, body } => walk(cond, at).join(walk(body, at)),
        ExprKind::Not(x) | ExprKind::Neg(x) => walk(x, at),
        ExprKind::Binary { lhs, rhs, .. } => walk(lhs, at).join(walk(rhs, at)),
    }
}

fn var(v: Var) -> Reads {
    match v {
        Var::Local { up, .. } => Reads::local(up),
        Var::Global(_) => Reads::default(),
        Var::With(_) => Reads {
            frames: 0,
            with: true,
        },
    }
}

fn keys(path: &mut [Key], at: Place) -> Reads {
    path.iter_mut().fold(Reads::default(), |r, k| match k {
        Key::Static(..) => r,
        Key::Dynamic(x) => r.join(walk(x, at)),
    })
}

fn attrs(a: &mut AttrsExpr, at: Place) -> Reads {
    if a.recursive {
        bindings(a, at.deeper()).outside_frame()
    } else {
        bindings(a, at)
    }
}

/// The entries of a set (or `let`) evaluated at `at`, marking those that
/// can be shared.
fn bindings(a: &mut AttrsExpr, at: Place) -> Reads {
    let mut r = Reads::default();
    for s in &mut a.inherit_sources {
        r = r.join(walk(s, at));
    }
    for entry in &mut a.entries {
        match &mut entry.value {
            AttrValue::Expr(x) => {
                let reads = walk(x, at);
                r = r.join(reads);
                entry.shared = match at.to_function {
                    Some(k) if worth_sharing(x) && !depends_on_call(reads, k, at) => Some(k),
                    _ => None,
                };
            }
            AttrValue::Inherit(v, _) => {
                // Plain `inherit` reads the scope around a recursive set.
                let reads = var(*v);
                r = r.join(if a.recursive {
                    Reads {
                        frames: (reads.frames << 1) | (reads.frames & FAR),
                        with: reads.with,
                    }
                } else {
                    reads
                });
            }
            AttrValue::InheritFrom { .. } => {}
        }
    }
    for d in &mut a.dynamic {
        r = r.join(walk(&mut d.key, at)).join(walk(&mut d.value, at));
    }
    r
}

fn depends_on_call(reads: Reads, to_function: u32, at: Place) -> bool {
    reads.reads_within(to_function) || (reads.with && at.with_inside)
}

/// Values the evaluator builds without a thunk of their own (see
/// `ExprKind::is_immediate`; a variable is its own thunk) gain nothing from
/// sharing, nor does `__curPos`, a constant.
fn worth_sharing(x: &Expr) -> bool {
    !(x.kind.is_immediate() || matches!(x.kind, ExprKind::Var(_) | ExprKind::CurPos { .. }))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::files::SourceDb;
    use crate::syntax::ir::{AttrsExpr, Expr, ExprKind};

    /// `name = shared frames` for every attribute of every set in `text`,
    /// outermost first.
    fn marks(text: &str) -> Vec<String> {
        let db = SourceDb::new("/".into());
        let file = db
            .get(db.set_text(std::path::Path::new("/t.nix"), Arc::from(text)))
            .expect("just added");
        let (_, code) = crate::syntax::parse_and_lower(&file);
        let code = code.expect("lowers");
        let mut out = Vec::new();
        collect(&code.body, &mut out);
        out
    }

    fn collect(e: &Expr, out: &mut Vec<String>) {
        let sets = |a: &AttrsExpr, out: &mut Vec<String>| {
            for entry in &a.entries {
                out.push(match entry.shared {
                    Some(k) => format!("{}={k}", entry.name),
                    None => entry.name.to_string(),
                });
                if let super::AttrValue::Expr(x) = &entry.value {
                    collect(x, out);
                }
            }
        };
        match &e.kind {
            ExprKind::Attrs(a) => sets(a, out),
            ExprKind::Let { binds, body } => {
                sets(binds, out);
                collect(body, out);
            }
            ExprKind::Lambda(l) => collect(&l.body, out),
            ExprKind::With { scope, body } => {
                collect(scope, out);
                collect(body, out);
            }
            ExprKind::Apply { func, arg } => {
                collect(func, out);
                collect(arg, out);
            }
            ExprKind::List(items) => items.iter().for_each(|x| collect(x, out)),
            _ => {}
        }
    }

    #[test]
    fn a_submodule_functions_options_are_shared_by_its_calls() {
        assert_eq!(
            marks(
                "t: t ({ name, ... }: { options = { a = t.mk { }; }; config = { n = [ name ]; }; })"
            ),
            ["options=1", "a=1", "config", "n"]
        );
    }

    #[test]
    fn values_reading_the_argument_or_frames_inside_the_function_are_not() {
        // `b` reads the rec set's own frame, `c` the `let` inside the call.
        assert_eq!(
            marks(
                "x: rec { a = [ x ]; b = [ a ]; c = let y = x; in { z = [ y ]; w = [ 1 ]; }; d = [ 2 ]; }"
            ),
            ["a", "b", "c", "y", "z", "w=3", "d=2"]
        );
    }

    #[test]
    fn with_inside_the_function_may_supply_the_argument() {
        assert_eq!(
            marks(
                "let o = { y = 1; }; in with o; x: [ { a = [ y ]; } (with x; { b = [ y ]; c = [ 1 ]; }) ]"
            ),
            ["o", "y", "a=1", "b", "c=2"]
        );
    }

    #[test]
    fn only_values_that_would_get_a_thunk_are_marked() {
        assert_eq!(
            marks("x: { a = 1; b = \"s\"; c = y: y; d = [ 1 ]; e = builtins.map; }"),
            ["a", "b", "c", "d=1", "e=1"]
        );
    }
}
