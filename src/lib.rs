//! kanbao (看报): puts a tangled newspaper page back together and shows it in a terminal.
//!
//! Three layers, arrows pointing one way: [`reader`] uses [`page`] and [`text`]; [`page`] uses
//! [`text`]; nothing points back. See ARCHITECTURE.md for the path a page takes from bytes to
//! screen.

pub mod config;
pub mod page;
pub mod reader;
pub mod source;
pub mod text;

/// The page bundled with kanbao: the real page of 2026-03-07, shown when no file is given.
pub const SAMPLE_PAGE: &str = include_str!("../assets/lianghui-2026-03-07.txt");

/// The name the sample page goes by in messages and the status line.
pub const SAMPLE_NAME: &str = "lianghui-2026-03-07.txt (sample)";
