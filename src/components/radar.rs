//! A radar chart in inline SVG: one axis per group, the current figure as a
//! filled polygon and the target as a dashed one. Axis labels are the short
//! group numbers so the chart stays readable at 320 px; the full figures are
//! in the table the results view shows beside it (the chart is `aria-hidden`
//! apart from its title, and the table is the accessible equivalent).

use crate::i18n::fixed;
use yew::prelude::*;

pub use crate::core::radar::Axis;

/// Properties of [`Radar`].
#[derive(Properties, PartialEq)]
pub struct RadarProps {
    /// The axes, clockwise from the top.
    pub axes: Vec<Axis>,
    /// Accessible title.
    pub title: String,
    /// Legend: current.
    pub current_label: &'static str,
    /// Legend: target.
    pub target_label: &'static str,
}

const C: f64 = 200.0;
const R: f64 = 150.0;

fn point(i: usize, n: usize, v: f64) -> (f64, f64) {
    let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
    (C + R * v * a.cos(), C + R * v * a.sin())
}

fn polygon(values: impl Iterator<Item = f64>, n: usize) -> String {
    values
        .enumerate()
        .map(|(i, v)| {
            let (x, y) = point(i, n, v.clamp(0.0, 1.0));
            format!("{},{}", fixed(x, 1, false), fixed(y, 1, false))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The radar chart.
#[component]
pub fn Radar(props: &RadarProps) -> Html {
    let n = props.axes.len();
    if n < 3 {
        return html! {};
    }
    let rings = [0.25, 0.5, 0.75, 1.0];
    let current = polygon(props.axes.iter().map(|a| a.current.unwrap_or(0.0)), n);
    let target = polygon(props.axes.iter().map(|a| a.target.unwrap_or(0.0)), n);
    html! {
        <figure class="sc-radar">
            <svg viewBox="0 0 400 400" role="img" aria-label={props.title.clone()} focusable="false">
                <title>{ props.title.clone() }</title>
                { for rings.iter().map(|r| html! {
                    <polygon class="sc-radar-ring" points={polygon(std::iter::repeat_n(*r, n), n)} />
                }) }
                { for (0..n).map(|i| { let (x, y) = point(i, n, 1.0); html! {
                    <line class="sc-radar-spoke" x1="200" y1="200" x2={fixed(x, 1, false)} y2={fixed(y, 1, false)} />
                }}) }
                <polygon class="sc-radar-target" points={target} />
                <polygon class="sc-radar-current" points={current} />
                { for props.axes.iter().enumerate().map(|(i, a)| {
                    let (x, y) = point(i, n, 1.13);
                    let anchor = if (x - C).abs() < 8.0 { "middle" } else if x > C { "start" } else { "end" };
                    html! {
                        <text class="sc-radar-label" x={fixed(x, 1, false)} y={fixed(y + 4.0, 1, false)} text-anchor={anchor}>{ a.label.clone() }</text>
                    }
                }) }
            </svg>
            <figcaption class="sc-legend" aria-hidden="true">
                <span class="sc-legend-current">{ props.current_label }</span>
                <span class="sc-legend-target">{ props.target_label }</span>
            </figcaption>
        </figure>
    }
}
