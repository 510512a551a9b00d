//! The global allocator of the binary and the benchmarks: mimalloc,
//! called through its plain entry points.
//!
//! Evaluation makes hundreds of thousands of small, short-lived
//! allocations per host. The `mimalloc` crate sends every one through
//! `mi_malloc_aligned`, whose path costs about three times the
//! instructions of `mi_malloc` (callgrind, `benches/host_eval.rs`). The
//! plain entry points return memory aligned to a machine word at least,
//! which is all nearly every layout asks for; the others keep the aligned
//! calls.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// The alignment every mimalloc block has: blocks are whole words, laid
/// out from aligned pages. (A 16-byte alignment is not given for every
/// size: 24-byte blocks sit 24 bytes apart.)
const PLAIN_ALIGN: usize = std::mem::size_of::<usize>();

pub struct Allocator;

fn plain(layout: Layout) -> bool {
    layout.align() <= PLAIN_ALIGN
}

// SAFETY: every pointer handed out comes from mimalloc and goes back to
// it; `plain` keeps the unaligned entry points to layouts whose alignment
// mimalloc provides without being asked.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe {
            if plain(layout) {
                mi::mi_malloc(layout.size()).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe {
            if plain(layout) {
                mi::mi_zalloc(layout.size()).cast()
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe {
            let new = Layout::from_size_align_unchecked(new_size, layout.align());
            if plain(new) {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layout_comes_back_aligned() {
        let a = Allocator;
        for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1usize, 3, 8, 15, 16, 17, 24, 40, 100, 4096, 100_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size}, align {align}");
                    p.write_bytes(0xAB, size);
                    let bigger = a.realloc(p, layout, size * 3);
                    assert_eq!(bigger as usize % align, 0, "realloc {size}, align {align}");
                    assert_eq!(*bigger.add(size - 1), 0xAB);
                    a.dealloc(bigger, Layout::from_size_align(size * 3, align).unwrap());
                    let z = a.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0);
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
