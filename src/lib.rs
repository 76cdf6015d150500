//! selfcheck: a client-side cybersecurity self-assessment widget.
//!
//! The domain logic lives in [`core`] and is plain Rust, as are [`i18n`] and
//! [`options`]; the web glue (Yew components, storage, embedding) is compiled
//! only for `wasm32`.

pub mod core;
pub mod i18n;
pub mod options;
pub mod paging;

#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod storage;
