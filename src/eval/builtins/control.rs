//! Arithmetic, type tests, control flow and JSON builtins.

use crate::files::Span;
use crate::syntax::ir::Param;

use super::super::Evaluator;
use super::super::error::{EResult, ErrorKind, EvalError};
use super::super::ops::{ArithOp, CoerceMode};
use super::super::value::{Thunk, V, Value};
use super::known;

pub fn abort<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let v = ev.force(args[0])?;
    let Some(msg) = ev.coerce_to_string(v, CoerceMode::Interpolation, span)? else {
        return Ok(v);
    };
    Err(EvalError::new(
        ErrorKind::Abort,
        format!("evaluation aborted with the following error message: '{msg}'"),
        span,
    ))
}

pub fn throw<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let v = ev.force(args[0])?;
    let Some(msg) = ev.coerce_to_string(v, CoerceMode::Interpolation, span)? else {
        return Ok(v);
    };
    Err(EvalError::new(ErrorKind::Throw, msg, span))
}

fn arith<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
    op: ArithOp,
) -> EResult<Value<'a>> {
    let a = ev.force(args[0])?;
    let b = ev.force(args[1])?;
    for v in [a, b] {
        if !matches!(v.kind, V::Int(_) | V::Float(_) | V::Unknown(_)) {
            return super::super::error::type_error(
                format!("value is {} while an integer was expected", v.type_name()),
                super::pick(v.span, span),
            );
        }
    }
    ev.arith(op, a, b, span)
}

pub fn add<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    arith(ev, args, span, ArithOp::Add)
}

pub fn sub<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    arith(ev, args, span, ArithOp::Sub)
}

pub fn mul<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    arith(ev, args, span, ArithOp::Mul)
}

pub fn div<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    arith(ev, args, span, ArithOp::Div)
}

fn bits<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
    f: fn(i64, i64) -> i64,
) -> EResult<Value<'a>> {
    let a = known!(ev.want_int(args[0], span)?);
    let b = known!(ev.want_int(args[1], span)?);
    Ok(Value::int(f(a, b), span))
}

pub fn bit_and<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    bits(ev, args, span, |a, b| a & b)
}

pub fn bit_or<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    bits(ev, args, span, |a, b| a | b)
}

pub fn bit_xor<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    bits(ev, args, span, |a, b| a ^ b)
}

#[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
fn rounding<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
    f: fn(f64) -> f64,
) -> EResult<Value<'a>> {
    let v = ev.force(args[0])?;
    match v.kind {
        V::Int(i) => Ok(Value::int(f(i as f64) as i64, span)),
        V::Float(x) => Ok(Value::int(f(x) as i64, span)),
        V::Unknown(_) => Ok(v),
        _ => super::super::error::type_error(
            format!("value is {} while a float was expected", v.type_name()),
            super::pick(v.span, span),
        ),
    }
}

pub fn ceil<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    rounding(ev, args, span, f64::ceil)
}

pub fn floor<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    rounding(ev, args, span, f64::floor)
}

pub fn second<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], _span: Span) -> EResult<Value<'a>> {
    ev.force(args[1])
}

pub fn first_forced<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    _span: Span,
) -> EResult<Value<'a>> {
    ev.force(args[0])
}

pub fn first_forced_unary<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    _span: Span,
) -> EResult<Value<'a>> {
    ev.force(args[0])
}

pub fn seq<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], _span: Span) -> EResult<Value<'a>> {
    ev.force(args[0])?;
    ev.force(args[1])
}

pub fn deep_seq<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], _span: Span) -> EResult<Value<'a>> {
    let v = ev.force(args[0])?;
    ev.deep_force(v)?;
    ev.force(args[1])
}

pub fn less_than<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let a = ev.force(args[0])?;
    let b = ev.force(args[1])?;
    match ev.less_than(a, b, span)? {
        Some(lt) => Ok(Value::bool(lt, span)),
        None => Ok(ev.unknown(crate::eval::ops::UNDECIDED_EQUALITY, span)),
    }
}

fn type_test<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
    test: fn(&Value<'a>) -> bool,
) -> EResult<Value<'a>> {
    let v = ev.force(args[0])?;
    if v.is_unknown() {
        return Ok(v);
    }
    Ok(Value::bool(test(&v), span))
}

pub fn is_attrs<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    type_test(ev, args, span, |v| matches!(v.kind, V::Attrs(_)))
}

pub fn is_bool<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    type_test(ev, args, span, |v| matches!(v.kind, V::Bool(_)))
}

pub fn is_float<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    type_test(ev, args, span, |v| matches!(v.kind, V::Float(_)))
}

pub fn is_function<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    type_test(ev, args, span, |v| {
        matches!(v.kind, V::Lambda(_) | V::PrimOp(_))
    })
}

pub fn is_int<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    type_test(ev, args, span, |v| matches!(v.kind, V::Int(_)))
}

pub fn is_list<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    type_test(ev, args, span, |v| matches!(v.kind, V::List(_)))
}

pub fn is_null<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    type_test(ev, args, span, |v| matches!(v.kind, V::Null))
}

pub fn is_path<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    type_test(ev, args, span, |v| matches!(v.kind, V::Path(_)))
}

pub fn is_string<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    type_test(ev, args, span, |v| matches!(v.kind, V::Str(_)))
}

pub fn type_of<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let v = ev.force(args[0])?;
    if v.is_unknown() {
        return Ok(v);
    }
    Ok(Value::new(V::Str(v.kind.type_of()), span))
}

pub fn trace<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let msg = ev.force(args[0])?;
    let text = match msg.kind {
        V::Str(s) => s.to_string(),
        _ => format!("{}", super::super::print::Printer::short(msg)),
    };
    ev.traces.push((span, text));
    ev.force(args[1])
}

pub fn try_eval<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let (success, value) = match ev.force(args[0]) {
        Ok(v) => (true, v),
        Err(e) if e.kind.is_catchable() => (false, Value::bool(false, span)),
        Err(e) => return Err(e),
    };
    let pairs = vec![
        (crate::sym!("success"), Value::bool(success, span)),
        (crate::sym!("value"), value),
    ];
    Ok(ev.attrs_from(pairs, span))
}

pub fn function_args<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let f = ev.force(args[0])?;
    match f.kind {
        V::Lambda(c) => match &c.lambda.param {
            Param::Ident(_) => Ok(ev.attrs_from(Vec::new(), span)),
            Param::Pattern { entries, .. } => {
                let pairs = entries
                    .iter()
                    .map(|e| (e.name, Value::bool(e.default.is_some(), e.span)))
                    .collect();
                Ok(ev.attrs_from(pairs, span))
            }
        },
        V::PrimOp(_) => Ok(ev.attrs_from(Vec::new(), span)),
        V::Unknown(_) => Ok(f),
        _ => super::super::error::type_error(
            format!("value is {} while a function was expected", f.type_name()),
            super::pick(f.span, span),
        ),
    }
}

// pocketlint does not track string contexts (which store paths a string
// refers to), so questions about them have unknown answers.
pub fn get_context<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let _ = known!(ev.want_string(args[0], span)?);
    Ok(ev.unknown("string contexts are not tracked by pocketlint", span))
}

pub fn has_context<'a>(
    ev: &mut Evaluator<'a>,
    args: &[Thunk<'a>],
    span: Span,
) -> EResult<Value<'a>> {
    let _ = known!(ev.want_string(args[0], span)?);
    Ok(ev.unknown("string contexts are not tracked by pocketlint", span))
}

pub fn from_json<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let s = known!(ev.want_string(args[0], span)?);
    super::super::json::from_json(ev, s, span)
}

pub fn to_json<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let v = ev.force(args[0])?;
    match super::super::json::to_json_string(ev, v, span)? {
        Some(s) => Ok(ev.string(&s, span)),
        None => Ok(ev.unknown("`toJSON` of a value that contains an unknown", span)),
    }
}

pub fn from_toml<'a>(ev: &mut Evaluator<'a>, args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
    let s = known!(ev.want_string(args[0], span)?);
    super::super::json::from_toml(ev, s, span)
}

/// Builtins whose result pocketlint cannot know: they return an unknown
/// value with the reason, never an error.
macro_rules! unknown_builtins {
    ($($name:ident => $reason:expr;)*) => {$(
        pub fn $name<'a>(ev: &mut Evaluator<'a>, _args: &[Thunk<'a>], span: Span) -> EResult<Value<'a>> {
            Ok(ev.unknown($reason, span))
        }
    )*};
}

unknown_builtins! {
    unknown_derivation => "derivations are not evaluated by pocketlint";
    unknown_fetch => "fetchers need the network, which pocketlint never uses";
    unknown_filter_source => "`filterSource` produces a store path pocketlint does not compute";
    unknown_find_file => "`findFile` depends on the Nix search path";
    unknown_get_env => "`getEnv` depends on the environment of whoever runs Nix";
    unknown_scoped_import => "`scopedImport` is not supported";
    unknown_store_path => "`storePath` needs the Nix store";
    unknown_to_xml => "`toXML` is not supported";
}
