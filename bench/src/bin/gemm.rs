//! `C <- C - A B` (column-major, no transposes) over and over: forklu's GEMM, or a
//! manifest library's `dgemm` (its `dgetrf` symbol with `getrf` replaced by `gemm`), to
//! tell the products inside an LU from the rest.
//! `gemm [--shape MxNxK] [--reps R] [--lib NAME] [--caches L1D,L2,L3]`; prints median
//! and best GFLOPS (`--caches` sizes forklu's blocks for those caches).

use forklu::unstable::{CacheSizes, Caches, gemm_with};
use forklu::{MatMut, MatRef};
use forklu_bench::loader::Spec;
use forklu_bench::timing::random_matrix;
use std::ffi::{CString, c_char, c_void};
use std::path::PathBuf;
use std::time::Instant;

type Dgemm64 = unsafe extern "C" fn(
    *const c_char,
    *const c_char,
    *const i64,
    *const i64,
    *const i64,
    *const f64,
    *const f64,
    *const i64,
    *const f64,
    *const i64,
    *const f64,
    *mut f64,
    *const i64,
);
type Dgemm32 = unsafe extern "C" fn(
    *const c_char,
    *const c_char,
    *const i32,
    *const i32,
    *const i32,
    *const f64,
    *const f64,
    *const i32,
    *const f64,
    *const i32,
    *const f64,
    *mut f64,
    *const i32,
);

/// One call of the product being timed, on the C given.
type Product<'a> = Box<dyn Fn(&mut [f64]) + 'a>;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |f: &str| {
        args.iter()
            .position(|a| a == f)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let dims: Vec<usize> = value("--shape")
        .unwrap_or_else(|| "4000x64x64".into())
        .split('x')
        .map(|d| d.parse().expect("--shape MxNxK"))
        .collect();
    let (m, n, k) = (dims[0], dims[1], dims[2]);
    let reps: usize = value("--reps").map_or(50, |r| r.parse().unwrap());
    let name = value("--lib").unwrap_or_else(|| "forklu".into());
    let caches = match value("--caches") {
        Some(c) => {
            let v: Vec<usize> = c.split(',').map(|x| x.parse().expect("--caches")).collect();
            CacheSizes::Given(Caches {
                l1d: v[0],
                l2: v[1],
                l3: v[2],
            })
        }
        None => CacheSizes::Detected,
    };
    forklu::set_num_threads(1);
    let a = random_matrix(m, k, 1);
    let b = random_matrix(k, n, 2);
    let c0 = random_matrix(m, n, 3);
    let mut c = c0.clone();
    let run: Product<'_> = if name == "forklu" {
        Box::new(|c: &mut [f64]| {
            let av = MatRef::col_major(&a, m, k, m).unwrap();
            let bv = MatRef::col_major(&b, k, n, k).unwrap();
            let mut cv = MatMut::col_major(c, m, n, m).unwrap();
            gemm_with(caches, -1.0, av, bv, 1.0, &mut cv).unwrap();
        })
    } else {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let dir = std::env::var("FORKLU_PEERS_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|_| root.join("target/peers"));
        let text = std::fs::read_to_string(dir.join("peers.tsv")).expect("the manifest");
        let spec = text
            .lines()
            .filter_map(Spec::parse)
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no {name} in the manifest"));
        for dep in &spec.preload {
            let d = CString::new(dep.as_str()).unwrap();
            // SAFETY: a valid path string.
            unsafe { libc::dlopen(d.as_ptr(), libc::RTLD_NOW | libc::RTLD_GLOBAL) };
        }
        let path = CString::new(spec.path.as_str()).unwrap();
        // SAFETY: a valid path string.
        let h = unsafe { libc::dlopen(path.as_ptr(), libc::RTLD_NOW) };
        assert!(!h.is_null(), "dlopen {}", spec.path);
        let sym = CString::new(spec.getrf.replacen("getrf", "gemm", 1)).unwrap();
        // SAFETY: a live handle and a valid symbol name.
        let f = unsafe { libc::dlsym(h, sym.as_ptr()) };
        assert!(!f.is_null(), "no {sym:?}");
        if let Ok(setter) = CString::new(spec.setter.as_str()) {
            // SAFETY: as above; the setters take one int (the manifest's "int").
            let s = unsafe { libc::dlsym(h, setter.as_ptr()) };
            if !s.is_null() {
                // SAFETY: resolved above as the library's int thread setter.
                unsafe { std::mem::transmute::<*mut c_void, unsafe extern "C" fn(i32)>(s)(1) };
            }
        }
        let (a, b) = (a.clone(), b.clone());
        if spec.bits == 64 {
            // SAFETY: the manifest says the library is ILP64; dgemm's prototype.
            let g = unsafe { std::mem::transmute::<*mut c_void, Dgemm64>(f) };
            Box::new(move |c: &mut [f64]| {
                let (mi, ni, ki) = (m as i64, n as i64, k as i64);
                // SAFETY: column-major operands of the stated sizes.
                unsafe {
                    g(
                        c"N".as_ptr(),
                        c"N".as_ptr(),
                        &mi,
                        &ni,
                        &ki,
                        &-1.0,
                        a.as_ptr(),
                        &mi,
                        b.as_ptr(),
                        &ki,
                        &1.0,
                        c.as_mut_ptr(),
                        &mi,
                    )
                };
            })
        } else {
            // SAFETY: as above, LP64.
            let g = unsafe { std::mem::transmute::<*mut c_void, Dgemm32>(f) };
            Box::new(move |c: &mut [f64]| {
                let (mi, ni, ki) = (m as i32, n as i32, k as i32);
                // SAFETY: as above.
                unsafe {
                    g(
                        c"N".as_ptr(),
                        c"N".as_ptr(),
                        &mi,
                        &ni,
                        &ki,
                        &-1.0,
                        a.as_ptr(),
                        &mi,
                        b.as_ptr(),
                        &ki,
                        &1.0,
                        c.as_mut_ptr(),
                        &mi,
                    )
                };
            })
        }
    };
    let mut times = Vec::new();
    for _ in 0..reps.max(1) {
        c.copy_from_slice(&c0);
        let t = Instant::now();
        run(&mut c);
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let f = 2.0 * (m * n * k) as f64 * 1e-9;
    println!(
        "{name} dgemm {m}x{n}x{k}, 1 thr, {} calls: median {:.2} GFLOPS, best {:.2}",
        times.len(),
        f / times[times.len() / 2],
        f / times[0]
    );
}
