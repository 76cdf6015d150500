//! selfcheck: a client-side cybersecurity self-assessment widget.
//!
//! The domain logic lives in [`core`] and is plain Rust; the web glue
//! (Yew components, storage, embedding) is compiled only for `wasm32`.

pub mod core;
