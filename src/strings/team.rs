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
    // The reconcile screen: two records of one meeting (issue 16).
    ReconcileNoTwin => "Buổi sinh hoạt này chỉ có một bản ghi: không có gì để đối chiếu.", "This meeting has only one record: nothing to reconcile.";
    ReconcileToDecide => "{0} chỗ khác nhau cần chọn: 1 hoặc a giữ bản A, 2 hoặc b giữ bản B; Enter gộp khi đã chọn hết.", "{0} difference(s) to decide: 1 or a keeps A, 2 or b keeps B; Enter makes one visit once all are decided.";
    ReconcileNothingToDecide => "Hai bản ghi không có chỗ nào khác nhau: Enter để gộp thành một phiếu.", "The two records do not differ anywhere: Enter makes one visit.";
    ReconcileAllDecided => "Đã chọn hết: Enter để gộp thành một phiếu.", "All decided: Enter makes one visit.";
    ReconcileNotADifference => "Dòng này hai bản không khác nhau: không cần chọn.", "The records do not differ on this row: nothing to decide.";
    ReconcileStillToDecide => "Còn {0} chỗ khác nhau chưa chọn (n: đi tới chỗ tiếp theo).", "{0} difference(s) still to decide (n: go to the next).";
    Reconciled => "Đã gộp thành {0}; hai bản ghi cũ được giữ lại nhưng không còn được tính. Hoàn tác (khi chưa hoàn tất): khaosat reconcile --undo {0}", "Made {0}; the two records are kept but no longer counted. Undo (until it is final): khaosat reconcile --undo {0}";
    ReconcileTitle => "Đối chiếu hai bản ghi: {0} · {1}", "Reconcile two records: {0} · {1}";
    ReconcileCounts => "{0} giống nhau · {1} khác nhau ({2} chưa chọn) · {3} chỉ bản A · {4} chỉ bản B", "{0} agree · {1} differ ({2} to decide) · {3} only in A · {4} only in B";
    ReconcileAgree => "giống", "agree";
    ReconcileDiffer => "khác", "differ";
    ReconcileOnlyA => "chỉ A", "only A";
    ReconcileOnlyB => "chỉ B", "only B";
    ReconcileNotesJoined => "Ghi chú của hai bản được nối lại, không bỏ bên nào.", "Both records' notes are joined; neither is dropped.";
    ReconcileKept => "giữ", "keep";
    // Syncing from the home list.
    SyncRunning => "Đang đồng bộ với nhóm (git)…", "Syncing with the team (git)…";
    SyncHandMerge => "Cần gộp bằng tay (git không gộp được theo phiếu): {0}. Sửa trong trình soạn thảo, rồi đồng bộ lại.", "Needs a hand merge (git could not merge these as visits): {0}. Fix them in an editor, then sync again.";
    ReconcileNotOpen => "Hai bản ghi không còn mở để gộp (đã đóng, hoặc không cùng buổi/mẫu phiếu): mở lại bằng r.", "The two records are no longer open to reconcile (closed, or not the same meeting or template): open them again with r.";
    HomeConflicted => "{0} phiếu có chỗ khác nhau", "{0} with differences to resolve";
    ShortPickA => "giữ A", "keep A";
    ShortPickB => "giữ B", "keep B";
    ShortReconcileWrite => "gộp", "make one";
    ShortNextDifference => "chỗ khác tiếp", "next";
    ShortCancel => "thôi", "cancel";
    SummaryDuplicates => "{0} buổi sinh hoạt có hai phiếu chưa đối chiếu, được tính một lần (như {1}): đối chiếu bằng r trên danh sách phiếu.", "{0} meeting(s) with two records not reconciled, counted once (such as {1}): reconcile with r on the list of visits.";
    // The follow-up register (issue 17).
    FollowupCreated => "Đã lập sổ theo dõi khắc phục từ các hạn chế của đợt: {0} việc.", "Made the follow-up register from the round's findings: {0} action(s).";
    FollowupEmpty => "Đợt này không có hạn chế nào cần khắc phục.", "This round has no finding to remedy.";
    FollowupOverdue => "{0} việc cần khắc phục, {1} quá hạn.", "{0} action(s) to remedy, {1} overdue.";
    FollowupStatusSet => "Tình trạng: {0}", "Status: {0}";
    FollowupTitle => "Theo dõi khắc phục: {0} việc, {1} quá hạn", "Follow-up: {0} action(s), {1} overdue";
    FollowupByBranch => "theo chi bộ", "by branch";
    FollowupByFinding => "theo hạn chế", "by finding";
    FollowupDue => "hạn {0}", "due {0}";
    FollowupResponsible => "Người chịu trách nhiệm: {0}", "Responsible: {0}";
    FollowupReportBack => "Chi bộ báo cáo lại ({0}): {1}", "Reported back ({0}): {1}";
    FollowupNoReport => "Chi bộ chưa báo cáo lại.", "No report back from the branch yet.";
    FollowupCheckedBy => "Người kiểm tra: {0}", "Checked by: {0}";
    FollowupHints => "↑↓ chọn · Enter tình trạng · e báo cáo lại · Tab {0} · Esc quay lại", "↑↓ select · Enter status · e reported back · Tab {0} · Esc back";
}
