//! A radar chart in inline SVG: one axis per group, the current figure as a
//! filled polygon and the target as a dashed one. Each axis is labelled with
//! the group's number and a short form of its name, placed beside the axis's end and
//! pushed apart where neighbours would overlap (`core::radar_layout`); the full name is the label's `<title>` (shown on hover) and
//! is in the table the results view shows beside the chart, which is the
//! accessible equivalent (the chart itself is one image with a title). The
//! view box grows to hold every label, so none is clipped at 320 px.

use crate::core::radar_layout::{layout, point, short_name, view_box, C};
use crate::i18n::fixed;
use yew::prelude::*;

pub use crate::core::radar::Axis;

/// Properties of [`radar`].
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

/// The SVG `points` of `values` (one per axis, clamped to 0..=1).
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
pub fn radar(props: &RadarProps) -> Html {
    let n = props.axes.len();
    if n < 3 {
        return html! {};
    }
    let rings = [0.25, 0.5, 0.75, 1.0];
    let current = polygon(props.axes.iter().map(|a| a.current.unwrap_or(0.0)), n);
    let target = polygon(props.axes.iter().map(|a| a.target.unwrap_or(0.0)), n);
    let labels: Vec<String> = props
        .axes
        .iter()
        .map(|a| {
            format!("{} {}", a.number, short_name(&a.name))
                .trim()
                .to_string()
        })
        .collect();
    let placed = layout(&labels);
    let (vx, vy, vw, vh) = view_box(&placed);
    let f = |v: f64| fixed(v, 1, false);
    html! {
        <figure class="sc-radar">
            <svg viewBox={format!("{} {} {} {}", f(vx), f(vy), f(vw), f(vh))} role="img" aria-label={props.title.clone()} focusable="false">
                <title>{ props.title.clone() }</title>
                { for rings.iter().map(|r| html! {
                    <polygon class="sc-radar-ring" points={polygon(std::iter::repeat_n(*r, n), n)} />
                }) }
                { for (0..n).map(|i| { let (x, y) = point(i, n, 1.0); html! {
                    <line class="sc-radar-spoke" x1={f(C)} y1={f(C)} x2={f(x)} y2={f(y)} />
                }}) }
                <polygon class="sc-radar-target" points={target} />
                <polygon class="sc-radar-current" points={current} />
                { for props.axes.iter().zip(&labels).zip(&placed).map(|((a, label), p)| html! {
                    <g class="sc-radar-axis" data-axis={a.number.clone()}>
                        <title>{ format!("{} {}", a.number, a.name).trim().to_string() }</title>
                        <text class="sc-radar-label" x={f(p.x)} y={f(p.y)} text-anchor={p.anchor}>{ label.clone() }</text>
                    </g>
                }) }
            </svg>
            <figcaption class="sc-legend" aria-hidden="true">
                <span class="sc-legend-current">{ props.current_label }</span>
                <span class="sc-legend-target">{ props.target_label }</span>
            </figcaption>
        </figure>
    }
}
