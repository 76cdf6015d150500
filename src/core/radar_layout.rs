//! Where a radar chart's parts go (pure geometry, tested natively): the
//! axes' ends and the axis labels — the
//! group's number and a short form of its name ([`short_name`]), placed
//! beside each axis's end and pushed apart where neighbours would overlap
//! ([`layout`]), with a view box that holds them all ([`view_box`]). Text
//! widths are estimated on the generous side (bold CJK 1 em), so what the
//! browser draws is no wider than what was placed.

/// Centre and radius of the chart (user units).
pub const C: f64 = 200.0;
/// Radius of the outer ring.
pub const R: f64 = 125.0;
/// Label font size (user units; `.sc-radar-label` says the same).
const FONT: f64 = 16.0;
/// Width budget of a short name, in em.
const SHORT_EM: f64 = 6.0;

/// The point at value `v` (0..=1) on axis `i` of `n`, clockwise from the top.
pub fn point(i: usize, n: usize, v: f64) -> (f64, f64) {
    let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
    let (cos, sin) = cos_sin(a);
    (C + R * v * cos, C + R * v * sin)
}

/// `(cos a, sin a)` by their Taylor series after bringing `a` within half a
/// turn of zero (30 terms: within 1e-12 of `f64::cos`/`sin`, which the test
/// checks, where the chart draws to 0.1). Written here rather than taken from `f64::cos`/`sin`: on wasm those
/// are libm's, whose argument reduction for angles of any size costs the
/// first download about 8 KB of code, and an axis angle is always within a turn.
fn cos_sin(a: f64) -> (f64, f64) {
    use std::f64::consts::TAU;
    let x = a - TAU * (a / TAU + 0.5).floor();
    let (mut cos, mut sin, mut term) = (0.0, 0.0, 1.0);
    for k in 0..30 {
        match k % 4 {
            0 => cos += term,
            1 => sin += term,
            2 => cos -= term,
            _ => sin -= term,
        }
        term *= x / f64::from(k + 1);
    }
    (cos, sin)
}

/// The width of `c` in em, estimated on the generous side (bold text):
/// CJK and other wide characters 1, capitals 0.72, the rest 0.62, spaces 0.3.
fn char_em(c: char) -> f64 {
    if c == ' ' {
        0.3
    } else if c.is_ascii_uppercase() {
        0.72
    } else if (c as u32) < 0x2E80 && c != '…' {
        0.62
    } else {
        1.0
    }
}

/// The estimated width of `s` in em.
pub fn text_em(s: &str) -> f64 {
    s.chars().map(char_em).sum()
}

/// A short form of a group name for an axis label: the name itself when it
/// fits [`SHORT_EM`], else cut (after a word where the name has spaces) and
/// ended with `…`.
pub fn short_name(name: &str) -> String {
    let name = name.trim();
    if text_em(name) <= SHORT_EM {
        return name.to_string();
    }
    let budget = SHORT_EM - 1.0;
    let mut out = String::new();
    let mut width = 0.0;
    for c in name.chars() {
        width += char_em(c);
        if width > budget {
            break;
        }
        out.push(c);
    }
    // Latin text is cut after its last whole word, if one fits.
    if name.contains(' ') {
        if let Some(i) = out.trim_end().rfind(' ') {
            if i > 0 {
                out.truncate(i);
            }
        }
    }
    format!("{}…", out.trim_end())
}

/// Where one label goes: its text's anchor point and baseline, and the box
/// it is estimated to take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// The `x` of the text element.
    pub x: f64,
    /// The baseline `y` of the text element.
    pub y: f64,
    /// `text-anchor`: `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// Estimated box: left, top, width, height.
    pub bbox: (f64, f64, f64, f64),
}

fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    const GAP: f64 = 2.0;
    a.0 < b.0 + b.2 + GAP && b.0 < a.0 + a.2 + GAP && a.1 < b.1 + b.3 + GAP && b.1 < a.1 + a.3 + GAP
}

/// Places `labels` (one per axis, clockwise from the top) beside the ends of
/// their axes, then moves labels that would overlap an already placed one
/// away from the chart's middle, the ones nearest the middle first.
pub fn layout(labels: &[String]) -> Vec<Placed> {
    let n = labels.len();
    let h = FONT * 1.3;
    let mut placed: Vec<Placed> = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let (x, y) = point(i, n, 1.0 + 12.0 / R);
            let (dx, dy) = (x - C, y - C);
            let w = text_em(label) * FONT;
            let (anchor, left) = if dx.abs() < 0.15 * R {
                ("middle", x - w / 2.0)
            } else if dx > 0.0 {
                ("start", x)
            } else {
                ("end", x - w)
            };
            let top = if dy < -0.3 * R {
                y - h
            } else if dy > 0.3 * R {
                y
            } else {
                y - h / 2.0
            };
            Placed {
                x,
                y: top + h * 0.78,
                anchor,
                bbox: (left, top, w, h),
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    let centre = |p: &Placed| p.bbox.1 + p.bbox.3 / 2.0 - C;
    order.sort_by(|a, b| {
        centre(&placed[*a])
            .abs()
            .total_cmp(&centre(&placed[*b]).abs())
    });
    for (k, &i) in order.iter().enumerate() {
        let up = centre(&placed[i]) < 0.0;
        for _ in 0..200 {
            let me = placed[i].bbox;
            let Some(other) = order[..k]
                .iter()
                .map(|&j| placed[j].bbox)
                .find(|o| overlaps(me, *o))
            else {
                break;
            };
            let shift = if up {
                -(me.1 + me.3 + 2.5 - other.1)
            } else {
                other.1 + other.3 + 2.5 - me.1
            };
            placed[i].bbox.1 += shift;
            placed[i].y += shift;
        }
    }
    placed
}

/// The view box that holds the chart and every label, with a margin.
pub fn view_box(placed: &[Placed]) -> (f64, f64, f64, f64) {
    let (mut x0, mut y0, mut x1, mut y1) = (C - R, C - R, C + R, C + R);
    for p in placed {
        let (l, t, w, h) = p.bbox;
        x0 = x0.min(l);
        y0 = y0.min(t);
        x1 = x1.max(l + w);
        y1 = y1.max(t + h);
    }
    let m = 4.0;
    (x0 - m, y0 - m, x1 - x0 + 2.0 * m, y1 - y0 + 2.0 * m)
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn axis_points_are_where_the_trigonometry_puts_them() {
        // Every axis of every chart from 3 to 64 axes, and angles beyond a turn.
        for n in 3..=64 {
            for i in 0..n {
                let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
                let (x, y) = point(i, n, 1.0);
                assert!((x - (C + R * a.cos())).abs() < 1e-9, "{i}/{n}");
                assert!((y - (C + R * a.sin())).abs() < 1e-9, "{i}/{n}");
            }
        }
        for a in [-20.0, -7.5, 0.0, 1e-9, 3.0, 12.0, 40.0] {
            let (c, s) = cos_sin(a);
            assert!(
                (c - f64::cos(a)).abs() < 1e-12 && (s - f64::sin(a)).abs() < 1e-12,
                "{a}"
            );
        }
        // The top axis is straight up, the next clockwise.
        let near =
            |(x, y): (f64, f64), (u, v): (f64, f64)| (x - u).abs() < 1e-9 && (y - v).abs() < 1e-9;
        assert!(near(point(0, 4, 1.0), (C, C - R)));
        assert!(near(point(1, 4, 1.0), (C + R, C)));
        assert!(near(point(2, 4, 0.5), (C, C + R / 2.0)));
    }

    #[test]
    fn short_names_fit_the_budget_and_say_when_cut() {
        // (name, short)
        let cases = [
            ("方針", "方針"),
            ("体制(平時)", "体制(平時)"),
            ("他社との情報セキュリティ要件", "他社との情…"),
            ("バックアップ・復元(リストア)", "バックアッ…"),
            ("Access Control", "Access…"),
            ("Identification and Authentication", "Identif…"),
            ("Policy", "Policy"),
        ];
        for (name, want) in cases {
            let got = short_name(name);
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn labels_of_a_crowded_radar_do_not_overlap() {
        for n in [3, 5, 8, 12, 22, 30] {
            let labels: Vec<String> = (1..=n)
                .map(|i| format!("{i} {}", short_name("他社との情報セキュリティ要件")))
                .collect();
            let placed = layout(&labels);
            for (i, a) in placed.iter().enumerate() {
                for b in &placed[i + 1..] {
                    assert!(!overlaps(a.bbox, b.bbox), "{n} axes: {a:?} and {b:?}");
                }
            }
            // The view box holds every label.
            let (vx, vy, vw, vh) = view_box(&placed);
            for p in &placed {
                let (l, t, w, h) = p.bbox;
                assert!(l >= vx && t >= vy && l + w <= vx + vw && t + h <= vy + vh);
            }
        }
    }
}
