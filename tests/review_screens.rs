//! Issue 13, points 12–15: the review screens (summary and compare) at the sizes a laptop or an
//! SSH window gives, driven by keys through `update` as a user would, and drawn on a test
//! terminal. Snapshots of the findings list at 60×20, 80×24 and 120×40 in both languages.

use std::path::{Path, PathBuf};

use khaosat::core::compare::{Comparison, VisitOutcome, compare};
use khaosat::core::summary::{Filters, Summary, SummaryBuilder};
use khaosat::core::template::Template;
use khaosat::core::visit::Value;
use khaosat::store::{find_visit_files, load_visit};
use khaosat::strings::Lang;
use khaosat::tui::rows::row_item;
use khaosat::tui::state::{App, Effect, Event, Overlay, Screen, current_row};
use khaosat::tui::testing::{screen, tui_app};
use khaosat::tui::update::update;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const DEMO: &str = "data/examples/round-967";

fn demo_files() -> Vec<PathBuf> {
    let (files, errors) = find_visit_files(&[PathBuf::from(DEMO)]);
    assert!(errors.is_empty(), "{errors:?}");
    files
}

fn demo_summary(lang: Lang, filters: Filters) -> Summary {
    let templates = vec![Template::embedded()];
    let mut builder = SummaryBuilder::new(lang, filters);
    for path in &demo_files() {
        let visit = load_visit(path, &templates).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        builder.add(&visit, &templates[0], path);
    }
    builder.finish()
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    update(app, Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// The one merge among `effects`, as its generation.
fn merge_asked(effects: &[Effect]) -> u64 {
    let merges: Vec<u64> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::ComputeSummary { generation, .. } => Some(*generation),
            _ => None,
        })
        .collect();
    match merges.as_slice() {
        [generation] => *generation,
        other => panic!("expected one merge, got {other:?} in {effects:?}"),
    }
}

/// An app on the summary screen with the demo round merged, as `s` on the home screen opens it.
fn summary_app(lang: Lang) -> App {
    let mut app = tui_app(lang);
    update(&mut app, Event::HomeDone { unreadable: 0 });
    let generation = merge_asked(&key(&mut app, KeyCode::Char('s')));
    assert_eq!(app.screen, Screen::Summary);
    update(&mut app, Event::SummaryReady { generation, summary: Box::new(demo_summary(lang, Filters::default())) });
    app
}

/// The rows of the screen, without the box borders.
fn rows(text: &str) -> Vec<String> {
    text.lines().map(|l| l.trim_matches(|c| c == '│' || c == ' ').to_string()).collect()
}

/// The inside of the last box drawn (the detail pane under the findings list), row by row.
fn last_box(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let bottom = lines.iter().rposition(|l| l.starts_with('└')).unwrap_or_else(|| panic!("no box in\n{text}"));
    let top = lines[..bottom].iter().rposition(|l| l.starts_with('┌')).unwrap_or_else(|| panic!("no top in\n{text}"));
    lines[top + 1..bottom].iter().map(|l| l.trim_start_matches('│').trim_end_matches('│').to_string()).collect()
}

// Point 12: the findings list groups findings under their section, so each sentence gets the width.

#[test]
fn findings_are_listed_under_section_headings_not_after_the_section_name() {
    for (lang, section, sentence) in [
        (Lang::Vi, "Chuẩn bị", "Nội dung sinh hoạt chưa sát với chức năng, nhiệm vụ của từng"),
        (Lang::En, "Preparation", "Meeting content does not closely fit the functions and tasks"),
    ] {
        let app = summary_app(lang);
        let text = screen(&app, 80, 24);
        assert!(!text.contains(&format!("{section} · ")), "the section name still comes before a finding:\n{text}");
        let rows = rows(&text);
        let heading = rows.iter().position(|r| r.contains(section)).unwrap_or_else(|| panic!("no heading:\n{text}"));
        assert!(!rows[heading].contains('/'), "the heading is a row of its own: {:?}", rows[heading]);
        assert!(rows[heading + 1].contains(sentence), "the sentence gets the width: {:?}\n{text}", rows[heading + 1]);
    }
}

#[test]
fn the_detail_pane_grows_with_the_terminal_and_ends_a_cut_list_with_an_ellipsis() {
    let mut app = summary_app(Lang::Vi);
    // The second finding: three failing branches with long names.
    key(&mut app, KeyCode::Down);
    let large = screen(&app, 120, 40);
    let pane = last_box(&large).join("\n");
    assert!(pane.contains("Chi bộ Đội Tổng hợp"), "every branch fits at 120×40:\n{large}");
    assert!(pane.contains("Không áp dụng: 0"), "the counts fit at 120×40:\n{large}");
    let small = screen(&app, 60, 20);
    let pane = last_box(&small);
    let last = pane.last().map(|l| l.trim_end().to_string()).unwrap_or_default();
    assert!(last.ends_with('…'), "a list cut at 60×20 ends with …: {last:?}\n{small}");
}

#[test]
fn notes_of_a_findings_branches_wrap() {
    let mut app = summary_app(Lang::Vi);
    key(&mut app, KeyCode::Enter);
    let text = screen(&app, 80, 24);
    // "Nội dung chủ yếu là nhiệm vụ chung của phường, ít gắn với công tác bảo đảm an ninh trật tự
    // trên địa bàn": longer than the line, so its end is on the next one.
    assert!(text.contains("trên địa bàn"), "the note is cut instead of wrapped:\n{text}");
}

#[test]
fn summary_list_at_three_sizes() {
    for (lang, code) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
        let app = summary_app(lang);
        for (w, h) in [(60, 20), (80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("summary_list_{w}x{h}_{code}"), screen(&app, w, h));
        }
    }
}

// Point 13: from a finding into the visit, on that finding's item, and back to the same place.

#[test]
fn a_visit_opened_from_a_finding_lands_on_its_item_and_back_returns_to_the_finding() {
    let mut app = summary_app(Lang::Vi);
    let summary = app.summary.summary.clone().unwrap_or_else(|| panic!("merged"));
    key(&mut app, KeyCode::Down);
    let finding = summary.findings[1].clone();
    assert!(finding.branches.len() >= 2, "a finding of several branches: {finding:?}");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Down);
    let file = summary.visit_of(&finding.branches[1]).file.clone();
    let effects = key(&mut app, KeyCode::Enter);
    assert!(effects.contains(&Effect::Open(file.clone())), "{effects:?}");

    let visit = load_visit(&file, &[Template::embedded()]).unwrap_or_else(|e| panic!("{e:?}"));
    assert_ne!(visit.last_item.as_deref(), Some(finding.id.as_str()), "the visit would resume there anyway");
    update(&mut app, Event::Opened { path: file.clone(), result: Ok(visit) });
    assert_eq!(app.screen, Screen::Checklist);
    let session = app.session.as_ref().unwrap_or_else(|| panic!("a visit is open"));
    let item = current_row(session).and_then(|r| row_item(&session.template, r)).map(|i| i.id.clone());
    assert_eq!(item.as_deref(), Some(finding.id.as_str()), "the checklist opens on the finding's item");

    // Back: the summary is merged again (the visit may have changed) and shows the same place.
    let generation = merge_asked(&key(&mut app, KeyCode::Esc));
    assert_eq!(app.screen, Screen::Summary);
    update(&mut app, Event::SummaryReady { generation, summary: Box::new(demo_summary(Lang::Vi, Filters::default())) });
    assert_eq!(app.summary.selected, 1, "the same finding is selected");
    assert_eq!(app.summary.detail, Some(1), "its branches are shown again");
    assert_eq!(app.summary.branch_selected, 1, "on the branch the visit was opened from");
}

#[test]
fn a_finding_gone_after_the_visit_was_edited_leaves_the_list_near_where_it_was() {
    let mut app = summary_app(Lang::Vi);
    let summary = app.summary.summary.clone().unwrap_or_else(|| panic!("merged"));
    for _ in 0..3 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    let file = summary.visit_of(&summary.findings[3].branches[0]).file.clone();
    key(&mut app, KeyCode::Enter);
    let visit = load_visit(&file, &[Template::embedded()]).unwrap_or_else(|e| panic!("{e:?}"));
    update(&mut app, Event::Opened { path: file, result: Ok(visit) });
    let generation = merge_asked(&key(&mut app, KeyCode::Esc));
    // The merge comes back without that finding (as if it had been fixed in the visit).
    let mut merged = demo_summary(Lang::Vi, Filters::default());
    let gone = merged.findings.remove(3);
    update(&mut app, Event::SummaryReady { generation, summary: Box::new(merged) });
    assert_eq!(app.summary.detail, None, "no branches of a finding that is not there");
    assert_eq!(app.summary.selected, 3, "the cursor stays where {} was", gone.id);
}

#[test]
fn a_visit_that_cannot_be_opened_leaves_the_summary_as_it_was() {
    let mut app = summary_app(Lang::En);
    key(&mut app, KeyCode::Enter);
    let effects = key(&mut app, KeyCode::Enter);
    let [Effect::Open(file)] = effects.as_slice() else { panic!("expected an open, got {effects:?}") };
    update(&mut app, Event::Opened { path: file.clone(), result: Err("cannot read the file".into()) });
    assert_eq!((app.screen.clone(), app.summary.detail), (Screen::Summary, Some(0)));
    assert!(!app.return_to_summary, "a visit opened later from the home screen must not come back here");
    assert!(app.summary.open_item.is_none());
}

// Point 14: the exported file's name says which filter made it, in the user's language.

fn export_name(app: &mut App) -> String {
    match key(app, KeyCode::Char('e')).as_slice() {
        [Effect::Export { name, .. }] => name.clone(),
        other => panic!("expected an export, got {other:?}"),
    }
}

/// Pick `committee` in the committee filter and merge again with it.
fn filter_committee(app: &mut App, committee: &str) {
    key(app, KeyCode::Char('c'));
    let Overlay::Picker(picker) = &app.overlay else { panic!("expected the committee picker") };
    let index = picker.options.iter().position(|(id, _)| id == committee).unwrap_or_else(|| panic!("{committee}"));
    for _ in 0..index {
        key(app, KeyCode::Down);
    }
    let generation = merge_asked(&key(app, KeyCode::Enter));
    let filters = app.summary.filters.clone();
    update(app, Event::SummaryReady { generation, summary: Box::new(demo_summary(app.lang, filters)) });
}

#[test]
fn the_export_is_named_in_the_users_language_after_its_filters() {
    let mut app = summary_app(Lang::En);
    let all = export_name(&mut app);
    assert!(all.starts_with("summary-") && all.ends_with("-all.md"), "{all}");
    filter_committee(&mut app, "Đảng bộ Công an quận");
    key(&mut app, KeyCode::Char('f'));
    let generation = app.summary.generation;
    let filters = app.summary.filters.clone();
    update(&mut app, Event::SummaryReady { generation, summary: Box::new(demo_summary(Lang::En, filters)) });
    let name = export_name(&mut app);
    assert!(name.starts_with("summary-") && name.ends_with("-dang-bo-cong-an-quan-final.md"), "{name}");

    let mut app = summary_app(Lang::Vi);
    assert!(export_name(&mut app).ends_with("-tat-ca.md"));
    filter_committee(&mut app, "Đảng bộ Công an quận");
    key(&mut app, KeyCode::Char('d'));
    update(&mut app, Event::Paste("04/04/2022 - 10/04/2022".into()));
    let generation = merge_asked(&key(&mut app, KeyCode::Enter));
    let filters = app.summary.filters.clone();
    update(&mut app, Event::SummaryReady { generation, summary: Box::new(demo_summary(Lang::Vi, filters)) });
    let name = export_name(&mut app);
    assert!(name.starts_with("tong-hop-"), "{name}");
    assert!(name.ends_with("-dang-bo-cong-an-quan-tu-2022-04-04-den-2022-04-10.md"), "{name}");
}

#[test]
fn the_status_line_says_when_an_earlier_report_was_kept() {
    let mut app = summary_app(Lang::En);
    let name = export_name(&mut app);
    let second = PathBuf::from("/data").join(name.replace(".md", "-2.md"));
    update(&mut app, Event::Exported(Ok(second)));
    let flash = app.flash.clone().unwrap_or_default();
    assert!(flash.contains("-all-2.md") && flash.contains("earlier file of that name is kept"), "{flash}");
    let name = export_name(&mut app);
    update(&mut app, Event::Exported(Ok(PathBuf::from("/data").join(&name))));
    assert_eq!(app.flash.as_deref(), Some(format!("Wrote /data/{name}").as_str()));
}

// Point 15: the compare screen: the folder prompt, the branches, and the branches of one round.

/// The demo round as an earlier round, and a later one where Chi bộ Công an phường fixed its
/// preparation finding, Chi bộ số 11 was not visited, and a new branch was.
fn demo_comparison() -> Comparison {
    let templates = vec![Template::embedded()];
    let outcomes = |later: bool| -> Vec<VisitOutcome> {
        let mut outcomes = Vec::new();
        for path in demo_files() {
            let mut v = load_visit(&path, &templates).unwrap_or_else(|e| panic!("{e:?}"));
            if later && v.meeting.branch == "Chi bộ số 11" {
                v.meeting.branch = "Chi bộ số 12".into();
            }
            if later
                && v.meeting.branch == "Chi bộ Công an phường"
                && let Some(answer) = v.answers.get_mut("prep.fits_type")
            {
                answer.value = Some(Value::Scale(4));
            }
            outcomes.push(VisitOutcome::of(&v, &templates[0], Lang::Vi));
        }
        outcomes
    };
    compare(&outcomes(false), &outcomes(true))
}

fn compare_app(lang: Lang, folder: &str) -> App {
    let mut app = summary_app(lang);
    key(&mut app, KeyCode::Char('o'));
    ctrl(&mut app, 'u');
    type_text(&mut app, folder);
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(effects, vec![Effect::Compare { old: PathBuf::from(folder) }]);
    update(&mut app, Event::CompareReady(Ok(Box::new(demo_comparison()))));
    assert_eq!(app.screen, Screen::Compare);
    app
}

#[test]
fn the_compare_screen_lists_branches_and_those_of_one_round_only() {
    let mut app = compare_app(Lang::Vi, "/data/dot-truoc");
    key(&mut app, KeyCode::Tab);
    let text = screen(&app, 80, 24);
    assert!(text.contains("Theo chi bộ"), "a per-branch list:\n{text}");
    assert!(text.contains("Chi bộ Công an phường") && text.contains("trước: "), "{text}");
    assert!(text.contains("Chỉ có ở đợt trước") && text.contains("Chi bộ số 11"), "{text}");
    assert!(text.contains("Chỉ có ở đợt này") && text.contains("Chi bộ số 12"), "{text}");
    // Enter on a branch: its findings, fixed, persisting, new.
    let rows = rows(&text);
    let at = rows.iter().position(|r| r.contains("Chi bộ Công an phường")).unwrap_or_else(|| panic!("{text}"));
    let first = rows.iter().position(|r| r.starts_with('▶')).unwrap_or_else(|| panic!("no cursor:\n{text}"));
    for _ in first..at {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    let text = screen(&app, 80, 24);
    assert!(text.contains("Đã khắc phục (1)"), "{text}");
    assert!(text.contains("nội dung sinh hoạt chưa sát") || text.contains("Nội dung sinh hoạt chưa sát"), "{text}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Summary);
}

#[test]
fn the_folder_compared_last_is_offered_again() {
    let mut app = compare_app(Lang::En, "/data/round-2021");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Summary);
    key(&mut app, KeyCode::Char('o'));
    let Overlay::Editor(editor) = &app.overlay else { panic!("expected the folder prompt") };
    assert_eq!(editor.buffer.text(), "/data/round-2021");
}

#[test]
fn tab_in_the_folder_prompt_completes_the_path() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for name in ["dot-2021", "dot-2022-quy-1", "dot-2022-quy-2", "ghi-chu.txt"] {
        let path = root.path().join(name);
        if name.ends_with(".txt") {
            std::fs::write(&path, "x").unwrap_or_else(|e| panic!("{e}"));
        } else {
            std::fs::create_dir(&path).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let base = root.path().to_string_lossy().into_owned();
    let mut app = summary_app(Lang::Vi);
    key(&mut app, KeyCode::Char('o'));
    ctrl(&mut app, 'u');
    type_text(&mut app, &format!("{base}/dot-20"));
    complete(&mut app);
    assert_eq!(prompt_text(&app), format!("{base}/dot-202"), "the common part of the three folders");
    assert!(app.flash.as_deref().is_some_and(|f| f.contains("dot-2021") && f.contains("dot-2022-quy-1")));
    type_text(&mut app, "1");
    complete(&mut app);
    assert_eq!(prompt_text(&app), format!("{base}/dot-2021/"), "one folder: completed, with its slash");
    ctrl(&mut app, 'u');
    type_text(&mut app, &format!("{base}/gh"));
    complete(&mut app);
    assert_eq!(prompt_text(&app), format!("{base}/gh"), "files are not offered");
}

fn prompt_text(app: &App) -> String {
    match &app.overlay {
        Overlay::Editor(editor) => editor.buffer.text().to_string(),
        other => panic!("expected the folder prompt, got {other:?}"),
    }
}

/// Tab in the prompt, and the listing the runtime sends back for it.
fn complete(app: &mut App) {
    for effect in key(app, KeyCode::Tab) {
        match effect {
            Effect::ListFolders { typed } => {
                let folders = khaosat::store::folder_completions(&typed);
                update(app, Event::FolderListing { typed, folders });
            }
            other => panic!("expected a listing, got {other:?}"),
        }
    }
}

#[test]
fn help_on_the_compare_screen_lists_its_own_keys() {
    let mut app = compare_app(Lang::En, "/data/round-2021");
    key(&mut app, KeyCode::Char('?'));
    assert!(matches!(app.overlay, Overlay::Help));
    let text = screen(&app, 80, 24);
    assert!(text.contains("By finding / by branch") && text.contains("Back to the summary"), "{text}");
    assert!(!text.contains("Filter by committee") && !text.contains("Export"), "summary keys do nothing here:\n{text}");
}

/// Issue 14: the 2022 round (HD 12) against the 2026 example round (HD 42), as the screen shows it:
/// two more columns, `~` criterion changed and `?` not comparable, the branches under their new
/// names with the earlier one, and a branch's changed criteria in its details.
#[test]
fn the_compare_screen_across_two_rule_sets() {
    let templates = Template::embedded_all();
    let side =
        |dir: &str| khaosat::store::read::visit_outcomes(Path::new(dir), &templates, Lang::Vi, |e| panic!("{e:?}"));
    let comparison = compare(&side("data/examples/round-967"), &side("data/examples/round-2026-nghia-do"));
    let mut app = summary_app(Lang::Vi);
    key(&mut app, KeyCode::Char('o'));
    ctrl(&mut app, 'u');
    type_text(&mut app, "data/examples/round-967");
    key(&mut app, KeyCode::Enter);
    update(&mut app, Event::CompareReady(Ok(Box::new(comparison))));
    let text = screen(&app, 80, 24);
    assert!(text.contains("~ tiêu chí đổi · ? không so sánh được"), "the legend names the two columns:\n{text}");
    let row =
        rows(&text).into_iter().find(|r| r.contains("Chưa phân công phó bí thư")).unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains("✓0  =0  +0  ~1  ?0"), "who prepares changed, for one branch: {row}");
    key(&mut app, KeyCode::Tab);
    let text = screen(&app, 120, 40);
    assert!(text.contains("trước là Đảng bộ phường Mai Dịch"), "matched through its earlier name:\n{text}");
    let rows = rows(&text);
    let at = rows.iter().position(|r| r.contains("Chi bộ số 11")).unwrap_or_else(|| panic!("{text}"));
    let first = rows.iter().position(|r| r.starts_with('▶')).unwrap_or_else(|| panic!("no cursor:\n{text}"));
    for _ in first..at {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    let text = screen(&app, 80, 40);
    assert!(text.contains("Tiêu chí đã thay đổi (1)"), "{text}");
    assert!(text.contains("Không so sánh được (chỉ một bộ quy định có tiêu chí này) (2)"), "{text}");
}
