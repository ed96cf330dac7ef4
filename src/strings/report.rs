//! The words of the report a team signs (`khaosat report`, the TUI's `m`): its heading, parts,
//! blanks, appendix and warnings, in Vietnamese and English.

use super::Lang;

messages! {
    ReportMsg;
    // The report a team signs (issue 15): `khaosat report`, its heading, parts, blanks and appendix.
    RptTitle => "BÁO CÁO", "REPORT";
    RptParty => "ĐẢNG CỘNG SẢN VIỆT NAM", "COMMUNIST PARTY OF VIETNAM";
    RptTeam => "ĐOÀN KHẢO SÁT", "INSPECTION TEAM";
    RptNumber => "Số {0}-{1}", "No. {0}-{1}";
    RptSymbol => "BC/ĐKS", "BC/ĐKS";
    RptPlaceDate => "{0}, {1}", "{0}, {1}";
    RptHeadingDate => "ngày {0} tháng {1} năm {2}", "{2}-{1}-{0}";
    RptSubject => "Kết quả khảo sát chất lượng sinh hoạt chi bộ", "Results of the inspection of party branch meetings";
    RptSubjectRound => "Kết quả khảo sát chất lượng sinh hoạt chi bộ theo Quyết định số {0}", "Results of the inspection of party branch meetings under Decision {0}";
    RptOpening => "Thực hiện Quyết định số {0}, ngày {1} của {2}{3}, {4}, Đoàn khảo sát đã dự sinh hoạt, khảo sát tại {5}: {6}.", "Under Decision {0} of {1} by {2}{3}, {4} the inspection team attended and inspected the meetings of {5}: {6}.";
    RptPeriodRange => "từ ngày {0} đến ngày {1}", "from {0} to {1}";
    RptPeriodDay => "ngày {0}", "on {0}";
    RptAbout => " về việc {0}", " on {0}";
    RptPlannedCount => "{0}/{1} chi bộ theo kế hoạch", "{0} of the {1} planned branches";
    RptBranchCount => "{0} chi bộ", "{0} branches";
    RptBranchesOf => "{0} thuộc {1}", "{0} ({1})";
    RptAnd => "và", "and";
    RptMembers => "Thành viên Đoàn khảo sát gồm các đồng chí: {0}.", "The team's members: {0}.";
    RptPartResults => "KẾT QUẢ KHẢO SÁT", "FINDINGS";
    RptStrengths => "Ưu điểm", "Strengths";
    RptLimitations => "Hạn chế, khuyết điểm", "Limitations and shortcomings";
    RptPartCauses => "NGUYÊN NHÂN", "CAUSES";
    RptPartRecommendations => "ĐỀ XUẤT, KIẾN NGHỊ", "RECOMMENDATIONS";
    RptOnBehalf => "T/M ĐOÀN KHẢO SÁT", "FOR THE INSPECTION TEAM";
    RptHeadOfTeam => "TRƯỞNG ĐOÀN", "HEAD OF THE TEAM";
    RptRecipients => "Nơi nhận:", "Recipients:";
    RptFiled => "Lưu Đoàn khảo sát.", "File: the inspection team.";
    RptFiledWord => "Lưu", "File";
    RptAppendix => "PHỤ LỤC", "APPENDIX";
    RptTableTitle => "Bảng {0}. {1}", "Table {0}. {1}";
    RptColBranch => "Chi bộ", "Branch";
    RptDraftRow => "{0} (nháp)", "{0} (draft)";
    RptBlankIssuer => "tên cấp ủy", "party committee";
    RptBlankNumber => "số báo cáo", "report number";
    RptBlankPlace => "địa danh", "place";
    RptBlankDate => "ngày báo cáo", "report date";
    RptBlankDecision => "số quyết định", "decision number";
    RptBlankDecisionDate => "ngày quyết định", "decision date";
    RptBlankIssuedBy => "cơ quan ban hành quyết định", "body that issued the decision";
    RptBlankPeriod => "thời gian khảo sát", "period";
    RptBlankBranches => "các chi bộ được khảo sát", "branches inspected";
    RptBlankStrengths => "ưu điểm", "strengths";
    RptBlankFinding => "câu nêu hạn chế của mục \"{0}\"", "finding sentence of \"{0}\"";
    RptBlankCauses => "nguyên nhân", "causes";
    RptBlankRecommendations => "đề xuất, kiến nghị", "recommendations";
    RptBlankSigner => "họ tên người ký", "signer's name";
    RptBlankRecipients => "nơi nhận", "recipients";
    RptVisitOfRound => "{0}, ngày {1} (đợt {2})", "{0}, on {1} (round {2})";
    RptNoteDraft => "Phiếu còn là bản nháp: {0}, ngày {1} ({2})", "Visit still a draft: {0}, on {1} ({2})";
    RptNoteEdited => "Phiếu bị sửa sau khi hoàn thành: {0}, ngày {1} ({2})", "Visit edited after being marked final: {0}, on {1} ({2})";
    RptNoteDuplicate => "Phiếu trùng (cùng chi bộ, cùng ngày): {0}, ngày {1}: {2}", "Duplicate visits (same branch, same date): {0}, on {1}: {2}";
    RptNoteOtherRound => "Phiếu không thuộc đợt {0}: {1}", "Visits not of round {0}: {1}";
    RptNoteRounds => "Các phiếu thuộc nhiều đợt kiểm tra: {0}", "The visits are of several rounds: {0}";
    RptNoteMissing => "Chi bộ theo kế hoạch chưa được khảo sát: {0}", "Planned branches not inspected: {0}";
    RptNoteSkipped => "Tệp bị bỏ qua: {0}: {1}", "File skipped: {0}: {1}";
    RptNoteFinding => "{0} ({1}): chưa đạt {2}/{3} — {4}; {5}", "{0} ({1}): failing {2}/{3} — {4}; {5}";
    RptBlankLine => "Còn trống: {0}", "Blank: {0}";
    RptDocxNeedsOutput => "định dạng docx cần tham số -o TỆP (không ghi tệp nhị phân ra màn hình)", "the docx format needs -o FILE (binary output is not written to the terminal)";
    RptWarnNoRound => "Không có round.ron đọc được cho các phiếu này: phần mở đầu để trống ngày và cơ quan ban hành quyết định", "No readable round.ron governs these visits: the opening leaves the decision's date and issuing body blank";
    RptWarnRounds => "Các phiếu thuộc nhiều đợt kiểm tra: {0}", "The visits are of several rounds: {0}";
    RptWarnOtherRound => "{0} phiếu không thuộc đợt {1} mà báo cáo nói về: {2}", "{0} visit(s) are not of round {1}, which the report is about: {2}";
    RptWarnDraft => "{0}, ngày {1}: phiếu còn là bản nháp ({2})", "{0}, on {1}: the visit is still a draft ({2})";
    RptWarnEdited => "{0}, ngày {1}: phiếu bị sửa sau khi hoàn thành ({2})", "{0}, on {1}: the visit was edited after being marked final ({2})";
    RptWarnDuplicate => "{0}, ngày {1}: có nhiều phiếu cho cùng chi bộ, cùng ngày ({2})", "{0}, on {1}: several visits of the same branch on the same date ({2})";
    RptWarnMissing => "Còn {0} chi bộ theo kế hoạch chưa được khảo sát: {1}", "{0} planned branch(es) not inspected yet: {1}";
    RptWarnNoSentence => "Mục {0} (\"{1}\") không có câu nêu hạn chế: báo cáo để trống chỗ đó", "Item {0} (\"{1}\") has no finding sentence: the report leaves a blank there";
}
