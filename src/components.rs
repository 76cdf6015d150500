//! The widget's components, one per file.

pub mod answer_view;
pub mod app;
pub mod blocks;
pub mod catalog_error;
pub mod compare_view;
pub mod data_view;
pub mod field;
pub mod item;
pub mod print_view;
pub mod progress;
pub mod radar;
pub mod results_view;
pub mod session;
