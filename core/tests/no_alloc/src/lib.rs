//! Links forklu into a final artifact with no allocator: rustc refuses to build this
//! staticlib if anything in forklu's graph needs `alloc`.
#![no_std]

use forklu::{MatMut, lapack};

/// Factors a column-major `n x n` matrix; returns LAPACK's info.
///
/// # Safety
/// `a` holds `n * n` doubles and `ipiv` holds `n` ints.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn probe_getrf(n: usize, a: *mut f64, ipiv: *mut i32) -> i32 {
    // SAFETY: the caller passes buffers of the stated lengths.
    let (a, ipiv) = unsafe { (core::slice::from_raw_parts_mut(a, n * n), core::slice::from_raw_parts_mut(ipiv, n)) };
    let Ok(view) = MatMut::col_major(a, n, n, n.max(1)) else { return -1 };
    match lapack::getrf(view, ipiv) {
        Ok(()) => 0,
        Err(forklu::Error::Singular(i)) => i as i32,
        Err(_) => -2,
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}
