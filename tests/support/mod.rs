//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod score;

use std::path::PathBuf;

/// A file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The corpus pages, by stem: the real page and the three dev pages.
pub const PAGES: [&str; 4] =
    ["lianghui-2026-03-07", "dev-sichuan-four", "dev-tianjin-henan", "dev-zhejiang-jiangsu"];
