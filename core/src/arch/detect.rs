//! What the CPU and the OS support: CPUID feature bits, and XGETBV to confirm the OS
//! saves the vector registers (CPUID alone is not enough).

use super::Arch;
use core::arch::x86_64::{__cpuid, __cpuid_count, _xgetbv};

/// The best microkernel level usable here.
pub fn best() -> Arch {
    let max_leaf = __cpuid(0).eax;
    let l1 = __cpuid(1);
    let osxsave = l1.ecx & (1 << 27) != 0;
    let fma = l1.ecx & (1 << 12) != 0;
    if !osxsave || max_leaf < 7 {
        return Arch::Scalar;
    }
    // SAFETY: OSXSAVE is set, so XGETBV is available and XCR0 readable.
    let xcr0 = unsafe { xcr0() };
    let l7 = __cpuid_count(7, 0);
    let avx2 = l7.ebx & (1 << 5) != 0;
    let avx512f = l7.ebx & (1 << 16) != 0;
    let ymm_saved = xcr0 & 0b110 == 0b110;
    let zmm_saved = xcr0 & 0b1110_0110 == 0b1110_0110;
    if avx512f && fma && zmm_saved {
        Arch::Avx512
    } else if avx2 && fma && ymm_saved {
        Arch::Avx2
    } else {
        Arch::Scalar
    }
}

/// # Safety
/// The CPU reports OSXSAVE.
#[target_feature(enable = "xsave")]
unsafe fn xcr0() -> u64 {
    // SAFETY: the caller checked OSXSAVE; XCR0 (index 0) always exists then.
    unsafe { _xgetbv(0) }
}
