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

/// The caches one core sees, in bytes, from CPUID's deterministic cache leaves (leaf 4
/// on Intel, 0x8000001D on AMD and Hygon with topology extensions, else AMD's legacy
/// 0x80000005 and 0x80000006): `[L1 data, L2, L3]`, the L3 divided among the logical
/// processors that share it. `None` where the CPU (or a hypervisor) reports nothing.
pub fn caches() -> [Option<usize>; 3] {
    let l0 = __cpuid(0);
    let intel = (l0.ebx, l0.edx, l0.ecx) == (0x756e_6547, 0x4965_6e69, 0x6c65_746e);
    let max_ext = __cpuid(0x8000_0000).eax;
    let topoext = max_ext >= 0x8000_001d && __cpuid(0x8000_0001).ecx & (1 << 22) != 0;
    let leaf = if intel && l0.eax >= 4 {
        Some(4)
    } else if topoext {
        Some(0x8000_001d)
    } else {
        None
    };
    let mut found = [None; 3];
    if let Some(leaf) = leaf {
        for sub in 0..16 {
            let r = __cpuid_count(leaf, sub);
            let kind = r.eax & 0x1f;
            if kind == 0 {
                break;
            }
            let level = ((r.eax >> 5) & 0x7) as usize;
            // Data (1) or unified (3) caches of levels 1 to 3.
            if !(kind == 1 || kind == 3) || !(1..=3).contains(&level) {
                continue;
            }
            let ways = ((r.ebx >> 22) & 0x3ff) as usize + 1;
            let partitions = ((r.ebx >> 12) & 0x3ff) as usize + 1;
            let line = (r.ebx & 0xfff) as usize + 1;
            let sets = r.ecx as usize + 1;
            let sharing = ((r.eax >> 14) & 0xfff) as usize + 1;
            let size = ways * partitions * line * sets;
            found[level - 1] = Some(if level == 3 { size / sharing } else { size });
        }
    } else if !intel && max_ext >= 0x8000_0006 {
        // AMD's legacy leaves: L1d KiB in 0x80000005 ECX[31:24], L2 KiB in 0x80000006
        // ECX[31:16], L3 in 512 KiB units in its EDX[31:18] (shared; no count given).
        if max_ext >= 0x8000_0005 {
            found[0] = Some((__cpuid(0x8000_0005).ecx >> 24) as usize * 1024);
        }
        let r = __cpuid(0x8000_0006);
        found[1] = Some((r.ecx >> 16) as usize * 1024);
        found[2] = Some((r.edx >> 18) as usize * 512 * 1024);
    }
    found.map(|s| s.filter(|&b| b > 0))
}
