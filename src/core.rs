//! The pure domain core: catalogs, assessments, scores, reports and migrations.
//!
//! Nothing in here may import yew, web-sys, gloo, wasm-bindgen or js-sys: the
//! core compiles and is tested natively with `cargo test`.

pub mod aggregate;
pub mod assessment;
pub mod catalog;
pub mod catalog_limits;
pub mod compare;
pub mod filter;
pub mod keep;
pub mod located;
pub mod merge;
pub mod migrate;
pub mod origin;
pub mod oscal;
pub mod oscal_out;
pub mod outline;
pub mod radar;
pub mod radar_layout;
pub mod report;
pub mod review;
pub mod sample;
pub mod score;
pub mod session;
pub mod sheet;
pub mod source;
pub mod store;
pub mod stored;
