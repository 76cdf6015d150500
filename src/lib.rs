//! selfcheck: a client-side cybersecurity self-assessment widget.
//!
//! The domain logic lives in [`core`] and is plain Rust, as are [`i18n`],
//! [`options`] and [`paging`] (the rendered window of a long list). [`web`]
//! holds the browser capabilities (clock, ids, downloads, fetch, files, DOM,
//! storage) and is compiled only for `wasm32`; the widget itself (Yew
//! components, hooks, the reducer shell in `state`, embedding) only for
//! `wasm32` and with the `app` feature (on by default).
//!
//! Another wasm entry (the collector, a lazily loaded format module) reuses
//! the core without the widget: it depends on this crate with
//! `default-features = false`, so none of the widget's code or its
//! `start` / `mount` exports end up in that module.

pub mod core;
pub mod i18n;
pub mod options;
pub mod paging;

#[cfg(target_arch = "wasm32")]
pub mod web;

#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod components;
#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod embed;
#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod hooks;
#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod state;
