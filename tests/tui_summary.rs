//! The summary screen: merge results arrive as events; keys drill into a finding, open a visit,
//! change filters and export the report. Snapshots at 80×24 in Vietnamese and English.

use std::path::PathBuf;

use khaosat::core::summary::{Filters, Summary, SummaryBuilder};
use khaosat::core::template::Template;
use khaosat::store::{find_visit_files, load_visit};
use khaosat::strings::Lang;
use khaosat::tui::keymap::KeyMap;
use khaosat::tui::state::{App, Effect, Event, Overlay, Screen};
use khaosat::tui::update::update;
use khaosat::tui::view::{Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn fixed_clock() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_650_000_000).expect("valid timestamp")
}

fn demo_summary(lang: Lang, filters: Filters) -> Summary {
    let templates = vec![Template::embedded()];
    let (files, errors) = find_visit_files(&[PathBuf::from("data/examples/round-967")]);
    assert!(errors.is_empty());
    let mut builder = SummaryBuilder::new(lang, filters);
    for path in &files {
        let visit = load_visit(path, &templates).expect("demo visit loads");
        builder.add(&visit, &templates[0], path);
    }
    builder.finish()
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// An app on the summary screen with the demo round merged.
fn summary_app(lang: Lang) -> App {
    let mut app = App::new(lang, KeyMap::default(), vec![Template::embedded()], String::new());
    app.clock = fixed_clock;
    update(&mut app, Event::HomeDone { unreadable: 0 });
    let effects = key(&mut app, KeyCode::Char('s'));
    assert_eq!(app.screen, Screen::Summary);
    let generation = match effects.as_slice() {
        [Effect::ComputeSummary { filters, generation }] => {
            assert_eq!(*filters, Filters::default());
            *generation
        }
        other => panic!("expected one merge, got {other:?}"),
    };
    update(&mut app, Event::SummaryReady { generation, summary: Box::new(demo_summary(lang, Filters::default())) });
    app
}

fn render(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal.draw(|f| draw(f, app, Theme { colors: false })).expect("draw");
    terminal.backend().to_string()
}

#[test]
fn a_late_result_of_an_older_merge_is_ignored() {
    let mut app = summary_app(Lang::Vi);
    let old_generation = app.summary.generation;
    let effects = key(&mut app, KeyCode::Char('f'));
    assert!(matches!(effects.as_slice(), [Effect::ComputeSummary { filters, .. }] if filters.final_only));
    update(
        &mut app,
        Event::SummaryReady {
            generation: old_generation,
            summary: Box::new(demo_summary(Lang::Vi, Filters::default())),
        },
    );
    assert!(app.summary.progress.is_some(), "the old result must not end the new merge");
}

#[test]
fn enter_shows_the_branches_of_a_finding_and_opens_a_visit() {
    let mut app = summary_app(Lang::Vi);
    let summary = app.summary.summary.clone().expect("summary");
    let first = &summary.findings[0];
    assert!(first.failing() <= first.assessed);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.summary.detail, Some(0));
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(effects, vec![Effect::Open(summary.visit_of(&first.branches[0]).file.clone())]);
    assert!(app.return_to_summary);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.summary.detail, None);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Home);
}

#[test]
fn filters_come_from_the_merged_visits_and_start_a_new_merge() {
    let mut app = summary_app(Lang::Vi);
    assert!(app.summary.committees.iter().any(|c| c == "Đảng bộ Công an quận"), "{:?}", app.summary.committees);
    key(&mut app, KeyCode::Char('c'));
    let Overlay::Picker(picker) = &app.overlay else { panic!("expected the committee picker") };
    let index = picker.options.iter().position(|(id, _)| id == "Đảng bộ Công an quận").expect("listed");
    for _ in 0..index {
        key(&mut app, KeyCode::Down);
    }
    let effects = key(&mut app, KeyCode::Enter);
    match effects.as_slice() {
        [Effect::ComputeSummary { filters, .. }] => {
            assert_eq!(filters.committee.as_deref(), Some("Đảng bộ Công an quận"))
        }
        other => panic!("expected a merge, got {other:?}"),
    }
    // A date range typed by hand; a bad one is refused in place.
    key(&mut app, KeyCode::Char('d'));
    update(&mut app, Event::Paste("32/4/2022 - 10/04/2022".into()));
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(matches!(&app.overlay, Overlay::Editor(e) if e.error.is_some()));
    // What was typed is dropped at the second Esc.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('d'));
    update(&mut app, Event::Paste("04/04/2022 - 10/04/2022".into()));
    let effects = key(&mut app, KeyCode::Enter);
    match effects.as_slice() {
        [Effect::ComputeSummary { filters, .. }] => {
            assert_eq!(filters.from, Some(jiff::civil::date(2022, 4, 4)));
            assert_eq!(filters.to, Some(jiff::civil::date(2022, 4, 10)));
        }
        other => panic!("expected a merge, got {other:?}"),
    }
    let effects = key(&mut app, KeyCode::Char('x'));
    assert!(matches!(effects.as_slice(), [Effect::ComputeSummary { filters, .. }] if *filters == Filters::default()));
}

#[test]
fn e_exports_the_markdown_summary_and_m_asks_for_the_report() {
    let mut app = summary_app(Lang::Vi);
    assert_eq!(key(&mut app, KeyCode::Char('m')), vec![Effect::WriteReport]);
    assert_eq!(key(&mut app, KeyCode::Char('w')), vec![Effect::LoadReportText]);
    match key(&mut app, KeyCode::Char('e')).as_slice() {
        [Effect::Export { name, bytes }] => {
            assert!(name.starts_with("tong-hop-") && name.ends_with(".md"), "{name}");
            let text = String::from_utf8_lossy(bytes);
            assert!(text.contains("## Ưu điểm") && text.contains("## Hạn chế"), "{text}");
        }
        other => panic!("expected an export, got {other:?}"),
    }
}

#[test]
fn summary_screens_at_80x24() {
    for lang in [Lang::Vi, Lang::En] {
        let suffix = if lang == Lang::Vi { "vi" } else { "en" };
        let mut app = summary_app(lang);
        insta::assert_snapshot!(format!("summary_findings_80x24_{suffix}"), render(&app));
        key(&mut app, KeyCode::Enter);
        insta::assert_snapshot!(format!("summary_detail_80x24_{suffix}"), render(&app));
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Tab);
        insta::assert_snapshot!(format!("summary_overview_80x24_{suffix}"), render(&app));
    }
}

#[test]
fn o_compares_with_an_earlier_round_folder() {
    let mut app = summary_app(Lang::Vi);
    app.compare_guess = Some(PathBuf::from("/data/dot-1"));
    key(&mut app, KeyCode::Char('o'));
    let Overlay::Editor(editor) = &app.overlay else { panic!("expected the folder prompt") };
    assert_eq!(editor.buffer.text(), "/data/dot-1");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(effects, vec![Effect::Compare { old: PathBuf::from("/data/dot-1") }]);
    assert_eq!(app.screen, Screen::Compare);

    // Old: the demo round; new: the same round with one branch's finding fixed.
    let templates = vec![Template::embedded()];
    let outcomes = |fix: bool| -> Vec<khaosat::core::compare::VisitOutcome> {
        let (files, _) = find_visit_files(&[PathBuf::from("data/examples/round-967")]);
        files
            .iter()
            .map(|p| {
                let mut v = load_visit(p, &templates).expect("loads");
                if fix && v.meeting.branch == "Chi bộ Công an phường" {
                    v.answers.get_mut("prep.fits_type").expect("answered").value =
                        Some(khaosat::core::visit::Value::Scale(4));
                }
                khaosat::core::compare::VisitOutcome::of(&v, &templates[0], Lang::Vi)
            })
            .collect()
    };
    let comparison = khaosat::core::compare::compare(&outcomes(false), &outcomes(true));
    update(&mut app, Event::CompareReady(Ok(Box::new(comparison))));
    let screen = render(&app);
    assert!(screen.contains("✓1  =1  +0   Nội dung sinh hoạt chưa sát"), "{screen}");
    key(&mut app, KeyCode::Enter);
    let screen = render(&app);
    assert!(screen.contains("Đã khắc phục (1)") && screen.contains("Chi bộ Công an phường"), "{screen}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Summary);
}

/// Issue 11, point 10: as in the report, the header says how many branches the visits are of
/// when a branch was visited more than once.
#[test]
fn the_header_counts_branches_when_one_was_visited_twice() {
    let mut app = summary_app(Lang::Vi);
    assert!(render(&app).contains("7 phiếu · "), "{}", render(&app));
    let templates = vec![Template::embedded()];
    let (files, _) = find_visit_files(&[PathBuf::from("data/examples/round-967")]);
    let mut builder = SummaryBuilder::new(Lang::Vi, Filters::default());
    for copy in ["a", "b"] {
        for path in &files {
            let visit = load_visit(path, &templates).expect("demo visit loads");
            builder.add(&visit, &templates[0], &PathBuf::from(copy).join(path));
        }
    }
    let generation = app.summary.generation;
    update(&mut app, Event::SummaryReady { generation, summary: Box::new(builder.finish()) });
    let screen = render(&app);
    assert!(screen.contains("14 phiếu của 7 chi bộ · "), "{screen}");
}

/// Issue 14: HD 42 visits are scored; the overview (Tab) gives the grade distribution and the
/// average, labelled as the team's assessment, after the figures.
#[test]
fn the_overview_gives_the_grades_of_scored_visits() {
    use khaosat::core::visit::{Answer, Value};
    use khaosat::testing::{answer_all_passing, enter_passing_facts, sample_visit};
    let mut app = summary_app(Lang::Vi);
    let hd42 = Template::embedded_all().into_iter().find(|t| t.id == "hd42-2025").expect("embedded");
    let mut builder = SummaryBuilder::new(Lang::Vi, Filters::default());
    for (i, scale) in [5u8, 1].into_iter().enumerate() {
        let mut v = sample_visit(&hd42);
        v.meeting.branch = format!("Chi bộ {i}");
        enter_passing_facts(&mut v);
        answer_all_passing(&hd42, &mut v);
        // 100 (Tốt), then 80 (Khá).
        v.answers.insert("res.previous_done".into(), Answer { value: Some(Value::Scale(scale)), note: String::new() });
        builder.add(&v, &hd42, &PathBuf::from(format!("{i}.ron")));
    }
    let generation = app.summary.generation;
    update(&mut app, Event::SummaryReady { generation, summary: Box::new(builder.finish()) });
    key(&mut app, KeyCode::Tab);
    let mut terminal = Terminal::new(TestBackend::new(120, 60)).expect("terminal");
    terminal.draw(|f| draw(f, &app, Theme { colors: false })).expect("draw");
    let screen = terminal.backend().to_string();
    for text in [
        "Điểm đánh giá (đoàn khảo sát chấm, tham khảo)",
        "• Xếp loại: Tốt: 1 · Khá: 1 · Trung bình: 0 · Kém: 0",
        "• Điểm trung bình: 90/100 (2 phiếu đủ để xếp loại)",
        "Điểm và xếp loại trên là đánh giá tham khảo của đoàn khảo sát; xếp loại chính thức",
    ] {
        assert!(screen.contains(text), "{text:?} missing:\n{screen}");
    }
}
