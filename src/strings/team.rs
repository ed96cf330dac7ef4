//! What the TUI says about a team's copies: conflicts a merge left on an item, syncing from the
//! home list, reconciling two records of one meeting.

use super::Lang;

messages! {
    TeamMsg;
    // A conflict kept in the file by the merge driver (issue 16), shown on its row.
    ConflictSideBy => "{0} (theo {1}, {2})", "{0} (by {1}, {2})";
    ConflictTwoAnswers => "2 câu trả lời khác nhau:", "2 different answers:";
    ConflictTwoValues => "2 giá trị khác nhau:", "2 different values:";
    ConflictPickHint => "1 hoặc 2: giữ bên đó · trả lời khác: thay cả hai", "1 or 2: keep that side · another answer: replaces both";
    ConflictPicked => "Đã giữ {0}: {1}", "Kept {0}: {1}";
    ConflictsOnOpen => "Phiếu có {0} chỗ hai bản ghi khác nhau (sau khi đồng bộ): các mục đánh dấu ≠, chọn 1 hoặc 2 trên mục.", "This visit has {0} place(s) where two copies differ (after a sync): items marked ≠, press 1 or 2 on the item.";
    ConflictsHeader => "{0} chỗ khác nhau", "{0} to resolve";
    HelpConflictKeys => "Trên mục đánh dấu ≠: giữ câu trả lời 1 hoặc 2", "On an item marked ≠: keep answer 1 or 2";
    ConflictBadValue => "Không giữ được bên đã chọn: giá trị của {0} trong tệp không đúng dạng (tệp bị sửa tay?). Sửa tệp rồi mở lại.", "Could not keep that side: the value of {0} in the file is malformed (edited by hand?). Fix the file and open it again.";
}
