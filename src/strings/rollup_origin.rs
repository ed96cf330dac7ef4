//! A failing branch in a roll-up's text and Markdown lists: its committee, and the level of the
//! report it came from (or that report's name when it was a team's own summary).

use super::Lang;

messages! {
    RollupOriginMsg;
    BranchFrom => "{0} ({1}; {2})", "{0} ({1}; {2})";
    ReportNamed => "báo cáo {0}", "report {0}";
}
