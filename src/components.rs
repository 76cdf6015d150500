//! The widget's components, one per file. Each imports only downwards: the
//! components it renders, `core`, `web`, `hooks`, `i18n` — never a helper
//! from a sibling (checked by `tests/component_imports.rs`).

pub mod answer_view;
pub mod app;
pub mod banner;
pub mod benchmark_panel;
pub mod blocks;
pub mod catalog_error;
pub mod catalogs_card;
pub mod compare_view;
pub mod data_view;
pub mod entities_card;
pub mod field;
pub mod file_button;
pub mod filters;
pub mod header;
pub mod item;
pub mod keep_bar;
pub mod print_view;
pub mod privacy_card;
pub mod problem;
pub mod progress;
pub mod radar;
pub mod results_view;
pub mod session;
pub mod sheet_card;
pub mod snapshots_card;
pub mod transfer_card;
