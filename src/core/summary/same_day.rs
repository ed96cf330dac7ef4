//! Which visits record the same meeting: the same branch of the same committee on the same date.
//! Used where visits are added (to count such records once) and where the summary is finished
//! (to list them).

use std::collections::HashMap;

use jiff::civil::Date;

use super::VisitInfo;
use crate::core::text::name_key;

/// Visits of the same branch of the same committee (names through [`name_key`]) on the same
/// date, in visit order.
pub(super) fn same_day_groups(visits: &[VisitInfo]) -> Vec<Vec<usize>> {
    let mut keys = KeyNumbers::default();
    let mut groups: HashMap<(usize, usize, Date), Vec<usize>> = HashMap::new();
    for (i, v) in visits.iter().enumerate() {
        let key = (keys.of(&v.branch), keys.of(&v.committee), v.date);
        groups.entry(key).or_default().push(i);
    }
    groups.into_values().collect()
}

/// Names standing for their [`name_key`] by a number. Many visits share a name: each distinct
/// name is keyed once.
#[derive(Default)]
struct KeyNumbers<'a> {
    keys: HashMap<String, usize>,
    names: HashMap<&'a str, usize>,
}

impl<'a> KeyNumbers<'a> {
    fn of(&mut self, name: &'a str) -> usize {
        if let Some(&n) = self.names.get(name) {
            return n;
        }
        let next = self.keys.len();
        let n = *self.keys.entry(name_key(name)).or_insert(next);
        self.names.insert(name, n);
        n
    }
}
