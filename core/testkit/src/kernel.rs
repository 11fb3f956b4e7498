//! Which microkernel a process should run: what `FORKLU_ARCH` asks for, and what this
//! CPU can run, found with std's feature detection (CPUID and XGETBV) so that it is an
//! oracle independent of forklu's own dispatch code.

/// Kernels from the most portable up.
const LEVELS: [&str; 3] = ["scalar", "avx2", "avx512"];

/// The best kernel this CPU and its OS can run: "avx512", "avx2" or "scalar".
pub fn host_kernel() -> &'static str {
    #[cfg(target_arch = "x86_64")]
    {
        let fma = std::arch::is_x86_feature_detected!("fma");
        if fma && std::arch::is_x86_feature_detected!("avx512f") {
            return "avx512";
        }
        if fma && std::arch::is_x86_feature_detected!("avx2") {
            return "avx2";
        }
    }
    "scalar"
}

/// The kernel `FORKLU_ARCH` names ("scalar", "avx2" or "avx512"); `None` when it is
/// unset or anything else, which means the best one.
pub fn requested_kernel() -> Option<&'static str> {
    let v = std::env::var("FORKLU_ARCH").ok()?;
    LEVELS.iter().copied().find(|&k| k == v)
}

/// The kernel this process must run: the requested one, or the host's best when none
/// is requested. `Err` (the reason, for a SKIP line) when the CPU lacks the requested
/// kernel.
pub fn expected_kernel() -> Result<&'static str, String> {
    let host = host_kernel();
    match requested_kernel() {
        None => Ok(host),
        Some(want) => {
            let rank = |k| LEVELS.iter().position(|&l| l == k);
            if rank(want) > rank(host) {
                Err(format!(
                    "FORKLU_ARCH={want}, but this CPU's best kernel is {host}"
                ))
            } else {
                Ok(want)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_runs_what_it_has_and_anything_below() {
        let host = host_kernel();
        assert!(LEVELS.contains(&host));
        // Only this module's view of the environment: no thread here changes it.
        if requested_kernel().is_none() {
            assert_eq!(expected_kernel(), Ok(host));
        }
    }
}
