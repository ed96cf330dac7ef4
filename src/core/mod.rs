//! The domain core: templates, visits, the rules that make findings, and the summary.
//! No terminal and no file I/O here, so all of it is tested with plain unit and property tests.

pub mod answer;
pub mod branch_type;
pub mod canonical;
pub mod changes;
pub mod compare;
pub mod followup;
pub mod merge;
pub mod problems;
pub mod reconcile;
pub mod report;
pub mod round;
pub mod rule_sets;
pub mod rules;
pub mod score;
pub mod summary;
pub mod template;
pub mod template_check;
pub mod text;
pub mod visit;
