//! The follow-up register (khắc phục, issue 17): statuses, the register's problems, `followup`
//! command output, and what `compare` and the report say of it.

use super::Lang;

messages! {
    FollowupMsg;
    StatusNotFixed => "chưa khắc phục", "not remedied";
    StatusInProgress => "đang khắc phục", "being remedied";
    StatusReportedFixed => "đã báo cáo khắc phục", "reported remedied";
    StatusCheckedPassed => "đã kiểm tra, đạt", "checked, passed";
    StatusCheckedFailed => "kiểm tra lại, chưa đạt", "checked again, not passed";
    ProblemUnknownBranch => "việc {0}: chi bộ \"{1}\" ({2}) không còn trong đợt kiểm tra", "action {0}: branch \"{1}\" ({2}) is no longer in the round";
    ProblemUnknownItem => "việc {0}: mục \"{1}\" không còn trong mẫu phiếu của đợt", "action {0}: item \"{1}\" is no longer in the round's templates";
    ProblemDueBeforeRound => "việc {0}: hạn {1} trước ngày bắt đầu đợt kiểm tra ({2})", "action {0}: due date {1} is before the round began ({2})";
    ProblemDuplicateId => "việc {0}: số này dùng cho hai việc", "action {0}: this number is used twice";
    VerdictFailsAgain => "báo cáo đã khắc phục nhưng kiểm tra lại chưa đạt", "reported remedied but fails again at the next round";
    VerdictNowPasses => "nay đạt: đề nghị ghi \"đã kiểm tra, đạt\"", "now passes: suggest \"checked, passed\"";
    Initialised => "{0}: đã thêm {1} việc cần khắc phục (tổng {2}).", "{0}: added {1} action(s) to remedy ({2} in all).";
    NoRegister => "{0}: chưa có sổ theo dõi khắc phục; tạo bằng: khaosat followup init {1}", "{0}: no follow-up register yet; create it with: khaosat followup init {1}";
    NoSuchAction => "Không có việc số {0} trong {1}.", "There is no action {0} in {1}.";
    NothingToChange => "Không có gì để sửa: cho biết --status, --report-back, --reported-on, --due, --responsible hoặc --checked-by.", "Nothing to change: give --status, --report-back, --reported-on, --due, --responsible or --checked-by.";
    BadStatus => "Trạng thái không rõ: \"{0}\". Dùng một trong: {1}.", "Unknown status: \"{0}\". Use one of: {1}.";
    BadDate => "Ngày không đúng dạng: \"{0}\" (cần NĂM-THÁNG-NGÀY, ví dụ 2022-05-21).", "Not a date: \"{0}\" (use YEAR-MONTH-DAY, e.g. 2022-05-21).";
    Updated => "Đã sửa việc {0}: {1}.", "Updated action {0}: {1}.";
    NoneListed => "Không có việc nào khớp.", "No action matches.";
    Overdue => "quá hạn", "overdue";
    Due => "hạn {0}", "due {0}";
    Responsible => "người chịu trách nhiệm: {0}", "responsible: {0}";
    ReportBack => "chi bộ báo cáo ({0}): {1}", "the branch reported ({0}): {1}";
    CheckedBy => "người kiểm tra: {0}", "checked by: {0}";
    ListCount => "{0} việc.", "{0} action(s).";
    RegisterProblems => "Sổ theo dõi khắc phục có chỗ không khớp với đợt kiểm tra:", "The follow-up register does not match the round:";
    Title => "Tình hình khắc phục", "Remediation";
    CountLine => "{0}: {1}", "{0}: {1}";
    OverdueList => "Quá hạn (đến ngày {0})", "Overdue (on {0})";
    NoOverdue => "Không có việc nào quá hạn (đến ngày {0}).", "No action is overdue (on {0}).";
    ByStatus => "Theo trạng thái", "By status";
    ReportTotal => "Sổ theo dõi khắc phục có {0} việc (mỗi hạn chế ở mỗi chi bộ một việc):", "The follow-up register holds {0} action(s) (one per limitation per branch):";
    ReportOverdueLine => "{0} ({1}): {2} — hạn {3} (việc {4})", "{0} ({1}): {2} — due {3} (action {4})";
    RecheckTitle => "Kiểm tra việc khắc phục của đợt trước", "The earlier round's remediation checked";
    RecheckNone => "Không có việc nào cần lưu ý.", "Nothing to note.";
    RecheckLine => "Việc {0} — {1} ({2}): {3} — {4}", "Action {0} — {1} ({2}): {3} — {4}";
    RecheckHint => "Ghi kết quả: khaosat followup set {0} SỐ --status {1}", "Record it: khaosat followup set {0} NUMBER --status {1}";
    // `khaosat followup --help`.
    CliCmdFollowup => "Sổ theo dõi khắc phục của đợt (followup.ron): việc cần khắc phục theo chi bộ; init, list, set, check", "The round's follow-up register (followup.ron): actions to remedy, by branch; init, list, set, check";
    CliCmdInit => "Tạo (hoặc bổ sung) followup.ron trong thư mục đợt: mỗi hạn chế ở mỗi chi bộ một việc; việc đã có giữ nguyên", "Make (or extend) followup.ron in a round folder: one action per failing finding × branch; existing actions keep their edits";
    CliCmdList => "Liệt kê các việc, theo số", "List the actions, by number";
    CliCmdSet => "Sửa một việc", "Change one action";
    CliArgFolder => "Thư mục đợt kiểm tra (có round.ron và các phiếu)", "The round folder (round.ron and the visits)";
    CliArgOverdue => "Chỉ các việc quá hạn mà chưa xong", "Only actions past their due date and still open";
    CliArgToday => "Ngày tính quá hạn (NĂM-THÁNG-NGÀY; mặc định hôm nay)", "The day overdue is judged on (YEAR-MONTH-DAY; default today)";
    CliArgBranch => "Chỉ chi bộ có tên chứa chữ này (không phân biệt dấu, hoa thường)", "Only branches whose name holds this text (marks and case ignored)";
    CliArgStatus => "Trạng thái: not_fixed, in_progress, reported_fixed, checked_passed, checked_failed", "Status: not_fixed, in_progress, reported_fixed, checked_passed, checked_failed";
    CliArgId => "Số của việc (như followup list in ra)", "The action's number (as followup list shows it)";
    CliArgReportBack => "Nội dung chi bộ báo cáo khắc phục", "What the branch reported back";
    CliArgReportedOn => "Ngày chi bộ báo cáo (NĂM-THÁNG-NGÀY)", "When the branch reported (YEAR-MONTH-DAY)";
    CliArgDue => "Hạn khắc phục (NĂM-THÁNG-NGÀY)", "The due date (YEAR-MONTH-DAY)";
    CliArgResponsible => "Người chịu trách nhiệm", "Who is responsible";
    CliArgCheckedBy => "Người kiểm tra", "Who checked it";
}
