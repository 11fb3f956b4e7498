//! The comparison as a text table, CSV and an SVG chart (written by hand).

use std::fmt::Write;

/// One measured row: a shape and thread count, with GFLOPS (median, best) per library.
pub struct Row {
    pub m: usize,
    pub n: usize,
    pub threads: usize,
    pub gflops: Vec<(f64, f64, bool)>,
}

/// A text table: median GFLOPS (best in parentheses) per library, then forklu / best peer.
pub fn table(names: &[String], rows: &[Row]) -> String {
    let mut s = String::new();
    let w = names.iter().map(|n| n.len()).fold(19, usize::max);
    let _ = write!(s, "{:>11} {:>3}", "m x n", "thr");
    for n in names {
        let _ = write!(s, " {n:>w$}");
    }
    let _ = writeln!(s, " {:>10}", "forklu/best");
    for r in rows {
        let _ = write!(s, "{:>11} {:>3}", format!("{}x{}", r.m, r.n), r.threads);
        for &(med, best, ok) in &r.gflops {
            let cell = if ok {
                format!("{med:.1} ({best:.1})")
            } else {
                "wrong result".into()
            };
            let _ = write!(s, " {cell:>w$}");
        }
        let peers = r
            .gflops
            .iter()
            .skip(1)
            .filter(|g| g.2)
            .map(|g| g.0)
            .fold(0.0, f64::max);
        let ratio = if peers > 0.0 {
            format!("{:.2}", r.gflops[0].0 / peers)
        } else {
            "-".into()
        };
        let _ = writeln!(s, " {ratio:>10}");
    }
    s
}

pub fn csv(names: &[String], rows: &[Row]) -> String {
    let mut s = String::from("library,m,n,threads,gflops_median,gflops_best,valid\n");
    for r in rows {
        for (name, &(med, best, ok)) in names.iter().zip(&r.gflops) {
            let _ = writeln!(
                s,
                "{name},{},{},{},{med:.3},{best:.3},{ok}",
                r.m, r.n, r.threads
            );
        }
    }
    s
}

/// GFLOPS (median) against n for square shapes, one line per library and thread count.
pub fn svg(names: &[String], rows: &[Row]) -> String {
    let (w, h, left, bottom) = (760.0, 420.0, 60.0, 40.0);
    let square: Vec<&Row> = rows.iter().filter(|r| r.m == r.n).collect();
    let max_n = square.iter().map(|r| r.n).max().unwrap_or(2) as f64;
    let min_n = square.iter().map(|r| r.n).min().unwrap_or(1) as f64;
    let span = (max_n.ln() - min_n.ln()).max(1e-9);
    let max_g = square
        .iter()
        .flat_map(|r| r.gflops.iter().map(|g| g.0))
        .fold(1.0, f64::max)
        * 1.1;
    let x = |n: usize| left + 10.0 + ((n as f64).ln() - min_n.ln()) / span * (w - left - 40.0);
    let y = |g: f64| h - bottom - g / max_g * (h - bottom - 20.0);
    let colors = [
        "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f",
    ];
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    );
    let _ = writeln!(
        s,
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"black\"/>",
        h - bottom,
        w - 20.0,
        h - bottom
    );
    let _ = writeln!(
        s,
        "<line x1=\"{left}\" y1=\"20\" x2=\"{left}\" y2=\"{}\" stroke=\"black\"/>",
        h - bottom
    );
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\">n (log scale)</text><text x=\"5\" y=\"15\">GFLOPS (median)</text>",
        w / 2.0,
        h - 8.0
    );
    for g in (0..=5).map(|i| max_g / 5.0 * i as f64) {
        let _ = writeln!(s, "<text x=\"5\" y=\"{:.1}\">{g:.0}</text>", y(g) + 4.0);
    }
    let mut threads: Vec<usize> = square.iter().map(|r| r.threads).collect();
    threads.dedup();
    let mut legend = 0;
    for (li, name) in names.iter().enumerate() {
        for (ti, &t) in threads.iter().enumerate() {
            let pts: Vec<String> = square
                .iter()
                .filter(|r| r.threads == t && r.gflops[li].2)
                .map(|r| format!("{:.1},{:.1}", x(r.n), y(r.gflops[li].0)))
                .collect();
            if pts.is_empty() {
                continue;
            }
            let color = colors[li % colors.len()];
            let dash = if ti == 0 {
                ""
            } else {
                " stroke-dasharray=\"6,4\""
            };
            let _ = writeln!(
                s,
                "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash} points=\"{}\"/>",
                pts.join(" ")
            );
            let ly = 30.0 + 16.0 * legend as f64;
            let _ = writeln!(
                s,
                "<line x1=\"{}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/><text x=\"{}\" y=\"{}\">{name}, {t} thr</text>",
                left + 15.0,
                left + 40.0,
                left + 45.0,
                ly + 4.0
            );
            legend += 1;
        }
    }
    for r in square.iter().filter(|r| r.threads == threads[0]) {
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x(r.n),
            h - bottom + 15.0,
            r.n
        );
    }
    s.push_str("</svg>\n");
    s
}

/// Rows read back from [`csv`]'s output (to redraw a chart without measuring again).
pub fn rows_from_csv(text: &str) -> (Vec<String>, Vec<Row>) {
    let mut names: Vec<String> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() < 7 {
            continue;
        }
        let (m, n, threads) = (
            f[1].parse().unwrap_or(0),
            f[2].parse().unwrap_or(0),
            f[3].parse().unwrap_or(0),
        );
        let g = (
            f[4].parse().unwrap_or(0.0),
            f[5].parse().unwrap_or(0.0),
            f[6] == "true",
        );
        if !names.iter().any(|x| x == f[0]) {
            names.push(f[0].to_string());
        }
        match rows
            .iter_mut()
            .find(|r| r.m == m && r.n == n && r.threads == threads)
        {
            Some(r) => r.gflops.push(g),
            None => rows.push(Row {
                m,
                n,
                threads,
                gflops: vec![g],
            }),
        }
    }
    (names, rows)
}
