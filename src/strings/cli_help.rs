//! The texts of `--help` (the commands, their arguments and clap's own words), in Vietnamese and
//! English: only `cli::help` reads them.

use super::Lang;

messages! {
    HelpMsg;
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
    CliCmdTemplateShow => "In một mẫu phiếu (theo mã; không nêu: mẫu cho phiếu mới hôm nay), để chép làm mẫu của tỉnh", "Print a template (by id; none: the one a new visit today takes), to copy as a province's own";
    CliCmdTemplateCheck => "Kiểm tra một tệp mẫu phiếu: mã không trùng, điều kiện, ngưỡng, khung điểm, mức xếp loại", "Check a template file: unique ids, conditions, thresholds, the score frame, grade bands";
    CliCmdTemplateList => "Liệt kê các mẫu phiếu (có sẵn và thêm bằng --template): mã, phiên bản, bộ quy định, ngày hiệu lực, số mục", "List the templates (embedded and added with --template): id, version, rule set, days in force, items";
    CliArgTemplateId => "Mã mẫu phiếu, ví dụ hd12-2018 (xem: khaosat template list)", "Template id, e.g. hd12-2018 (see: khaosat template list)";
    CliArgRules => "Bộ quy định của phiếu mới: mã mẫu phiếu, ví dụ hd42-2025 (xem: khaosat template list). Không nêu: theo đợt (round.ron), rồi theo ngày sinh hoạt", "The new visit's rule set: a template id, e.g. hd42-2025 (see: khaosat template list). None: the round's (round.ron), else the one in force on the meeting date";
    CliCmdCompletions => "In đoạn mã gợi ý lệnh (completion) cho shell", "Print shell completions";
    CliCmdSummary => "Tổng hợp các phiếu (tệp và thư mục) thành báo cáo hạn chế (text, md, csv, json, xlsx)", "Merge visit files and folders into a findings report (text, md, csv, json, xlsx)";
    CliCmdConfig => "Vị trí tệp cấu hình", "Where the configuration file is";
    CliCmdConfigPath => "In đường dẫn của tệp cấu hình (và một ví dụ khi tệp chưa có)", "Print the path of the configuration file (and an example when it does not exist)";
    CliCmdRound => "Đợt kiểm tra: round.ron với quyết định, đoàn, văn bản và các chi bộ theo kế hoạch", "Inspection rounds: round.ron with the decision, team, documents and planned branches";
    CliCmdRoundNew => "Tạo round.ron trong thư mục dữ liệu (--dir): quyết định, thời gian, đoàn và văn bản", "Create round.ron in the data folder (--dir): the decision, period, team and documents";
    CliCmdRoundPlan => "Thêm một chi bộ vào kế hoạch của đợt quản lý --dir (hoặc sửa loại hình, ngày, người khảo sát của chi bộ đó)", "Add a branch to the plan of the round governing --dir (or update its type, date, inspector)";
    CliCmdRoundShow => "Xem đợt kiểm tra quản lý --dir và tiến độ của đợt", "Show the round governing --dir and how far it has got";
    CliCmdReport => "Viết báo cáo của đoàn khảo sát (md, docx) từ các phiếu, round.ron và report.ron của đợt", "Write the inspection team's report (md, docx) from the visits, the round's round.ron and report.ron";
    CliCmdCompare => "So sánh hai đợt (thư mục hoặc tệp): hạn chế đã khắc phục, vẫn còn và mới phát sinh, theo từng chi bộ", "Compare two rounds (folders or files): findings fixed, persisting and new, per branch";
    CliCmdFinalise => "Đánh dấu phiếu hoàn tất, ghi lại người xác nhận, thời điểm và mã băm nội dung. Bị từ chối khi phiếu còn vấn đề", "Mark a visit final, recording who, when and a hash of its content. Refused while problems remain";
    CliCmdReopen => "Mở lại một phiếu đã hoàn tất thành phiếu nháp; lý do được lưu trong tệp", "Reopen a final visit as a draft; the reason is kept in the file";
    // … and their arguments.
    CliArgLang => "Ngôn ngữ của thông báo: vi (mặc định, hoặc theo LANG) hoặc en", "Language of messages: vi (default, or from LANG) or en";
    CliArgDir => "Thư mục dữ liệu (nếu không nêu: $KHAOSAT_DIR, rồi thư mục dữ liệu của hệ thống)", "Data folder (else $KHAOSAT_DIR, else the platform data folder)";
    CliArgTemplate => "Thêm một tệp mẫu phiếu (ví dụ mẫu của tỉnh), bên cạnh các mẫu có sẵn", "An extra template file (e.g. a provincial variant), known besides the embedded ones";
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
    CliArgReportPaths => "Các tệp phiếu và thư mục (tìm tệp .ron trong cả thư mục con); round.ron và report.ron lấy theo đường dẫn đầu tiên", "Visit files and folders (searched recursively for .ron files); round.ron and report.ron are those of the first one";
    CliArgReportFormat => "Định dạng: md (Markdown) hoặc docx (Word, cần -o)", "Output format: md (Markdown) or docx (Word; needs -o)";
    CliArgReportOutput => "Ghi vào TỆP (ghi xong mới thay tệp cũ) thay vì in ra. Bắt buộc với docx", "Write to FILE (atomically) instead of standard output. Required for docx";
    CliArgReportStrict => "Thoát với mã 1 khi có cảnh báo (chỗ còn trống không tính là cảnh báo)", "Exit 1 when there is any warning (blanks are not warnings)";
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
    CliCmdMergeDriver => "Gộp ba bản của một phiếu hay round.ron theo từng mục (git gọi lệnh này: khaosat merge-driver %O %A %B %P). Thoát 0: gộp xong; 1: còn xung đột, được giữ trong tệp để chọn", "Merge three copies of a visit or round.ron item by item (git runs it: khaosat merge-driver %O %A %B %P). Exit 0: merged; 1: conflicts remain, kept in the file to choose from";
    CliArgMergeBase => "Bản chung gốc của hai bên (rỗng: cả hai bên cùng tạo tệp)", "The copy both sides started from (empty: both created the file)";
    CliArgMergeOurs => "Bản của máy này; kết quả được ghi vào đây", "This clone's copy; the result is written here";
    CliArgMergeTheirs => "Bản của bên kia", "The other side's copy";
    CliArgMergePath => "Đường dẫn của tệp trong kho (để báo và để nhận ra round.ron)", "The file's path in the repository (for messages, and to tell a round.ron)";
}
