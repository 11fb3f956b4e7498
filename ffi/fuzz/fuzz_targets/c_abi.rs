//! Fuzzes the C ABI's translation layer (`forklu_abi`) the way every exported routine
//! reaches it: `dgetrf_` ..., the `_64_` twins and the `forklu_`-prefixed names are each
//! one forward to `forklu_abi::fortran`, the LAPACKE-style `forklu_dgetrf(layout, ...)`
//! ones to `forklu_abi::lapacke`. Arbitrary integer arguments, null pointers and matrix
//! contents.
//!
//! Checks: `info` is exactly the first bad argument in LAPACK's order (plus forklu's
//! documented extras: null pointers, spans that overflow the address space, pivots
//! outside `1..=n`), else `>= 0`; nothing outside the stated matrices, pivots and
//! workspace is written (guards around every buffer, padding rows of `lda > m`);
//! a rejected call writes nothing; the results are valid factorizations.
#![no_main]

mod common;

use arbitrary::{Result, Unstructured};
use common::*;
use forklu_abi as abi;
use libfuzzer_sys::fuzz_target;
use std::ffi::c_char;
use std::ptr::{null, null_mut};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Routine {
    Getrf,
    Getrs,
    Gesv,
    Getri,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Abi {
    Lp64,
    Ilp64,
    Lapacke,
}

/// A LAPACK integer width.
trait FInt: Bits + abi::Int + std::fmt::Debug {
    const GUARD: Self;
    fn trunc(v: i64) -> Self;
    fn wide(self) -> i64;
}

impl FInt for i32 {
    const GUARD: Self = 0x5a5a_5a5a;
    fn trunc(v: i64) -> Self {
        v as i32
    }
    fn wide(self) -> i64 {
        self.into()
    }
}

impl FInt for i64 {
    const GUARD: Self = I_GUARD;
    fn trunc(v: i64) -> Self {
        v
    }
    fn wide(self) -> i64 {
        self
    }
}

/// Arguments passed as null pointers (Fortran ABI only for scalars).
#[derive(Default, Debug)]
struct Nulls {
    m: bool,
    n: bool,
    nrhs: bool,
    lda: bool,
    ldb: bool,
    lwork: bool,
    trans: bool,
    info: bool,
    a: bool,
    b: bool,
    ipiv: bool,
    work: bool,
}

#[derive(Debug)]
struct Args {
    routine: Routine,
    abi: Abi,
    layout: i32,
    m: i64,
    n: i64,
    nrhs: i64,
    lda: i64,
    ldb: i64,
    lwork: i64,
    trans: u8,
    nulls: Nulls,
}

impl Args {
    fn shift(&self) -> i64 {
        (self.abi == Abi::Lapacke) as i64
    }
    fn row_major(&self) -> bool {
        self.abi == Abi::Lapacke && self.layout == abi::FORKLU_ROW_MAJOR
    }
    /// LAPACK's smallest leading dimension: `max(1, rows)` column-major, LAPACKE's
    /// `cols` row-major.
    fn min_ld(&self, rows: i64, cols: i64) -> i64 {
        if self.row_major() { cols } else { rows.max(1) }
    }
    /// Shape of A (rows, cols).
    fn a_shape(&self) -> (i64, i64) {
        match self.routine {
            Routine::Getrf => (self.m, self.n),
            _ => (self.n, self.n),
        }
    }
    fn a_span(&self) -> Option<u128> {
        let (r, c) = self.a_shape();
        span(self.row_major(), r, c, self.lda)
    }
    fn b_span(&self) -> Option<u128> {
        span(self.row_major(), self.n, self.nrhs, self.ldb)
    }
    fn ipiv_len(&self) -> i64 {
        match self.routine {
            Routine::Getrf => self.m.min(self.n),
            _ => self.n,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Buf {
    A,
    B,
    Ipiv,
    Work,
}

/// What the call must do.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    /// Reject with this `info`, writing nothing.
    Neg(i64),
    /// Return 0 at once (empty matrices, workspace query), writing nothing.
    Quick,
    /// Compute: `info >= 0`.
    Run,
}

/// The expected outcome, and the buffers forklu views before reaching it (those must
/// really span their stated sizes).
fn model(a: &Args, pivots_in_range: bool) -> (Expect, Vec<Buf>) {
    use Expect::*;
    let s = a.shift();
    let nl = &a.nulls;
    let mut views = Vec::new();
    if a.abi == Abi::Lapacke
        && a.layout != abi::FORKLU_ROW_MAJOR
        && a.layout != abi::FORKLU_COL_MAJOR
    {
        return (Neg(-1), views);
    }
    let dim = |v: i64, null: bool| !null && v >= 0;
    let ld_ok = |v: i64, null: bool, min: i64| !null && v >= min;
    macro_rules! bad {
        ($cond:expr, $pos:expr) => {
            if $cond {
                return (Neg(-($pos + s)), views);
            }
        };
    }
    // A matrix argument at position `pos` with leading dimension at `ldpos`.
    macro_rules! matrix {
        ($buf:expr, $null:expr, $span:expr, $pos:expr, $ldpos:expr) => {
            if $span != Some(0) {
                bad!($null, $pos);
                bad!($span.is_none(), $ldpos);
                views.push($buf);
            }
        };
    }
    match a.routine {
        Routine::Getrf => {
            bad!(!dim(a.m, nl.m), 1);
            bad!(!dim(a.n, nl.n), 2);
            bad!(!ld_ok(a.lda, nl.lda, a.min_ld(a.m, a.n)), 4);
            if a.m == 0 || a.n == 0 {
                return (Quick, views);
            }
            matrix!(Buf::A, nl.a, a.a_span(), 3, 4);
            bad!(nl.ipiv, 5);
            views.push(Buf::Ipiv);
            (Run, views)
        }
        Routine::Getrs => {
            bad!(nl.trans || !b"NnTtCc".contains(&a.trans), 1);
            bad!(!dim(a.n, nl.n), 2);
            bad!(!dim(a.nrhs, nl.nrhs), 3);
            bad!(!ld_ok(a.lda, nl.lda, a.min_ld(a.n, a.n)), 5);
            bad!(!ld_ok(a.ldb, nl.ldb, a.min_ld(a.n, a.nrhs)), 8);
            if a.n == 0 || a.nrhs == 0 {
                return (Quick, views);
            }
            matrix!(Buf::A, nl.a, a.a_span(), 4, 5);
            bad!(nl.ipiv, 6);
            views.push(Buf::Ipiv);
            matrix!(Buf::B, nl.b, a.b_span(), 7, 8);
            bad!(!pivots_in_range, 6);
            (Run, views)
        }
        Routine::Gesv => {
            bad!(!dim(a.n, nl.n), 1);
            bad!(!dim(a.nrhs, nl.nrhs), 2);
            bad!(!ld_ok(a.lda, nl.lda, a.min_ld(a.n, a.n)), 4);
            bad!(!ld_ok(a.ldb, nl.ldb, a.min_ld(a.n, a.nrhs)), 7);
            if a.n == 0 {
                return (Quick, views);
            }
            matrix!(Buf::A, nl.a, a.a_span(), 3, 4);
            bad!(nl.ipiv, 5);
            views.push(Buf::Ipiv);
            matrix!(Buf::B, nl.b, a.b_span(), 6, 7);
            (Run, views)
        }
        Routine::Getri => {
            bad!(!dim(a.n, nl.n), 1);
            bad!(!ld_ok(a.lda, nl.lda, a.min_ld(a.n, a.n)), 3);
            bad!(nl.lwork, 6);
            if a.lwork == -1 {
                bad!(nl.work, 5);
                return (Quick, views);
            }
            bad!(a.lwork < a.n.max(1), 6);
            if a.n == 0 {
                return (Quick, views);
            }
            matrix!(Buf::A, nl.a, a.a_span(), 2, 3);
            bad!(nl.ipiv, 4);
            views.push(Buf::Ipiv);
            bad!(nl.work, 5);
            views.push(Buf::Work);
            bad!(!pivots_in_range, 4);
            (Run, views)
        }
    }
}

fn gen_args(u: &mut Unstructured<'_>, abi: Abi, trunc: fn(i64) -> i64) -> Result<Args> {
    let routine = *u.choose(&[
        Routine::Getrf,
        Routine::Getrs,
        Routine::Gesv,
        Routine::Getri,
    ])?;
    // Once chose `dgetrf_` or `forklu_dgetrf_`, now one forward: still read, so that
    // saved inputs (regressions/, corpora) decode as before.
    let _name: bool = u.arbitrary()?;
    let layout = if abi == Abi::Lapacke {
        match u.int_in_range(0u8..=9)? {
            0..=4 => abi::FORKLU_COL_MAJOR,
            5..=8 => abi::FORKLU_ROW_MAJOR,
            _ => u.arbitrary()?,
        }
    } else {
        abi::FORKLU_COL_MAJOR
    };
    let m = trunc(gen_int(u)?);
    let n = match u.int_in_range(0u8..=3)? {
        0 => m,
        _ => trunc(gen_int(u)?),
    };
    let nrhs = trunc(gen_int(u)?);
    let trans = match u.int_in_range(0u8..=7)? {
        0..=6 => *u.choose(b"NnTtCc")?,
        _ => u.arbitrary()?,
    };
    let mut nulls = Nulls::default();
    if u.ratio(1u8, 8)? {
        let fortran = abi != Abi::Lapacke;
        nulls = Nulls {
            m: fortran && u.ratio(1u8, 6)?,
            n: fortran && u.ratio(1u8, 6)?,
            nrhs: fortran && u.ratio(1u8, 6)?,
            lda: fortran && u.ratio(1u8, 6)?,
            ldb: fortran && u.ratio(1u8, 6)?,
            lwork: fortran && u.ratio(1u8, 6)?,
            trans: fortran && u.ratio(1u8, 6)?,
            info: fortran && u.ratio(1u8, 6)?,
            a: u.ratio(1u8, 6)?,
            b: u.ratio(1u8, 6)?,
            ipiv: u.ratio(1u8, 6)?,
            work: u.ratio(1u8, 6)?,
        };
    }
    let mut args = Args {
        routine,
        abi,
        layout,
        m,
        n,
        nrhs,
        lda: 0,
        ldb: 0,
        lwork: 0,
        trans,
        nulls,
    };
    let (ar, ac) = args.a_shape();
    args.lda = trunc(gen_ld(u, args.min_ld(ar, ac))?);
    args.ldb = trunc(gen_ld(u, args.min_ld(args.n, args.nrhs))?);
    let n1 = args.n.max(1);
    args.lwork = trunc(match u.int_in_range(0u8..=9)? {
        0 => -1,
        1 => n1 - 1,
        2..=4 => n1,
        5 => n1.saturating_mul(64),
        6 => n1.saturating_add(u.int_in_range(0i64..=200)?),
        _ => gen_int(u)?,
    });
    Ok(args)
}

/// A buffer of `need` elements, or an empty placeholder when that is too large to
/// allocate (usable only when forklu must reject the call before viewing it).
fn real_len(need: Option<u128>) -> Option<usize> {
    need.filter(|&s| s <= CAP as u128).map(|s| s as usize)
}

fn run<I: FInt>(u: &mut Unstructured<'_>, abi: Abi) -> Result<()> {
    let args = gen_args(u, abi, |v| I::trunc(v).wide())?;
    let guard = *u.choose(&[0usize, 1, 2, 7])?;
    let row_major = args.row_major();
    let (ar, ac) = args.a_shape();
    let real_a = real_len(args.a_span());
    let real_b = if matches!(args.routine, Routine::Getrs | Routine::Gesv) {
        real_len(args.b_span())
    } else {
        Some(0)
    };
    let real_ipiv = real_len(Some(args.ipiv_len().max(0) as u128));
    // `work` always has at least one entry (LAPACK: `max(1, lwork)`).
    let real_work = if args.routine == Routine::Getri {
        real_len(Some(args.lwork.max(1) as u128))
    } else {
        Some(0)
    };

    // Matrix A: stated elements from the input, padding and guards hold the sentinel.
    let mut a = Guarded::new(real_a.unwrap_or(0), guard, f64::from_bits(F_GUARD));
    let mut a0 = Vec::new(); // logical A, column-major packed
    // Contents only matter when A can be valid (then rows * cols <= span <= CAP).
    let a_valid = args.lda >= args.min_ld(ar, ac) && ar > 0 && ac > 0;
    if real_a.is_some() && a.len > 0 && a_valid {
        let (r, c) = (ar as usize, ac as usize);
        a0 = gen_values(u, r, c)?;
        let ld = args.lda as usize;
        let d = a.data_mut();
        for j in 0..c {
            for i in 0..r {
                d[at(row_major, ld, i, j)] = a0[i + j * r];
            }
        }
    }
    let mut b = Guarded::new(real_b.unwrap_or(0), guard, f64::from_bits(F_GUARD));
    let b_valid = args.ldb >= args.min_ld(args.n, args.nrhs) && args.n > 0 && args.nrhs > 0;
    if real_b.is_some() && b.len > 0 && b_valid {
        let (r, c) = (args.n as usize, args.nrhs as usize);
        let vals = gen_values(u, r, c)?;
        let ld = args.ldb as usize;
        let d = b.data_mut();
        for j in 0..c {
            for i in 0..r {
                d[at(row_major, ld, i, j)] = vals[i + j * r];
            }
        }
    }
    let mut ipiv: Guarded<I> = Guarded::new(real_ipiv.unwrap_or(0), guard, I::GUARD);
    let mut pivots_in_range = true;
    if matches!(args.routine, Routine::Getrs | Routine::Getri) && ipiv.len > 0 {
        let n = args.n;
        let mode = u.int_in_range(0u8..=5)?;
        if mode == 5 && real_a.is_some() && a.len > 0 && a_valid {
            // Genuine factors: factor A in place first (Rust API, i64 pivots).
            let nn = n as usize;
            let ld = args.lda as usize;
            let view = if row_major {
                forklu::MatMut::row_major(a.data_mut(), nn, nn, ld)
            } else {
                forklu::MatMut::col_major(a.data_mut(), nn, nn, ld)
            };
            let mut p = vec![0i64; nn];
            let _ = forklu::lapack::getrf(view.expect("harness: view of a valid A"), &mut p);
            for (dst, &v) in ipiv.data_mut().iter_mut().zip(&p) {
                *dst = I::trunc(v);
            }
            // Logical A is now the factors.
            let d = a.data();
            for j in 0..nn {
                for i in 0..nn {
                    a0[i + j * nn] = d[at(row_major, ld, i, j)];
                }
            }
        } else {
            let bad = [
                0i64,
                -1,
                n + 1,
                i32::MIN as i64,
                i64::MAX,
                1 << 32,
                (1 << 32) + 1,
            ];
            let bad_at = u.int_in_range(0..=ipiv.len - 1)?;
            for (i, p) in ipiv.data_mut().iter_mut().enumerate() {
                let v = match mode {
                    0 | 5 => u.int_in_range(i as i64 + 1..=n)?,
                    1 => u.int_in_range(1..=n)?,
                    2 => u.arbitrary::<i64>()?,
                    3 if i == bad_at => *u.choose(&bad)?,
                    _ => u.int_in_range(i as i64 + 1..=n)?,
                };
                *p = I::trunc(v);
            }
        }
        pivots_in_range = ipiv.data().iter().all(|p| (1..=n).contains(&p.wide()));
    }
    let mut work = Guarded::new(real_work.unwrap_or(1), guard, f64::from_bits(F_GUARD));
    for (k, w) in work.data_mut().iter_mut().enumerate() {
        *w = k as f64 + 0.5;
    }

    let (expect, views) = model(&args, pivots_in_range);
    let fits = |b: &Buf| match b {
        Buf::A => real_a.is_some(),
        Buf::B => real_b.is_some(),
        Buf::Ipiv => real_ipiv.is_some(),
        Buf::Work => real_work.is_some(),
    };
    if !views.iter().all(fits) {
        return Ok(()); // the stated arrays are too large to allocate
    }

    if std::env::var_os("FORKLU_FUZZ_DEBUG").is_some() {
        eprintln!("{args:?} expect {expect:?} guard {guard}");
    }
    let (a_before, b_before, ipiv_before, work_before) =
        (a.v.clone(), b.v.clone(), ipiv.v.clone(), work.v.clone());
    let nl = &args.nulls;
    let ptr_or_null = |null: bool, p: *mut f64| if null { null_mut() } else { p };
    let pa = ptr_or_null(nl.a, a.ptr());
    let pb = ptr_or_null(nl.b, b.ptr());
    let pw = ptr_or_null(nl.work, work.ptr());
    let pi: *mut I = if nl.ipiv { null_mut() } else { ipiv.ptr() };

    let info: Option<i64> = if abi == Abi::Lapacke {
        let t = |v: i64| v as i32;
        let pi = pi.cast::<i32>();
        // SAFETY: every buffer spans what its arguments state, or the model says the
        // call is rejected before the buffer is viewed.
        let r = unsafe {
            match args.routine {
                Routine::Getrf => {
                    abi::lapacke::getrf(args.layout, t(args.m), t(args.n), pa, t(args.lda), pi)
                }
                Routine::Getrs => abi::lapacke::getrs(
                    args.layout,
                    args.trans as c_char,
                    t(args.n),
                    t(args.nrhs),
                    pa,
                    t(args.lda),
                    pi,
                    pb,
                    t(args.ldb),
                ),
                Routine::Gesv => abi::lapacke::gesv(
                    args.layout,
                    t(args.n),
                    t(args.nrhs),
                    pa,
                    t(args.lda),
                    pi,
                    pb,
                    t(args.ldb),
                ),
                Routine::Getri => abi::lapacke::getri(
                    args.layout,
                    t(args.n),
                    pa,
                    t(args.lda),
                    pi,
                    pw,
                    t(args.lwork),
                ),
            }
        };
        Some(r.into())
    } else {
        let sc = |v: i64| I::trunc(v);
        let (m, n, nrhs, lda, ldb, lwork) = (
            sc(args.m),
            sc(args.n),
            sc(args.nrhs),
            sc(args.lda),
            sc(args.ldb),
            sc(args.lwork),
        );
        let p = |is_null: bool, v: &I| if is_null { null() } else { v as *const I };
        let mut info = I::GUARD;
        let pinfo: *mut I = if nl.info { null_mut() } else { &mut info };
        let trans = args.trans as c_char;
        let pt: *const c_char = if nl.trans { null() } else { &trans };
        // SAFETY: as above.
        unsafe {
            match args.routine {
                Routine::Getrf => {
                    abi::fortran::getrf(p(nl.m, &m), p(nl.n, &n), pa, p(nl.lda, &lda), pi, pinfo)
                }
                Routine::Getrs => abi::fortran::getrs(
                    pt,
                    p(nl.n, &n),
                    p(nl.nrhs, &nrhs),
                    pa,
                    p(nl.lda, &lda),
                    pi,
                    pb,
                    p(nl.ldb, &ldb),
                    pinfo,
                ),
                Routine::Gesv => abi::fortran::gesv(
                    p(nl.n, &n),
                    p(nl.nrhs, &nrhs),
                    pa,
                    p(nl.lda, &lda),
                    pi,
                    pb,
                    p(nl.ldb, &ldb),
                    pinfo,
                ),
                Routine::Getri => abi::fortran::getri(
                    p(nl.n, &n),
                    pa,
                    p(nl.lda, &lda),
                    pi,
                    pw,
                    p(nl.lwork, &lwork),
                    pinfo,
                ),
            }
        }
        if nl.info {
            assert!(info.bits() == I::GUARD.bits());
            None
        } else {
            Some(info.wide())
        }
    };

    let ctx = format!("{args:?} expect {expect:?}");
    // getri stores the optimal lwork in work[0] whenever n is valid and work is not null.
    let work0_written = args.routine == Routine::Getri
        && !(abi == Abi::Lapacke
            && args.layout != abi::FORKLU_ROW_MAJOR
            && args.layout != abi::FORKLU_COL_MAJOR)
        && !nl.n
        && args.n >= 0
        && !nl.work;
    if work0_written {
        let want = forklu::lapack::getri_work_len(args.n as usize) as f64;
        assert_eq!(work.data()[0], want, "work[0] after getri: {ctx}");
    }
    let nothing = |_: usize| false;
    let work0 = |k: usize| k == 0 && work0_written;
    match expect {
        Expect::Neg(_) | Expect::Quick => {
            let e = if let Expect::Neg(e) = expect { e } else { 0 };
            if let Some(i) = info {
                assert_eq!(i, e, "info: {ctx}");
            }
            assert_only_written(&format!("a, {ctx}"), &a_before, &a, nothing);
            assert_only_written(&format!("b, {ctx}"), &b_before, &b, nothing);
            assert_only_written(&format!("ipiv, {ctx}"), &ipiv_before, &ipiv, nothing);
            assert_only_written(&format!("work, {ctx}"), &work_before, &work, work0);
            return Ok(());
        }
        Expect::Run => {}
    }
    if let Some(i) = info {
        assert!(i >= 0, "info {i} < 0 for valid arguments: {ctx}");
    }
    // Writable: the stated elements of each output matrix, never padding or guards.
    let (ar, ac) = (ar as usize, ac as usize);
    let (lda, ldb) = (args.lda as usize, args.ldb as usize);
    let in_mat = |k: usize, rows: usize, cols: usize, ld: usize| {
        let (line, pos) = (k / ld, k % ld);
        if row_major {
            line < rows && pos < cols
        } else {
            line < cols && pos < rows
        }
    };
    let a_out = args.routine != Routine::Getrs;
    let b_out = matches!(args.routine, Routine::Getrs | Routine::Gesv);
    let ipiv_out = matches!(args.routine, Routine::Getrf | Routine::Gesv);
    assert_only_written(&format!("a, {ctx}"), &a_before, &a, |k| {
        a_out && in_mat(k, ar, ac, lda)
    });
    assert_only_written(&format!("b, {ctx}"), &b_before, &b, |k| {
        b_out && in_mat(k, args.n as usize, args.nrhs as usize, ldb)
    });
    assert_only_written(&format!("ipiv, {ctx}"), &ipiv_before, &ipiv, |_| ipiv_out);
    assert_only_written(&format!("work, {ctx}"), &work_before, &work, |_| {
        args.routine == Routine::Getri
    });

    let logical = |g: &Guarded<f64>, rows: usize, cols: usize, ld: usize| -> Vec<f64> {
        let d = g.data();
        let mut v = vec![0.0; rows * cols];
        for j in 0..cols {
            for i in 0..rows {
                v[i + j * rows] = d[at(row_major, ld, i, j)];
            }
        }
        v
    };
    match args.routine {
        Routine::Getrf | Routine::Gesv => {
            let lu = logical(&a, ar, ac, lda);
            let piv: Vec<i64> = ipiv.data().iter().map(|p| p.wide()).collect();
            let k = ar.min(ac);
            if let Some(i) = info {
                check_lu(&a0, &lu, ar, ac, &piv[..k], i);
                if args.routine == Routine::Gesv && i > 0 {
                    assert_only_written(
                        &format!("b of singular gesv, {ctx}"),
                        &b_before,
                        &b,
                        nothing,
                    );
                }
            }
        }
        Routine::Getrs => {
            if let Some(i) = info {
                assert_eq!(i, 0, "getrs: {ctx}");
            }
        }
        Routine::Getri => {
            let n = ar;
            let first_zero = (0..n)
                .find(|&i| a0[i + i * n] == 0.0)
                .map_or(0, |i| i as i64 + 1);
            if let Some(i) = info {
                assert_eq!(i, first_zero, "getri info vs first zero U(i, i): {ctx}");
            }
            if first_zero > 0 {
                assert_only_written(
                    &format!("a of singular getri, {ctx}"),
                    &a_before,
                    &a,
                    nothing,
                );
            }
        }
    }
    Ok(())
}

fn one(data: &[u8]) -> Result<()> {
    let mut u = Unstructured::new(data);
    abi::threads::set_num_threads(u.int_in_range(1..=3)?);
    match *u.choose(&[Abi::Lp64, Abi::Ilp64, Abi::Lapacke])? {
        Abi::Lp64 => run::<i32>(&mut u, Abi::Lp64),
        Abi::Ilp64 => run::<i64>(&mut u, Abi::Ilp64),
        Abi::Lapacke => run::<i32>(&mut u, Abi::Lapacke),
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = one(data);
});
