//! Merging 1 000 visits through `SummaryBuilder` (generated in memory: no file system), and
//! writing the merged summary as JSON.
//!
//! `cargo bench --bench merge`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use khaosat::core::summary::{Filters, SummaryBuilder};
use khaosat::export::json;
use khaosat::strings::Lang;

#[path = "../examples/common/visits.rs"]
mod visits;

fn merge(c: &mut Criterion) {
    let mut generator = visits::Generator::new(1);
    let template = generator.template().clone();
    let visits: Vec<(PathBuf, _)> = (0..1000)
        .map(|_| {
            let (_, path, visit) = generator.next_visit();
            (PathBuf::from(path), visit)
        })
        .collect();
    let build = || {
        let mut builder = SummaryBuilder::new(Lang::Vi, Filters::default());
        for (path, visit) in &visits {
            builder.add(visit, &template, path);
        }
        builder.finish()
    };

    let mut group = c.benchmark_group("merge 1000 visits");
    group.sample_size(20);
    group.bench_function("SummaryBuilder add + finish", |b| b.iter(|| black_box(build())));
    group.bench_function("json::write (to a buffer)", |b| {
        b.iter_batched_ref(
            build,
            |summary| {
                let mut out = Vec::with_capacity(8 << 20);
                json::write(summary, &mut out).map(|()| out.len())
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, merge);
criterion_main!(benches);
