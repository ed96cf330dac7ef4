//! khaosat: a keyboard-driven checklist for inspecting party-branch meetings, and the summary
//! that merges many visits into a findings report.
//!
//! Layers: `core` (pure domain), `store` (files), `tui` (terminal), `cli` (commands), with every
//! user-facing text in `strings`.

pub mod cli;
pub mod core;
pub mod export;
pub mod plain;
pub mod store;
pub mod strings;
#[doc(hidden)]
pub mod testing;
pub mod tui;
