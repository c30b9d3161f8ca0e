//! The memory accountant: the bytes of heap that the script's values own, counted where
//! value storage is allocated and freed, and checked against the host's limit.
//!
//! A library cannot install a global allocator in its embedder's program, so the count
//! is kept by the values themselves: every heap object (string, list, tuple, big int,
//! range, iterator, function, bound method) charges its footprint (its box plus the
//! buffers it owns) when it is made and credits it back when it is freed; a list or a
//! string that grows charges the difference. The count is thread-local (values are
//! `Rc`, so they never leave their thread) and covers every script value on the
//! thread, whichever VM or host code made or frees it, so it cannot drift; a running
//! [`Runtime`](crate::Runtime) installs its own limit for the duration of the run
//! ([`MemoryAccount::enter`]) and records the peak its run saw. (Several VMs on one
//! thread therefore share one count: each one's limit bounds all of them while it
//! runs.)
//!
//! Two kinds of sites:
//! - **Charges** ([`charge`], [`credit`]) are bookkeeping and never fail: they run in
//!   constructors and destructors of small objects.
//! - **Checks** ([`room_for`]) run before every allocation whose size the script
//!   chooses (repetition, concatenation, `join`, `replace`, list growth, building a
//!   list or tuple, big-int results): past the limit they raise `MemoryError` before
//!   anything is allocated, and the allocation itself is fallible (`try_reserve`), so
//!   a request the operating system refuses is a `MemoryError` too, limit or not.
//!
//! Small objects are charged without a check, but each ends up in a variable (a bounded
//! number) or in a container whose growth is checked, and the interpreter checks the
//! count between slices of steps ([`over_limit`]), so it cannot run far past the limit
//! unnoticed. Every check is a pure function of the counters, which all tiers
//! share: the interpreter, the trace evaluator and compiled code (whose helpers call the
//! same checked functions and exit the trace when they refuse) raise at the same place.

use std::cell::Cell;

use crate::exception::{ExcKind, PyErr};

/// Per-thread counters of the running VM (or of no VM, between runs).
struct Counters {
    used: Cell<usize>,
    peak: Cell<usize>,
    limit: Cell<usize>,
}

thread_local! {
    static COUNTERS: Counters = const {
        Counters {
            used: Cell::new(0),
            peak: Cell::new(0),
            limit: Cell::new(usize::MAX),
        }
    };
}

/// Adds `bytes` to the running VM's count (a value was made or grew).
#[inline]
pub fn charge(bytes: usize) {
    let _ = COUNTERS.try_with(|counters| {
        let used = counters.used.get().saturating_add(bytes);
        counters.used.set(used);
        if used > counters.peak.get() {
            counters.peak.set(used);
        }
    });
}

/// Takes `bytes` off the running VM's count (a value was freed or shrank). Saturates:
/// a value made outside any run (by the host) and freed inside one credits nothing it
/// was not charged for.
#[inline]
pub fn credit(bytes: usize) {
    let _ = COUNTERS.try_with(|counters| {
        counters.used.set(counters.used.get().saturating_sub(bytes));
    });
}

/// `Ok` if `bytes` more fit under the limit; `MemoryError` if they do not (nothing is
/// charged: the caller charges what it then allocates).
#[inline]
pub fn room_for(bytes: usize) -> Result<(), PyErr> {
    let fits = COUNTERS
        .try_with(|counters| counters.used.get().saturating_add(bytes) <= counters.limit.get())
        .unwrap_or(true);
    if fits {
        Ok(())
    } else {
        Err(memory_error())
    }
}

/// Whether the count is already past the limit (checked where a long-running loop
/// takes its next slice of steps, so small objects cannot pile up unnoticed).
pub fn over_limit() -> bool {
    COUNTERS
        .try_with(|counters| counters.used.get() > counters.limit.get())
        .unwrap_or(false)
}

/// `MemoryError` with no message, as CPython raises it.
pub fn memory_error() -> PyErr {
    PyErr::new(ExcKind::MemoryError, "")
}

/// Like [`room_for`] for a big-int product of about `bytes`, which the big-int library
/// computes with temporaries about twice its size (measured: squaring a 16 MB int
/// under a 64 MB limit peaked at 139 MB resident when only the result was counted),
/// all allocated infallibly: the product and its scratch must fit the limit, and a
/// large one is first requested from the allocator and given back, so a request the
/// operating system refuses is a `MemoryError`, not an abort.
pub fn room_for_big(bytes: usize) -> Result<(), PyErr> {
    room_for(bytes.saturating_mul(3))?;
    if bytes > 1 << 20 {
        let mut probe: Vec<u8> = Vec::new();
        // The result, and the scratch space of the library's multiplication (Toom-3
        // keeps several operand-sized temporaries).
        probe
            .try_reserve_exact(bytes.saturating_mul(4))
            .map_err(|_| memory_error())?;
    }
    Ok(())
}

/// What an allocation of `bytes` costs the process: the request rounded up to the
/// allocator's chunk (glibc's malloc: 8 bytes of header, 16-byte granules, 32 at
/// least). Footprints are counted this way so the limit tracks resident memory rather
/// than requested bytes (small objects cost half again their size).
#[inline]
pub const fn allocation(bytes: usize) -> usize {
    if bytes == 0 {
        return 0;
    }
    let chunk = bytes.saturating_add(8 + 15) & !15;
    if chunk < 32 {
        32
    } else {
        chunk
    }
}

/// The allocation of a buffer of `count` items of type `T` (see [`allocation`]).
#[inline]
pub fn buffer<T>(count: usize) -> usize {
    allocation(bytes_of::<T>(count))
}

/// Bytes of `count` items of type `T`, saturating (a request that overflows `usize`
/// cannot fit any limit).
#[inline]
pub fn bytes_of<T>(count: usize) -> usize {
    count.saturating_mul(std::mem::size_of::<T>())
}

/// An empty vector with room for exactly `count` items, or `MemoryError` when the
/// limit or the operating system refuses.
pub fn try_vec<T>(count: usize) -> Result<Vec<T>, PyErr> {
    room_for(bytes_of::<T>(count))?;
    let mut items = Vec::new();
    items.try_reserve_exact(count).map_err(|_| memory_error())?;
    Ok(items)
}

/// An empty string with room for `bytes`, or `MemoryError` (see [`try_vec`]).
pub fn try_string(bytes: usize) -> Result<String, PyErr> {
    room_for(bytes)?;
    let mut text = String::new();
    text.try_reserve_exact(bytes).map_err(|_| memory_error())?;
    Ok(text)
}

/// Room for `more` items in `items`, growing it the way `push` and `extend` do
/// (amortised doubling) under the limit and without aborting; `MemoryError` when
/// refused. The caller's container charges the growth (see `ListObj::items_mut`).
pub fn reserve_more<T>(items: &mut Vec<T>, more: usize) -> Result<(), PyErr> {
    let (len, capacity) = (items.len(), items.capacity());
    if capacity - len >= more {
        return Ok(());
    }
    let wanted = len
        .checked_add(more)
        .ok_or_else(memory_error)?
        .max(capacity.saturating_mul(2))
        .max(4);
    room_for(bytes_of::<T>(wanted - capacity))?;
    items
        .try_reserve_exact(wanted - len)
        .map_err(|_| memory_error())
}

/// `items` followed by clones of `more`, in a new vector made under the limit.
pub fn try_concat<T: Clone>(items: &[T], more: &[T]) -> Result<Vec<T>, PyErr> {
    let mut made = try_vec(items.len().saturating_add(more.len()))?;
    made.extend_from_slice(items);
    made.extend_from_slice(more);
    Ok(made)
}

/// The bytes owned by the script values live on this thread now.
pub fn used() -> usize {
    COUNTERS
        .try_with(|counters| counters.used.get())
        .unwrap_or(0)
}

/// One VM's memory limit and the peak its runs saw. The count itself is the
/// thread's: values are counted wherever they are made and freed (inside a run or by
/// the host between runs), so the count never drifts; the limit applies while the
/// VM runs ([`MemoryAccount::enter`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemoryAccount {
    /// The limit (`None`: unlimited).
    pub limit: Option<usize>,
    /// The most bytes of script values live at once during this VM's runs.
    pub peak: usize,
}

/// The thread's limit and peak before a run, restored when it ends.
#[must_use = "a run must end with `MemoryAccount::leave`"]
pub struct Entered {
    limit: usize,
    peak: usize,
}

impl MemoryAccount {
    /// Installs this VM's limit on the thread for a run (a run inside a host function
    /// of another VM's run installs its own, and gives the outer one back).
    pub fn enter(&self) -> Entered {
        let limit = self.limit.unwrap_or(usize::MAX);
        COUNTERS
            .try_with(|counters| Entered {
                limit: counters.limit.replace(limit),
                peak: counters.peak.replace(counters.used.get()),
            })
            .unwrap_or(Entered {
                limit: usize::MAX,
                peak: 0,
            })
    }

    /// Ends a run: records its peak and restores the limit from before it.
    pub fn leave(&mut self, entered: Entered) {
        let _ = COUNTERS.try_with(|counters| {
            let peak = counters.peak.get();
            self.peak = self.peak.max(peak);
            counters.limit.set(entered.limit);
            counters.peak.set(entered.peak.max(peak));
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_installs_its_limit_and_records_its_peak() {
        let base = used();
        let mut account = MemoryAccount {
            limit: Some(base + 1000),
            peak: 0,
        };
        let entered = account.enter();
        charge(600);
        assert_eq!(room_for(400), Ok(()));
        assert_eq!(room_for(401), Err(memory_error()));
        credit(100);
        assert!(!over_limit());
        charge(600);
        assert!(over_limit());
        credit(1100);
        account.leave(entered);
        assert_eq!(account.peak, base + 1100);
        assert_eq!(used(), base);
        // Outside the run the thread has no limit again.
        assert_eq!(room_for(usize::MAX - base), Ok(()));
    }

    #[test]
    fn growth_is_refused_past_the_limit() {
        let mut account = MemoryAccount {
            limit: Some(used() + 64),
            peak: 0,
        };
        let entered = account.enter();
        let mut items: Vec<u64> = try_vec(4).expect("32 bytes fit");
        items.extend([1, 2, 3, 4]);
        charge(bytes_of::<u64>(4));
        assert_eq!(reserve_more(&mut items, 1), Ok(()));
        charge(bytes_of::<u64>(4));
        items.extend([5, 6, 7, 8]);
        assert_eq!(reserve_more(&mut items, 1), Err(memory_error()));
        assert!(try_string(100).is_err());
        credit(bytes_of::<u64>(8));
        account.leave(entered);
    }
}
