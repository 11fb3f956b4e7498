//! `C <- alpha A B + beta C` (BLAS `?gemm` with no transposes; transpose by view).
//!
//! GotoBLAS/BLIS structure: B is packed `kc x nc` at a time, A `mc x kc`, and the
//! microkernel of `arch` computes register tiles from the packed panels. Complex
//! products run on the real kernels of their parts (see `pack`): C is seen as the real
//! matrix of its parts when its columns are contiguous, and the product is transposed
//! (`C^T = B^T A^T`) when its rows are.

use super::pack::{pack_a, pack_b};
use crate::arch::{Kernel, Tile};
use crate::config::SHARED_PACK_PART_BLOCKS;
use crate::mat::{MatMut, MatRef};
use crate::scalar::{Real, Scalar, parts};

/// The buffers one product packs its operands into (a seat, claimed by the caller):
/// at least `(mc + mr) kc` values for A and `kc (nc + nr)` for B.
pub struct Packing<'a, R> {
    pub a: &'a mut [R],
    pub b: &'a mut [R],
}

/// `C <- alpha * op(A) * op(B) + beta * C` with real `alpha`, `beta`, where `op(X)` is
/// `conj(X)` when its flag is set, else `X`. `beta == 0` overwrites `C` (NaNs in `C`
/// vanish), `alpha == 0` or `k == 0` only scales `C`, as in BLAS. Shapes agree
/// (`A: m x k`, `B: k x n`, `C: m x n`): the crate's callers guarantee it (checked in
/// debug builds).
///
/// Each `C(i, j)` depends only on row `i` of A, column `j` of B, `alpha`, `beta`, and
/// the kernel's `kc`: never on how callers split C into blocks, so results do not
/// depend on the thread count.
#[allow(clippy::too_many_arguments)]
pub fn gemm<T: Scalar>(
    kern: &Kernel<T::Real>,
    alpha: T::Real,
    a: MatRef<'_, T>,
    conj_a: bool,
    b: MatRef<'_, T>,
    conj_b: bool,
    beta: T::Real,
    c: &mut MatMut<'_, T>,
    buf: &mut Packing<'_, T::Real>,
) {
    let (m, n, k) = (c.rows(), c.cols(), a.cols());
    debug_assert!(a.rows() == m && b.rows() == k && b.cols() == n);
    if a.rows() != m || b.rows() != k || b.cols() != n || m == 0 || n == 0 {
        return;
    }
    if k == 0 || alpha == T::Real::ZERO {
        return scale(beta, c);
    }
    let w = parts::<T>();
    let Some(mut cr) = c.rb().parts() else {
        // A complex C without contiguous columns: transposed, its rows are columns.
        if c.col_stride() == 1 {
            let mut ct = c.rb().transpose();
            let (at, bt) = (b.transpose(), a.transpose());
            return gemm(kern, alpha, at, conj_b, bt, conj_a, beta, &mut ct, buf);
        }
        return reference(alpha, a, conj_a, b, conj_b, beta, c);
    };
    let (abuf, bbuf) = (&mut *buf.a, &mut *buf.b);
    let b_panel = |pc: usize, jc: usize, kcur: usize, ncur: usize, bbuf: &mut [T::Real]| {
        pack_b(kern, block(b, pc / w, jc, kcur / w, ncur), conj_b, bbuf);
    };
    blocks(
        kern,
        alpha,
        w * m,
        w * k,
        beta,
        &mut cr,
        bbuf,
        b_panel,
        |ic, pc, mcur, kcur| {
            pack_a(
                kern,
                block(a, ic / w, pc / w, mcur / w, kcur / w),
                conj_a,
                abuf,
            );
            abuf.as_ptr()
        },
    );
}

/// The five loops around the microkernel on real parts: C (`m x n` reals), an
/// `m x k` A that `a_panel(ic, pc, mcur, kcur)` provides as the packed `mcur x kcur`
/// panel at `(ic, pc)` (packing it into its buffer or pointing into a panel packed
/// earlier), and B packed by `b_panel(pc, jc, kcur, ncur, bbuf)`. `k > 0`.
#[allow(clippy::too_many_arguments)]
fn blocks<R: Real>(
    kern: &Kernel<R>,
    alpha: R,
    m: usize,
    k: usize,
    beta: R,
    c: &mut MatMut<'_, R>,
    bbuf: &mut [R],
    b_panel: impl Fn(usize, usize, usize, usize, &mut [R]),
    mut a_panel: impl FnMut(usize, usize, usize, usize) -> *const R,
) {
    let n = c.cols();
    let blk = kern.blocks;
    for jc in (0..n).step_by(blk.nc) {
        let ncur = blk.nc.min(n - jc);
        for pc in (0..k).step_by(blk.kc) {
            let kcur = blk.kc.min(k - pc);
            let beta_here = if pc == 0 { beta } else { R::ONE };
            b_panel(pc, jc, kcur, ncur, bbuf);
            for ic in (0..m).step_by(blk.mc) {
                let mcur = blk.mc.min(m - ic);
                let apanel = a_panel(ic, pc, mcur, kcur);
                for (js, jr) in (0..ncur).step_by(blk.nr).enumerate() {
                    for (is, ir) in (0..mcur).step_by(blk.mr).enumerate() {
                        let tile = Tile {
                            k: kcur,
                            a: apanel.wrapping_add(is * blk.mr * kcur),
                            b: bbuf[js * blk.nr * kcur..].as_ptr(),
                            // SAFETY: (ic + ir, jc + jr) is inside C.
                            c: unsafe { c.ptr_at(ic + ir, jc + jr) },
                            rs: c.row_stride(),
                            cs: c.col_stride(),
                            m: blk.mr.min(mcur - ir),
                            n: blk.nr.min(ncur - jr),
                            alpha,
                            beta: beta_here,
                        };
                        // SAFETY: `a_panel` and `b_panel` gave panels of this kernel's
                        // mr/nr and kcur slivers (A's whole slivers of the block, B's
                        // packed above); the tile's m x n block lies inside C; `kern`
                        // came from `arch`, which only returns kernels the CPU supports.
                        unsafe { (kern.run)(&tile) };
                    }
                }
            }
        }
    }
}

/// An A operand (`rows x cols`, at most `kc` columns) packed once, into a buffer the
/// caller holds (the pool's shared buffer), for every product of a parallel update: the
/// column tasks of a look-ahead step all multiply by the same `L21`. Packed in `parts`
/// row ranges that tasks may pack in parallel. The products are the bits [`gemm`]
/// gives: the same packed values feed the same tiles.
pub struct SharedA<'k, T: Scalar> {
    kern: &'k Kernel<T::Real>,
    base: *mut T::Real,
    rows: usize,
    cols: usize,
}

// SAFETY: the buffer behind `base` is the caller's for the lifetime of the SharedA; how
// threads share it (disjoint parts while packing, reads only after) is the contract of
// `pack` and `gemm`.
unsafe impl<T: Scalar> Sync for SharedA<'_, T> {}

impl<'k, T: Scalar> SharedA<'k, T> {
    /// Lays an A of this shape (in `T`) out in the `len` reals at `base`, if it fits
    /// and its parts are at most `kc` wide (one packed panel deep).
    ///
    /// # Safety
    /// `base` addresses `len` writable values that nothing else uses while the
    /// returned SharedA lives.
    pub unsafe fn new(
        kern: &'k Kernel<T::Real>,
        base: *mut T::Real,
        len: usize,
        rows: usize,
        cols: usize,
    ) -> Option<SharedA<'k, T>> {
        let blk = kern.blocks;
        let w = parts::<T>();
        let (rows, cols) = (w * rows, w * cols);
        let need = rows.next_multiple_of(blk.mr).checked_mul(cols)?;
        (cols > 0 && cols <= blk.kc && need <= len).then_some(SharedA {
            kern,
            base,
            rows,
            cols,
        })
    }

    /// Number of row ranges [`pack`](Self::pack) takes.
    pub fn parts(&self) -> usize {
        self.rows
            .div_ceil(SHARED_PACK_PART_BLOCKS * self.kern.blocks.mc)
    }

    /// Packs row range `part` of `a` (the shape given to `new`, in `T`).
    ///
    /// # Safety
    /// No other thread packs the same part, and no [`gemm`](Self::gemm) runs, at the
    /// same time.
    pub unsafe fn pack(&self, a: MatRef<'_, T>, part: usize) {
        let blk = self.kern.blocks;
        let w = parts::<T>();
        let h = SHARED_PACK_PART_BLOCKS * blk.mc;
        let i0 = part * h;
        if w * a.rows() != self.rows || w * a.cols() != self.cols || i0 >= self.rows {
            return;
        }
        let h = h.min(self.rows - i0);
        let len = h.next_multiple_of(blk.mr) * self.cols;
        // SAFETY: i0 is a multiple of mr (mc is, by the config check), so this part's
        // slivers start at i0 * cols and take `len` values, inside the buffer (`new`
        // checked the whole) and disjoint from every other part's; the caller excludes
        // concurrent users of them.
        let buf = unsafe { core::slice::from_raw_parts_mut(self.base.add(i0 * self.cols), len) };
        // i0 and h are multiples of mc, which is even: whole elements of a complex A.
        pack_a(self.kern, block(a, i0 / w, 0, h / w, a.cols()), false, buf);
    }

    /// `C <- alpha * A * B + beta * C` with the packed A (which is `a`), as [`gemm`]
    /// computes it; B is packed into `buf.b`. For a complex `C` whose columns are not
    /// contiguous, the product is [`gemm`]'s, packing `a` again into `buf.a`.
    ///
    /// # Safety
    /// Every part was packed, and those writes happen before this call (a release and
    /// an acquire between the threads, say); no part is packed again while it runs.
    #[allow(clippy::too_many_arguments)]
    pub unsafe fn gemm(
        &self,
        alpha: T::Real,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T::Real,
        c: &mut MatMut<'_, T>,
        buf: &mut Packing<'_, T::Real>,
    ) {
        let w = parts::<T>();
        let (m, k) = (self.rows, self.cols);
        debug_assert!(w * c.rows() == m && w * b.rows() == k && b.cols() == c.cols());
        if w * c.rows() != m || w * b.rows() != k || b.cols() != c.cols() || c.cols() == 0 {
            return;
        }
        if alpha == T::Real::ZERO {
            return scale(beta, c);
        }
        let Some(mut cr) = c.rb().parts() else {
            return gemm(self.kern, alpha, a, false, b, false, beta, c, buf);
        };
        let base = self.base.cast_const();
        let kern = self.kern;
        let b_panel = |pc: usize, jc: usize, kcur: usize, ncur: usize, bbuf: &mut [T::Real]| {
            pack_b(kern, block(b, pc / w, jc, kcur / w, ncur), false, bbuf);
        };
        // Rows ic.. start at sliver ic / mr, as mc is a multiple of mr; k <= kc, so the
        // only panel depth is pc = 0.
        blocks(
            kern,
            alpha,
            m,
            k,
            beta,
            &mut cr,
            buf.b,
            b_panel,
            |ic, _pc, _mcur, _kcur| base.wrapping_add(ic * k),
        );
    }
}

/// `C <- beta C` (`beta == 0` writes zeros).
fn scale<T: Scalar>(beta: T::Real, c: &mut MatMut<'_, T>) {
    if beta == T::Real::ONE {
        return;
    }
    let beta = T::from_real(beta);
    for j in 0..c.cols() {
        for i in 0..c.rows() {
            // SAFETY: i < rows, j < cols.
            unsafe {
                let x = c.ptr_at(i, j);
                *x = if beta == T::ZERO { T::ZERO } else { beta * *x };
            }
        }
    }
}

/// `C <- alpha op(A) op(B) + beta C` one element at a time, each a sum in order of
/// `k` (plain multiply and add): the path of a complex C whose rows and columns are
/// both strided, which only a caller's own strided views produce.
fn reference<T: Scalar>(
    alpha: T::Real,
    a: MatRef<'_, T>,
    conj_a: bool,
    b: MatRef<'_, T>,
    conj_b: bool,
    beta: T::Real,
    c: &mut MatMut<'_, T>,
) {
    let op = |x: T, conj: bool| if conj { x.conj() } else { x };
    let (alpha, beta) = (T::from_real(alpha), T::from_real(beta));
    for j in 0..c.cols() {
        for i in 0..c.rows() {
            let mut acc = T::ZERO;
            for p in 0..a.cols() {
                // SAFETY: i < rows of A, p < cols of A = rows of B, j < cols of B.
                let (x, y) = unsafe { (*a.ptr_at(i, p), *b.ptr_at(p, j)) };
                acc = acc + op(x, conj_a) * op(y, conj_b);
            }
            // SAFETY: i < rows, j < cols of C.
            unsafe {
                let z = c.ptr_at(i, j);
                *z = if beta == T::ZERO {
                    alpha * acc
                } else {
                    alpha * acc + beta * *z
                };
            }
        }
    }
}

/// A block the loop bounds keep inside `x`.
fn block<T: Scalar>(
    x: MatRef<'_, T>,
    i: usize,
    j: usize,
    rows: usize,
    cols: usize,
) -> MatRef<'_, T> {
    x.block(i, j, rows, cols)
        .unwrap_or_else(|| unreachable!("loop bounds stay inside the operand"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arch::testing;
    use crate::config::{Caches, PACK_A_BYTES, PACK_B_BYTES, SHARED_A_BYTES, fit_blocks};
    use crate::scalar::testing::values;
    use crate::scalar::{C32, C64, Real};

    /// Every kernel this host runs, each with its blocks as the tables give them and as
    /// fitted to tiny and to mid-sized caches (so products split at every block edge).
    fn kernels<R: Real>(test: &str) -> Vec<Kernel<R>> {
        let caches = [
            Caches {
                l1d: 2048,
                l2: 16 << 10,
                l3: 64 << 10,
            },
            Caches {
                l1d: 16 << 10,
                l2: 256 << 10,
                l3: 1 << 20,
            },
        ];
        let mut all = Vec::new();
        for k in testing::kernels::<R>(test) {
            all.push(k);
            for c in caches {
                let mut fitted = k;
                fitted.blocks = fit_blocks(k.blocks, size_of::<R>(), c);
                all.push(fitted);
            }
        }
        all
    }

    /// Buffers of their own, as a seat would give.
    fn buffers<R: Real>() -> (Vec<R>, Vec<R>) {
        let len = |bytes: usize| bytes / size_of::<R>();
        (
            vec![R::ZERO; len(PACK_A_BYTES)],
            vec![R::ZERO; len(PACK_B_BYTES)],
        )
    }

    /// `gemm` on buffers of its own.
    #[allow(clippy::too_many_arguments)]
    fn product<T: Scalar>(
        kern: &Kernel<T::Real>,
        alpha: f64,
        a: MatRef<'_, T>,
        conj_a: bool,
        b: MatRef<'_, T>,
        conj_b: bool,
        beta: f64,
        c: &mut MatMut<'_, T>,
    ) {
        let (mut pa, mut pb) = buffers();
        let mut buf = Packing {
            a: &mut pa,
            b: &mut pb,
        };
        let (alpha, beta) = (T::Real::from_f64(alpha), T::Real::from_f64(beta));
        gemm(kern, alpha, a, conj_a, b, conj_b, beta, c, &mut buf);
    }

    fn bits<T: Scalar>(x: &[T]) -> Vec<u64> {
        x.iter()
            .flat_map(|v| [v.re().to_f64().to_bits(), v.im().to_f64().to_bits()])
            .collect()
    }

    /// Every kernel against a naive product in `f64` arithmetic, for every element
    /// type, conjugations included, with C column-major, row-major and strided.
    fn matches_the_naive_product<T: Scalar>(test: &str) {
        let eps = T::Real::EPSILON.to_f64();
        for kern in kernels::<T::Real>(test) {
            for &(m, n, k) in &[
                (1, 1, 1),
                (5, 3, 2),
                (24, 8, 256),
                (25, 9, 257),
                (150, 90, 300),
                (7, 200, 33),
            ] {
                let a = values::<T>(m * k, 1);
                let b = values::<T>(k * n, 2);
                let c0 = values::<T>(m * n, 3);
                let cases = [
                    (1.0, 0.0, false, false),
                    (-1.0, 1.0, true, false),
                    (2.5, -0.5, false, true),
                    (0.0, 2.0, true, true),
                ];
                for &(alpha, beta, ca, cb) in &cases {
                    let op = |x: T, c: bool| if c { x.conj() } else { x };
                    let want: Vec<(f64, f64)> = (0..m * n)
                        .map(|x| {
                            let (i, j) = (x % m, x / m);
                            let (mut re, mut im) = (0.0, 0.0);
                            for p in 0..k {
                                let (u, v) = (op(a[i + p * m], ca), op(b[p + j * k], cb));
                                let (ur, ui, vr, vi) = (
                                    u.re().to_f64(),
                                    u.im().to_f64(),
                                    v.re().to_f64(),
                                    v.im().to_f64(),
                                );
                                re += ur * vr - ui * vi;
                                im += ur * vi + ui * vr;
                            }
                            let (cr, ci) = (c0[x].re().to_f64(), c0[x].im().to_f64());
                            (alpha * re + beta * cr, alpha * im + beta * ci)
                        })
                        .collect();
                    // C as given (column-major), row-major (a transposed view), and with
                    // every other row (both strides above 1).
                    for layout in 0..3 {
                        let mut store = vec![T::ZERO; 2 * m * n + 1];
                        let mut c = match layout {
                            0 => MatMut::col_major(&mut store[..m * n], m, n, m).unwrap(),
                            1 => MatMut::row_major(&mut store[..m * n], m, n, n).unwrap(),
                            _ => MatMut::strided(&mut store, m, n, 2, 2 * m).unwrap(),
                        };
                        for (x, &v) in c0.iter().enumerate() {
                            c.set(x % m, x / m, v);
                        }
                        let av = MatRef::col_major(&a, m, k, m).unwrap();
                        let bv = MatRef::col_major(&b, k, n, k).unwrap();
                        product(&kern, alpha, av, ca, bv, cb, beta, &mut c);
                        let scale = k as f64 * 4.0 * eps * (1.0 + alpha.abs() + beta.abs());
                        for (x, &(wr, wi)) in want.iter().enumerate() {
                            let got = c.get(x % m, x / m).unwrap();
                            let err =
                                (got.re().to_f64() - wr).abs() + (got.im().to_f64() - wi).abs();
                            assert!(
                                err <= scale,
                                "{test} {:?} {m}x{n}x{k} layout {layout} alpha {alpha} conj {ca} {cb}: err {err}",
                                kern.arch
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_kernel_and_type_matches_the_naive_product() {
        matches_the_naive_product::<f64>("naive_product_f64");
        matches_the_naive_product::<f32>("naive_product_f32");
        matches_the_naive_product::<C64>("naive_product_c64");
        matches_the_naive_product::<C32>("naive_product_c32");
    }

    /// A shared packed A, packed part by part in any order, gives `gemm`'s bits.
    fn shared_a_gives_the_bits_of_gemm<T: Scalar>(test: &str) {
        for kern in kernels::<T::Real>(test) {
            let shared_len = SHARED_A_BYTES / size_of::<T::Real>();
            let mut shared_buf = vec![T::Real::ZERO; shared_len];
            let deepest = kern.blocks.kc / parts::<T>();
            for &(m, k, n) in &[(1300, deepest.min(100), 37), (25, 3, 9), (600, deepest, 17)] {
                let a = values::<T>((m + 3) * k, 11);
                let b = values::<T>(k * n, 12);
                let c0 = values::<T>(m * n, 13);
                let av = MatRef::col_major(&a, m, k, m + 3).unwrap();
                let bv = MatRef::col_major(&b, k, n, k).unwrap();
                let mut want = c0.clone();
                let mut wv = MatMut::col_major(&mut want, m, n, m).unwrap();
                product(&kern, -1.0, av, false, bv, false, 1.0, &mut wv);
                // SAFETY: the buffer is this test's alone while `shared` lives.
                let shared =
                    unsafe { SharedA::<T>::new(&kern, shared_buf.as_mut_ptr(), shared_len, m, k) }
                        .expect("fits");
                for part in (0..shared.parts()).rev() {
                    // SAFETY: one thread packs every part, then reads.
                    unsafe { shared.pack(av, part) };
                }
                let mut got = c0.clone();
                let (mut pa, mut pb) = buffers();
                let mut buf = Packing {
                    a: &mut pa,
                    b: &mut pb,
                };
                let mut gv = MatMut::col_major(&mut got, m, n, m).unwrap();
                let one = T::Real::ONE;
                // SAFETY: every part is packed, on this thread.
                unsafe { shared.gemm(-one, av, bv, one, &mut gv, &mut buf) };
                assert_eq!(
                    bits(&got),
                    bits(&want),
                    "{test} {:?} {m}x{n}x{k}",
                    kern.arch
                );
            }
            let p = shared_buf.as_mut_ptr();
            // SAFETY: as above; nothing is packed through these.
            unsafe {
                let deep = deepest + 1;
                assert!(
                    SharedA::<T>::new(&kern, p, shared_len, 10, deep).is_none(),
                    "deeper than kc"
                );
                assert!(
                    SharedA::<T>::new(&kern, p, shared_len, shared_len, 2).is_none(),
                    "too large"
                );
            }
        }
    }

    #[test]
    fn shared_a_gives_the_bits_of_gemm_in_every_type() {
        shared_a_gives_the_bits_of_gemm::<f64>("shared_a_f64");
        shared_a_gives_the_bits_of_gemm::<f32>("shared_a_f32");
        shared_a_gives_the_bits_of_gemm::<C64>("shared_a_c64");
        shared_a_gives_the_bits_of_gemm::<C32>("shared_a_c32");
    }

    #[test]
    fn beta_zero_overwrites_nan() {
        for kern in kernels::<f64>("beta_zero_overwrites_nan") {
            let a = values::<f64>(300, 4);
            let b = values::<f64>(110, 5);
            let mut c = vec![f64::NAN; 30 * 11];
            let mut cv = MatMut::col_major(&mut c, 30, 11, 30).unwrap();
            let (av, bv) = (
                MatRef::col_major(&a, 30, 10, 30).unwrap(),
                MatRef::col_major(&b, 10, 11, 10).unwrap(),
            );
            product(&kern, 1.0, av, false, bv, false, 0.0, &mut cv);
            assert!(c.iter().all(|x| x.is_finite()), "{:?}", kern.arch);
        }
    }

    /// The determinism contract: computing C whole, by odd column chunks, by odd row
    /// chunks, or through a row-major view gives the same bits, in every type.
    fn results_do_not_depend_on_how_c_is_split<T: Scalar>(test: &str) {
        let (m, n, k) = (157, 131, 300);
        let a = values::<T>(m * k, 6);
        let b = values::<T>(k * n, 7);
        let c0 = values::<T>(m * n, 8);
        for kern in kernels::<T::Real>(test) {
            let av = MatRef::col_major(&a, m, k, m).unwrap();
            let bv = MatRef::col_major(&b, k, n, k).unwrap();
            let mut whole = c0.clone();
            let mut wv = MatMut::col_major(&mut whole, m, n, m).unwrap();
            product(&kern, -1.0, av, false, bv, false, 1.0, &mut wv);
            for chunk in [1, 7, 13, 50] {
                let mut cols = c0.clone();
                let mut rows = c0.clone();
                for j0 in (0..n).step_by(chunk) {
                    let w = chunk.min(n - j0);
                    let mut cv = MatMut::col_major(&mut cols, m, n, m)
                        .unwrap()
                        .block(0, j0, m, w)
                        .unwrap();
                    product(
                        &kern,
                        -1.0,
                        av,
                        false,
                        bv.block(0, j0, k, w).unwrap(),
                        false,
                        1.0,
                        &mut cv,
                    );
                }
                for i0 in (0..m).step_by(chunk) {
                    let h = chunk.min(m - i0);
                    let mut cv = MatMut::col_major(&mut rows, m, n, m)
                        .unwrap()
                        .block(i0, 0, h, n)
                        .unwrap();
                    product(
                        &kern,
                        -1.0,
                        av.block(i0, 0, h, k).unwrap(),
                        false,
                        bv,
                        false,
                        1.0,
                        &mut cv,
                    );
                }
                assert_eq!(
                    bits(&cols),
                    bits(&whole),
                    "{test} {:?}: column chunks of {chunk}",
                    kern.arch
                );
                assert_eq!(
                    bits(&rows),
                    bits(&whole),
                    "{test} {:?}: row chunks of {chunk}",
                    kern.arch
                );
            }
            if !T::IS_COMPLEX {
                // Real C stored row-major (a transposed view) gets the same bits.
                let mut rm: Vec<T> = (0..m * n).map(|x| c0[(x % n) * m + x / n]).collect();
                let mut rv = MatMut::row_major(&mut rm, m, n, n).unwrap();
                product(&kern, -1.0, av, false, bv, false, 1.0, &mut rv);
                let back: Vec<T> = (0..m * n).map(|x| rm[(x % m) * n + x / m]).collect();
                assert_eq!(
                    bits(&back),
                    bits(&whole),
                    "{test} {:?}: row-major C differs",
                    kern.arch
                );
            }
        }
    }

    #[test]
    fn results_do_not_depend_on_how_c_is_split_in_any_type() {
        results_do_not_depend_on_how_c_is_split::<f64>("split_f64");
        results_do_not_depend_on_how_c_is_split::<f32>("split_f32");
        results_do_not_depend_on_how_c_is_split::<C64>("split_c64");
        results_do_not_depend_on_how_c_is_split::<C32>("split_c32");
    }
}
