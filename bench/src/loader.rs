//! Loads a LAPACK library with `dlopen` and exposes its `?getrf` (any of the four
//! precisions) and thread setter, whatever its integer width and symbol names (see
//! `bench/peers.sh`'s manifest), or forklu's own routines in this process.

use std::ffi::{CString, c_char, c_int, c_void};
use std::path::Path;

/// LAPACK's four precisions: the letter of `sgetrf`, `dgetrf`, `cgetrf`, `zgetrf`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    S,
    D,
    C,
    Z,
}

impl Precision {
    /// Parses `s`, `d`, `c` or `z`.
    pub fn parse(s: &str) -> Option<Precision> {
        match s {
            "s" => Some(Precision::S),
            "d" => Some(Precision::D),
            "c" => Some(Precision::C),
            "z" => Some(Precision::Z),
            _ => None,
        }
    }

    /// The routine letter.
    pub fn letter(self) -> char {
        match self {
            Precision::S => 's',
            Precision::D => 'd',
            Precision::C => 'c',
            Precision::Z => 'z',
        }
    }

    /// Real numbers per element (2 for complex).
    pub fn parts(self) -> usize {
        match self {
            Precision::S | Precision::D => 1,
            Precision::C | Precision::Z => 2,
        }
    }

    /// True for `f64` parts.
    pub fn double(self) -> bool {
        matches!(self, Precision::D | Precision::Z)
    }

    /// Real flops per flop of the real count: a complex multiply-add is 8 real flops
    /// against 2 (LAPACK's convention for `zgetrf`).
    pub fn flop_factor(self) -> f64 {
        if self.parts() == 2 { 4.0 } else { 1.0 }
    }

    /// The machine epsilon of the parts.
    pub fn epsilon(self) -> f64 {
        if self.double() {
            f64::EPSILON
        } else {
            f64::from(f32::EPSILON)
        }
    }

    /// `name` with its `dgetrf` made this precision's routine (`scipy_dgetrf_64_` ->
    /// `scipy_zgetrf_64_`).
    pub fn symbol(self, name: &str) -> String {
        name.replacen("dgetrf", &format!("{}getrf", self.letter()), 1)
    }
}

/// A matrix in a precision's storage: `f64` or `f32` parts, complex interleaved.
pub enum Matrix {
    F64(Vec<f64>),
    F32(Vec<f32>),
}

impl Matrix {
    /// An `m x n` matrix (`lda = m`) of this precision from `parts` (one `f64` per real
    /// number, `parts()` per element).
    pub fn from_parts(p: Precision, parts: &[f64]) -> Matrix {
        if p.double() {
            Matrix::F64(parts.to_vec())
        } else {
            Matrix::F32(parts.iter().map(|&x| x as f32).collect())
        }
    }

    /// The real numbers as `f64` (exactly).
    pub fn to_f64(&self) -> Vec<f64> {
        match self {
            Matrix::F64(v) => v.clone(),
            Matrix::F32(v) => v.iter().map(|&x| f64::from(x)).collect(),
        }
    }

    /// Overwrites this matrix with `src` (same precision and size).
    pub fn copy_from(&mut self, src: &Matrix) {
        match (self, src) {
            (Matrix::F64(d), Matrix::F64(s)) => d.copy_from_slice(s),
            (Matrix::F32(d), Matrix::F32(s)) => d.copy_from_slice(s),
            _ => panic!("matrices of different precisions"),
        }
    }

    fn len(&self) -> usize {
        match self {
            Matrix::F64(v) => v.len(),
            Matrix::F32(v) => v.len(),
        }
    }

    fn as_mut_ptr(&mut self) -> *mut c_void {
        match self {
            Matrix::F64(v) => v.as_mut_ptr().cast(),
            Matrix::F32(v) => v.as_mut_ptr().cast(),
        }
    }
}

type Getrf32 =
    unsafe extern "C" fn(*const i32, *const i32, *mut c_void, *const i32, *mut i32, *mut i32);
type Getrf64 =
    unsafe extern "C" fn(*const i64, *const i64, *mut c_void, *const i64, *mut i64, *mut i64);

enum Getrf {
    Lp64(Getrf32),
    Ilp64(Getrf64),
    /// forklu's Rust routines, called in this process.
    InProcess,
}

/// How a library's thread setter takes its argument.
#[derive(Clone, Copy)]
enum Setter {
    None,
    Int(unsafe extern "C" fn(c_int)),
    Int64(unsafe extern "C" fn(i64)),
    PtrInt(unsafe extern "C" fn(*const c_int)),
    InProcess,
}

/// How a library says what it runs on: OpenBLAS's core name; for MKL, the code-path
/// module it loaded (its version record names no ISA on AMD processors).
#[derive(Clone, Copy)]
enum Describe {
    None,
    Corename(unsafe extern "C" fn() -> *const c_char),
    Mkl,
}

/// One loaded library.
pub struct Lapack {
    pub name: String,
    pub precision: Precision,
    getrf: Getrf,
    setter: Setter,
    describe: Describe,
}

/// One manifest line: `name, path, dgetrf symbol, int bits, setter, setter arg, preloads, corename symbol`.
#[derive(Clone)]
pub struct Spec {
    pub name: String,
    pub path: String,
    pub getrf: String,
    pub bits: u32,
    pub setter: String,
    pub setter_arg: String,
    pub preload: Vec<String>,
    pub corename: String,
}

impl Spec {
    /// forklu's own `libforklu.so` (release build), loaded like any peer.
    pub fn forklu(path: String) -> Spec {
        Spec {
            name: "forklu".into(),
            path,
            getrf: "dgetrf_".into(),
            bits: 32,
            setter: "forklu_set_num_threads".into(),
            setter_arg: "int".into(),
            preload: vec![],
            corename: String::new(),
        }
    }

    /// Parses a tab-separated manifest line; `None` for comments and malformed lines.
    pub fn parse(line: &str) -> Option<Spec> {
        if line.starts_with('#') || line.trim().is_empty() {
            return None;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 7 {
            return None;
        }
        let dash = |s: &str| {
            if s == "-" {
                String::new()
            } else {
                s.to_string()
            }
        };
        Some(Spec {
            name: f[0].into(),
            path: f[1].into(),
            getrf: f[2].into(),
            bits: f[3].parse().ok()?,
            setter: dash(f[4]),
            setter_arg: f[5].into(),
            preload: f[6]
                .split(',')
                .filter(|s| !s.is_empty() && *s != "-")
                .map(String::from)
                .collect(),
            corename: f.get(7).map(|s| dash(s)).unwrap_or_default(),
        })
    }

    /// True for an OpenBLAS build (it names its kernel, and `OPENBLAS_CORETYPE` picks it).
    pub fn is_openblas(&self) -> bool {
        !self.corename.is_empty()
    }
}

fn dlopen(path: &str, global: bool) -> Result<*mut c_void, String> {
    let c = CString::new(path).map_err(|e| e.to_string())?;
    let flags = libc::RTLD_NOW
        | if global {
            libc::RTLD_GLOBAL
        } else {
            libc::RTLD_LOCAL
        };
    // SAFETY: a valid NUL-terminated path; dlopen has no other preconditions.
    let h = unsafe { libc::dlopen(c.as_ptr(), flags) };
    if h.is_null() {
        // SAFETY: dlerror returns null or a valid C string.
        let e = unsafe { libc::dlerror() };
        let msg = if e.is_null() {
            "unknown".into()
        } else {
            // SAFETY: non-null C string from dlerror.
            unsafe { std::ffi::CStr::from_ptr(e) }
                .to_string_lossy()
                .into_owned()
        };
        return Err(format!("dlopen {path}: {msg}"));
    }
    Ok(h)
}

fn dlsym(h: *mut c_void, name: &str) -> Option<*mut c_void> {
    let c = CString::new(name).ok()?;
    // SAFETY: `h` is a live handle from dlopen and `c` a valid C string.
    let p = unsafe { libc::dlsym(h, c.as_ptr()) };
    (!p.is_null()).then_some(p)
}

/// A static C string as text ("" for null).
fn text(s: *const c_char) -> String {
    if s.is_null() {
        String::new()
    } else {
        // SAFETY: the libraries return static NUL-terminated strings.
        unsafe { std::ffi::CStr::from_ptr(s) }
            .to_string_lossy()
            .into_owned()
    }
}

impl Lapack {
    /// Loads the library a manifest line describes, for precision `p`.
    pub fn load(spec: &Spec, p: Precision) -> Result<Lapack, String> {
        Lapack::load_from(spec, &spec.path, p)
    }

    /// Loads a copy of the library: the file at `path`, found by the manifest line
    /// `spec` (a copy under another path is a library of its own to the dynamic linker,
    /// so one process can hold one build initialised twice, say for two kernel types).
    pub fn load_from(spec: &Spec, path: &str, p: Precision) -> Result<Lapack, String> {
        for dep in &spec.preload {
            dlopen(dep, true)?;
        }
        let h = dlopen(path, false)?;
        let symbol = p.symbol(&spec.getrf);
        let sym = dlsym(h, &symbol).ok_or_else(|| format!("{}: no symbol {symbol}", spec.name))?;
        // SAFETY: the manifest states the symbol's integer width; both types are
        // LAPACK's ?getrf prototype (the matrix passed as an untyped pointer).
        let getrf = unsafe {
            match spec.bits {
                64 => Getrf::Ilp64(std::mem::transmute::<*mut c_void, Getrf64>(sym)),
                _ => Getrf::Lp64(std::mem::transmute::<*mut c_void, Getrf32>(sym)),
            }
        };
        let setter = match (spec.setter.is_empty(), dlsym(h, &spec.setter)) {
            (false, Some(p)) => {
                // SAFETY: the manifest states how the setter takes its argument.
                unsafe {
                    match spec.setter_arg.as_str() {
                        "int64" => Setter::Int64(std::mem::transmute::<
                            *mut c_void,
                            unsafe extern "C" fn(i64),
                        >(p)),
                        "ptr-int" => Setter::PtrInt(std::mem::transmute::<
                            *mut c_void,
                            unsafe extern "C" fn(*const c_int),
                        >(p)),
                        _ => Setter::Int(std::mem::transmute::<
                            *mut c_void,
                            unsafe extern "C" fn(c_int),
                        >(p)),
                    }
                }
            }
            _ => Setter::None,
        };
        let corename = (!spec.corename.is_empty())
            .then(|| dlsym(h, &spec.corename))
            .flatten();
        let describe = match (corename, dlsym(h, "MKL_Get_Version")) {
            // SAFETY: OpenBLAS's get_corename takes nothing and returns a static C string.
            (Some(f), _) => Describe::Corename(unsafe {
                std::mem::transmute::<*mut c_void, unsafe extern "C" fn() -> *const c_char>(f)
            }),
            (None, Some(_)) => Describe::Mkl,
            _ => Describe::None,
        };
        Ok(Lapack {
            name: spec.name.clone(),
            precision: p,
            getrf,
            setter,
            describe,
        })
    }

    /// forklu's Rust routines in this process (`forklu::lapack::getrf`), for a build of
    /// `libforklu.so` that does not export this precision yet.
    pub fn in_process(p: Precision) -> Lapack {
        Lapack {
            name: "forklu".into(),
            precision: p,
            getrf: Getrf::InProcess,
            setter: Setter::InProcess,
            describe: Describe::None,
        }
    }

    /// True for forklu's routines called in this process rather than through the library.
    pub fn is_in_process(&self) -> bool {
        matches!(self.getrf, Getrf::InProcess)
    }

    /// What the library runs on, as it says (OpenBLAS's kernel, MKL's code path after
    /// its first call), or "".
    pub fn detail(&self) -> String {
        match self.describe {
            Describe::None => String::new(),
            // SAFETY: resolved from the library as this signature.
            Describe::Corename(f) => text(unsafe { f() }),
            Describe::Mkl => mkl_code_paths(),
        }
    }

    /// True when the library can be given a thread count.
    pub fn can_set_threads(&self) -> bool {
        !matches!(self.setter, Setter::None)
    }

    /// Sets the library's thread count (no-op for libraries without a setter).
    pub fn set_threads(&self, n: usize) {
        // SAFETY: the setter was resolved with the argument type the manifest states.
        unsafe {
            match self.setter {
                Setter::None => {}
                Setter::Int(f) => f(n as c_int),
                Setter::Int64(f) => f(n as i64),
                Setter::PtrInt(f) => f(&(n as c_int)),
                Setter::InProcess => forklu::set_num_threads(n),
            }
        }
    }

    /// `?getrf` on a column-major `m x n` matrix with `lda = m` (of this library's
    /// precision); returns info, fills `ipiv`.
    pub fn getrf(&self, m: usize, n: usize, a: &mut Matrix, ipiv: &mut [i64]) -> i64 {
        assert!(a.len() >= m * n * self.precision.parts() && ipiv.len() >= m.min(n));
        match self.getrf {
            Getrf::Lp64(f) => {
                let (mi, ni, lda) = (m as i32, n as i32, m.max(1) as i32);
                let mut p32 = vec![0i32; m.min(n)];
                let mut info = 0i32;
                // SAFETY: `a` holds m*n elements of the routine's type, `p32` min(m,n)
                // ints, as ?getrf requires.
                unsafe { f(&mi, &ni, a.as_mut_ptr(), &lda, p32.as_mut_ptr(), &mut info) };
                for (d, s) in ipiv.iter_mut().zip(&p32) {
                    *d = i64::from(*s);
                }
                i64::from(info)
            }
            Getrf::Ilp64(f) => {
                let (mi, ni, lda) = (m as i64, n as i64, m.max(1) as i64);
                let mut info = 0i64;
                // SAFETY: as above, with 64-bit integers.
                unsafe { f(&mi, &ni, a.as_mut_ptr(), &lda, ipiv.as_mut_ptr(), &mut info) };
                info
            }
            Getrf::InProcess => in_process(self.precision, m, n, a, ipiv),
        }
    }
}

/// forklu's `getrf` in this process on `a`, LAPACK's `info`.
fn in_process(p: Precision, m: usize, n: usize, a: &mut Matrix, ipiv: &mut [i64]) -> i64 {
    use forklu::{C32, C64, Error, MatMut, lapack::getrf};
    let ipiv = &mut ipiv[..m.min(n)];
    let lda = m.max(1);
    let r = match (p, a) {
        (Precision::D, Matrix::F64(v)) => getrf(MatMut::col_major(v, m, n, lda).unwrap(), ipiv),
        (Precision::S, Matrix::F32(v)) => getrf(MatMut::col_major(v, m, n, lda).unwrap(), ipiv),
        (Precision::Z, Matrix::F64(v)) => {
            let z = pairs::<f64, C64>(v);
            getrf(MatMut::col_major(z, m, n, lda).unwrap(), ipiv)
        }
        (Precision::C, Matrix::F32(v)) => {
            let z = pairs::<f32, C32>(v);
            getrf(MatMut::col_major(z, m, n, lda).unwrap(), ipiv)
        }
        _ => panic!("a matrix of another precision"),
    };
    match r {
        Ok(()) => 0,
        Err(Error::Singular(i)) => i as i64,
        Err(_) => -1,
    }
}

/// Interleaved parts as complex numbers.
fn pairs<R, Z>(v: &mut [R]) -> &mut [Z] {
    assert!(size_of::<Z>() == 2 * size_of::<R>() && align_of::<Z>() == align_of::<R>());
    // SAFETY: `Complex<R>` is `repr(C)` of two `R` (checked above), so the slice's
    // pairs are its elements; the length is halved.
    unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr().cast(), v.len() / 2) }
}

/// MKL's code-path modules mapped into this process (`libmkl_def`, `libmkl_avx2`, ...),
/// which say which kernels it chose.
fn mkl_code_paths() -> String {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
    let mut found: Vec<&str> = Vec::new();
    for file in maps.lines().filter_map(|l| l.rsplit('/').next()) {
        let path = ["def", "mc3", "avx", "avx2", "avx512", "avx10"]
            .iter()
            .any(|p| file.starts_with(&format!("libmkl_{p}.so")));
        if path && !found.contains(&file) {
            found.push(file);
        }
    }
    if found.is_empty() {
        String::new()
    } else {
        format!("code path {}", found.join(", "))
    }
}

/// Copies `spec`'s library file to `dir/file_name` (once) and returns the copy's path.
pub fn copy_of(spec: &Spec, dir: &Path, file_name: &str) -> Result<String, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let to = dir.join(file_name);
    let fresh = std::fs::metadata(&to)
        .ok()
        .zip(std::fs::metadata(&spec.path).ok())
        .is_some_and(|(a, b)| a.len() == b.len());
    if !fresh {
        std::fs::copy(&spec.path, &to).map_err(|e| format!("copy {}: {e}", spec.path))?;
    }
    Ok(to.display().to_string())
}
