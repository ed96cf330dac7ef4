//! The new-visit form's rule set: which template the draft follows (picked, the round's, or the
//! one in force on the meeting date) and the list to pick another from. Kept apart from the form's
//! keys so that any change to the draft can settle it again without a loop between modules.

use crate::core::rule_sets::{choose, in_force_on, latest_versions};
use crate::core::visit::TemplateRef;
use crate::strings::Msg;
use crate::tui::state::prompts::{Picker, Target};
use crate::tui::state::{App, Overlay};

/// The rule set of the form's draft: the one picked, else the round's, else the one in force on
/// the meeting date (see [`crate::core::rule_sets`]). Called whenever a fact or the pick changes,
/// so a date typed after the form opened brings its own rule set. A round naming a rule set not
/// known here falls back to the date, and says so.
pub(super) fn settle_rules(app: &mut App) {
    let Some(form) = app.form.as_mut() else { return };
    let date = form.draft.meeting.date;
    let round_rules = app.round.as_ref().and_then(|r| r.rules.as_deref());
    let chosen = match choose(&app.templates, date, form.rules.as_deref(), round_rules) {
        Ok(chosen) => chosen,
        Err(unknown) => {
            let known = unknown.known.join(", ");
            app.flash = Some(Msg::TplUnknownId.fill(app.lang, &[&unknown.id, &known]));
            form.rules = None;
            in_force_on(&app.templates, date)
        }
    };
    form.draft.template = TemplateRef::of(chosen.template);
    form.rules_reason = chosen.reason;
}

/// The list of rule sets to pick from: "automatic" first, then each template id once.
pub(super) fn open_rules_picker(app: &mut App) {
    let Some(form) = app.form.as_ref() else { return };
    let lang = app.lang;
    let mut options = vec![(String::new(), Msg::RulesAutomatic.get(lang).to_string())];
    options.extend(
        latest_versions(&app.templates)
            .into_iter()
            .map(|t| (t.id.clone(), format!("{} — {}", t.rule_set, t.title.get(lang)))),
    );
    let current = form.rules.clone().unwrap_or_default();
    app.overlay = Overlay::Picker(Picker::single(Target::Rules, options, current));
}

/// The rule set picked in the list ("" for automatic).
pub(super) fn pick_rules(app: &mut App, picked: String) {
    if let Some(form) = app.form.as_mut() {
        form.rules = (!picked.is_empty()).then_some(picked);
        form.next_row();
    }
    settle_rules(app);
}
