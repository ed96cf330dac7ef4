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
        let var = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty());
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
    ProblemUnanswered => "Chưa trả lời mục bắt buộc: {0}", "Required item not answered: {0}";
    ProblemMoreThanPresent => "{0}: {1} lớn hơn số đảng viên có mặt ({2})", "{0}: {1} is more than the members present ({2})";
    ProblemAttendanceExceedsTotal => "Có mặt + vắng = {0}, lớn hơn tổng số đảng viên ({1})", "Present + absent = {0}, more than the total members ({1})";
    ProblemEndBeforeStart => "Giờ kết thúc phải sau giờ bắt đầu", "The end time must be after the start time";
    ProblemWrongValue => "{0}: câu trả lời không hợp với loại câu hỏi", "{0}: the answer does not fit the kind of item";
    ProblemOutOfRange => "{0}: {1} nằm ngoài khoảng {2}–{3}", "{0}: {1} is outside {2}–{3}";

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
    TplThresholdOutOfRange => "Mục \"{0}\": ngưỡng {1} nằm ngoài khoảng cho phép (0–1440; phần trăm 0–100)", "Item \"{0}\": threshold {1} is out of range (0–1440; percentages 0–100)";
    TplBadBounds => "Mục \"{0}\": giới hạn số không hợp lệ (min lớn hơn max)", "Item \"{0}\": invalid number bounds (min above max)";
    TplNoOptions => "Mục \"{0}\" không có lựa chọn nào", "Item \"{0}\" has no options";
    TplUnknownOption => "Mục \"{0}\": lựa chọn \"{1}\" không có trong danh sách", "Item \"{0}\": option \"{1}\" is not in its list";
    TplStrengthShare => "strength_share = {0} phải nằm trong khoảng 0–1", "strength_share = {0} must be between 0 and 1";
    TplListWithoutOptions => "Mục \"{0}\": câu hạn chế dùng {list} nhưng mục không có nhiều lựa chọn", "Item \"{0}\": the finding sentence uses {list} but the item has no several-choice options";
    TplOk => "Mẫu phiếu hợp lệ: {0} phần, {1} mục ({2}, phiên bản {3}, bộ quy tắc {4})", "Template is valid: {0} sections, {1} items ({2}, version {3}, rule set {4})";
    TplInvalid => "Mẫu phiếu có {0} lỗi", "The template has {0} problem(s)";

    // Loading files
    ErrIo => "không đọc được tệp: {0}", "cannot read the file: {0}";
    ErrTooLarge => "tệp quá lớn ({0} byte; tối đa {1}): không phải phiếu khảo sát?", "file too large ({0} bytes; at most {1}): not a visit file?";
    ErrNotUtf8 => "tệp không phải văn bản UTF-8 (có thể là UTF-16 hoặc tệp nhị phân)", "the file is not UTF-8 text (UTF-16 or a binary file?)";
    ErrNotAFile => "không phải tệp thông thường (thư mục, FIFO hoặc thiết bị)", "not a regular file (a folder, FIFO or device)";
    ErrConflict => "xung đột git chưa giải quyết ở dòng {0}: sửa các dấu <<<<<<< ======= >>>>>>> rồi lưu lại", "unresolved merge at line {0}: resolve the <<<<<<< ======= >>>>>>> markers and save";
    ErrSyntax => "lỗi cú pháp: {0}", "syntax error: {0}";
    ErrNewerSchema => "tệp được ghi bởi phiên bản khaosat mới hơn (định dạng {0}, bản này đọc được đến {1}): hãy cập nhật khaosat", "written by a newer khaosat (format {0}, this one reads up to {1}): update khaosat";
    ErrUnknownTemplate => "tệp dùng mẫu phiếu \"{0}\" không có ở đây: dùng --template để chỉ đến mẫu đó", "the file uses template \"{0}\", which is not available: point --template at it";
    ErrUnknownItem => "mục \"{0}\" không có trong mẫu phiếu {1}", "item \"{0}\" is not in template {1}";
    ErrBadAnswer => "câu trả lời của mục \"{0}\" không hợp lệ: {1}", "the answer to \"{0}\" is invalid: {1}";
    ErrEmpty => "tệp rỗng", "the file is empty";

    // ron error details
    RonEof => "tệp kết thúc đột ngột (bị cắt cụt?)", "the file ends too early (truncated?)";
    RonExpected => "cần {0}", "expected {0}";
    RonMissingField => "thiếu trường \"{0}\"", "missing field \"{0}\"";
    RonUnknownField => "trường \"{0}\" không có trong định dạng (gõ nhầm?)", "unknown field \"{0}\" (a typo?)";
    RonUnknownVariant => "giá trị \"{0}\" không hợp lệ", "\"{0}\" is not a valid value";
    RonDuplicateField => "trường \"{0}\" xuất hiện hai lần", "field \"{0}\" appears twice";
    RonTrailing => "còn nội dung thừa sau phần dữ liệu (hai tài liệu nối nhau?)", "unexpected content after the data (two documents joined?)";
    RonTooDeep => "lồng nhau quá sâu", "nested too deeply";
    RonOther => "{0}", "{0}";

    // CLI
    CliCreated => "Đã tạo", "Created";
    CliValidOk => "{0} tệp hợp lệ", "{0} file(s) valid";
    CliValidBad => "{0} tệp hợp lệ, {1} tệp lỗi", "{0} file(s) valid, {1} invalid";
    CliNoFiles => "không tìm thấy tệp .ron nào trong {0}", "no .ron files found in {0}";
    CliBadDate => "ngày \"{0}\" không hợp lệ: dùng YYYY-MM-DD hoặc dd/mm/yyyy", "invalid date \"{0}\": use YYYY-MM-DD or dd/mm/yyyy";
    CliBadType => "loại hình \"{0}\" không có; chọn một trong: {1}", "unknown branch type \"{0}\"; choose one of: {1}";
    CliEmptyName => "{0} không được để trống", "{0} must not be empty";
    CliTuiComing => "Giao diện tương tác chưa có trong bản này.", "The interactive interface is not in this build yet.";
    ErrDataDir => "không tạo được thư mục dữ liệu {0}: {1}", "cannot create the data folder {0}: {1}";
    ErrWrite => "không ghi được {0}: {1}", "cannot write {0}: {1}";
    ErrNoHome => "không xác định được thư mục dữ liệu: dùng --dir hoặc biến KHAOSAT_DIR", "cannot find a data folder: use --dir or KHAOSAT_DIR";
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
