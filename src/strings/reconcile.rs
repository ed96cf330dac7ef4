//! The words of reconciling two records of one meeting: `khaosat reconcile`, its `--help`, and the
//! summary's warning about records not reconciled yet.

use super::Lang;

messages! { ReconcileMsg;
    RecDuplicate => "{0} ({1}), ngày {2}: {3} phiếu ghi cùng một buổi sinh hoạt ({4}), được tính là một: theo phiếu {5}; chỗ hai phiếu khác nhau ({6}) tính câu trả lời có nêu hạn chế, ghi chú được nối lại. Hãy đối chiếu: khaosat reconcile {7} {8}", "{0} ({1}), {2}: {3} records of the same meeting ({4}), counted as one: as {5} records it; where they differ ({6}) the answer that makes a finding counts, and notes are joined. Reconcile them: khaosat reconcile {7} {8}";
    RecNoDifference => "không có", "none";
    RecStrictFailed => "--strict: {0} buổi sinh hoạt có nhiều phiếu chưa được đối chiếu", "--strict: {0} meetings have several records not reconciled";
    RecMismatchBranch => "chi bộ \"{0}\" / \"{1}\"", "branch \"{0}\" / \"{1}\"";
    RecMismatchCommittee => "đảng bộ \"{0}\" / \"{1}\"", "committee \"{0}\" / \"{1}\"";
    RecMismatchDate => "ngày {0} / {1}", "date {0} / {1}";
    RecNotSameMeeting => "{0} và {1} không ghi cùng một buổi sinh hoạt ({2}): chỉ đối chiếu được hai phiếu cùng chi bộ, cùng đảng bộ, cùng ngày", "{0} and {1} do not record the same meeting ({2}): only records of the same branch, committee and date can be reconciled";
    RecOtherTemplate => "{0} và {1} được điền theo hai mẫu khác nhau ({2} / {3}): không đối chiếu từng mục được; điền lại một phiếu theo cùng mẫu với phiếu kia", "{0} and {1} were filled against different templates ({2} / {3}): they cannot be set item by item side by side; fill one again against the other's template";
    RecSameFile => "Cùng một tệp được nêu hai lần: {0}", "The same file is named twice: {0}";
    RecAlreadyReconciled => "{0} đã được đối chiếu vào {1}: dùng tệp đó (hoặc hoàn tác: khaosat reconcile --undo {1})", "{0} was already reconciled into {1}: use that file (or undo: khaosat reconcile --undo {1})";
    RecUsage => "reconcile cần hai tệp phiếu (A B), hoặc một tệp với --undo", "reconcile takes two visit files (A B), or one file with --undo";
    RecLegend => "{0}: {1} ({2})", "{0}: {1} ({2})";
    RecAgree => "giống nhau", "agree";
    RecDiffer => "khác nhau", "differ";
    RecOnlyA => "chỉ có ở A", "only in A";
    RecOnlyB => "chỉ có ở B", "only in B";
    RecNoAnswer => "(chưa trả lời)", "(no answer)";
    RecNote => "ghi chú", "note";
    RecCounts => "{0} giống nhau, {1} khác nhau, {2} chỉ có ở A, {3} chỉ có ở B", "{0} agree, {1} differ, {2} only in A, {3} only in B";
    RecNotesJoined => "Ghi chú của hai phiếu (từng mục và ghi chú chung) được nối lại, không bỏ ghi chú nào; người khảo sát của cả hai phiếu được giữ.", "Both records' notes (each item's and the general notes) are joined, none dropped; both records' inspectors are kept.";
    RecToPick => "Còn {0} chỗ khác nhau cần chọn: {1}. Chọn bằng --take a|b (mọi chỗ khác nhau) hoặc --pick MỤC=a|b (từng chỗ, lặp lại được)", "{0} differences still to pick: {1}. Pick with --take a|b (every difference) or --pick ITEM=a|b (one at a time, repeatable)";
    RecBadPick => "--pick cần dạng MỤC=a hoặc MỤC=b, không phải \"{0}\"", "--pick takes ITEM=a or ITEM=b, not \"{0}\"";
    RecUnknownPick => "Không có chỗ khác nhau nào tên \"{0}\"; các chỗ khác nhau: {1}", "No difference is named \"{0}\"; the differences: {1}";
    RecHeld => "{0} đang được mở bởi {1}: đóng phiếu đó lại rồi thử lại", "{0} is open by {1}: close it and try again";
    RecOddLock => "{0}: ở chỗ tệp khóa {1} có {2}; xóa nó đi rồi thử lại", "{0}: there is {2} where its lock file {1} should be; remove it and try again";
    RecWriteFailed => "Không ghi được {0}: {1}", "Could not write {0}: {1}";
    RecLoadFailed => "Không đọc được {0}: {1}", "Could not read {0}: {1}";
    RecDone => "Đã đối chiếu {0} và {1} thành {2} (phiếu nháp, {3} người khảo sát). Hai phiếu gốc được giữ lại với reconciled_into và không còn được tính hay liệt kê. Hoàn tác (khi {2} chưa hoàn tất): khaosat reconcile --undo {2}", "Reconciled {0} and {1} into {2} (a draft, {3} inspectors). The two records are kept, marked reconciled_into, and no longer counted or listed. To undo (while {2} is not final): khaosat reconcile --undo {2}";
    RecUndoNotResult => "{0} không phải là phiếu tạo ra bằng đối chiếu (không có reconciled_from): không có gì để hoàn tác", "{0} was not made by reconciling (it has no reconciled_from): nothing to undo";
    RecUndoFinal => "{0} đã được hoàn tất (bởi {1}): việc đối chiếu không còn hoàn tác được", "{0} has been finalised (by {1}): the reconciliation can no longer be undone";
    RecUndoEdited => "{0} đã được sửa sau khi đối chiếu (lúc {1}): hoàn tác sẽ xóa những sửa đó; thêm --force nếu vẫn muốn hoàn tác", "{0} was edited after reconciling (at {1}): undoing would delete those edits; add --force to undo anyway";
    RecUndoOriginalMissing => "Không tìm thấy phiếu gốc {0} (hoặc nó không còn trỏ tới {1}): để nguyên", "The record {0} is not there (or no longer points to {1}): left alone";
    RecUndone => "Đã hoàn tác: xóa {0}; {1} được tính lại như trước", "Undone: {0} deleted; {1} counted again as before";
    RecHelpAbout => "Đối chiếu hai phiếu của cùng một buổi sinh hoạt thành một phiếu (chọn bên cho từng chỗ khác nhau, ghi chú được nối lại); hoàn tác bằng --undo", "Reconcile two records of one meeting into one visit (pick a side for each difference; notes are joined); undo with --undo";
    RecHelpFiles => "Hai tệp phiếu A B (với --undo: tệp phiếu tạo ra bằng đối chiếu)", "The two visit files A B (with --undo: the visit made by reconciling)";
    RecHelpTake => "Lấy bên a hoặc b cho mọi chỗ khác nhau chưa chọn riêng", "Take side a or b for every difference not picked one by one";
    RecHelpPick => "Chọn bên cho một chỗ khác nhau: MỤC=a hoặc MỤC=b (mã mục, hoặc thông tin như members.present); lặp lại được", "Pick a side for one difference: ITEM=a or ITEM=b (an item id, or a fact such as members.present); repeatable";
    RecHelpUndo => "Hoàn tác một lần đối chiếu: xóa phiếu tạo ra và trả hai phiếu gốc về như trước (khi phiếu đó chưa hoàn tất)", "Undo a reconciliation: delete the visit it made and restore the two records (while that visit is not final)";
    RecHelpForce => "Với --undo: hoàn tác cả khi phiếu tạo ra đã được sửa sau đó", "With --undo: undo even when the visit made was edited since";
    RecHelpBy => "Người đối chiếu (nếu không nêu: inspector trong tệp cấu hình)", "Who reconciles (else the config's inspector)";
}
