//! placeholder
pub fn run(_a: &str, _b: &str, _c: &str) -> Result<(), String> { Err("todo".into()) }
