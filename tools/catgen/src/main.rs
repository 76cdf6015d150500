//! catgen: builds catalog JSON from source texts.
//!
//! Subcommands (each module owns one):
//! - `jama SEED REPAIRS OUT`   JAMA/JAPIA V2.2 commentary text -> catalog (module `jama`)
//! - `nisc SEED REPAIRS OUT`   NISC 2023 guideline text -> catalog (module `nisc`)
//! - `sheet IN.tsv|csv META OUT` 7-column association check sheet -> catalog (module `sheet`)
//! - `oscal CATALOG OUT`      a catalog JSON -> the same catalog as an OSCAL 1.1.2 catalog
//!   (`selfcheck::core::oscal_out`; the shipped ones are in `catalogs/oscal/`)
//! - `schema OUT`              writes the catalog JSON Schema generated from the Rust types

use std::process::ExitCode;

use catgen::{jama, sheet};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("schema") if args.len() == 2 => write_schema(&args[1]),
        Some("nisc") if args.len() == 4 => {
            catgen::nisc::run(&args[1], &args[2], &args[3]).map_err(|e| e.to_string())
        }
        Some("jama") if args.len() == 4 => jama::run(&args[1], &args[2], &args[3]),
        Some("sheet") if args.len() == 4 => sheet::run(&args[1], &args[2], &args[3]),
        Some("oscal") if args.len() == 3 => write_oscal(&args[1], &args[2]),
        _ => Err(usage()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("catgen: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> String {
    "usage: catgen jama SEED REPAIRS OUT | nisc SEED REPAIRS OUT | sheet IN META OUT | oscal CATALOG OUT | schema OUT"
        .to_string()
}

fn write_schema(out: &str) -> Result<(), String> {
    let schema = schemars::schema_for!(selfcheck::core::catalog::Catalog);
    let text = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())? + "\n";
    std::fs::write(out, text).map_err(|e| format!("{out}: {e}"))
}

fn write_oscal(input: &str, out: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let catalog = selfcheck::core::catalog::parse(&text).map_err(|e| format!("{input}: {e}"))?;
    let doc = selfcheck::core::oscal_out::catalog_to_oscal(&catalog);
    std::fs::write(out, selfcheck::core::oscal_out::to_text(&doc))
        .map_err(|e| format!("{out}: {e}"))
}
