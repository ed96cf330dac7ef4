//! The texts of a team's git: `khaosat git init`, `git doctor`, `sync`, and the words of a sync's
//! commit messages (always Vietnamese there: the team's language), in Vietnamese and English.

use super::Lang;

messages! {
    SyncMsg;
    // Running git.
    GitMissing => "Không tìm thấy chương trình git: hãy cài git (ví dụ: sudo apt-get install git) rồi chạy lại.", "The git program was not found: install git (e.g. sudo apt-get install git) and run this again.";
    GitSpawn => "Không chạy được git: {0}", "Could not run git: {0}";
    GitFailed => "git {0} không thành công: {1}", "git {0} failed: {1}";
    // What changed in a visit (commit messages).
    ChangeNewVisit => "phiếu mới", "new visit";
    ChangeAnswers => "{0} câu trả lời", "answers: {0}";
    ChangeAnswersRemoved => "bỏ {0} câu trả lời", "answers removed: {0}";
    ChangeNotes => "ghi chú", "notes";
    ChangeFacts => "thông tin buổi họp", "meeting facts";
    ChangeConflictsResolved => "chọn {0} xung đột", "conflicts resolved: {0}";
    ChangeConflictsAdded => "{0} xung đột mới", "new conflicts: {0}";
    ChangeReconciled => "hợp nhất hai bản ghi", "two records reconciled";
    ChangeReopened => "mở lại", "reopened";
    ChangeFinalised => "hoàn tất", "finalised";
    ChangeSavedAgain => "lưu lại", "saved again";
    ChangeFile => "sửa tệp", "file changed";
    ChangeNewFile => "tệp mới", "new file";
    ChangeDeleted => "xóa tệp", "file deleted";
    CommitNothing => "khaosat sync", "khaosat sync";
    CommitSubjectMore => "{0} phiếu: {1}; và {2} phiếu khác", "{0} files: {1}; and {2} more";
    // khaosat git init
    InitCreated => "Đã tạo kho git trong {0}.", "Made {0} a git repository.";
    InitAdopted => "{0} đã là kho git: dùng kho này.", "{0} is a git repository already: using it.";
    InitAdoptedParent => "Thư mục nằm trong kho git {0}: dùng kho đó.", "The folder is inside the git repository {0}: using that one.";
    InitFileCreated => "Đã viết {0}.", "Wrote {0}.";
    InitFileExtended => "Đã bổ sung {0}.", "Added to {0}.";
    InitDriverSet => "Đã đặt trình gộp khaosat cho bản sao này (git không chép cấu hình này khi clone).", "Set the khaosat merge driver for this clone (git does not carry this setting in a clone).";
    InitDriverReplaced => "Trình gộp trước đây trỏ đến {0}: nay dùng khaosat này.", "The merge driver named {0}: it is this khaosat now.";
    InitCommitted => "Đã commit .gitattributes và .gitignore.", "Committed .gitattributes and .gitignore.";
    InitNeedsIdentity => "Chưa commit .gitattributes và .gitignore vì git chưa biết tên bạn: git config user.name \"Họ tên\" và git config user.email \"email\", rồi chạy lại khaosat git init.", ".gitattributes and .gitignore are not committed: git does not know your name. Run git config user.name \"Your Name\" and git config user.email \"email\", then khaosat git init again.";
    InitNothingToDo => "Mọi thứ đã được thiết lập từ trước; không thay đổi gì.", "Everything was set up already; nothing changed.";
    InitNextRemote => "Đã sẵn sàng. Thêm kho chung: git remote add origin URL, rồi chạy khaosat sync.", "Ready. Add the team's repository: git remote add origin URL, then run khaosat sync.";
    InitNextSync => "Đã sẵn sàng: chạy khaosat sync để đồng bộ với đoàn.", "Ready: run khaosat sync to sync with the team.";
    InitIo => "Không ghi được {0}: {1}", "Could not write {0}: {1}";
    InitNoWorkTree => "{0} nằm trong thư mục .git hoặc một kho không có thư mục làm việc: hãy chọn thư mục chứa các phiếu.", "{0} is inside a .git folder or a bare repository: choose the folder that holds the visits.";
    // khaosat git doctor
    DoctorNotRepo => "Thư mục này chưa là kho git: chạy khaosat git init {0}.", "This folder is not a git repository: run khaosat git init {0}.";
    DoctorNoAttribute => "Các tệp .ron chưa được gộp bằng khaosat (thiếu dòng \"{0}\" trong .gitattributes): chạy khaosat git init {1}.", "The .ron files are not merged by khaosat (.gitattributes lacks \"{0}\"): run khaosat git init {1}.";
    DoctorNoDriver => "Bản sao này chưa cấu hình trình gộp khaosat (git không chép cấu hình khi clone), nên git sẽ gộp phiếu như văn bản: chạy khaosat git init {0}.", "This clone has no khaosat merge driver configured (git does not carry it in a clone), so git would merge visits as text: run khaosat git init {0}.";
    DoctorDriverGone => "Trình gộp được cấu hình trỏ đến {0}, nay không còn (khaosat đã chuyển chỗ hoặc nâng cấp): chạy khaosat git init {1}.", "The configured merge driver names {0}, which is gone (khaosat moved or was upgraded): run khaosat git init {1}.";
    DoctorNoRemote => "Chưa có kho chung để đồng bộ: git remote add origin URL.", "There is no team repository to sync with: git remote add origin URL.";
    DoctorNoIdentity => "Git chưa biết tên và email của bạn để ghi vào commit: git config user.name \"Họ tên\" và git config user.email \"email\".", "Git does not know your name and e-mail for commits: git config user.name \"Your Name\" and git config user.email \"email\".";
    DoctorMerge => "Có một lần gộp chưa xong: chạy khaosat sync {0} để hoàn tất (hoặc git merge --abort để bỏ).", "A merge is unfinished: run khaosat sync {0} to conclude it (or git merge --abort to drop it).";
    DoctorRebase => "Có một lần rebase chưa xong: git rebase --continue (hoặc git rebase --abort), rồi khaosat sync.", "A rebase is unfinished: git rebase --continue (or git rebase --abort), then khaosat sync.";
    DoctorConflicts => "{0}: {1} xung đột chưa chọn: mở khaosat edit {2} và chọn từng mục.", "{0}: {1} conflicts not chosen yet: open khaosat edit {2} and pick for each item.";
    DoctorMarkers => "{0}: có dấu xung đột git ở dòng {1} (git đã gộp như văn bản): sửa tay các dấu <<<<<<< ======= >>>>>>> rồi chạy khaosat sync {2}.", "{0}: git conflict markers at line {1} (git merged it as text): remove the <<<<<<< ======= >>>>>>> markers by hand, then run khaosat sync {2}.";
    DoctorHealthy => "Kho git ổn: sẵn sàng đồng bộ.", "The git repository is fine: ready to sync.";
    // khaosat sync
    SyncRefused => "Chưa đồng bộ.", "Not synced.";
    SyncAlreadyRunning => "Một lần đồng bộ khác đang chạy trong bản sao này: chờ nó xong rồi chạy lại.", "Another sync is running in this clone: wait for it to finish and run this again.";
    SyncGitRunning => "Một chương trình git khác (pid {0}) vẫn đang làm việc trong kho này: chờ nó xong rồi chạy lại khaosat sync.", "Another git (pid {0}) is still working in this repository: wait for it to finish, then run khaosat sync again.";
    SyncRecentLock => "Có tệp khóa git mới tạo ({0}) và không biết git nào giữ nó: nếu không có git nào đang chạy, xóa tệp đó rồi chạy lại.", "A recent git lock file ({0}) is there and its git cannot be known: if no git is running, remove it and run this again.";
    SyncDetached => "Kho đang không ở nhánh nào (detached HEAD): git switch main (hoặc nhánh của đoàn), rồi chạy lại.", "The repository is on no branch (detached HEAD): git switch main (or the team's branch), then run this again.";
    SyncIo => "Lỗi đọc ghi: {0}", "Read/write error: {0}";
    SyncStaleLocks => "Đã dọn {0} tệp khóa do một lần git bị dừng giữa chừng để lại.", "Removed {0} lock files left by a git stopped midway.";
    SyncRepaired => "{0}: một lần git bị dừng giữa chừng đã ghi dở tệp này; đã lấy lại bản đã commit (bản ghi dở giữ ở {1}).", "{0}: a git stopped midway left this file half written; the committed version is back (the half-written text is kept in {1}).";
    SyncConcluded => "Đã hoàn tất lần gộp còn dở từ lần đồng bộ trước.", "Concluded the merge a previous sync left unfinished.";
    SyncNothingToCommit => "Không có thay đổi mới của bạn để commit.", "No new changes of yours to commit.";
    SyncCommitted => "Đã commit {0} tệp:", "Committed {0} files:";
    SyncNoRemote => "Chưa có kho chung (git remote add origin URL): mọi thay đổi được giữ trong kho trên máy này.", "No team repository yet (git remote add origin URL): everything is kept in the repository on this machine.";
    SyncUnreachable => "Không kết nối được kho chung {0} ({1}): mọi thay đổi đã commit trên máy này, lần đồng bộ sau sẽ gửi đi.", "Could not reach the team repository {0} ({1}): everything is committed on this machine, and the next sync sends it.";
    SyncPulled => "Đã nhận thay đổi của đoàn ở {0} tệp:", "Took in the team's changes in {0} files:";
    SyncSkippedOpen => "Chưa nhận thay đổi của đoàn: {0} đang mở trong một phiên khác ({1}); đóng phiếu đó rồi đồng bộ lại.", "The team's changes were not taken in: {0} is open in another session ({1}); close it and sync again.";
    SyncPushed => "Đã gửi {0} commit lên kho chung.", "Sent {0} commits to the team repository.";
    SyncUpToDate => "Kho chung đã có mọi thay đổi của bạn.", "The team repository has all your changes.";
    SyncRefusedPush => "Kho chung không nhận: {0}", "The team repository refused: {0}";
    SyncNotPushedBehind => "Chưa gửi đi: kho chung có thay đổi chưa gộp vào đây; lần đồng bộ sau sẽ gửi.", "Not sent: the team repository has changes not merged here yet; the next sync sends them.";
    SyncConflicts => "{0}: {1} xung đột giữ lại để chọn trong phiếu (khaosat edit).", "{0}: {1} conflicts kept to choose from in the checklist (khaosat edit).";
    SyncHandMerge => "{0}: git đã gộp như văn bản, cần sửa tay các dấu <<<<<<< ======= >>>>>>> rồi chạy lại khaosat sync; lần gộp để dở đến khi đó.", "{0}: git merged it as text; remove the <<<<<<< ======= >>>>>>> markers by hand, then run khaosat sync again; the merge stays unfinished until then.";
    SyncTimings => "Thời gian: {0} ms, trong đó git {1} ms, khaosat {2} ms.", "Time: {0} ms, of which git {1} ms, khaosat {2} ms.";
    // --help
    CliCmdGit => "Kho git của đoàn: thiết lập và kiểm tra", "The team's git repository: set up and check";
    CliCmdGitInit => "Biến thư mục dữ liệu thành kho git (hoặc dùng kho có sẵn) gộp phiếu theo từng mục: .gitattributes, .gitignore, trình gộp khaosat", "Make the data folder a git repository (or adopt one) that merges visits item by item: .gitattributes, .gitignore, the khaosat merge driver";
    CliCmdGitDoctor => "Nói điều gì chưa ổn trong kho git và lệnh sửa; mã thoát 0: ổn, 1: có vấn đề", "Say what is wrong with the git repository and the command that fixes it; exit 0 fine, 1 problems";
    CliCmdSync => "Đồng bộ với đoàn: commit thay đổi của bạn, nhận thay đổi của đoàn (gộp theo từng mục), gửi đi; không có mạng thì giữ lại trên máy", "Sync with the team: commit your changes, take in the team's (merged item by item), send yours; offline, everything stays on this machine";
    CliArgGitDir => "Thư mục (mặc định: thư mục dữ liệu)", "Folder (default: the data folder)";
    CliArgTimings => "In thời gian của git và của khaosat", "Print the time spent in git and in khaosat";
}
