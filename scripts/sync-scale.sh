#!/usr/bin/env bash
# How long `khaosat sync` takes on a round of 1 000 visits with 20 changed files, and the split
# between git (with the merge driver it runs) and khaosat's own work. Release build.
#
#   scripts/sync-scale.sh
#
# Not part of `cargo test` (the test is #[ignore]d). Needs git.
set -euo pipefail
cd "$(dirname "$0")/.."
git --version
cargo test --release --quiet --test sync_scale -- --ignored --nocapture 2>&1 | grep -E '^(first|a second|[0-9]+ changed|nothing new)'
