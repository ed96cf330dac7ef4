//! Every user-facing text, in Vietnamese and English, side by side in one table.
//!
//! Parametrised messages use `{0}`, `{1}` … placeholders filled by [`Msg::fill`].

use serde::{Deserialize, Serialize};

/// The language of messages and labels. Vietnamese first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// From a locale string such as `LANG=en_US.UTF-8`: English when it starts with `en`, else Vietnamese.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Vi,
        }
    }

    /// From the environment: `LC_ALL`, `LC_MESSAGES`, then `LANG`.
    pub fn from_env() -> Lang {
        let var =
            ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|k| std::env::var(k).ok()).find(|v| !v.is_empty());
        Lang::from_locale(var.as_deref())
    }
}

macro_rules! messages {
    ($($name:ident => $vi:literal, $en:literal;)*) => {
        /// A message key. `get` gives its text in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($name),* }

        impl Msg {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$name, Lang::Vi) => $vi, (Msg::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

impl Msg {
    /// The text with `{0}`, `{1}` … replaced by `args`.
    pub fn fill(self, lang: Lang, args: &[&dyn std::fmt::Display]) -> String {
        let mut text = self.get(lang).to_string();
        for (i, arg) in args.iter().enumerate() {
            text = text.replace(&format!("{{{i}}}"), &arg.to_string());
        }
        text
    }
}

messages! {
    // Answers
    Yes => "Có", "Yes";
    No => "Không", "No";
    NotApplicable => "Không áp dụng", "Not applicable";
    Unanswered => "Chưa trả lời", "Unanswered";
    Finding => "Hạn chế", "Finding";
    Pass => "Đạt", "Passes";
    Draft => "Nháp", "Draft";
    Final => "Hoàn tất", "Final";

    // Meeting facts
    FactsSection => "Thông tin buổi sinh hoạt", "Meeting facts";
    FactBranch => "Tên chi bộ", "Branch";
    FactCommittee => "Đảng bộ cấp trên", "Parent committee";
    FactBranchType => "Loại hình chi bộ", "Branch type";
    FactMeetingKind => "Hình thức sinh hoạt", "Meeting kind";
    FactDate => "Ngày sinh hoạt", "Date";
    FactStart => "Giờ bắt đầu", "Start time";
    FactEnd => "Giờ kết thúc", "End time";
    FactHasCommittee => "Chi bộ có chi ủy?", "Branch has a chi ủy (committee)?";
    FactChair => "Chủ trì", "Chair";
    FactMinutesSecretary => "Thư ký ghi biên bản", "Minutes secretary";
    FactHigherAttendees => "Đại biểu cấp trên dự", "Higher-level attendees";
    FactMembersTotal => "Tổng số đảng viên", "Members: total";
    FactMembersExempted => "Số được miễn sinh hoạt", "Members exempted";
    FactMembersPresent => "Số có mặt", "Members present";
    FactAbsentExcused => "Vắng có lý do", "Absent with reason";
    FactAbsentUnexcused => "Vắng không lý do", "Absent without reason";
    FactInspectors => "Người khảo sát", "Inspectors";
    FactRound => "Đợt kiểm tra (số quyết định)", "Round (decision number)";

    KindRegular => "Thường kỳ", "Regular";
    KindThematic => "Chuyên đề", "Thematic";
    KindCombined => "Thường kỳ kết hợp chuyên đề", "Regular combined with thematic";

    TypeNongThon => "Nông thôn", "Rural village";
    TypeKhuDanCu => "Khu dân cư (đô thị)", "Urban residential";
    TypeCoQuan => "Cơ quan hành chính", "Administrative agency";
    TypeSuNghiep => "Đơn vị sự nghiệp", "Public service unit";
    TypeTruongHoc => "Trường học", "School";
    TypeDnNhaNuoc => "Doanh nghiệp nhà nước", "State enterprise";
    TypeDnNgoaiNhaNuoc => "Doanh nghiệp ngoài nhà nước", "Private or foreign enterprise";
    TypeHopTacXa => "Hợp tác xã", "Cooperative";
    TypeQuanDoi => "Quân đội", "Military";
    TypeCongAn => "Công an", "Police";
    TypeKhac => "Khác", "Other";

    // Problems (before marking final)
    ProblemUnanswered => "Chưa trả lời: {0}", "Not answered: {0}";
    ProblemMoreThanPresent => "{0}: {1} lớn hơn số đảng viên có mặt ({2})", "{0}: {1} is more than the members present ({2})";
    ProblemAttendanceExceedsTotal => "Có mặt + vắng = {0}, lớn hơn tổng số đảng viên ({1})", "Present + absent = {0}, more than the total members ({1})";
    ProblemEndBeforeStart => "Giờ kết thúc phải sau giờ bắt đầu", "The end time must be after the start time";
    ProblemWrongValue => "{0}: câu trả lời không hợp với loại câu hỏi: mục này cần {1}, ví dụ {2}", "{0}: the answer does not fit the kind of item: it takes {1}, e.g. {2}";
    ProblemUnknownOption => "{0}: \"{1}\" không phải một lựa chọn của mục (chọn trong: {2})", "{0}: \"{1}\" is not one of the item's options ({2})";
    ProblemOutOfRange => "{0}: {1} nằm ngoài khoảng {2}–{3}", "{0}: {1} is outside {2}–{3}";
    // Issue 11: facts, conditions and answer checks
    FactMembersExemptedPresent => "Số có mặt thuộc diện miễn sinh hoạt", "Of those present: exempted";
    ProblemExemptedExceedsTotal => "Số được miễn sinh hoạt ({0}) nhiều hơn tổng số đảng viên ({1})", "{0} exempted, more than the {1} members in all";
    ProblemExemptedPresentExceedsExempted => "{0} đồng chí có mặt thuộc diện miễn sinh hoạt, nhiều hơn số được miễn ({1})", "{0} exempted members present, more than the {1} exempted";
    ProblemExemptedPresentExceedsPresent => "{0} đồng chí có mặt thuộc diện miễn sinh hoạt, nhiều hơn số có mặt ({1})", "{0} exempted members present, more than the {1} present";
    ProblemPresentExceedsExpected => "Số đảng viên phải dự có mặt ({0} có mặt − {1} thuộc diện miễn = {2}) nhiều hơn số đảng viên phải dự ({3} tổng số − {4} được miễn = {5}): nếu có đồng chí được miễn sinh hoạt vẫn dự, ghi số đó vào \"{6}\"", "Members expected who were present ({0} present − {1} of them exempted = {2}) are more than the members expected ({3} in all − {4} exempted = {5}): if exempted members attended, enter how many under \"{6}\"";
    ProblemAnswerOnComputed => "{0}: mục này tự tính từ thông tin buổi sinh hoạt, không nhận câu trả lời: xóa câu trả lời (ghi chú thì được giữ)", "{0}: this item is computed from the meeting facts and takes no answer: remove the answer (a note may stay)";
    AnswerKindYesNo => "Có hoặc Không", "yes or no";
    AnswerKindYesNoNa => "Có, Không hoặc Không áp dụng", "yes, no or not applicable";
    AnswerKindCount => "một số nguyên từ {0} đến {1}", "a whole number from {0} to {1}";
    AnswerKindPair => "hai số nguyên, mỗi số đến {0}", "two whole numbers, each at most {0}";
    AnswerKindScale => "một điểm trên thang 1–5", "a score on the 1–5 scale";
    AnswerKindChoice => "một trong các lựa chọn {0}", "one of the options {0}";
    AnswerKindMultiChoice => "không, một hay nhiều lựa chọn trong {0}, mỗi lựa chọn một lần", "none, one or several of the options {0}, each once";
    AnswerKindText => "một đoạn chữ", "a text";
    AnswerKindTime => "một giờ trong ngày", "a time of day";
    ProblemAnswerIgnored => "{0}: câu trả lời này bị bỏ qua vì mục không áp dụng ({1}); hãy xóa câu trả lời, hoặc sửa lại nếu thông tin đó sai", "{0}: this answer is ignored because the item does not apply ({1}); remove it, or correct that if it is wrong";
    UnmetNoCommittee => "chi bộ không có chi ủy", "the branch has no chi ủy";
    UnmetHasCommittee => "chi bộ có chi ủy", "the branch has a chi ủy";
    UnmetMeetingKind => "hình thức sinh hoạt: {0}", "meeting kind: {0}";
    UnmetBranchType => "loại hình chi bộ: {0}", "branch type: {0}";
    UnmetAnswer => "{0} được trả lời \"{1}\"", "{0} is answered \"{1}\"";
    ItemDoesNotApply => "Mục này không áp dụng ({0}), không nhận câu trả lời; Backspace xóa câu trả lời đã lưu", "This item does not apply ({0}) and takes no answer; Backspace clears a stored one";
    AnswerIgnoredHere => "Câu trả lời này bị bỏ qua: mục không áp dụng ({0})", "This answer is ignored: the item does not apply ({0})";
    HintClearIgnored => "Backspace/Delete xóa câu trả lời bị bỏ qua · e ghi chú", "Backspace/Delete clears the ignored answer · e note";
    ValidateDraftNote => "lưu ý (phiếu nháp, cần sửa trước khi hoàn tất): {0}", "note (a draft; to fix before it is marked final): {0}";
    ValidateFinalProblem => "phiếu đã hoàn tất nhưng còn vấn đề: {0}", "marked final, yet: {0}";
    ProblemRepeatedOption => "{0}: lựa chọn \"{1}\" được ghi hai lần: chỉ giữ một lần", "{0}: the option \"{1}\" is listed twice: keep it once";

    // Template check
    TplEmptyId => "Có mã (id) để trống", "An id is empty";
    TplDuplicateId => "Mã \"{0}\" bị trùng", "The id \"{0}\" is used twice";
    TplNoSections => "Mẫu phiếu không có phần nào", "The template has no sections";
    TplEmptySection => "Phần \"{0}\" không có mục nào", "Section \"{0}\" has no items";
    TplMissingText => "Mục \"{0}\" thiếu nội dung tiếng Việt", "Item \"{0}\" has no Vietnamese text";
    TplConditionUnknownField => "Mục \"{0}\": điều kiện nhắc đến \"{1}\", không phải thông tin buổi sinh hoạt hay mục nào có trước", "Item \"{0}\": its condition refers to \"{1}\", which is neither a meeting fact nor an item";
    TplConditionOnLaterItem => "Mục \"{0}\": điều kiện dựa vào mục \"{1}\" đứng sau nó", "Item \"{0}\": its condition refers to \"{1}\", which comes after it";
    TplConditionUnknownValue => "Mục \"{0}\": \"{1}\" không thể có giá trị \"{2}\"", "Item \"{0}\": \"{1}\" can never be \"{2}\"";
    TplRuleDoesNotFitKind => "Mục \"{0}\": quy tắc hạn chế không hợp với loại câu hỏi", "Item \"{0}\": its finding rule does not fit its kind";
    TplThresholdOutOfRange => "Mục \"{0}\": ngưỡng {1} nằm ngoài khoảng hợp lý cho loại câu hỏi (thang 1–5, phần trăm 0–100, số đếm trong giới hạn của mục, phút 0–1440)", "Item \"{0}\": threshold {1} is out of range for its kind (scale 1–5, percentages 0–100, counts within the item's bounds, minutes 0–1440)";
    TplBadBounds => "Mục \"{0}\": giới hạn số không hợp lệ (min lớn hơn max)", "Item \"{0}\": invalid number bounds (min above max)";
    TplNoOptions => "Mục \"{0}\" không có lựa chọn nào", "Item \"{0}\" has no options";
    TplUnknownOption => "Mục \"{0}\": lựa chọn \"{1}\" không có trong danh sách", "Item \"{0}\": option \"{1}\" is not in its list";
    TplStrengthShare => "strength_share = {0} phải nằm trong khoảng 0–1", "strength_share = {0} must be between 0 and 1";
    TplListWithoutOptions => "Mục \"{0}\": câu hạn chế dùng {list} nhưng mục không có nhiều lựa chọn", "Item \"{0}\": the finding sentence uses {list} but the item has no several-choice options";
    TplOk => "Mẫu phiếu hợp lệ: {0} phần, {1} mục ({2}, phiên bản {3}, bộ quy tắc {4})", "Template is valid: {0} sections, {1} items ({2}, version {3}, rule set {4})";
    TplInvalid => "Mẫu phiếu có {0} lỗi", "The template has {0} problem(s)";

    // TUI: actions (help screen)
    ActUp => "Lên", "Up";
    ActDown => "Xuống", "Down";
    ActPageUp => "Lên một trang", "Page up";
    ActPageDown => "Xuống một trang", "Page down";
    ActNextSection => "Phần tiếp theo", "Next section";
    ActPrevSection => "Phần trước", "Previous section";
    ActYes => "Trả lời Có", "Answer Yes";
    ActNo => "Trả lời Không", "Answer No";
    ActNotApplicable => "Không áp dụng", "Not applicable";
    ActClear => "Xóa câu trả lời", "Clear the answer";
    ActEdit => "Sửa câu trả lời (chữ, lựa chọn, số) hoặc ghi chú", "Edit the answer (text, choice, number) or the note";
    ActEditNote => "Ghi chú cho mục này", "Note on this item";
    ActNextUnanswered => "Đến mục chưa trả lời tiếp theo", "Go to the next unanswered item";
    ActSearch => "Tìm mục", "Search items";
    ActUndo => "Hoàn tác thay đổi vừa rồi", "Undo the last change";
    ActProblems => "Danh sách vấn đề cần sửa", "List of problems to fix";
    ActToggleFinal => "Đánh dấu hoàn tất / mở lại", "Mark final / reopen";
    ActHelp => "Trợ giúp", "Help";
    ActBack => "Về danh sách phiếu", "Back to the list of visits";
    ActQuit => "Thoát", "Quit";
    ActOpen => "Mở phiếu", "Open the visit";
    ActNewVisit => "Phiếu khảo sát mới", "New visit";
    ActSummary => "Tổng hợp", "Summary";
    ActForceQuit => "Lưu và thoát ngay", "Save and quit now";
    NaShort => "Không áp dụng", "N/A";
    ShortEdit => "sửa", "edit";
    ShortNote => "ghi chú", "note";
    ShortNext => "chưa trả lời", "unanswered";
    ShortUndo => "hoàn tác", "undo";
    ShortHelp => "trợ giúp", "help";
    ShortBack => "về", "back";
    ShortSearch => "tìm", "search";
    ActSwitchPane => "Hạn chế / Ưu điểm và số liệu", "Findings / strengths and figures";
    ActFilterCommittee => "Lọc theo đảng bộ", "Filter by committee";
    ActFilterType => "Lọc theo loại hình chi bộ", "Filter by branch type";
    ActFilterInspector => "Lọc theo người khảo sát", "Filter by inspector";
    ActFilterDates => "Lọc theo khoảng ngày", "Filter by date range";
    ActFilterFinal => "Chỉ phiếu hoàn tất / tất cả", "Final visits only / all";
    ActFilterClear => "Bỏ mọi bộ lọc", "Clear all filters";
    ActRefresh => "Tổng hợp lại", "Merge again";
    ActExport => "Xuất báo cáo Markdown vào thư mục dữ liệu", "Export the Markdown report into the data folder";
    FilterAll => "Tất cả", "All";
    ReopenTitle => "Lý do mở lại phiếu đã hoàn tất (được lưu trong phiếu)", "Why reopen this final visit (kept in the file)";
    ReopenNeedsReason => "Cần ghi lý do mở lại", "A reason for reopening is needed";
    PreviousAnswer => "Lần trước ({0}): {1}", "Last time ({0}): {1}";
    ActCompare => "So sánh với đợt trước (thư mục)", "Compare with an earlier round (folder)";
    CompareAsk => "Thư mục của đợt trước để so sánh", "Folder of the earlier round to compare with";
    CompareHeader => "So sánh với {0}: {1} phiếu đợt trước, {2} phiếu đợt này", "Compared with {0}: {1} visits then, {2} now";
    CompareLoading => "Đang so sánh với {0}…", "Comparing with {0}…";
    CompareColumns => "✓ đã khắc phục · = vẫn còn · + mới phát sinh", "✓ fixed · = still there · + new";
    CompareFixed => "Đã khắc phục", "Fixed";
    ComparePersisting => "Vẫn còn", "Still there";
    CompareNew => "Mới phát sinh", "New";
    CompareNotAssessed => "Lần này chưa đánh giá", "Not assessed this time";
    CompareHint => "↑↓ chọn · Enter các chi bộ · Esc quay lại", "↑↓ select · Enter branches · Esc back";
    OtherBranch => "Chi bộ khác (ngoài kế hoạch)…", "Another branch (not in the plan)…";
    PlannedBranchTitle => "Chi bộ theo kế hoạch của đợt, chưa khảo sát", "Planned branches of the round not yet visited";
    HomeRound => "Đợt {0}: {1}/{2} chi bộ đã khảo sát, {3} hoàn tất", "Round {0}: {1} of {2} branches attended, {3} final";
    HomeRoundMissing => "Chưa khảo sát: {0}", "Not yet attended: {0}";
    FilterDatesPrompt => "Khoảng ngày: từ - đến (dd/mm/yyyy - dd/mm/yyyy; để trống để bỏ)", "Dates: from - to (dd/mm/yyyy - dd/mm/yyyy; empty to clear)";
    FilterFinalOnly => "chỉ phiếu hoàn tất", "final only";
    SummaryTitle => "Tổng hợp", "Summary";
    SummaryCounts => "{0} phiếu · {1} hạn chế · {2} ưu điểm · {3} tệp lỗi", "{0} visits · {1} findings · {2} strengths · {3} unreadable";
    SummaryFilter => "Lọc: {0}", "Filter: {0}";
    SummaryMerging => "Đang tổng hợp… {0}/{1} tệp", "Merging… {0}/{1} files";
    SummaryNoFindings => "Không có hạn chế nào trong các phiếu đã chọn.", "No findings in the selected visits.";
    SummaryBranchesOf => "Các chi bộ có hạn chế này (Enter để mở phiếu, Esc để quay lại)", "Branches with this finding (Enter opens the visit, Esc goes back)";
    SummaryNotAssessed => "Không áp dụng: {0} · Chưa trả lời: {1} · Không có trong mẫu: {2}", "Not applicable: {0} · Unanswered: {1} · Not in template: {2}";
    StrengthsTitle => "Ưu điểm", "Strengths";
    FindingsTitle => "Hạn chế", "Findings";
    OtherLimitationsTitle => "Hạn chế khác (ghi nguyên văn)", "Other limitations (as written)";
    FiguresTitle => "Số liệu", "Figures";
    ShortProblems => "vấn đề", "problems";
    ShortFinal => "hoàn tất", "final";

    // TUI: screens
    TooSmall => "Cửa sổ quá nhỏ", "Window too small";
    HomeTitle => "Các buổi khảo sát", "Visits";
    HomeEmpty => "Chưa có phiếu khảo sát nào trong thư mục dữ liệu.\n\nNhấn a để tạo phiếu mới cho buổi sinh hoạt chi bộ bạn đang dự. Nhấn ? để xem các phím.", "No visits in the data folder yet.\n\nPress a to start a new visit for the branch meeting you are attending. Press ? for the keys.";
    HomeUnreadable => "{0} tệp lỗi", "{0} unreadable file(s)";
    Loading => "đang đọc…", "reading…";
    ColDate => "Ngày", "Date";
    ColBranch => "Chi bộ", "Branch";
    ColCommittee => "Đảng bộ", "Committee";
    ColStatus => "Trạng thái", "Status";
    ColProgress => "Đã trả lời", "Answered";
    ColFindings => "Hạn chế", "Findings";
    FormTitle => "Phiếu khảo sát mới — thông tin buổi sinh hoạt", "New visit — meeting facts";
    FormDiscardAsk => "Nhấn Esc lần nữa để bỏ phiếu mới này (chưa được lưu); Ctrl-S để tạo phiếu", "Press Esc again to drop this new visit (not saved yet); Ctrl-S creates it";
    Minutes => "{0} phút", "{0} min";
    FormCreate => "Tạo phiếu và bắt đầu", "Create the visit and start";
    Required => "bắt buộc", "required";
    SectionsTitle => "Các phần", "Sections";
    SavedMark => "✓ đã lưu", "✓ saved";
    SavingMark => "… đang lưu", "… saving";
    SaveFailedMark => "✗ CHƯA LƯU ĐƯỢC", "✗ NOT SAVED";
    AnswerLabel => "Trả lời", "Answer";
    NoteLabel => "Ghi chú", "Note";
    DoesNotApply => "Không áp dụng (theo điều kiện của mục)", "Does not apply (by the item's condition)";
    EnterToSave => "Enter để lưu, Esc để bỏ", "Enter to save, Esc to drop";
    HintYesNo => "y Có · n Không · Enter ghi chú", "y Yes · n No · Enter note";
    HintYesNoNa => "y Có · n Không · x Không áp dụng · Enter ghi chú", "y Yes · n No · x Not applicable · Enter note";
    HintYesNoFact => "y Có · n Không", "y Yes · n No";
    HintCount => "Gõ số rồi Enter", "Type the number, then Enter";
    HintPair => "Enter rồi gõ hai số, ví dụ 2/3", "Enter, then type two numbers, e.g. 2/3";
    HintScale => "1–5 để chấm điểm · Enter ghi chú", "1–5 to rate · Enter note";
    HintChoice => "Enter để chọn", "Enter to choose";
    HintMulti => "Enter để chọn (nhiều lựa chọn)", "Enter to choose (several)";
    HintText => "Enter để viết", "Enter to write";
    HintTime => "Enter rồi gõ giờ, ví dụ 14:30", "Enter, then type a time, e.g. 14:30";
    HintDate => "Enter rồi gõ ngày, ví dụ 05/04/2022", "Enter, then type a date, e.g. 05/04/2022";
    HintComputed => "Tự tính từ thông tin buổi sinh hoạt · Enter ghi chú", "Computed from the meeting facts · Enter note";
    HelpHint => "↑↓ cuộn · phím khác để đóng", "↑↓ scroll · any other key closes";
    HelpTitle => "Các phím trên màn hình này", "Keys on this screen";
    HelpDigits => "Gõ số cho mục đếm, Enter để lưu", "Type a number on a count item, Enter to save";
    HelpScale => "Chấm điểm mục thang 1–5", "Rate a 1–5 scale item";
    ProblemsTitle => "Vấn đề cần sửa trước khi hoàn tất ({0})", "Problems to fix before final ({0})";
    NoProblems => "Không còn vấn đề nào: có thể đánh dấu hoàn tất (f).", "No problems left: the visit can be marked final (f).";
    NoResults => "Không tìm thấy mục nào", "No item found";
    AllAnswered => "Đã trả lời hết các mục", "Every item is answered";
    VisitIsFinal => "Phiếu đã hoàn tất: nhấn f để mở lại trước khi sửa", "This visit is final: press f to reopen it before editing";
    NaNotAllowed => "Mục này không cho phép \"Không áp dụng\"", "\"Not applicable\" is not allowed for this item";
    NotYesNo => "Mục này không phải câu hỏi Có/Không: nhấn Enter để trả lời", "This is not a yes/no item: press Enter to answer";
    BadTime => "Giờ \"{0}\" không hợp lệ: gõ dạng 14:30", "Invalid time \"{0}\": type it as 14:30";
    BadNumber => "\"{0}\" không phải số nguyên", "\"{0}\" is not a whole number";
    BadPair => "Cần hai số, ví dụ 2/3 (nhận được \"{0}\")", "Two numbers are needed, e.g. 2/3 (got \"{0}\")";
    CannotFinal => "Chưa thể hoàn tất: còn {0} vấn đề", "Cannot mark final: {0} problem(s) left";
    NothingToUndo => "Không có gì để hoàn tác", "Nothing to undo";
    Undone => "Đã hoàn tác", "Undone";
    TuiNoTerminal => "khaosat cần một terminal tương tác (qua SSH dùng: ssh -t). Các lệnh new, validate, summary chạy được không cần terminal.", "khaosat needs an interactive terminal (over SSH use: ssh -t). The new, validate and summary commands work without one.";
    ConfigError => "Tệp cấu hình lỗi, dùng mặc định: {0}", "Bad config file, using defaults: {0}";
    ConfigUnknownKeys => "Phím không hiểu trong cấu hình: {0}", "Keys not understood in the config: {0}";

    SaveFailedRecovery => "KHÔNG LƯU ĐƯỢC ({0}). Các câu trả lời đã được ghi vào {1}; lần mở sau sẽ hỏi khôi phục.", "COULD NOT SAVE ({0}). The answers were written to {1}; the next start offers to restore them.";
    SaveFailedNoRecovery => "KHÔNG LƯU ĐƯỢC ({0}) và không ghi được bản khôi phục: đừng thoát, hãy giải phóng ổ đĩa hoặc sửa quyền thư mục.", "COULD NOT SAVE ({0}) and no recovery file could be written: do not quit; free the disk or fix the folder's permissions.";
    ChangedOnDisk => "tệp đã bị thay đổi bên ngoài", "the file was changed outside khaosat";
    ConflictTitle => "Tệp đã bị thay đổi trên đĩa (sửa tay hoặc git pull) kể từ khi mở", "The file changed on disk (edited by hand or git pull) since it was opened";
    HeldBy => "CHỈ XEM: phiếu đang được mở bởi {0}", "READ-ONLY: this visit is open in {0}";
    HolderText => "{0}@{1} (tiến trình {2}) từ {3}", "{0}@{1} (process {2}) since {3}";
    HolderUnknown => "một phiên khác", "another session";
    // Keys of the pop-ups and the form (help descriptions, and the words after a key on the status line)
    ActConfirm => "Xác nhận", "Confirm";
    ActCancel => "Hủy", "Cancel";
    ActCreateVisit => "Tạo phiếu", "Create the visit";
    ActToggle => "Đánh dấu hoặc bỏ đánh dấu", "Tick or untick";
    ActNewLine => "Xuống dòng", "New line";
    ActLeft => "Sang trái", "Left";
    ActRight => "Sang phải", "Right";
    ActLineStart => "Về đầu dòng", "Start of the line";
    ActLineEnd => "Về cuối dòng", "End of the line";
    ActDeleteBack => "Xóa ký tự trước", "Delete the character before";
    ActDeleteForward => "Xóa ký tự sau", "Delete the character after";
    ActDeleteWord => "Xóa một từ", "Delete a word";
    ActClearText => "Xóa hết", "Clear the text";
    ActRestore => "Khôi phục", "Restore";
    ActDiscard => "Không khôi phục (giữ lại tệp .old)", "Do not restore (the file is kept as .old)";
    ConflictKeepMine => "giữ bản của tôi (ghi đè)", "keep mine (overwrite)";
    ConflictTakeTheirs => "lấy bản trên đĩa (bỏ thay đổi của tôi)", "take the one on disk (drop my changes)";
    ConflictSaveCopy => "lưu bản của tôi thành tệp khác", "save mine as another file";
    HintSave => "lưu", "save";
    HintNewLine => "xuống dòng", "new line";
    HintCancel => "hủy", "cancel";
    HintConfirm => "xác nhận", "confirm";
    HintPickMove => "chọn", "move";
    HintMultiMove => "di chuyển", "move";
    HintQuickPick => "chọn nhanh", "pick";
    HintTick => "đánh dấu", "tick";
    HintSelect => "chọn", "select";
    HintTypeToSearch => "Gõ để tìm", "Type to search";
    HintGo => "đến mục", "go";
    HintGoToItem => "đến mục", "go to item";
    HintClose => "đóng", "close";
    HintOtherKeyCloses => "phím khác để đóng", "any other key closes";
    HintEdit => "sửa", "edit";
    HintCreate => "tạo phiếu", "create";

    // Issue 13: in the meeting room
    AnsweredMovedOn => "Đã trả lời {0}/{1}: {2} · đang ở {3}/{1} · e: ghi chú mục {0}", "Answered {0}/{1}: {2} · now at {3}/{1} · e: note on {0}";
    AnsweredStayed => "Đã trả lời {0}/{1}: {2}", "Answered {0}/{1}: {2}";
    ProblemMissingFact => "Chưa nhập: {0}", "Not entered: {0}";
    ProblemMembersDoNotAddUp => "Số đảng viên không khớp: phải dự {0} (tổng {1} − miễn {2}), nhưng có mặt, vắng có và không lý do cộng lại là {3} ({4} + {5} + {6}): lệch {7}", "Member counts do not add up: {0} expected (total {1} − exempted {2}), but present and absent with and without a reason make {3} ({4} + {5} + {6}): {7} apart";
    HomeQuitAsk => "Esc lần nữa (hoặc {0}) để thoát khaosat", "Esc again (or {0}) quits khaosat";
    KeyNotHere => "Phím {0} không dùng ở mục này: mục này cần {1}", "{0} does nothing on this item: it takes {1}";
    KeyNotHereFact => "Phím {0} không dùng ở đây: Enter để sửa thông tin này", "{0} does nothing here: Enter edits this fact";
    KeyNotHereComputed => "Phím {0} không dùng ở đây: mục này tính từ thông tin buổi sinh hoạt", "{0} does nothing here: this item is computed from the meeting facts";
    ActOpenFinding => "Xem các chi bộ có hạn chế này (Enter lần nữa: mở phiếu)", "Show the branches with this finding (Enter again: open the visit)";
    ActBackSummary => "Quay lại (về danh sách, rồi về màn hình chính)", "Back (to the list, then home)";
    ActBackHome => "Thoát (Esc hai lần)", "Quit (Esc twice)";
    ActEditFact => "Sửa dòng đang chọn (hoặc gõ luôn); trên nút cuối: tạo phiếu", "Edit the selected line (or just type); on the last one: create the visit";
    ActBackForm => "Bỏ phiếu mới này (Esc hai lần nếu đã gõ)", "Drop this new visit (Esc twice if something was typed)";
    ActFormCommittee => "Trả lời dòng Chi bộ có chi ủy", "Answer the line 'branch has a chi ủy'";
    HelpMore => " ↑↓ xem thêm ", " ↑↓ more ";
    HintTimeFormat => "giờ:phút, ví dụ 14:30", "hours:minutes, e.g. 14:30";
    HintDateFormat => "ngày/tháng/năm, ví dụ 05/04/2022", "day/month/year, e.g. 05/04/2022";
    RemindEndTime => "Phần cuối: nhớ ghi giờ kết thúc buổi sinh hoạt (Thông tin buổi sinh hoạt, Tab để đến)", "Last section: remember the meeting's end time (Meeting facts, Tab goes there)";
    HintOtherPane => "ưu điểm/số liệu", "strengths/figures";
    HintFilter => "lọc", "filter";
    HintClearFilters => "bỏ lọc", "clear";
    HintExport => "xuất", "export";
    HintBackHome => "về", "back";
    ShortReopen => "mở lại", "reopen";
    EditorDiscardAsk => "Esc lần nữa để bỏ những gì vừa gõ; Enter để lưu", "Esc again drops what you typed; Enter saves it";

    // Issue 11: odd lock paths
    OddLock => "CHỈ XEM: {0} là {1}, không phải tệp khóa: hãy xóa rồi mở lại", "READ-ONLY: {0} is {1}, not a lock file: remove it, reopen";
    OddLockValidate => "{0}, không phải tệp khóa thường: phiếu {1} chỉ mở được ở chế độ chỉ xem cho đến khi xóa nó", "{0}, not a plain lock file: visit {1} opens read-only until this is removed";
    OddLockLink => "liên kết", "a symbolic link";
    OddLockFolder => "thư mục", "a folder";
    OddLockSpecial => "FIFO hoặc thiết bị", "a FIFO or device";
    OddLockHardLink => "hard link (tệp có tên khác)", "a hard link (a file with other names)";
    OddLockRefused => "{0}: không ghi: ở chỗ tệp khóa {1} có {2}, không phải tệp khóa thường; hãy xóa nó rồi chạy lại", "{0}: not written: at the lock path {1} there is {2}, not a plain lock file; remove it and run again";
    HomeOddLocks => "{0} phiếu có tệp khóa lạ (chỉ xem)", "{0} with an odd lock file (read-only)";
    ReadOnlyMark => "CHỈ XEM", "READ-ONLY";
    RecoverTitle => "Có câu trả lời chưa lưu được từ lần trước ({0}). Khôi phục? {1}: có · {2}: không (giữ lại tệp .old)", "Unsaved answers from last time were found ({0}). Restore them? {1}: yes · {2}: no (the file is kept as .old)";
    Restored => "Đã khôi phục các câu trả lời chưa lưu", "The unsaved answers were restored";
    CopySaved => "Đã lưu bản sao: {0}", "Saved a copy: {0}";

    // Loading files
    ErrIo => "không đọc được tệp: {0}", "cannot read the file: {0}";
    ErrTooLarge => "tệp quá lớn ({0} byte; tối đa {1}): không phải phiếu khảo sát?", "file too large ({0} bytes; at most {1}): not a visit file?";
    ErrNotUtf8 => "tệp không phải văn bản UTF-8 (có thể là UTF-16 hoặc tệp nhị phân)", "the file is not UTF-8 text (UTF-16 or a binary file?)";
    ErrBrokenLink => "liên kết tượng trưng hỏng: trỏ tới {0}, không tồn tại hoặc không tới được (vòng lặp?)", "broken symbolic link: it points to {0}, which does not exist or cannot be reached (a loop?)";
    ErrLinkOutside => "liên kết tượng trưng trỏ ra ngoài thư mục ({0}): không đọc; nếu đúng là phiếu của đợt này, hãy chép tệp vào thư mục", "symbolic link to outside the folder ({0}): not followed; if it is a visit of this round, copy the file in";
    ErrUtf16 => "tệp là văn bản UTF-16: hãy lưu lại dưới dạng UTF-8", "the file is UTF-16 text: save it as UTF-8";
    ErrNotAFile => "không phải tệp thông thường (thư mục, FIFO hoặc thiết bị)", "not a regular file (a folder, FIFO or device)";
    ErrConflict => "xung đột git chưa giải quyết ở dòng {0}: sửa các dấu <<<<<<< ======= >>>>>>> rồi lưu lại", "unresolved merge at line {0}: resolve the <<<<<<< ======= >>>>>>> markers and save";
    ErrSyntax => "lỗi cú pháp: {0}", "syntax error: {0}";
    ErrNewerSchema => "tệp được ghi bởi phiên bản khaosat mới hơn (định dạng {0}, bản này đọc được đến {1}): hãy cập nhật khaosat", "written by a newer khaosat (format {0}, this one reads up to {1}): update khaosat";
    ErrUnknownTemplate => "tệp dùng mẫu phiếu \"{0}\" không có ở đây: dùng --template để chỉ đến mẫu đó", "the file uses template \"{0}\", which is not available: point --template at it";
    ErrUnknownItem => "mục \"{0}\" không có trong mẫu phiếu {1}", "item \"{0}\" is not in template {1}";
    ErrBadAnswer => "câu trả lời không hợp lệ: {1}", "invalid answer: {1}";
    ErrTextTooLong => "trường {0} dài {1} ký tự, quá giới hạn {2} ký tự (dán nhầm cả một tệp?): hãy rút gọn", "{0} holds {1} characters, more than the {2} a field may hold (a whole file pasted in?): shorten it";
    TextFull => "Đã đủ {0} ký tự, mức tối đa của một ô: phần còn lại không được chèn", "{0} characters, the most a field holds: the rest was not inserted";
    ErrEmpty => "tệp rỗng", "the file is empty";

    // ron error details
    RonEof => "tệp kết thúc đột ngột (bị cắt cụt?)", "the file ends too early (truncated?)";
    RonExpected => "cần {0}", "expected {0}";
    RonOneOf => " (cần một trong: {0})", " (expected one of: {0})";
    RonMissingField => "thiếu trường \"{0}\"", "missing field \"{0}\"";
    RonUnknownField => "trường \"{0}\" không có trong định dạng (gõ nhầm?)", "unknown field \"{0}\" (a typo?)";
    RonUnknownVariant => "giá trị \"{0}\" không hợp lệ", "\"{0}\" is not a valid value";
    RonDuplicateField => "trường \"{0}\" xuất hiện hai lần", "field \"{0}\" appears twice";
    RonDuplicateAnswer => "mục \"{0}\" được trả lời hai lần trong tệp (sửa tay hoặc gộp git?): giữ một câu trả lời rồi lưu lại", "item \"{0}\" is answered twice in the file (hand edit or git merge?): keep one answer and save";
    RonTrailing => "còn nội dung thừa sau phần dữ liệu (hai tài liệu nối nhau?)", "unexpected content after the data (two documents joined?)";
    RonTooDeep => "lồng nhau quá sâu", "nested too deeply";
    RonWrongName => "tên \"{1}\" trước dấu ( không đúng: ở đây chỉ được viết ( hoặc {0}(", "the name \"{1}\" before ( is wrong: only ( or {0}( may be written here";
    RonNameMissing => "ở đây phải viết {0}( chứ không chỉ (", "{0}( must be written here, not ( alone";
    RonNumberOutOfRange => "số quá lớn, hoặc âm ở chỗ chỉ nhận số từ 0 trở lên", "the number is too large, or negative where only 0 and up are allowed";
    RonBadNumber => "số viết sai (chỉ dùng chữ số 0–9, không bắt đầu bằng dấu _)", "a number written wrongly (use the digits 0–9, not starting with _)";
    RonBadEscape => "dấu \\ trong đoạn chữ không đứng trước ký tự hợp lệ (viết \\\\ để có một dấu \\, \\\" để có dấu \")", "a \\ inside the text is not followed by a valid character (write \\\\ for one \\, \\\" for a \")";
    RonUnexpectedChar => "ký tự \"{0}\" không được ở chỗ này", "the character \"{0}\" has no place here";
    RonBadName => "tên \"{0}\" có ký tự không dùng được trong tên (chỉ chữ, số và dấu _)", "the name \"{0}\" holds characters a name cannot (only letters, digits and _)";
    RonWrongType => "giá trị ở đây không đúng loại của trường (chữ, số hay danh sách?)", "the value here is not of the field's type (a text, a number or a list?)";
    RonWrongLength => "số phần tử không đúng: ở đây có {0}", "wrong number of parts: {0} given here";
    RonUnknownExtension => "phần mở rộng RON \"{0}\" không có: bỏ dòng #![enable(…)] đi", "there is no RON extension \"{0}\": remove the #![enable(…)] line";
    RonBadValue => "giá trị \"{0}\" không đọc được: ngày viết \"YYYY-MM-DD\", giờ \"hh:mm\", thời điểm \"2022-04-05T19:30:00Z\"", "the value \"{0}\" cannot be read: dates are written \"YYYY-MM-DD\", times \"hh:mm\", moments \"2022-04-05T19:30:00Z\"";
    RonBadValueHere => "giá trị ở đây không đọc được: ngày viết \"YYYY-MM-DD\", giờ \"hh:mm\", thời điểm \"2022-04-05T19:30:00Z\"", "the value here cannot be read: dates are written \"YYYY-MM-DD\", times \"hh:mm\", moments \"2022-04-05T19:30:00Z\"";
    RonUnreadable => "không đọc được nội dung ở đây", "the content here cannot be read";
    RonWordInteger => "một số nguyên", "a whole number";
    RonWordFloat => "một số (có thể có phần thập phân)", "a number (decimals allowed)";
    RonWordText => "một đoạn chữ trong ngoặc kép \"…\"", "a text in double quotes \"…\"";
    RonWordTextEnd => "dấu \" đóng đoạn chữ", "a closing \" for the text";
    RonWordChar => "một ký tự trong ngoặc đơn '…'", "a character in single quotes '…'";
    RonWordComma => "dấu phẩy ,", "a comma ,";
    RonWordColon => "dấu hai chấm :", "a colon :";
    RonWordParenthesis => "dấu ngoặc ( hoặc )", "a parenthesis ( or )";
    RonWordBracket => "dấu ngoặc [ hoặc ]", "a bracket [ or ]";
    RonWordBrace => "dấu ngoặc { hoặc }", "a brace { or }";
    RonWordBoolean => "true hoặc false", "true or false";
    RonWordName => "một tên trường", "a field name";
    RonWordOption => "Some(…) hoặc None", "Some(…) or None";
    RonWordUnit => "()", "()";
    RonWordAttribute => "dòng #![enable(…)] viết đủ", "a complete #![enable(…)] line";
    RonWordRange => ".. hoặc ..=", ".. or ..=";

    // CLI
    CliCreated => "Đã tạo", "Created";
    CliValidOk => "{0} tệp hợp lệ", "{0} file(s) valid";
    CliValidBad => "{0} tệp hợp lệ, {1} tệp lỗi", "{0} file(s) valid, {1} invalid";
    CliNoFiles => "không tìm thấy tệp .ron nào trong {0}", "no .ron files found in {0}";
    CliBadDate => "ngày \"{0}\" không hợp lệ: dùng YYYY-MM-DD hoặc dd/mm/yyyy", "invalid date \"{0}\": use YYYY-MM-DD or dd/mm/yyyy";
    CliBadType => "loại hình \"{0}\" không có; chọn một trong: {1}", "unknown branch type \"{0}\"; choose one of: {1}";
    CliEmptyName => "{0} không được để trống", "{0} must not be empty";
    ConfigMissing => "Tệp cấu hình chưa có; ví dụ:", "The config file does not exist yet; an example:";
    ErrDataDir => "không tạo được thư mục dữ liệu {0}: {1}", "cannot create the data folder {0}: {1}";
    ErrWrite => "không ghi được {0}: {1}", "cannot write {0}: {1}";
    ErrNoHome => "không xác định được thư mục dữ liệu: dùng --dir hoặc biến KHAOSAT_DIR", "cannot find a data folder: use --dir or KHAOSAT_DIR";

    // Summary
    SumQuantAll => "Các chi bộ", "All branches";
    SumQuantMost => "Đa số chi bộ", "Most branches";
    SumQuantOne => "01 chi bộ", "One branch";
    SumQuantSome => "Một số chi bộ", "Some branches";
    SumTitle => "Báo cáo tổng hợp kết quả khảo sát sinh hoạt chi bộ", "Summary of branch meeting inspections";
    SumRound => "Đợt kiểm tra theo Quyết định số {0}", "Inspection round under Decision {0}";
    SumPeriod => "Thời gian: từ ngày {0} đến ngày {1}", "Period: {0} to {1}";
    SumVisitCount => "Số phiếu khảo sát được tổng hợp: {0}", "Visits merged: {0}";
    SumInspectors => "Người khảo sát: {0}", "Inspectors: {0}";
    SumTemplates => "Mẫu phiếu: {0}", "Templates: {0}";
    SumTemplateVersion => "{0} phiên bản {1} ({2} phiếu)", "{0} version {1} ({2} visits)";
    SumVersionsMerged => "Các phiếu dùng nhiều phiên bản mẫu phiếu, được gộp theo mã mục; mục không có trong một phiên bản không được tính là đã đánh giá.", "Visits use several template versions, merged by item id; an item missing from a version counts as not assessed there.";
    SumSkippedCount => "Bỏ qua {0} tệp không đọc được (xem danh sách cuối báo cáo)", "{0} file(s) skipped because they could not be read (listed at the end)";
    SumFilteredOut => "{0} phiếu không thuộc bộ lọc, không được tính", "{0} visit(s) left out by the filters";
    SumAttended => "Các chi bộ được khảo sát", "Branches attended";
    SumAttendedOn => "ngày {0}", "on {0}";
    SumDraftTag => "nháp", "draft";
    SumDuplicateTag => "trùng", "duplicate";
    SumStrengths => "Ưu điểm", "Strengths";
    SumLimitations => "Hạn chế", "Limitations";
    SumNoStrengths => "Không có mục nào đạt ở đủ tỷ lệ chi bộ được đánh giá để ghi nhận là ưu điểm.", "No item passed in enough of the assessed branches to be reported as a strength.";
    SumNoFindings => "Không phát hiện hạn chế nào.", "No limitations found.";
    SumOtherStrengths => "Ưu điểm khác", "Other strengths";
    SumOtherLimitations => "Hạn chế khác", "Other limitations";
    SumBranchesLabel => "Chi bộ", "Branches";
    SumNotesLabel => "Ghi chú", "Notes";
    SumNotAssessed => "không áp dụng: {0}; chưa trả lời: {1}; không có trong mẫu phiếu: {2}", "not applicable: {0}; unanswered: {1}; not in the template: {2}";
    SumFigures => "Số liệu", "Figures";
    SumFigAttendance => "Tỷ lệ đảng viên dự sinh hoạt: {0}% ({1}/{2} đảng viên phải dự)", "Attendance: {0}% ({1} of {2} members expected)";
    SumFigAttendanceBranches => "Tỷ lệ dự theo chi bộ: {0}", "Attendance by branch: {0}";
    SumFigNotebook => "Đảng viên không mang sổ ghi chép: tổng {0}, trung bình {1}/buổi ({2} buổi)", "Members without a notebook: {0} in all, {1} per meeting on average ({2} meetings)";
    SumFigSpeakers => "Đảng viên phát biểu: tổng {0}, trung bình {1}/buổi ({2} buổi)", "Members who spoke: {0} in all, {1} per meeting on average ({2} meetings)";
    SumFigDuration => "Thời gian sinh hoạt: tổng {0} phút, trung bình {1} phút/buổi, ngắn nhất {2}, dài nhất {3} ({4} buổi)", "Meeting duration: {0} minutes in all, {1} per meeting on average, shortest {2}, longest {3} ({4} meetings)";
    SumFigOutside => "chưa đạt ngưỡng: {0}", "outside the threshold: {0}";
    SumFigAttendanceNoData => "Tỷ lệ đảng viên dự sinh hoạt: chưa có số liệu", "Attendance: no data";
    SumDetails => "Chi tiết theo phần", "Details by section";
    SumColItem => "Mục kiểm tra", "Item";
    SumColFailingAssessed => "Chưa đạt/Đánh giá", "Failing/assessed";
    SumColNa => "Không áp dụng", "N/A";
    SumColUnanswered => "Chưa trả lời", "Unanswered";
    SumColBranches => "Chi bộ chưa đạt", "Failing branches";
    SumColSection => "Phần", "Section";
    SumColId => "Mã mục", "Item id";
    SumColFinding => "Hạn chế", "Finding";
    SumColFailing => "Số chi bộ chưa đạt", "Failing";
    SumColAssessed => "Số chi bộ được đánh giá", "Assessed";
    SumColNotInTemplate => "Không có trong mẫu phiếu", "Not in template";
    SumColNotes => "Ghi chú", "Notes";
    SumColFile => "Tệp", "File";
    SumColStatus => "Trạng thái", "Status";
    SumColTemplate => "Mẫu phiếu", "Template";
    SumColFindings => "Số hạn chế", "Findings";
    SumDuplicates => "Phiếu trùng (cùng chi bộ, cùng ngày)", "Duplicate visits (same branch, same date)";
    SumSkipped => "Tệp bị bỏ qua", "Skipped files";
    SumProgress => "Đang đọc {0}/{1} tệp", "Reading {0}/{1} files";
    SumXlsxNeedsOutput => "định dạng xlsx cần tham số -o TỆP (không ghi tệp nhị phân ra màn hình)", "the xlsx format needs -o FILE (binary output is not written to the terminal)";
    SumNoneLoaded => "không đọc được tệp nào trong {0} tệp", "none of the {0} file(s) could be read";
    SumSkippedTotal => "{0} tệp bị bỏ qua", "{0} file(s) skipped";
    SumExportFailed => "không tạo được báo cáo: {0}", "cannot build the report: {0}";
    SumWrote => "Đã ghi {0}", "Wrote {0}";

    // Rounds
    RoundCreated => "Đã tạo {0}", "Created {0}";
    RoundExists => "{0} đã có: mỗi thư mục chỉ có một đợt kiểm tra", "{0} already exists: a folder holds one round";
    RoundNotFound => "không có round.ron ở {0} hay thư mục nào phía trên: tạo bằng khaosat round new", "no round.ron in {0} or any folder above it: create one with khaosat round new";
    RoundPlanAdded => "Đã thêm {0} ({1}) vào kế hoạch của đợt {2}", "Added {0} ({1}) to the plan of round {2}";
    RoundPlanUpdated => "Đã cập nhật {0} ({1}) trong kế hoạch của đợt {2}", "Updated {0} ({1}) in the plan of round {2}";
    RoundBadDocument => "văn bản \"{0}\" không hợp lệ: dùng mã=tên văn bản", "invalid document \"{0}\": use id=label";
    RoundInvalid => "{0}: {1} lỗi trong tệp đợt kiểm tra", "{0}: {1} problem(s) in the round file";
    RoundIssueEmptyDecision => "chưa có số quyết định", "the decision number is empty";
    RoundIssuePeriodReversed => "ngày kết thúc ({1}) trước ngày bắt đầu ({0})", "the period ends ({1}) before it starts ({0})";
    RoundIssueEmptyMember => "có thành viên đoàn chưa có tên", "a team member has no name";
    RoundIssueBadDocumentId => "mã văn bản \"{0}\" không hợp lệ: chỉ dùng chữ không dấu, chữ số và _ - .", "document id \"{0}\" is invalid: use ASCII letters, digits and _ - .";
    RoundIssueDuplicateDocument => "mã văn bản \"{0}\" bị trùng", "document id \"{0}\" is used twice";
    RoundIssueEmptyDocumentLabel => "văn bản \"{0}\" chưa có tên", "document \"{0}\" has no label";
    RoundIssueEmptyPlannedBranch => "có chi bộ trong kế hoạch chưa có tên", "a planned branch has no name";
    RoundIssueEmptyPlannedCommittee => "{0}: chưa có đảng bộ cấp trên", "{0}: no parent committee";
    RoundIssueDuplicatePlanned => "{0} ({1}) có hai lần trong kế hoạch", "{0} ({1}) is planned twice";
    RoundIssueOutsidePeriod => "{0}: ngày dự kiến {1} nằm ngoài thời gian của đợt", "{0}: the planned date {1} is outside the round's period";
    RoundOtherRound => "cảnh báo: --round {0} khác với đợt của thư mục ({1})", "warning: --round {0} differs from the folder's round ({1})";
    RoundMissingArg => "thiếu {0}", "missing {0}";
    RoundMissingArgPlan => "thiếu {0} (chi bộ này không có trong kế hoạch của đợt {1})", "missing {0} (the branch is not in the plan of round {1})";
    RoundDecision => "Quyết định số {0}, ngày {1}", "Decision {0} of {1}";
    RoundIssuedBy => "Cơ quan ban hành: {0}", "Issued by: {0}";
    RoundTitle => "Nội dung: {0}", "Subject: {0}";
    RoundPeriod => "Thời gian: từ {0} đến {1}", "Period: {0} to {1}";
    RoundTeam => "Thành viên đoàn", "Team";
    RoundDocuments => "Văn bản đánh giá việc thực hiện", "Documents whose implementation is assessed";
    RoundPlan => "Kế hoạch khảo sát", "Planned branches";
    RoundNoPlan => "Chưa có chi bộ nào trong kế hoạch: thêm bằng khaosat round plan", "No branch planned yet: add them with khaosat round plan";
    RoundStateMissing => "chưa khảo sát", "not yet attended";
    RoundStateDraft => "đã khảo sát (nháp)", "attended (draft)";
    RoundStateFinal => "đã hoàn thành", "attended (final)";
    CovTitle => "Tiến độ khảo sát", "Coverage";
    CovAttended => "{0}/{1} chi bộ đã được khảo sát", "{0} of {1} branches attended";
    CovFinal => "{0}/{1} chi bộ đã hoàn thành phiếu", "{0} of {1} branches with a final visit";
    CovMissing => "Chưa khảo sát: {0}", "Not yet attended: {0}";
    CovInspector => "{0}: {1} chi bộ được phân công, đã khảo sát {2}, đã hoàn thành {3}", "{0}: {1} branch(es) assigned, {2} attended, {3} final";
    CovUnplanned => "Khảo sát ngoài kế hoạch: {0}", "Attended without being planned: {0}";
    SumEditedAfterFinal => "Phiếu bị sửa sau khi hoàn thành", "Visits edited after being marked final";
    SumEditedAfterFinalTag => "sửa sau khi hoàn thành", "edited after final";
    FinaliseDone => "Đã hoàn thành phiếu {0} (xác nhận: {1})", "Marked {0} final (by {1})";
    FinaliseAlready => "{0} đã ở trạng thái hoàn thành", "{0} is already final";
    FinaliseProblems => "chưa thể hoàn thành {0}: còn {1} vấn đề", "cannot mark {0} final: {1} problem(s)";
    FinaliseNeedsBy => "cần --by TÊN (hoặc inspector trong tệp cấu hình)", "--by NAME is needed (or inspector in the config file)";
    FinaliseEditedAfter => "{0} đã bị sửa sau khi hoàn thành: mở lại (khaosat reopen --reason …) rồi hoàn thành lại", "{0} was edited after being marked final: reopen it (khaosat reopen --reason …), then finalise it again";
    ReopenDone => "Đã mở lại phiếu {0}: {1}", "Reopened {0}: {1}";
    ReopenNotFinal => "{0} chưa ở trạng thái hoàn thành, không có gì để mở lại", "{0} is not final: nothing to reopen";
    ReopenEmptyReason => "cần nêu lý do mở lại (--reason)", "a reason is needed to reopen (--reason)";
    VisitHeldCli => "{0} đang được mở ở phiên khác ({1}): đóng phiên đó trước", "{0} is open in another session ({1}): close it first";
    CmpTitle => "So sánh hai đợt khảo sát", "Round over round";
    CmpSides => "Đợt trước: {0} phiếu; đợt này: {1} phiếu; {2} chi bộ có ở cả hai đợt", "Before: {0} visits; now: {1} visits; {2} branches in both";
    CmpFindings => "Hạn chế", "Findings";
    CmpFixed => "Đã khắc phục", "Fixed";
    CmpPersisting => "Vẫn còn", "Persisting";
    CmpNew => "Mới phát sinh", "New";
    CmpNotAssessed => "Chưa đánh giá lại", "Not assessed again";
    CmpNoFindings => "Không có hạn chế nào ở các chi bộ có trong cả hai đợt.", "No findings in the branches present in both rounds.";
    CmpBranches => "Theo chi bộ", "By branch";
    CmpBranchLine => "trước: {0} hạn chế; nay: {1}", "before: {0} finding(s); now: {1}";
    CmpUnmatched => "Chi bộ chỉ có ở một đợt", "Branches in one round only";
    CmpOldOnly => "Chỉ có ở đợt trước: {0}", "Only before: {0}";
    CmpNewOnly => "Chỉ có ở đợt này: {0}", "Only now: {0}";
    CmpNoneLoaded => "không đọc được phiếu nào ở {0}", "no visit could be read in {0}";
    // Issue 11: summary and compare outputs
    SumRoundDecision => "Đợt kiểm tra theo Quyết định số {0} ngày {1} của {2}", "Inspection round under Decision {0} of {1} by {2}";
    SumRoundDecisionDated => "Đợt kiểm tra theo Quyết định số {0} ngày {1}", "Inspection round under Decision {0} of {1}";
    SumVisitsOfBranches => "Số phiếu khảo sát được tổng hợp: {0} phiếu của {1} chi bộ", "Visits merged: {0} visits of {1} branches";
    SumRoundsDisagree => "Các tệp round.ron của đợt kiểm tra {0} không khớp nhau về {1}: {2}. Hãy sửa cho thống nhất; trong khi chờ, báo cáo lấy thông tin của tệp đầu tiên và mọi chi bộ có trong kế hoạch của bất kỳ tệp nào.", "The round.ron files of round {0} disagree on {1}: {2}. Make them agree; until then the report takes the first file's details and every branch any of them plans.";
    RoundPartDecisionDate => "ngày quyết định", "decision date";
    RoundPartIssuedBy => "cơ quan ban hành", "issuing body";
    RoundPartTitle => "tên đợt kiểm tra", "title";
    RoundPartPeriod => "thời gian", "period";
    RoundPartMembers => "thành viên đoàn", "team";
    RoundPartDocuments => "tài liệu", "documents";
    RoundPartPlan => "kế hoạch", "plan";
    CovRoundHeading => "Quyết định số {0}", "Decision {0}";
    SummaryCountsOfBranches => "{0} phiếu của {1} chi bộ · {2} hạn chế · {3} ưu điểm · {4} tệp lỗi", "{0} visits of {1} branches · {2} findings · {3} strengths · {4} unreadable";
    HomeRoundNoPlan => "Đợt {0}: chưa có chi bộ nào trong kế hoạch", "Round {0}: no branch planned yet";

    // Issue 13: review screens and CLI help
    // `--help`: clap's own words …
    CliHelpUsage => "Cách dùng:", "Usage:";
    CliHelpCommands => "Lệnh", "Commands";
    CliHelpArguments => "Tham số", "Arguments";
    CliHelpOptions => "Tùy chọn", "Options";
    CliHelpDefault => "[mặc định: {0}]", "[default: {0}]";
    CliHelpValues => "[giá trị: {0}]", "[possible values: {0}]";
    CliHelpFlag => "In trợ giúp", "Print help";
    CliVersionFlag => "In số phiên bản", "Print version";
    CliHelpCommand => "In trợ giúp này, hoặc trợ giúp của lệnh được nêu", "Print this message or the help of the given subcommand(s)";
    CliHelpCommandArg => "Lệnh cần xem trợ giúp", "The subcommand(s) to print the help of";
    // … the commands …
    CliAbout => "Khảo sát sinh hoạt chi bộ — phiếu khảo sát buổi sinh hoạt chi bộ trên terminal", "Khảo sát sinh hoạt chi bộ — branch meeting inspection checklist";
    CliCmdNew => "Tạo một phiếu khảo sát nháp và in đường dẫn của tệp", "Create a draft visit file and print its path";
    CliCmdEdit => "Mở một tệp phiếu khảo sát để điền", "Open one visit file in the checklist";
    CliCmdValidate => "Kiểm tra các tệp phiếu và thư mục (cả thư mục con). Mã thoát 0: tất cả hợp lệ; 1: có tệp không hợp lệ (hoặc ở chỗ tệp khóa của một phiếu có thứ bị đặt vào: liên kết, thư mục, FIFO); 2: lỗi cách dùng hoặc lỗi đọc ghi", "Check visit files and folders (recursively). Exit 0 all valid, 1 some invalid (or a visit's lock path holds something planted: a link, folder or FIFO), 2 usage or I/O error";
    CliCmdValidateMore => "Mỗi phiếu được kiểm tra theo mẫu phiếu của round.ron quản lý thư mục chứa nó (tệp round.ron ở thư mục gần nhất, tại đó hoặc phía trên), nên câu trả lời nêu các văn bản của đợt là hợp lệ; round.ron đó cũng được kiểm tra, và cả round.ron được nêu trên dòng lệnh. Số đảng viên không thể cùng đúng và câu trả lời ở mục không áp dụng được in thành lưu ý với phiếu nháp, và làm phiếu đã hoàn tất không hợp lệ.", "Each visit is checked against the templates of the round.ron governing its folder (the one in the nearest folder at or above it), so answers naming the round's documents are valid; that round.ron is checked too, and so is a round.ron named on the command line. Member counts that cannot all be true and answers kept on items that do not apply are printed as notes on a draft, and make a final visit invalid.";
    CliCmdTemplate => "Xem hoặc kiểm tra mẫu phiếu", "Show or check templates";
    CliCmdTemplateShow => "In mẫu phiếu có sẵn trong chương trình", "Print the embedded template";
    CliCmdTemplateCheck => "Kiểm tra một tệp mẫu phiếu: mã không trùng, điều kiện, ngưỡng", "Check a template file: unique ids, conditions, thresholds";
    CliCmdCompletions => "In đoạn mã gợi ý lệnh (completion) cho shell", "Print shell completions";
    CliCmdSummary => "Tổng hợp các phiếu (tệp và thư mục) thành báo cáo hạn chế (text, md, csv, json, xlsx)", "Merge visit files and folders into a findings report (text, md, csv, json, xlsx)";
    CliCmdConfig => "Vị trí tệp cấu hình", "Where the configuration file is";
    CliCmdConfigPath => "In đường dẫn của tệp cấu hình (và một ví dụ khi tệp chưa có)", "Print the path of the configuration file (and an example when it does not exist)";
    CliCmdRound => "Đợt kiểm tra: round.ron với quyết định, đoàn, văn bản và các chi bộ theo kế hoạch", "Inspection rounds: round.ron with the decision, team, documents and planned branches";
    CliCmdRoundNew => "Tạo round.ron trong thư mục dữ liệu (--dir): quyết định, thời gian, đoàn và văn bản", "Create round.ron in the data folder (--dir): the decision, period, team and documents";
    CliCmdRoundPlan => "Thêm một chi bộ vào kế hoạch của đợt quản lý --dir (hoặc sửa loại hình, ngày, người khảo sát của chi bộ đó)", "Add a branch to the plan of the round governing --dir (or update its type, date, inspector)";
    CliCmdRoundShow => "Xem đợt kiểm tra quản lý --dir và tiến độ của đợt", "Show the round governing --dir and how far it has got";
    CliCmdCompare => "So sánh hai đợt (thư mục hoặc tệp): hạn chế đã khắc phục, vẫn còn và mới phát sinh, theo từng chi bộ", "Compare two rounds (folders or files): findings fixed, persisting and new, per branch";
    CliCmdFinalise => "Đánh dấu phiếu hoàn tất, ghi lại người xác nhận, thời điểm và mã băm nội dung. Bị từ chối khi phiếu còn vấn đề", "Mark a visit final, recording who, when and a hash of its content. Refused while problems remain";
    CliCmdReopen => "Mở lại một phiếu đã hoàn tất thành phiếu nháp; lý do được lưu trong tệp", "Reopen a final visit as a draft; the reason is kept in the file";
    // … and their arguments.
    CliArgLang => "Ngôn ngữ của thông báo: vi (mặc định, hoặc theo LANG) hoặc en", "Language of messages: vi (default, or from LANG) or en";
    CliArgDir => "Thư mục dữ liệu (nếu không nêu: $KHAOSAT_DIR, rồi thư mục dữ liệu của hệ thống)", "Data folder (else $KHAOSAT_DIR, else the platform data folder)";
    CliArgTemplate => "Thêm một tệp mẫu phiếu (ví dụ mẫu của tỉnh), bên cạnh mẫu có sẵn", "An extra template file (e.g. a provincial variant), known besides the embedded one";
    CliArgConfig => "Tệp cấu hình (nếu không nêu: config.ron trong thư mục cấu hình của hệ thống)", "Configuration file (else config.ron in the platform config folder)";
    CliArgVisitFile => "Tệp phiếu khảo sát", "The visit file";
    CliArgPaths => "Các tệp phiếu và thư mục (tìm tệp .ron trong cả thư mục con)", "Visit files and folders (searched recursively for .ron files)";
    CliArgTemplateFile => "Tệp mẫu phiếu cần kiểm tra", "The template file to check";
    CliArgShell => "Loại shell", "The shell";
    CliArgBranch => "Tên chi bộ, ví dụ \"Chi bộ số 11\"", "Branch name, e.g. \"Chi bộ số 11\"";
    CliArgNewCommittee => "Đảng bộ cấp trên, ví dụ \"Đảng bộ phường Mai Dịch\". Có thể bỏ qua khi kế hoạch của đợt (round.ron của thư mục) có chi bộ này", "Parent committee, e.g. \"Đảng bộ phường Mai Dịch\". May be left out when the folder's round plans the branch";
    CliArgNewType => "Loại hình chi bộ: nong_thon, khu_dan_cu, co_quan, su_nghiep, truong_hoc, dn_nha_nuoc, dn_ngoai_nha_nuoc, hop_tac_xa, quan_doi, cong_an, khac. Có thể bỏ qua khi kế hoạch của đợt có chi bộ này", "Branch type: nong_thon, khu_dan_cu, co_quan, su_nghiep, truong_hoc, dn_nha_nuoc, dn_ngoai_nha_nuoc, hop_tac_xa, quan_doi, cong_an, khac. May be left out when the folder's round plans the branch";
    CliArgNewDate => "Ngày sinh hoạt: YYYY-MM-DD hoặc dd/mm/yyyy. Có thể bỏ qua khi kế hoạch của đợt có chi bộ này kèm ngày", "Meeting date: YYYY-MM-DD or dd/mm/yyyy. May be left out when the folder's round plans the branch with a date";
    CliArgKind => "Hình thức sinh hoạt: regular (thường kỳ), thematic (chuyên đề), combined (thường kỳ kết hợp chuyên đề)", "Meeting kind: regular, thematic, or combined (regular with a thematic part)";
    CliArgInspector => "Tên người khảo sát (lặp lại nếu nhiều người)", "Inspector name (repeat for several)";
    CliArgRound => "Đợt kiểm tra: số quyết định, ví dụ \"967-QĐ/QU\"", "Round: the decision number, e.g. \"967-QĐ/QU\"";
    CliArgSummaryFormat => "Định dạng: text (đọc trên terminal), md (báo cáo Markdown), csv (mỗi dòng một hạn chế của một chi bộ), json, xlsx (bảng tính, cần -o)", "Output format: text (for the terminal), md (a Markdown report), csv (one row per finding and failing branch), json, xlsx (a workbook; needs -o)";
    CliArgOutput => "Ghi vào TỆP (ghi xong mới thay tệp cũ) thay vì in ra. Bắt buộc với xlsx", "Write to FILE (atomically) instead of standard output. Required for xlsx";
    CliArgStrict => "Thoát với mã 1 khi có tệp bị bỏ qua", "Exit 1 when any file was skipped";
    CliArgFilterCommittee => "Chỉ các phiếu có đảng bộ cấp trên chứa đoạn chữ này (không phân biệt chữ hoa, có dấu hay không)", "Only visits whose parent committee contains this text (case and accents ignored)";
    CliArgFilterType => "Chỉ loại hình chi bộ này (nong_thon, khu_dan_cu, co_quan, su_nghiep, truong_hoc, dn_nha_nuoc, dn_ngoai_nha_nuoc, hop_tac_xa, quan_doi, cong_an, khac)", "Only this branch type (nong_thon, khu_dan_cu, co_quan, su_nghiep, truong_hoc, dn_nha_nuoc, dn_ngoai_nha_nuoc, hop_tac_xa, quan_doi, cong_an, khac)";
    CliArgFilterInspector => "Chỉ các phiếu có người khảo sát mà tên chứa đoạn chữ này (không phân biệt chữ hoa, có dấu hay không)", "Only visits by an inspector whose name contains this text (case and accents ignored)";
    CliArgFrom => "Chỉ các buổi sinh hoạt từ ngày này (YYYY-MM-DD hoặc dd/mm/yyyy)", "Only meetings on or after this date (YYYY-MM-DD or dd/mm/yyyy)";
    CliArgTo => "Chỉ các buổi sinh hoạt đến ngày này (YYYY-MM-DD hoặc dd/mm/yyyy)", "Only meetings on or before this date (YYYY-MM-DD or dd/mm/yyyy)";
    CliArgFinalOnly => "Bỏ qua các phiếu nháp", "Leave draft visits out";
    CliArgDecision => "Số quyết định, ví dụ \"967-QĐ/QU\". Các phiếu của đợt mang số này", "Decision number, e.g. \"967-QĐ/QU\". Visits of the round carry it";
    CliArgDecisionDate => "Ngày quyết định: YYYY-MM-DD hoặc dd/mm/yyyy", "Decision date: YYYY-MM-DD or dd/mm/yyyy";
    CliArgTitle => "Nội dung của đợt kiểm tra", "What the round is about";
    CliArgIssuedBy => "Cơ quan ban hành quyết định, ví dụ \"Ban Thường vụ Quận ủy Cầu Giấy\"", "Who issued the decision, e.g. \"Ban Thường vụ Quận ủy Cầu Giấy\"";
    CliArgRoundFrom => "Ngày bắt đầu của đợt", "First day of the round";
    CliArgRoundTo => "Ngày kết thúc của đợt", "Last day of the round";
    CliArgMember => "Một thành viên đoàn, \"TÊN\" hoặc \"TÊN=VAI TRÒ\" (lặp lại)", "A team member, \"NAME\" or \"NAME=ROLE\" (repeat)";
    CliArgDocument => "Một văn bản mà các buổi sinh hoạt cần đánh giá việc thực hiện, \"MÃ=TÊN\" (lặp lại). Các văn bản này thành lựa chọn của mục conduct.round_documents; không nêu: dùng danh sách của mẫu phiếu", "A document whose implementation meetings should assess, \"ID=LABEL\" (repeat). They become the options of item conduct.round_documents; none: the template's own list";
    CliArgPlanCommittee => "Đảng bộ cấp trên, ví dụ \"Đảng bộ phường Mai Dịch\"", "Parent committee, e.g. \"Đảng bộ phường Mai Dịch\"";
    CliArgPlanType => "Loại hình chi bộ: nong_thon, khu_dan_cu, co_quan, su_nghiep, truong_hoc, dn_nha_nuoc, dn_ngoai_nha_nuoc, hop_tac_xa, quan_doi, cong_an, khac", "Branch type: nong_thon, khu_dan_cu, co_quan, su_nghiep, truong_hoc, dn_nha_nuoc, dn_ngoai_nha_nuoc, hop_tac_xa, quan_doi, cong_an, khac";
    CliArgPlanDate => "Ngày sinh hoạt dự kiến", "Planned meeting date";
    CliArgPlanInspector => "Thành viên đoàn được phân công dự", "Team member assigned to attend";
    CliArgCompareOld => "Đợt trước: một thư mục hoặc một tệp phiếu", "The earlier round: a folder or a visit file";
    CliArgCompareNew => "Đợt sau: một thư mục hoặc một tệp phiếu", "The later round: a folder or a visit file";
    CliArgCompareFormat => "Định dạng: text, md (Markdown) hoặc json", "Output format: text, md (Markdown) or json";
    CliArgFinaliseBy => "Người xác nhận hoàn tất (nếu không nêu: inspector trong tệp cấu hình, rồi người khảo sát đầu tiên của phiếu)", "Who marks it final (else the config's inspector, else the visit's first inspector)";
    CliArgReason => "Lý do mở lại; được lưu trong tệp", "Why it is reopened; kept in the file";
    CliArgReopenBy => "Người mở lại (nếu không nêu: inspector trong tệp cấu hình, rồi người khảo sát đầu tiên của phiếu)", "Who reopens it (else the config's inspector, else the visit's first inspector)";
    // The report `m` writes from the summary screen: its file name says which filters made it.
    ExportFilePrefix => "tong-hop", "summary";
    ExportFileAll => "tat-ca", "all";
    ExportFileFinal => "hoan-tat", "final";
    ExportFileFrom => "tu-{0}", "from-{0}";
    ExportFileTo => "den-{0}", "to-{0}";
    SumWroteKept => "Đã ghi {0} (tệp trước đó cùng tên được giữ nguyên)", "Wrote {0} (the earlier file of that name is kept)";
    // The compare screen: by finding or by branch, and the folder prompt.
    ActShowDetails => "Chi tiết: chi bộ của hạn chế / hạn chế của chi bộ", "Details: a finding's branches / a branch's findings";
    ActSwitchList => "Xem theo hạn chế / theo chi bộ", "By finding / by branch";
    ActBackToSummary => "Quay lại màn hình tổng hợp", "Back to the summary";
    ActCompleteFolder => "Hoàn thành tên thư mục đang gõ", "Complete the folder name being typed";
    CompareByFinding => "Theo hạn chế ({0})", "By finding ({0})";
    CompareByBranch => "Theo chi bộ ({0})", "By branch ({0})";
    CompareInBoth => "Có ở cả hai đợt ({0})", "In both rounds ({0})";
    CompareOldOnly => "Chỉ có ở đợt trước ({0})", "Only in the earlier round ({0})";
    CompareNewOnly => "Chỉ có ở đợt này ({0})", "Only in this round ({0})";
    CompareOldOnlyNothing => "Chi bộ này chỉ có ở đợt trước: không có gì để so sánh", "This branch is only in the earlier round: nothing to compare";
    CompareNewOnlyNothing => "Chi bộ này chỉ có ở đợt này: không có gì để so sánh", "This branch is only in this round: nothing to compare";
    CompareNoFolder => "Không có thư mục nào có tên bắt đầu bằng \"{0}\"", "No folder's name starts with \"{0}\"";
    CompareFolders => "{0} thư mục: {1}", "{0} folders: {1}";
    CompareNoSubfolder => "Không có thư mục nào trong {0}", "No folders in {0}";
    HintDetails => "chi tiết", "details";
    HintByBranch => "theo chi bộ", "by branch";
    HintByFinding => "theo hạn chế", "by finding";
    HintBack => "quay lại", "back";
    HintScroll => "cuộn", "scroll";
    HintComplete => "hoàn thành tên thư mục", "complete the folder";
    HintCompare => "so sánh", "compare";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_english_only_when_asked() {
        assert_eq!(Lang::from_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some("vi_VN.UTF-8")), Lang::Vi);
        assert_eq!(Lang::from_locale(Some("C.UTF-8")), Lang::Vi);
        assert_eq!(Lang::from_locale(None), Lang::Vi);
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(Msg::ProblemOutOfRange.fill(Lang::En, &[&"x", &7, &0, &5]), "x: 7 is outside 0–5");
    }
}
