//! Parsing one visit file's text: the per-file cost of `khaosat summary` and of the home list.
//!
//! `cargo bench --bench parse`

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khaosat::core::visit::Visit;
use khaosat::store::format::{parse_visit, visit_to_ron};

#[path = "../examples/common/visits.rs"]
mod visits;

fn parse(c: &mut Criterion) {
    let mut generator = visits::Generator::new(1);
    let templates = vec![generator.template().clone()];
    // A well-filled visit: the one with the most answers among the first 200.
    let visit = (0..200)
        .map(|_| generator.next_visit().2)
        .max_by_key(|visit| visit.answers.len())
        .unwrap_or_else(|| unreachable!());
    let text = visit_to_ron(&visit);
    let path = Path::new("bench.ron");
    assert!(parse_visit(path, &text, &templates).is_ok());

    let mut group = c.benchmark_group("parse one visit");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("store::format::parse_visit", |b| b.iter(|| parse_visit(path, black_box(&text), &templates)));
    // For reference: ron alone, as parse_visit did (twice) before the lean reader.
    group.bench_function("ron::from_str::<Visit> (reference)", |b| {
        b.iter(|| ron::Options::default().from_str::<Visit>(black_box(&text)))
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
