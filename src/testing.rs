//! Support for khaosat's own tests; not part of what the library offers.

/// Whether a test that needs something of the machine (a FIFO, root to change a file's group,
/// switching to another user) can go on. When it cannot, the test says so and is skipped —
/// unless the environment variable `switch` is set, and then it fails: CI sets the switches
/// (`.ci/run`), so a check that quietly stopped running there would not pass unnoticed.
pub fn require(available: bool, switch: &str, why: &str) -> bool {
    if !available {
        assert!(std::env::var_os(switch).is_none(), "{why}, and {switch} is set: this test must run here");
        eprintln!("skipped: {why} (set {switch}=1 to make this a failure)");
    }
    available
}
