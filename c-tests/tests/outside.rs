//! Allocation, linking and the exported symbol table, seen from outside.

mod runner;
use forklu_testkit::{ALLOCATOR_SYMBOLS, tool, undefined_symbols};
use runner::{Case, Verdict, run_all, run_command};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Deadline of one tool run (nm, readelf, strip, pkg-config, cc).
const TOOL: Duration = Duration::from_secs(60);

fn libdir() -> PathBuf {
    PathBuf::from(env!("FORKLU_LIBDIR"))
}

/// The symbols a shared library defines, as `(nm type letter, name)`.
fn dynamic_symbols(so: &Path) -> Vec<(String, String)> {
    let nm = tool(
        &format!("nm -D {}", so.display()),
        Command::new("nm").args(["-D", "--defined-only"]).arg(so),
        TOOL,
    );
    nm.stdout
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace().rev();
            let name = w.next()?.to_string();
            Some((w.next()?.to_string(), name))
        })
        .collect()
}

#[test]
fn allocation_shared_library_thread_control_and_every_symbol() {
    let case = |p: &str| Case {
        name: p.into(),
        program: p.into(),
        args: vec![],
        limit: Duration::from_secs(60),
    };
    run_all(
        "outside",
        &[
            case("no_malloc"),
            case("seed_shared"),
            case("thread_control"),
            case("every_symbol"),
            case("null_args"),
        ],
    );
}

/// README: forklu "rejects pivot entries outside 1..n in dgetrs/dgetri instead of
/// writing out of bounds" (c/bad_pivots.c, every entry point of both).
#[test]
fn dgetrs_and_dgetri_reject_bad_pivots() {
    run_all(
        "outside",
        &[Case {
            name: "bad_pivots".into(),
            program: "bad_pivots".into(),
            args: vec![],
            limit: Duration::from_secs(60),
        }],
    );
}

#[test]
fn shared_library_exports_every_entry_point_and_a_soname() {
    let so = libdir().join("libforklu.so");
    let table = dynamic_symbols(&so);
    let defined = |s: &str| table.iter().any(|(_, name)| name == s);
    let mut missing = Vec::new();
    let routines = ["getrf", "getrs", "gesv", "getri"];
    for r in ["s", "d", "c", "z"]
        .iter()
        .flat_map(|p| routines.map(|r| format!("{p}{r}")))
    {
        for name in [
            format!("{r}_"),
            format!("{r}_64_"),
            format!("forklu_{r}_"),
            format!("forklu_{r}_64_"),
            format!("forklu_{r}"),
        ] {
            if !defined(&name) {
                missing.push(name);
            }
        }
    }
    for name in [
        "forklu_set_num_threads",
        "forklu_get_num_threads",
        "forklu_get_max_threads",
        "forklu_version",
    ] {
        if !defined(name) {
            missing.push(name.to_string());
        }
    }
    assert!(missing.is_empty(), "not exported: {missing:?}");
    assert!(!defined("xerbla_"), "forklu must not define xerbla_");
    let elf = tool(
        "readelf -d",
        Command::new("readelf").arg("-d").arg(&so),
        TOOL,
    );
    assert!(
        elf.stdout.contains("Library soname: [libforklu.so.0]"),
        "SONAME missing"
    );
}

#[test]
fn scipy_shim_matches_libforklu_and_survives_the_seed() {
    let shim = libdir().join("libforklu_scipy.so");
    run_all(
        "outside",
        &[Case {
            name: "scipy_shim".into(),
            program: "scipy_shim".into(),
            args: vec![shim.to_string_lossy().into_owned()],
            limit: Duration::from_secs(60),
        }],
    );
}

/// The shim exports the 32 `scipy_` names (four routines, four precisions, LP64 and
/// ILP64) and nothing else: a preloaded library that also exported `dgetrf_` would take
/// calls its user did not ask it to take.
#[test]
fn scipy_shim_exports_exactly_its_32_names() {
    let mut exported: Vec<String> = dynamic_symbols(&libdir().join("libforklu_scipy.so"))
        .into_iter()
        .filter(|(kind, _)| kind == "T")
        .map(|(_, name)| name)
        .collect();
    exported.sort();
    let mut want: Vec<String> = ["s", "d", "c", "z"]
        .iter()
        .flat_map(|p| ["gesv", "getrf", "getri", "getrs"].map(|r| format!("{p}{r}")))
        .flat_map(|r| [format!("scipy_{r}_"), format!("scipy_{r}_64_")])
        .collect();
    assert_eq!(want.len(), 32);
    want.sort();
    assert_eq!(exported, want);
}

#[test]
fn static_library_references_no_allocator() {
    let undefined = undefined_symbols(&libdir().join("libforklu.a"));
    // Symbols the library must reference: proof that the listing is real, not empty.
    for sym in ["memcpy", "pthread_create"] {
        assert!(
            undefined.iter().any(|s| s == sym),
            "nm -u libforklu.a does not list {sym}: {} names",
            undefined.len()
        );
    }
    for sym in ALLOCATOR_SYMBOLS {
        assert!(
            !undefined.iter().any(|s| s == sym),
            "libforklu.a references {sym}"
        );
    }
}

/// Links the seed case three ways (pkg-config's static flags, fully -static, and plain
/// cc with --gc-sections), runs each, and prints the executable sizes.
#[test]
fn static_links_run_the_seed_case() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let include = here.join("../include");
    let out = std::env::temp_dir().join(format!("forklu-static-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let pc = tool(
        "pkg-config --static forklu",
        Command::new("pkg-config")
            .args(["--static", "--libs", "--cflags", "forklu"])
            .env("PKG_CONFIG_PATH", libdir().join("pkgconfig")),
        TOOL,
    );
    // pkg-config's `-lforklu` would pick the shared library: name the archive itself.
    let pc_flags: Vec<String> = pc
        .stdout
        .split_whitespace()
        .map(|f| {
            if f == "-lforklu" {
                "-l:libforklu.a".to_string()
            } else {
                f.to_string()
            }
        })
        .collect();
    let lib_a = libdir().join("libforklu.a").display().to_string();
    let ways: [(&str, Vec<String>); 3] = [
        ("pkg-config --static", pc_flags),
        (
            "fully -static",
            vec![
                "-static".into(),
                lib_a.clone(),
                "-lm".into(),
                "-Wl,--gc-sections".into(),
            ],
        ),
        (
            "cc + --gc-sections",
            vec![lib_a, "-Wl,--gc-sections".into(), "-lm".into()],
        ),
    ];
    for (i, (how, flags)) in ways.iter().enumerate() {
        let exe = out.join(format!("seed{i}"));
        tool(
            &format!("{how}: link"),
            Command::new("cc")
                .args([
                    "-std=c11",
                    "-O2",
                    "-D_GNU_SOURCE",
                    "-pthread",
                    "-Wno-unused-function",
                ])
                .arg("-I")
                .arg(&include)
                .arg("-I")
                .arg(here.join("c"))
                .arg(here.join("c/fork_seed.c"))
                .args(flags)
                .arg("-o")
                .arg(&exe),
            TOOL,
        );
        let (verdict, stderr, _) =
            run_command(Command::new(&exe).arg("4"), Duration::from_secs(60));
        assert_eq!(verdict, Verdict::Pass, "{how}: seed case: {stderr}");
        let stripped = out.join(format!("seed{i}.stripped"));
        tool(
            &format!("{how}: strip"),
            Command::new("strip").arg("-o").arg(&stripped).arg(&exe),
            TOOL,
        );
        let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).expect("linked file");
        println!(
            "{how:<22} {:>9} bytes, {:>9} stripped",
            size(&exe),
            size(&stripped)
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}

/// README: linked against libforklu.a with `--gc-sections` and stripped, "a C program
/// that calls `dgesv_` is then about 94 KB". It must stay under 100 KiB (and solve).
#[test]
fn a_stripped_static_program_calling_dgesv_is_under_100_kib() {
    const LIMIT: u64 = 100 * 1024;
    let dir = std::env::temp_dir().join(format!("forklu-size-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = dir.join("dgesv.c");
    std::fs::write(
        &src,
        r#"#include "forklu.h"
int main(void) {
    double a[9] = {4, 2, 1, 1, 5, 2, 2, 1, 6}, b[3] = {12, 15, 23}; /* x = (1, 2, 3) */
    int n = 3, one = 1, ipiv[3], info;
    dgesv_(&n, &one, a, &n, ipiv, b, &n, &info);
    double e = (b[0] - 1) * (b[0] - 1) + (b[1] - 2) * (b[1] - 2) + (b[2] - 3) * (b[2] - 3);
    return info == 0 && e < 1e-24 ? 0 : 1;
}
"#,
    )
    .unwrap();
    let (exe, stripped) = (dir.join("dgesv"), dir.join("dgesv.stripped"));
    let include = Path::new(env!("CARGO_MANIFEST_DIR")).join("../include");
    // The README's static link line.
    tool(
        "cc dgesv.c libforklu.a -Wl,--gc-sections -lpthread",
        Command::new("cc")
            .args(["-O2", "-I"])
            .arg(&include)
            .arg(&src)
            .arg(libdir().join("libforklu.a"))
            .args(["-Wl,--gc-sections", "-lpthread", "-o"])
            .arg(&exe),
        TOOL,
    );
    let (verdict, stderr, _) = run_command(&mut Command::new(&exe), TOOL);
    assert_eq!(verdict, Verdict::Pass, "the dgesv_ program: {stderr}");
    tool(
        "strip",
        Command::new("strip").arg("-o").arg(&stripped).arg(&exe),
        TOOL,
    );
    let size = std::fs::metadata(&stripped)
        .expect("stripped program")
        .len();
    println!("stripped static program calling dgesv_: {size} bytes");
    assert!(
        size > 1000 && size < LIMIT,
        "stripped static program calling dgesv_: {size} bytes, limit {LIMIT}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `Libs.private` in forklu.pc is exactly what rustc says a C program must add.
#[test]
fn pkg_config_lists_rustcs_native_static_libs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let o = tool(
        "cargo rustc --print native-static-libs",
        Command::new(cargo)
            .current_dir(&root)
            .args([
                "rustc",
                "--release",
                "-p",
                "forklu-ffi",
                "--crate-type",
                "staticlib",
                "--target-dir",
            ])
            .arg(root.join("target/c-tests-native-libs"))
            .args(["--", "--print", "native-static-libs"])
            .env("CARGO_TERM_COLOR", "never"),
        Duration::from_secs(600),
    );
    let text = o.stderr;
    let rustc_says = text
        .lines()
        .find_map(|l| l.split("native-static-libs: ").nth(1))
        .map(str::trim);
    let pc = std::fs::read_to_string(libdir().join("pkgconfig/forklu.pc"))
        .expect("forklu.pc installed beside the libraries");
    let private = pc
        .lines()
        .find_map(|l| l.strip_prefix("Libs.private: "))
        .map(str::trim);
    assert!(
        rustc_says.is_some(),
        "rustc printed no native-static-libs line:\n{text}"
    );
    assert_eq!(
        private, rustc_says,
        "forklu.pc Libs.private differs from rustc's list"
    );
}
