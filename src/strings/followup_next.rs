//! The follow-up register met with the next round (issue 17, the rest): the TUI view's header,
//! flags and keys, `followup check`, and the register's lock.

use super::Lang;

messages! {
    FollowupNextMsg;
    // The TUI view.
    NextUsed => "Đối chiếu đợt sau: {0} — {1} việc cần xem lại", "Checked against the next round: {0} — {1} to review";
    NextNone => "Không tìm thấy đợt sau (thư mục cùng cấp có round.ron, bắt đầu sau đợt này, có chung chi bộ)", "No next round found (a sibling folder with a round.ron, starting after this round, sharing a branch)";
    FlagFailsAgain => "[chưa đạt lại]", "[fails again]";
    FlagNowPasses => "[nay đạt]", "[now passes]";
    DetailFailsAgain => "Đợt sau: báo cáo đã khắc phục nhưng kiểm tra lại chưa đạt — a: ghi \"{0}\"", "Next round: reported remedied but fails again — a: record \"{0}\"";
    DetailNowPasses => "Đợt sau: nay đạt, đề nghị \"{0}\" — a: ghi kết quả này", "Next round: now passes, offered \"{0}\" — a: record it";
    NothingToApply => "Việc này không có đề nghị nào từ đợt sau.", "The next round offers nothing for this action.";
    NoneToApply => "Không có đề nghị nào từ đợt sau để ghi.", "The next round offers nothing to record.";
    Applied => "Đã ghi việc {0}: {1}", "Recorded action {0}: {1}";
    AppliedAll => "Đã ghi {0} đề nghị của đợt sau.", "Recorded {0} suggestion(s) of the next round.";
    ConfirmAll => "Ghi cả {0} đề nghị của đợt sau? y: ghi · phím khác: thôi", "Record all {0} suggestion(s) of the next round? y: record · any other key: cancel";
    ApplyCancelled => "Không ghi gì.", "Nothing recorded.";
    Hints => "Enter tình trạng · e báo cáo · a/A ghi đề nghị · Tab {0} · Esc về", "Enter status · e reported back · a/A record suggestion(s) · Tab {0} · Esc back";
    HeldOnScreen => "Sổ theo dõi khắc phục đang được mở bởi {0}", "The follow-up register is open in {0}";
    // `khaosat followup check`.
    CheckApplied => "Đã ghi {0} việc vào {1}.", "Recorded {0} action(s) in {1}.";
    CheckNoRegister => "{0}: chưa có sổ theo dõi khắc phục; tạo bằng: khaosat followup init {0}", "{0}: no follow-up register yet; create it with: khaosat followup init {0}";
    CliCmdCheck => "Đối chiếu sổ theo dõi của đợt trước với đợt sau; --apply ghi kết quả", "Check the earlier round's register against the next round; --apply records the results";
    CliArgOld => "Thư mục đợt trước (có followup.ron)", "The earlier round's folder (with followup.ron)";
    CliArgNew => "Thư mục đợt sau", "The next round's folder";
    CliArgApply => "Ghi kết quả vào followup.ron (đạt: checked_passed; chưa đạt lại: checked_failed)", "Record the results in followup.ron (passes: checked_passed; fails again: checked_failed)";
}
