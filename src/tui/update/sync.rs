//! `g` on the home list: sync the data folder with the team through git, in the background.
//! What it did stays under the list until the next sync; visits left with conflicts are marked
//! there, and the first of them is opened on its first conflict.

use crate::strings::TeamMsg;
use crate::tui::state::{App, Effect, SyncOutcome};

pub(super) fn start(app: &mut App) -> Vec<Effect> {
    if app.syncing {
        app.flash = Some(TeamMsg::SyncRunning.get(app.lang).to_string());
        return Vec::new();
    }
    app.syncing = true;
    app.home.sync_note = vec![TeamMsg::SyncRunning.get(app.lang).to_string()];
    vec![Effect::Sync]
}

pub(super) fn finished(app: &mut App, result: Result<SyncOutcome, String>) -> Vec<Effect> {
    app.syncing = false;
    match result {
        Ok(outcome) => {
            app.home.sync_note = outcome.lines.clone();
            app.home.start_reload();
            let mut effects = vec![Effect::ScanHome];
            if let Some(first) = outcome.conflicted.first() {
                effects.push(Effect::Open(first.clone()));
            }
            if !outcome.hand_merge.is_empty() {
                let files: Vec<String> = outcome.hand_merge.iter().map(|p| p.display().to_string()).collect();
                app.flash = Some(TeamMsg::SyncHandMerge.fill(app.lang, &[&files.join(", ")]));
            }
            effects
        }
        Err(message) => {
            app.home.sync_note = vec![message.clone()];
            app.flash = Some(message);
            Vec::new()
        }
    }
}
