//! Issue 13, point 16: `--help` speaks the user's language, like every other message: Vietnamese
//! by default, English with `--lang en` (before or after the subcommand) or an English locale.

mod common;

use common::{Result, khaosat, run, show, text};

#[test]
fn help_is_vietnamese_by_default() -> Result {
    let out = run(&["--help"])?;
    assert!(out.status.success(), "{}", show(&out));
    let help = text(&out.stdout);
    for expected in ["Cách dùng:", "Lệnh:", "Tùy chọn:", "Ngôn ngữ", "Tổng hợp các phiếu", "In trợ giúp"]
    {
        assert!(help.contains(expected), "no {expected:?} in\n{help}");
    }
    for english in ["Usage:", "Commands:", "Options:", "Print help", "Merge visit files"] {
        assert!(!help.contains(english), "{english:?} left in English in\n{help}");
    }
    Ok(())
}

#[test]
fn a_subcommands_help_is_vietnamese_with_its_defaults_and_values() -> Result {
    let out = run(&["summary", "--help"])?;
    assert!(out.status.success(), "{}", show(&out));
    let help = text(&out.stdout);
    for expected in ["Cách dùng:", "Tham số:", "Tùy chọn:", "Định dạng", "[mặc định: text]", "[giá trị: text, md"]
    {
        assert!(help.contains(expected), "no {expected:?} in\n{help}");
    }
    assert!(!help.contains("[default:") && !help.contains("[possible values:"), "{help}");
    let out = run(&["round", "plan", "-h"])?;
    assert!(text(&out.stdout).contains("Tên chi bộ"), "{}", show(&out));
    Ok(())
}

#[test]
fn help_follows_lang_en_wherever_it_is_given() -> Result {
    for args in
        [&["--lang", "en", "--help"][..], &["summary", "--help", "--lang=en"], &["--lang", "en", "help", "compare"]]
    {
        let out = run(args)?;
        assert!(out.status.success(), "{args:?}: {}", show(&out));
        let help = text(&out.stdout);
        assert!(help.contains("Usage:") && help.contains("Options:"), "{args:?}:\n{help}");
        assert!(!help.contains("Cách dùng") && !help.contains("Tùy chọn"), "{args:?}:\n{help}");
    }
    let out = run(&["--lang", "en", "--help"])?;
    assert!(text(&out.stdout).contains("Merge visit files and folders into a findings report"), "{}", show(&out));
    Ok(())
}

#[test]
fn help_follows_an_english_locale_and_lang_overrides_it() -> Result {
    let out = khaosat().env("LANG", "en_US.UTF-8").args(["new", "--help"]).output()?;
    let help = text(&out.stdout);
    assert!(help.contains("Usage:") && help.contains("Branch name"), "{}", show(&out));
    let out = khaosat().env("LANG", "en_US.UTF-8").args(["--lang", "vi", "new", "--help"]).output()?;
    let help = text(&out.stdout);
    assert!(help.contains("Cách dùng:") && help.contains("Tên chi bộ"), "{}", show(&out));
    Ok(())
}

#[test]
fn completions_still_work_and_describe_in_the_chosen_language() -> Result {
    let out = run(&["completions", "fish"])?;
    assert!(out.status.success(), "{}", show(&out));
    let script = text(&out.stdout);
    assert!(script.contains("summary") && script.contains("Tổng hợp các phiếu"), "{script}");
    let out = run(&["--lang", "en", "completions", "bash"])?;
    assert!(out.status.success() && text(&out.stdout).contains("khaosat"), "{}", show(&out));
    Ok(())
}
