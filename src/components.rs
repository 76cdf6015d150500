//! The widget's components, one per file.

pub mod app;
pub mod blocks;
pub mod catalog_error;
pub mod item;
pub mod progress;
pub mod session;
