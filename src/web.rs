//! The browser, one capability per file: the clock and the local date, ids,
//! downloads, confirmation dialogs, fetching, reading chosen files, the
//! static first screen's takeover, DOM helpers, storage, persistent storage, asking for storage access, and Unicode lower case. Components and the reducer's shell call these; no
//! component defines a browser helper another one uses.
//!
//! Compiled for `wasm32` only (everything here needs `web-sys`); nothing in
//! it depends on the widget, so another wasm entry can use it too.

pub mod clock;
pub mod confirm;
pub mod dom;
pub mod download;
pub mod fetch;
pub mod files;
pub mod first_screen;
pub mod formats;
pub mod ids;
pub mod persist;
pub mod storage;
pub mod storage_access;
pub mod text;
