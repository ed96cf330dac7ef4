//! The words of merging a team's copies: the merge driver git runs, and the conflicts it keeps in
//! visit and round files (as `validate`, `finalise` and the checklist name them).

use super::Lang;

messages! { MergeMsg;
    ProblemAnswers => "{0}: 2 câu trả lời khác nhau: 1 = {1} · 2 = {2} — mở phiếu và chọn 1 hoặc 2.",
        "{0}: 2 different answers: 1 = {1} · 2 = {2} — open the checklist and choose 1 or 2.";
    ProblemValues => "{0}: 2 giá trị khác nhau: 1 = {1} · 2 = {2} — mở phiếu và chọn 1 hoặc 2.",
        "{0}: 2 different values: 1 = {1} · 2 = {2} — open the checklist and choose 1 or 2.";
    RoundConflict => "{0}: 2 giá trị khác nhau: 1 = {1} · 2 = {2} — sửa round.ron: giữ một giá trị, xóa mục đó khỏi conflicts.",
        "{0}: 2 different values: 1 = {1} · 2 = {2} — edit round.ron: keep one value, remove the entry from conflicts.";
    SideBy => "{0} ({1}, {2})", "{0} ({1}, {2})";
    SideAt => "{0} ({1})", "{0} ({1})";
    NoAnswer => "chưa trả lời", "no answer";
    Empty => "trống", "empty";
    Removed => "đã xóa", "removed";
    Note => "ghi chú: {0}", "note: {0}";
    FieldNotes => "Ghi chú chung", "General notes";
    FieldTemplate => "Bộ câu hỏi của phiếu", "The visit's template";
    DriverConflict => "{0}: xung đột ở {1}: 1 = {2} · 2 = {3}", "{0}: conflict in {1}: 1 = {2} · 2 = {3}";
    DriverConflicts => "{0}: gộp xong, {1} xung đột được giữ trong tệp để chọn (khaosat validate liệt kê; mở phiếu để chọn 1 hoặc 2)",
        "{0}: merged, {1} conflict(s) kept in the file to choose from (khaosat validate lists them; open the visit to choose 1 or 2)";
    DriverCarried => "{0}: còn {1} xung đột từ lần gộp trước, chưa chọn", "{0}: {1} conflict(s) from an earlier merge still to choose";
    DriverReopened => "{0}: một bản đã hoàn tất, bản kia đã sửa nội dung: phiếu trở lại bản nháp, giữ mọi thay đổi (xem reopened)",
        "{0}: one copy was final and the other changed its content: the visit is a draft again, every change kept (see reopened)";
    DriverTextMerge => "{0}: không gộp được như phiếu hay round.ron ({1}); gộp như văn bản bằng git merge-file",
        "{0}: cannot be merged as a visit or round.ron ({1}); merged as text with git merge-file";
    DriverTextMarkers => "{0}: còn dấu xung đột <<<<<<< trong tệp: sửa bằng tay, giữ phần đúng của cả hai bên",
        "{0}: conflict markers <<<<<<< remain in the file: edit it by hand, keeping what is right from both sides";
    DriverNoGit => "{0}: không chạy được git merge-file ({1}); tệp để nguyên bản của máy này, bản kia vẫn ở nhánh được gộp",
        "{0}: could not run git merge-file ({1}); the file keeps this copy, the other is still on the merged branch";
    DriverUnreadable => "không đọc được {0}: {1}", "cannot read {0}: {1}";
    DriverWriteFailed => "không ghi được {0}: {1}", "cannot write {0}: {1}";
    WhyEmpty => "tệp rỗng", "an empty file";
    WhyReport => "report.ron là văn bản báo cáo", "report.ron is the report's text";
    WhyDiffers => "một bên là phiếu, bên kia là round.ron", "one side is a visit, the other a round.ron";
}
