//! Interned names.
//!
//! Attribute names and identifiers are compared constantly during
//! evaluation; interning makes equality a pointer comparison while ordering
//! (which Nix defines on the text) still looks at the characters.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::{Mutex, OnceLock};

const RECENT_SLOTS: usize = 512;

/// A fast hasher for maps keyed by symbols, addresses, spans and paths.
pub type FxBuildHasher = BuildHasherDefault<FxHasher>;

/// The multiply-rotate hash of rustc's `FxHasher`: names are short and
/// interned constantly, and the table is private (no untrusted keys choose
/// collisions that matter), so `SipHash`'s cost buys nothing here.
#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes(c.try_into().expect("eight bytes"));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// An interned string. Two symbols with the same text are the same pointer.
/// The symbol for a literal name, interned once per call site: the module
/// system asks for the same few names (`_type`, `content`, `options`)
/// hundreds of thousands of times per host.
#[macro_export]
macro_rules! sym {
    ($text:literal) => {{
        static SYMBOL: std::sync::OnceLock<$crate::symbol::Symbol> = std::sync::OnceLock::new();
        *SYMBOL.get_or_init(|| $crate::symbol::Symbol::intern($text))
    }};
}

#[derive(Copy, Clone)]
pub struct Symbol(&'static &'static str);

fn table() -> &'static Mutex<HashMap<&'static str, Symbol>> {
    static TABLE: OnceLock<Mutex<HashMap<&'static str, Symbol>>> = OnceLock::new();
    TABLE.get_or_init(|| Mutex::new(HashMap::new()))
}

impl Symbol {
    /// Interns `text`. The text is kept for the life of the process; the set
    /// of names in configuration code is small and repetitive, so this is
    /// bounded in practice.
    pub fn intern(text: &str) -> Symbol {
        // Most calls intern the same few names from the same places (a
        // literal in the module system, a name in lowered code), so a
        // small table indexed by the text's address answers them without
        // hashing; the text is compared, so a reused address is harmless.
        thread_local! {
            static RECENT: RefCell<[Option<Symbol>; RECENT_SLOTS]> =
                const { RefCell::new([None; RECENT_SLOTS]) };
        }
        let slot = ((text.as_ptr() as usize >> 3) ^ text.len()) % RECENT_SLOTS;
        let hit = RECENT.with(|r| r.borrow()[slot].filter(|s| *s.0 == text));
        if let Some(s) = hit {
            return s;
        }
        let s = Symbol::intern_local(text);
        RECENT.with(|r| r.borrow_mut()[slot] = Some(s));
        s
    }

    fn intern_local(text: &str) -> Symbol {
        // Hosts evaluate on several threads that intern the same names all
        // the time; a per-thread cache keeps them off the shared lock.
        thread_local! {
            static LOCAL: RefCell<HashMap<&'static str, Symbol, FxBuildHasher>> =
                RefCell::new(HashMap::default());
        }
        LOCAL.with(|local| {
            if let Some(&s) = local.borrow().get(text) {
                return s;
            }
            let s = Symbol::intern_shared(text);
            local.borrow_mut().insert(s.as_str(), s);
            s
        })
    }

    fn intern_shared(text: &str) -> Symbol {
        let mut set = table()
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&s) = set.get(text) {
            return s;
        }
        // A thin pointer to the text's (fat) pointer: symbols fill
        // attribute sets and paths, where 8 bytes instead of 16 count.
        let leaked: &'static str = Box::leak(text.to_owned().into_boxed_str());
        let s = Symbol(Box::leak(Box::new(leaked)));
        set.insert(leaked, s);
        s
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl PartialEq for Symbol {
    fn eq(&self, other: &Symbol) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Symbol {}

impl Hash for Symbol {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (std::ptr::from_ref(self.0) as usize).hash(state);
    }
}

impl PartialOrd for Symbol {
    fn partial_cmp(&self, other: &Symbol) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Symbol {
    fn cmp(&self, other: &Symbol) -> Ordering {
        if self == other {
            Ordering::Equal
        } else {
            // Names are short and mostly differ early: a byte loop beats a
            // call to memcmp.
            let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
            for (x, y) in a.iter().zip(b) {
                if x != y {
                    return x.cmp(y);
                }
            }
            a.len().cmp(&b.len())
        }
    }
}

impl fmt::Debug for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::ops::Deref for Symbol {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Symbol;

    #[test]
    fn interning_is_identity_and_order_is_textual() {
        let a = Symbol::intern("zeta");
        let b = Symbol::intern(&String::from("zeta"));
        assert_eq!(a, b);
        assert!(Symbol::intern("alpha") < a);
    }

    /// Nix orders attribute names by their bytes, as `str` does.
    #[test]
    fn order_matches_the_texts_order() {
        let names = [
            "",
            "a",
            "ab",
            "abc",
            "b",
            "B",
            "_type",
            "__x",
            "a-b",
            "a.b",
            "z",
            "zz",
            "é",
            "e",
            "aé",
            "a\u{10ffff}",
            "0",
            "9a",
        ];
        for x in names {
            for y in names {
                let (sx, sy) = (Symbol::intern(x), Symbol::intern(y));
                assert_eq!(sx.cmp(&sy), x.cmp(y), "{x:?} vs {y:?}");
            }
        }
    }

    /// Symbols fill attribute sets and option paths.
    #[test]
    fn a_symbol_is_one_pointer() {
        assert_eq!(std::mem::size_of::<Symbol>(), 8);
    }
}
