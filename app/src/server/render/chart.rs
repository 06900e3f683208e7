//! Charts as SVG text, drawn on the server so they show without JavaScript, print, and can be
//! saved with the page. Pure functions: no Leptos, no database.

use std::fmt::Write;

/// Print-friendly colours, distinguishable in greyscale as well (light to dark alternating).
const PALETTE: [&str; 8] = ["#1f5f99", "#8fbce6", "#c05a1c", "#f2b27e", "#3d7a3a", "#a8d5a2", "#6b4c9a", "#c9b6e4"];

pub fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A round upper bound for the axis (1, 2, 5 × 10ⁿ steps) and its step.
fn axis(max: u64) -> (u64, u64) {
    let max = max.max(1);
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            let s = step * m;
            if max.div_ceil(s) <= 5 {
                return (max.div_ceil(s) * s, s);
            }
        }
        step *= 10;
    }
}

/// Stacked bars, one per column (fiscal year), one segment per series (category), with a
/// legend. `columns` are (label, tooltip); each series has one value per column.
pub fn stacked_bars(title: &str, columns: &[(String, String)], series: &[(String, Vec<u64>)]) -> String {
    let (w, h, left, top, bottom, legend_w) = (760.0, 340.0, 44.0, 16.0, 36.0, 250.0);
    let plot_w = w - left - legend_w - 16.0;
    let plot_h = h - top - bottom;
    let totals: Vec<u64> = (0..columns.len()).map(|c| series.iter().map(|(_, v)| v.get(c).copied().unwrap_or(0)).sum()).collect();
    let (max, step) = axis(totals.iter().copied().max().unwrap_or(0));
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{}"><title>{}</title>"#,
        esc(title),
        esc(title)
    );
    let y_of = |v: f64| top + plot_h - plot_h * v / max as f64;
    let mut tick = 0;
    while tick <= max {
        let y = y_of(tick as f64);
        let _ = write!(s, r##"<line x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end" font-size="11">{tick}</text>"##, left + plot_w, left - 6.0, y + 4.0);
        tick += step;
    }
    let slot = if columns.is_empty() { plot_w } else { plot_w / columns.len() as f64 };
    let bar = (slot * 0.6).min(48.0);
    for (c, (label, tip)) in columns.iter().enumerate() {
        let x = left + slot * c as f64 + (slot - bar) / 2.0;
        let mut acc = 0u64;
        for (i, (name, values)) in series.iter().enumerate() {
            let v = values.get(c).copied().unwrap_or(0);
            if v == 0 {
                continue;
            }
            let (y1, y0) = (y_of((acc + v) as f64), y_of(acc as f64));
            let _ = write!(
                s,
                r#"<rect class="bar" x="{x:.1}" y="{y1:.1}" width="{bar:.1}" height="{:.1}" fill="{}"><title>{} {}: {v}</title></rect>"#,
                y0 - y1,
                colour(i),
                esc(label),
                esc(name)
            );
            acc += v;
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11">{}</text><text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="12"><title>{}</title>{}</text>"#,
            x + bar / 2.0,
            y_of(acc as f64) - 4.0,
            acc,
            x + bar / 2.0,
            top + plot_h + 18.0,
            esc(tip),
            esc(label)
        );
    }
    let lx = w - legend_w;
    for (i, (name, _)) in series.iter().enumerate() {
        let y = top + 4.0 + i as f64 * 20.0;
        let _ = write!(
            s,
            r#"<rect x="{lx}" y="{y}" width="12" height="12" fill="{}"/><text x="{}" y="{}" font-size="11">{}</text>"#,
            colour(i),
            lx + 18.0,
            y + 10.0,
            esc(name)
        );
    }
    s.push_str("</svg>");
    s
}

/// Horizontal bars with their counts, for a one-year breakdown.
pub fn bars(title: &str, items: &[(String, u64)]) -> String {
    let (w, left, row) = (640.0, 200.0, 24.0);
    let h = 12.0 + row * items.len().max(1) as f64;
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    let plot_w = w - left - 60.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{}"><title>{}</title>"#,
        esc(title),
        esc(title)
    );
    for (i, (label, n)) in items.iter().enumerate() {
        let y = 6.0 + row * i as f64;
        // Long names are shortened on the axis; the full name is in the bar's tooltip.
        let short: String = if label.chars().count() > 15 { label.chars().take(14).chain(['…']).collect() } else { label.clone() };
        let bw = plot_w * *n as f64 / max;
        let _ = write!(
            s,
            r#"<text x="{}" y="{:.1}" text-anchor="end" font-size="12">{}</text><rect class="bar" x="{left}" y="{:.1}" width="{bw:.1}" height="{:.1}" fill="{}"><title>{}: {n}</title></rect><text x="{:.1}" y="{:.1}" font-size="12">{n}</text>"#,
            left - 8.0,
            y + 15.0,
            esc(&short),
            y + 3.0,
            row - 8.0,
            colour(0),
            esc(label),
            left + bw + 6.0,
            y + 15.0
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(s: &str, pat: &str) -> usize {
        s.matches(pat).count()
    }

    #[test]
    fn stacked_bars_draw_one_segment_per_nonzero_value() {
        let cols = vec![("H29".to_string(), "2017年度".to_string()), ("H30".to_string(), "2018年度".to_string())];
        let series = vec![("地域".to_string(), vec![7, 4]), ("事業".to_string(), vec![20, 0])];
        let svg = stacked_bars("推移", &cols, &series);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(count(&svg, r#"class="bar""#), 3);
        assert!(svg.contains("<title>H29 事業: 20</title>"));
        assert!(svg.contains("<title>H30 地域: 4</title>"));
        // Column totals above the bars.
        assert!(svg.contains(">27</text>") && svg.contains(">4</text>"));
    }

    #[test]
    fn segment_heights_are_proportional() {
        let cols = vec![("R1".to_string(), String::new())];
        let svg = stacked_bars("t", &cols, &[("a".into(), vec![10]), ("b".into(), vec![30])]);
        let heights: Vec<f64> = svg
            .split(r#"class="bar""#)
            .skip(1)
            .map(|p| p.split("height=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap())
            .collect();
        assert!((heights[1] / heights[0] - 3.0).abs() < 0.05, "{heights:?}");
    }

    #[test]
    fn text_is_escaped_and_axis_is_round() {
        let svg = bars("<所属>", &[("A&B".into(), 3), ("C".into(), 0)]);
        assert!(svg.contains("A&amp;B") && svg.contains("&lt;所属&gt;"));
        let long = "医療ソーシャルワーカー（病院連携室）";
        let svg = bars("t", &[(long.into(), 1)]);
        assert!(svg.contains(">医療ソーシャルワーカー（病院…</text>") && svg.contains(&format!("<title>{long}: 1</title>")), "{svg}");
        assert_eq!(axis(27), (30, 10));
        assert_eq!(axis(4), (4, 1));
        assert_eq!(axis(0), (1, 1));
        assert_eq!(axis(116), (150, 50));
    }
}
