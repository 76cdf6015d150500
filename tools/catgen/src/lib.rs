//! catgen as a library: the catalog generators, callable in-process from the tests.

pub mod jama;
pub mod nisc;
pub mod sheet;
