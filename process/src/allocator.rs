//! Settings of mimalloc, the allocator of both binaries (server and worker). The workspace's only
//! `unsafe`: two calls into mimalloc's option table, which takes any value at any time.
#![allow(unsafe_code)]
use libmimalloc_sys::{mi_option_get, mi_option_set, mi_option_t};

/// `mi_option_purge_delay` of mimalloc v3's `mi_option_e` (libmimalloc-sys names only some options;
/// the test below checks this index still means "purge delay").
const PURGE_DELAY: mi_option_t = 15;

/// Gives freed memory back to the system at once instead of after mimalloc's default second. After a
/// burst of sign-ins (a 19 MiB argon2 buffer each) the server otherwise stayed at ~150 MiB; with
/// this and no transparent huge pages (the `no_thp` feature) it returns to ~25 MiB (`make bench`
/// measures it). Call first thing in `main`.
pub fn tune() {
    // SAFETY: sets one of mimalloc's option values (a plain store); valid at any time.
    unsafe { mi_option_set(PURGE_DELAY, 0) };
}

/// The current purge delay in milliseconds.
pub fn purge_delay_ms() -> std::ffi::c_long {
    // SAFETY: reads one of mimalloc's option values.
    unsafe { mi_option_get(PURGE_DELAY) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_index_is_the_purge_delay_and_tune_sets_it_to_zero() {
        // mimalloc v3's default purge delay is 1000 ms (its src/options.c); no neighbouring option
        // defaults to that.
        assert_eq!(super::purge_delay_ms(), 1000);
        super::tune();
        assert_eq!(super::purge_delay_ms(), 0);
    }
}
