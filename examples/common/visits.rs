//! Realistic synthetic visits against the default template, shared by `examples/synth.rs` and
//! the benches (`#[path]`-included: this folder has no `main.rs`, so it is not an example itself).
//!
//! Deterministic: the same seed gives the same visits, in the same order.

#![allow(dead_code)]

use std::collections::{BTreeMap, HashSet};

use jiff::Timestamp;
use jiff::civil::{Date, date};
use khaosat::core::problems::value_problem;
use khaosat::core::rules::applies;
use khaosat::core::template::{FailsWhen, Item, Kind, Template};
use khaosat::core::text::slug;
use khaosat::core::visit::{Answer, BranchType, MeetingKind, Members, NewVisit, TimeOfDay, Value, Visit, VisitStatus};

/// SplitMix64: tiny, fast, deterministic; good enough for test data.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        if hi <= lo {
            return lo;
        }
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }

    /// True with probability `percent` %.
    fn chance(&mut self, percent: u32) -> bool {
        self.range(0, 99) < percent
    }

    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.next() as usize % list.len()]
    }
}

const COMMITTEES: [&str; 16] = [
    "Đảng bộ phường Mai Dịch",
    "Đảng bộ phường Dịch Vọng",
    "Đảng bộ phường Dịch Vọng Hậu",
    "Đảng bộ phường Quan Hoa",
    "Đảng bộ phường Nghĩa Đô",
    "Đảng bộ phường Nghĩa Tân",
    "Đảng bộ phường Yên Hòa",
    "Đảng bộ phường Trung Hòa",
    "Đảng bộ xã Đông Anh",
    "Đảng bộ xã Tiên Dương",
    "Đảng bộ Công an quận",
    "Đảng bộ Quân sự quận",
    "Đảng bộ Khối cơ quan quận",
    "Đảng bộ Khối doanh nghiệp quận",
    "Đảng bộ Trường Đại học Sư phạm",
    "Đảng bộ Bệnh viện Đa khoa tỉnh",
];

const PLACES: [&str; 12] = [
    "Tổ dân phố số",
    "Khu dân cư số",
    "Thôn Đông",
    "Thôn Hạ",
    "Xóm Mới",
    "Khu tập thể",
    "Tổ dân phố Trung Kính",
    "Khu đô thị Nam",
    "Thôn Phúc Lộc",
    "Thôn Đoài",
    "Khu phố Hòa Bình",
    "Tổ dân phố Yên Lãng",
];

const UNITS: [&str; 12] = [
    "Phòng Tài chính - Kế hoạch",
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Văn phòng HĐND và UBND",
    "Trung tâm Y tế",
    "Ban Quản lý dự án",
    "Phòng Thông tin thị trường lao động",
    "Đội Quản lý trật tự đô thị",
    "Kho bạc Nhà nước",
    "Chi cục Thuế",
    "Phòng Giáo dục và Đào tạo",
    "Đội Tổng hợp",
];

const SCHOOLS: [&str; 8] = [
    "Trường THCS Nguyễn Siêu",
    "Trường THPT Yên Hòa",
    "Trường Tiểu học Nghĩa Đô",
    "Trường Mầm non Hoa Sen",
    "Trường THCS Dịch Vọng",
    "Trường Tiểu học Mai Dịch",
    "Trường THCS Cầu Giấy",
    "Trường THPT Lê Quý Đôn",
];

const FIRMS: [&str; 8] = [
    "Công ty cổ phần Tư vấn đầu tư và Xây dựng",
    "Công ty TNHH Thương mại Hòa Phát",
    "Công ty cổ phần Vận tải Thăng Long",
    "Công ty Điện lực",
    "Công ty TNHH MTV Nước sạch",
    "Công ty cổ phần May Đức Giang",
    "Hợp tác xã Nông nghiệp Đông Anh",
    "Hợp tác xã Dịch vụ Tiên Dương",
];

const SURNAMES: [&str; 10] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"];
const MIDDLE: [&str; 8] = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Thanh", "Hữu"];
const GIVEN: [&str; 12] = ["Chiến", "Tú", "Hùng", "Lan", "Hương", "Dũng", "Thảo", "Sơn", "Hà", "Long", "Quỳnh", "Bình"];

const ROUNDS: [&str; 5] = ["967-QĐ/QU", "1024-QĐ/QU", "88-QĐ/ĐU", "312-QĐ/QU", "45-KH/ĐU"];

const NOTES: [&str; 16] = [
    "Báo cáo chủ yếu nêu kết quả chuyên môn; công tác đảng chỉ nêu một đoạn ngắn",
    "Chưa liên hệ Quy định 08 và Quy định 37",
    "Chưa đánh giá việc thực hiện cam kết khắc phục hạn chế sau kiểm điểm năm trước",
    "Một số đồng chí đến muộn khoảng 15 phút",
    "Đảng viên phát biểu thẳng thắn, có ý kiến đóng góp xây dựng",
    "Bí thư giao cho văn phòng soạn báo cáo, chỉ duyệt lại",
    "Không có dự thảo nghị quyết, chỉ kết luận miệng",
    "Biên bản ghi sau buổi họp, thiếu thời gian kết thúc",
    "Chi ủy hội ý qua điện thoại, không có biên bản",
    "Hướng dẫn chưa yêu cầu gửi trước tài liệu",
    "Phần tự phê bình còn chung chung, chưa chỉ rõ cá nhân",
    "Có thông báo qua nhóm Zalo của chi bộ",
    "Đồng chí bí thư đọc báo cáo, không thảo luận nhiều",
    "Nghị quyết phân công rõ người, rõ việc, rõ thời hạn",
    "Sổ ghi chép của một số đảng viên còn sơ sài\nCần nhắc nhở ghi chép đầy đủ",
    "Chưa thông qua biên bản trước khi bế mạc",
];

const REMARKS: [&str; 10] = [
    "Đảng viên phát biểu thẳng thắn về việc phân công nhiệm vụ",
    "Chuẩn bị tài liệu chu đáo, có trình chiếu",
    "Liên hệ tốt nhiệm vụ chính trị của đơn vị",
    "Thời gian sinh hoạt ngắn, chưa đủ 90 phút",
    "Nội dung sinh hoạt còn dàn trải, thiếu trọng tâm",
    "Chưa kiểm điểm việc thực hiện nghị quyết tháng trước",
    "Báo cáo tháng cần dành phần riêng đánh giá công tác xây dựng Đảng",
    "Cần chuẩn bị dự thảo nghị quyết trước buổi sinh hoạt",
    "Tăng cường sinh hoạt chuyên đề theo quý",
    "Đề nghị chi ủy họp trước để thống nhất nội dung",
];

fn person(rng: &mut Rng) -> String {
    format!("{} {} {}", rng.pick(&SURNAMES), rng.pick(&MIDDLE), rng.pick(&GIVEN))
}

/// A branch name that fits its type and committee.
fn branch_for(rng: &mut Rng, committee: &str) -> (String, BranchType) {
    let number = rng.range(1, 40);
    if committee.contains("Công an") {
        let unit = rng.pick(&[
            "Đội Cảnh sát giao thông, trật tự",
            "Công an phường",
            "Đội Điều tra tổng hợp",
            "Đội Cảnh sát hình sự",
        ]);
        return (format!("Chi bộ {unit}"), BranchType::CongAn);
    }
    if committee.contains("Quân sự") {
        return (format!("Chi bộ Ban Chỉ huy Quân sự số {number}"), BranchType::QuanDoi);
    }
    if committee.contains("Trường") {
        let unit = rng.pick(&["Khoa Toán - Tin", "Khoa Ngữ văn", "Khoa Lịch sử", "Phòng Đào tạo", "Khoa Sinh học"]);
        return (format!("Chi bộ {unit}"), BranchType::SuNghiep);
    }
    if committee.contains("Bệnh viện") {
        let unit = rng.pick(&["Khoa Nội", "Khoa Ngoại", "Khoa Nhi", "Phòng Kế hoạch tổng hợp"]);
        return (format!("Chi bộ {unit}"), BranchType::SuNghiep);
    }
    if committee.contains("doanh nghiệp") {
        let firm = rng.pick(&FIRMS);
        let t = if firm.starts_with("Hợp tác xã") {
            BranchType::HopTacXa
        } else if firm.contains("Điện lực") || firm.contains("Nước sạch") {
            BranchType::DnNhaNuoc
        } else {
            BranchType::DnNgoaiNhaNuoc
        };
        return (format!("Chi bộ {firm}"), t);
    }
    if committee.contains("cơ quan") {
        return (format!("Chi bộ {}", rng.pick(&UNITS)), BranchType::CoQuan);
    }
    match rng.range(0, 9) {
        0 => (format!("Chi bộ {}", rng.pick(&SCHOOLS)), BranchType::TruongHoc),
        1 => (format!("Chi bộ {}", rng.pick(&UNITS)), BranchType::CoQuan),
        2 if committee.contains("xã") => (format!("Chi bộ {} {number}", rng.pick(&PLACES)), BranchType::NongThon),
        3 => (format!("Chi bộ {}", rng.pick(&FIRMS)), BranchType::DnNgoaiNhaNuoc),
        4 => (format!("Chi bộ số {number}"), BranchType::Khac),
        _ if committee.contains("xã") => (format!("Chi bộ {} {number}", rng.pick(&PLACES)), BranchType::NongThon),
        _ => (format!("Chi bộ {} {number}", rng.pick(&PLACES)), BranchType::KhuDanCu),
    }
}

fn time(minutes: u32) -> TimeOfDay {
    let minutes = minutes.min(23 * 60 + 59);
    TimeOfDay::new((minutes / 60) as u8, (minutes % 60) as u8).unwrap_or_else(|| unreachable!())
}

/// An answer that fits the item's kind. `quality` (0–100) is how well this branch does.
fn value_for(rng: &mut Rng, item: &Item, quality: u32, members: &Members) -> Option<Value> {
    let present = members.present.unwrap_or(10);
    let good = |rng: &mut Rng| rng.chance(quality);
    let id = item.id.as_str();
    Some(match &item.kind {
        Kind::YesNo { allow_na } => {
            if *allow_na && rng.chance(6) {
                Value::NotApplicable
            } else if good(rng) {
                Value::Yes
            } else {
                Value::No
            }
        }
        Kind::Count { min, max, at_most_present } => {
            let cap = if *at_most_present { (*max).min(present) } else { *max };
            let n = if id.ends_with("speakers") {
                if good(rng) { rng.range(3, 12) } else { rng.range(0, 3) }
            } else if good(rng) {
                0
            } else {
                rng.range(1, 4)
            };
            Value::Number(n.clamp(*min, cap.max(*min)))
        }
        Kind::CountPair { max, .. } => {
            let quarters = rng.range(1, 4).min(*max);
            let held = if good(rng) { quarters + rng.range(0, 1) } else { rng.range(0, quarters) };
            Value::Pair(held.min(*max), quarters)
        }
        Kind::Scale => {
            let n = if good(rng) { rng.range(3, 5) } else { rng.range(1, 3) };
            Value::Scale(n as u8)
        }
        Kind::Choice { options } => {
            let i = if good(rng) { rng.range(0, 1) } else { rng.range(1, options.len().saturating_sub(1) as u32) };
            Value::Choice(options.get(i as usize).or(options.first())?.id.clone())
        }
        Kind::MultiChoice { options } => {
            // A "good" branch ticks few options where ticking fails (fields missing from the
            // minutes) and most where leaving one unticked fails (documents studied).
            let ticking_fails = matches!(item.finding.as_ref().map(|f| &f.fails_when), Some(FailsWhen::AnyChosen));
            let share = match (good(rng), ticking_fails) {
                (true, true) => 3,
                (false, true) => 25,
                (true, false) => 95,
                (false, false) => 50,
            };
            let ticked = options.iter().filter(|_| rng.chance(share)).map(|o| o.id.clone()).collect();
            Value::Choices(ticked)
        }
        Kind::Text { multiline } => {
            if rng.chance(40) {
                return None;
            }
            let mut text = rng.pick(&REMARKS).to_string();
            if *multiline && rng.chance(40) {
                let more = rng.pick(&REMARKS).to_string();
                text.push('\n');
                text.push_str(&more);
            }
            Value::Text(text)
        }
        Kind::Time => Value::Time(time(rng.range(7 * 60, 20 * 60))),
        Kind::Computed(_) => return None,
    })
}

pub fn make_visit(
    rng: &mut Rng,
    template: &Template,
    base: &Visit,
    names: &mut HashSet<String>,
) -> (String, String, Visit) {
    let committee = rng.pick(&COMMITTEES).to_string();
    let (branch, branch_type) = branch_for(rng, &committee);
    let day: Date = date(2022, 1, 1)
        .checked_add(jiff::Span::new().days(i64::from(rng.range(0, 3 * 365))))
        .unwrap_or(date(2022, 4, 5));
    let kind = match rng.range(0, 9) {
        0 | 1 => MeetingKind::Thematic,
        2 => MeetingKind::Combined,
        _ => MeetingKind::Regular,
    };
    let mut inspectors = vec![person(rng)];
    if rng.chance(40) {
        inspectors.push(person(rng));
    }
    let facts = NewVisit {
        branch,
        committee,
        branch_type,
        kind,
        date: day,
        inspectors,
        round: rng.chance(85).then(|| rng.pick(&ROUNDS).to_string()),
    };
    let mut visit = base.clone();
    visit.round = facts.round;
    visit.meeting.branch = facts.branch;
    visit.meeting.committee = facts.committee;
    visit.meeting.branch_type = facts.branch_type;
    visit.meeting.kind = facts.kind;
    visit.meeting.date = facts.date;
    visit.inspectors = facts.inspectors;

    // Meeting facts: most visits have them, a few drafts lack some.
    let m = &mut visit.meeting;
    let total = rng.range(3, 60);
    if rng.chance(95) {
        let exempted = rng.range(0, total / 8);
        let expected = total - exempted;
        let absent = if rng.chance(70) { rng.range(0, expected / 10) } else { rng.range(0, expected / 3) };
        let unexcused = if rng.chance(80) { 0 } else { rng.range(0, absent) };
        m.members = Members {
            total: Some(total),
            exempted: Some(exempted),
            present: Some(expected - absent),
            // Left out so that the synthetic data (and the benchmarks on it) stay as they were.
            exempted_present: None,
            absent_excused: Some(absent - unexcused),
            absent_unexcused: Some(unexcused),
        };
    }
    if rng.chance(92) {
        let start = *rng.pick(&[7 * 60 + 30, 8 * 60, 14 * 60, 14 * 60 + 30, 19 * 60 + 30]);
        m.start = Some(time(start));
        m.end = Some(time(start + rng.range(55, 180)));
    }
    m.has_committee = if rng.chance(10) { None } else { Some(total >= 9) };
    if rng.chance(80) {
        m.chair = rng.pick(&["Bí thư chi bộ", "Phó Bí thư chi bộ", "Bí thư chi bộ, Trưởng đơn vị"]).to_string();
        m.minutes_secretary = rng.pick(&["Chi ủy viên", "Đảng viên", "Phó Bí thư chi bộ"]).to_string();
    }
    if rng.chance(50) {
        m.higher_attendees = format!("Đồng chí {} - Đảng ủy viên phụ trách chi bộ", person(rng));
    }
    let members = m.members;

    // Answers in template order, so conditions on earlier answers see them.
    let quality = rng.range(55, 98);
    let unanswered = if rng.chance(30) { rng.range(5, 40) } else { rng.range(0, 4) };
    visit.answers = BTreeMap::new();
    for r in template.items() {
        let item = r.item;
        if item.kind.is_computed() || !applies(item, &visit) || rng.chance(unanswered) {
            continue;
        }
        let mut value = value_for(rng, item, quality, &members);
        if !matches!(item.kind, Kind::YesNo { .. }) && value.is_some() && rng.chance(2) {
            value = Some(Value::NotApplicable);
        }
        if let Some(v) = &value
            && value_problem(item, v).is_some()
        {
            value = None;
        }
        let note = if rng.chance(12) { rng.pick(&NOTES).to_string() } else { String::new() };
        let answer = Answer { value, note };
        if !answer.is_empty() {
            visit.answers.insert(item.id.clone(), answer);
        }
    }
    if rng.chance(20) {
        visit.notes = format!("{}\n{}", rng.pick(&REMARKS), rng.pick(&NOTES));
    }
    visit.last_item = visit.answers.keys().next_back().cloned();
    visit.status = if unanswered < 5 && rng.chance(75) { VisitStatus::Final } else { VisitStatus::Draft };
    let noon: Timestamp = format!("{day}T02:00:00Z").parse().unwrap_or(Timestamp::UNIX_EPOCH);
    visit.created = noon;
    visit.updated =
        noon.checked_add(jiff::SignedDuration::from_secs(i64::from(rng.range(0, 3 * 86_400)))).unwrap_or(noon);
    visit.normalize();

    let folder = slug(&visit.meeting.committee);
    let base_name = format!("{}_{}", visit.meeting.date, slug(&visit.meeting.branch));
    let mut name = format!("{folder}/{base_name}.ron");
    let mut n = 2;
    while !names.insert(name.clone()) {
        name = format!("{folder}/{base_name}-{n}.ron");
        n += 1;
    }
    (folder, name, visit)
}

/// Makes visits one after another, each with its path relative to the output folder
/// (`committee-slug/DATE_branch-slug.ron`, suffixed `-2`, `-3` … when taken).
pub struct Generator {
    template: Template,
    base: Visit,
    rng: Rng,
    names: HashSet<String>,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        let template = Template::embedded();
        let facts = NewVisit {
            branch: String::new(),
            committee: String::new(),
            branch_type: BranchType::Khac,
            kind: MeetingKind::Regular,
            date: date(2022, 1, 1),
            inspectors: Vec::new(),
            round: None,
        };
        // One base visit: the template hash is computed once, not per visit.
        let base = Visit::new(&template, facts, Timestamp::UNIX_EPOCH);
        Generator { template, base, rng: Rng(seed ^ 0x6B68_616F_7361_7421), names: HashSet::new() }
    }

    pub fn template(&self) -> &Template {
        &self.template
    }

    /// The next visit: (folder, relative path, visit).
    pub fn next_visit(&mut self) -> (String, String, Visit) {
        make_visit(&mut self.rng, &self.template, &self.base, &mut self.names)
    }
}
