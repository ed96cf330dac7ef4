//! What a roll-up of summaries says (issue 17): its header, and why an input was refused.

use super::Lang;

messages! {
    RollupMsg;
    HelpPaths => "Các tệp phiếu và thư mục (tìm tệp .ron trong cả thư mục con), và các bản tổng hợp JSON (tệp .json, xuất bằng --format json) để tổng hợp lên cấp trên", "Visit files and folders (searched recursively for .ron files), and summaries written with --format json (.json files), rolled up together";
    HelpLevel => "Cấp tổng hợp, ví dụ \"Đảng bộ phường Nghĩa Đô\": ghi ở đầu báo cáo tổng hợp", "The level the roll-up speaks for, e.g. \"Đảng bộ phường Nghĩa Đô\": named at its head";
    Header => "{0}: {1} báo cáo, {2} phiếu", "{0}: {1} reports, {2} visits";
    NoLevel => "Tổng hợp", "Roll-up";
    SourceLine => "- {0}: {1} phiếu", "- {0}: {1} visits";
    SourceLevel => "- {0} ({1}): {2} phiếu", "- {0} ({1}): {2} visits";
    OtherTemplate => "{0} làm theo mẫu {1} phiên bản {2}, khác báo cáo đầu: gộp theo mã mục.", "{0} was made from template {1} version {2}, unlike the first report: merged by item id.";
    CoverageLine => "Đợt {0}: đã kiểm tra {1}/{2} chi bộ theo kế hoạch ({3} đã hoàn tất)", "Round {0}: {1} of {2} planned branches visited ({3} final)";
    Refused => "Không gộp {0}", "Left out {0}";
    Unreadable => "không đọc được bản tổng hợp JSON ({0})", "not a readable summary JSON ({0})";
    NotASummary => "không phải bản tổng hợp của khaosat (/format khác \"khaosat-summary\")", "not a khaosat summary (/format is not \"khaosat-summary\")";
    FailingOverAssessed => "{0}: số chi bộ chưa đạt ({1}) lớn hơn số được đánh giá ({2}); tệp bị sửa tay? Xuất lại bằng khaosat summary --format json.", "{0}: failing branches ({1}) exceed those assessed ({2}); edited by hand? Write it again with khaosat summary --format json.";
    FailingNotBranches => "{0}: ghi {1} chi bộ chưa đạt nhưng danh sách có {2}; tệp bị sửa tay? Xuất lại bằng khaosat summary --format json.", "{0}: says {1} failing branches but lists {2}; edited by hand? Write it again with khaosat summary --format json.";
    VisitsNotListed => "{0}: ghi {1} phiếu nhưng visit_list có {2}", "{0}: says {1} visits but visit_list has {2}";
    UnknownVisit => "{0}: chi bộ này không có trong visit_list", "{0}: this branch is not in visit_list";
    ItemDisagrees => "{0}: số liệu của mục không khớp với phần hạn chế (findings)", "{0}: the item's counts disagree with its finding";
    CountedNotValues => "{0}: ghi {1} chi bộ nhưng danh sách có {2} giá trị", "{0}: says {1} branches but lists {2} values";
    ScoresDisagree => "{0}: ghi {1} phiếu được chấm điểm nhưng các mức xếp loại, chưa chấm xong và ngoài các mức cộng lại là {2}", "{0}: says {1} scored visits but the grades, pending and out-of-band ones add up to {2}";
    SameVisit => "{0}: phiếu {1} đã có trong {2}; không tính hai lần, bản này bị bỏ ra", "{0}: visit {1} is already in {2}; not counted twice, this input is left out";
}
