//! Loads a LAPACK library with `dlopen` and exposes its `dgetrf` and thread setter,
//! whatever its integer width and symbol names (see `bench/peers.sh`'s manifest).

use std::ffi::{CString, c_char, c_int, c_void};

type Getrf32 =
    unsafe extern "C" fn(*const i32, *const i32, *mut f64, *const i32, *mut i32, *mut i32);
type Getrf64 =
    unsafe extern "C" fn(*const i64, *const i64, *mut f64, *const i64, *mut i64, *mut i64);

enum Getrf {
    Lp64(Getrf32),
    Ilp64(Getrf64),
}

/// How a library's thread setter takes its argument.
#[derive(Clone, Copy)]
enum Setter {
    None,
    Int(unsafe extern "C" fn(c_int)),
    Int64(unsafe extern "C" fn(i64)),
    PtrInt(unsafe extern "C" fn(*const c_int)),
}

/// One loaded library.
pub struct Lapack {
    pub name: String,
    /// What the library says about itself (OpenBLAS's kernel name), if it can.
    pub detail: String,
    getrf: Getrf,
    setter: Setter,
}

/// One manifest line: `name, path, dgetrf symbol, int bits, setter, setter arg, preloads, corename symbol`.
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

impl Lapack {
    /// Loads the library a manifest line describes.
    pub fn load(spec: &Spec) -> Result<Lapack, String> {
        for dep in &spec.preload {
            dlopen(dep, true)?;
        }
        let h = dlopen(&spec.path, false)?;
        let sym = dlsym(h, &spec.getrf)
            .ok_or_else(|| format!("{}: no symbol {}", spec.name, spec.getrf))?;
        // SAFETY: the manifest states the symbol's integer width; both types are
        // LAPACK's dgetrf prototype.
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
        let detail = match dlsym(h, &spec.corename) {
            Some(p) if !spec.corename.is_empty() => {
                // SAFETY: OpenBLAS's get_corename takes nothing and returns a static C string.
                let f = unsafe {
                    std::mem::transmute::<*mut c_void, unsafe extern "C" fn() -> *const c_char>(p)
                };
                // SAFETY: as above.
                let s = unsafe { f() };
                if s.is_null() {
                    String::new()
                } else {
                    // SAFETY: a static NUL-terminated string.
                    unsafe { std::ffi::CStr::from_ptr(s) }
                        .to_string_lossy()
                        .into_owned()
                }
            }
            _ => String::new(),
        };
        Ok(Lapack {
            name: spec.name.clone(),
            detail,
            getrf,
            setter,
        })
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
            }
        }
    }

    /// `dgetrf` on a column-major `m x n` matrix with `lda = m`; returns info, fills `ipiv`.
    pub fn getrf(&self, m: usize, n: usize, a: &mut [f64], ipiv: &mut [i64]) -> i64 {
        assert!(a.len() >= m * n && ipiv.len() >= m.min(n));
        match self.getrf {
            Getrf::Lp64(f) => {
                let (mi, ni, lda) = (m as i32, n as i32, m.max(1) as i32);
                let mut p32 = vec![0i32; m.min(n)];
                let mut info = 0i32;
                // SAFETY: `a` holds m*n doubles, `p32` min(m,n) ints, as dgetrf requires.
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
        }
    }
}
