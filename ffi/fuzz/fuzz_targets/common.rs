//! Input decoding and buffer checks shared by the fuzz targets (included with `mod`).
#![allow(dead_code)]

use arbitrary::{Result, Unstructured};

/// Largest buffer (in elements) a call may get; calls needing more are skipped unless
/// forklu must reject them before touching memory.
pub const CAP: usize = 1 << 16;

/// Guard value around and between matrix elements: a NaN with its own payload.
pub const F_GUARD: u64 = 0x7ff4_dead_beef_0bad;
/// Guard pattern for pivot arrays.
pub const I_GUARD: i64 = 0x5a5a_5a5a_5a5a_5a5a;

/// Integers worth trying: edges of `int`/`int64_t`, values whose products overflow.
pub const SPECIAL: &[i64] = &[
    0,
    1,
    -1,
    2,
    i32::MAX as i64,
    i32::MIN as i64,
    i32::MAX as i64 - 1,
    i32::MIN as i64 + 1,
    i64::MAX,
    i64::MIN,
    i64::MAX - 1,
    i64::MIN + 1,
    1 << 31,
    (1 << 31) + 1,
    -(1 << 31) - 1,
    1 << 32,
    (1 << 32) + 1,
    (1 << 32) - 1,
    (1 << 32) + 5,
    1 << 60,
    (1 << 60) + 1,
    1 << 61,
    1 << 62,
    46340,
    46341,
    65536,
    65537,
    3_037_000_499,
    3_037_000_500,
    (1 << 57) + 1,
];

/// An integer argument: mostly small, sometimes an edge value or raw bits.
pub fn gen_int(u: &mut Unstructured<'_>) -> Result<i64> {
    Ok(match u.int_in_range(0u8..=15)? {
        0..=8 => u.int_in_range(-1i64..=12)?,
        9..=10 => u.int_in_range(0i64..=260)?,
        11..=12 => SPECIAL[u.choose_index(SPECIAL.len())?],
        13 => u.arbitrary::<i64>()?,
        14 => u.arbitrary::<i32>()?.into(),
        _ => -u.int_in_range(0i64..=3)?,
    })
}

/// A leading dimension near its smallest valid value `min`, or anything.
pub fn gen_ld(u: &mut Unstructured<'_>, min: i64) -> Result<i64> {
    Ok(match u.int_in_range(0u8..=9)? {
        0..=5 => min.saturating_add(u.int_in_range(0i64..=3)?),
        6 => min.saturating_sub(1),
        7 => min.saturating_add(u.int_in_range(0i64..=300)?),
        _ => gen_int(u)?,
    })
}

/// splitmix64.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }
}

const SPECIAL_F: &[f64] = &[
    0.0,
    -0.0,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::MIN_POSITIVE,
    5e-324,
    -5e-324,
    1e308,
    -1e308,
    1e-300,
    1.0,
    -1.0,
];

/// `rows * cols` matrix values (column-major order) drawn from the input: raw bits,
/// small integers (exact cancellations, singular matrices), or a seeded generator
/// with special values, zero or repeated columns sprinkled in.
pub fn gen_values(u: &mut Unstructured<'_>, rows: usize, cols: usize) -> Result<Vec<f64>> {
    let len = rows * cols;
    let mode = u.int_in_range(0u8..=5)?;
    let mut rng = Rng(u.arbitrary()?);
    let mut v = Vec::with_capacity(len);
    match mode {
        0 => {
            for _ in 0..len {
                v.push(f64::from_bits(u.arbitrary()?));
            }
        }
        1 => {
            for _ in 0..len {
                v.push(f64::from(u.arbitrary::<i8>()? % 4));
            }
        }
        2 | 3 => {
            for _ in 0..len {
                let x = if mode == 3 && rng.next().is_multiple_of(16) {
                    SPECIAL_F[(rng.next() % SPECIAL_F.len() as u64) as usize]
                } else {
                    rng.unit()
                };
                v.push(x);
            }
        }
        _ => {
            for _ in 0..len {
                v.push(rng.unit());
            }
            if rows > 0 && cols > 0 {
                // Rank-deficient: a zero column, a repeated column or a zero row.
                let j = (rng.next() % cols as u64) as usize;
                let src = (rng.next() % cols as u64) as usize;
                let i = (rng.next() % rows as u64) as usize;
                match rng.next() % 3 {
                    0 => v[j * rows..(j + 1) * rows].fill(0.0),
                    1 => {
                        for r in 0..rows {
                            v[j * rows + r] = v[src * rows + r];
                        }
                    }
                    _ => {
                        for c in 0..cols {
                            v[c * rows + i] = 0.0;
                        }
                    }
                }
            }
        }
    }
    Ok(v)
}

/// A buffer with `guard` sentinel elements before and after `len` data elements.
/// With `guard == 0` the data is the whole allocation, so AddressSanitizer's red
/// zones catch any access past either end; with guards, sentinels catch writes.
pub struct Guarded<T: Copy> {
    pub v: Vec<T>,
    pub pre: usize,
    pub len: usize,
}

impl<T: Copy> Guarded<T> {
    pub fn new(len: usize, guard: usize, fill: T) -> Self {
        Self {
            v: vec![fill; len + 2 * guard],
            pre: guard,
            len,
        }
    }
    pub fn data(&self) -> &[T] {
        &self.v[self.pre..self.pre + self.len]
    }
    pub fn data_mut(&mut self) -> &mut [T] {
        &mut self.v[self.pre..self.pre + self.len]
    }
    pub fn ptr(&mut self) -> *mut T {
        // SAFETY: pre <= v.len().
        unsafe { self.v.as_mut_ptr().add(self.pre) }
    }
}

/// Bit pattern of an element, for exact comparison (NaN payloads included).
pub trait Bits: Copy {
    fn bits(self) -> u64;
}
impl Bits for f64 {
    fn bits(self) -> u64 {
        self.to_bits()
    }
}
impl Bits for i32 {
    fn bits(self) -> u64 {
        self as u32 as u64
    }
}
impl Bits for i64 {
    fn bits(self) -> u64 {
        self as u64
    }
}

/// Asserts that every element of `after` (guards included) equals `before`, except
/// data elements `k` with `writable(k)`.
pub fn assert_only_written<T: Bits>(
    what: &str,
    before: &[T],
    after: &Guarded<T>,
    writable: impl Fn(usize) -> bool,
) {
    assert_eq!(before.len(), after.v.len());
    for (idx, (x, y)) in before.iter().zip(&after.v).enumerate() {
        let in_data = idx >= after.pre && idx < after.pre + after.len;
        if in_data && writable(idx - after.pre) {
            continue;
        }
        assert!(
            x.bits() == y.bits(),
            "{what}: element {idx} (data offset {}) changed: {:#x} -> {:#x}; \
             guard {} data len {}",
            idx as isize - after.pre as isize,
            x.bits(),
            y.bits(),
            after.pre,
            after.len
        );
    }
}

/// Index within a column-major (`rs = 1, cs = ld`) or row-major (`rs = ld, cs = 1`) matrix.
pub fn at(row_major: bool, ld: usize, i: usize, j: usize) -> usize {
    if row_major { i * ld + j } else { i + j * ld }
}

/// Elements spanned by a `rows x cols` matrix with leading dimension `ld`, LAPACK's
/// minimal array (`ld * (lines - 1) + len`); `None` when it overflows what an
/// allocation can hold (`isize::MAX` bytes).
pub fn span(row_major: bool, rows: i64, cols: i64, ld: i64) -> Option<u128> {
    if rows <= 0 || cols <= 0 {
        return Some(0);
    }
    let (lines, len) = if row_major {
        (rows, cols)
    } else {
        (cols, rows)
    };
    let s = ld as i128 * (lines as i128 - 1) + len as i128;
    (s <= isize::MAX as i128 / 8).then_some(s as u128)
}

/// Checks `P A = L U` for the logical `m x n` matrix `a0` (column-major, packed) and
/// the factored `lu` (same), with pivots `ipiv`: every pivot names a row at or below
/// its own, `U(i, i)` is exactly zero first at `info`, and for small finite inputs the
/// residual is within rounding.
pub fn check_lu(a0: &[f64], lu: &[f64], m: usize, n: usize, ipiv: &[i64], info: i64) {
    let k = m.min(n);
    assert_eq!(ipiv.len(), k);
    for (i, &p) in ipiv.iter().enumerate() {
        assert!(
            p > i as i64 && p <= m as i64,
            "ipiv[{i}] = {p} outside {}..={m}",
            i + 1
        );
    }
    let first_zero = (0..k)
        .find(|&i| lu[i + i * m] == 0.0)
        .map_or(0, |i| i as i64 + 1);
    assert_eq!(info, first_zero, "info vs first exactly-zero U(i, i)");
    if m > 8 || n > 8 || !a0.iter().chain(lu).all(|x| x.is_finite()) {
        return;
    }
    // P A: apply the interchanges in order.
    let mut pa = a0.to_vec();
    for (i, &p) in ipiv.iter().enumerate() {
        let p = p as usize - 1;
        for j in 0..n {
            pa.swap(i + j * m, p + j * m);
        }
    }
    let eps = f64::EPSILON;
    // Partial pivoting: |L(i, p)| <= 1 (up to the rounding of a reciprocal).
    for p in 0..k {
        for i in p + 1..m {
            let l = lu[i + p * m].abs();
            assert!(l <= 1.0 + 4.0 * eps, "|L({i}, {p})| = {l:e} > 1");
        }
    }
    for j in 0..n {
        for i in 0..m {
            let (mut s, mut mag, mut umag) = (0.0, 0.0, 0.0);
            for p in 0..=i.min(j).min(k - 1) {
                let l = if p == i { 1.0 } else { lu[i + p * m] };
                let uu = lu[p + j * m];
                s += l * uu;
                mag += (l * uu).abs();
                umag += uu.abs();
            }
            let err = (pa[i + j * m] - s).abs();
            if !err.is_finite() || !mag.is_finite() || !umag.is_finite() {
                return;
            }
            // Rounding (relative eps) and underflow (absolute 2^-1074 per operation,
            // in L scaled by U: a multiplier that underflows to 0 drops |a| < 2^-1074 |u|).
            let tiny = 5e-324;
            let bound = 8.0 * (k as f64 + 2.0) * (eps * mag + tiny * umag + tiny);
            assert!(
                err <= bound,
                "residual at ({i}, {j}): |PA - LU| = {err:e} > {bound:e}, m {m} n {n} \
                 a0 {a0:?} lu {lu:?} ipiv {ipiv:?}"
            );
        }
    }
}
