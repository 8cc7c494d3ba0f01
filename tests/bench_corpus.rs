//! The benchmark corpus, small: `bench/gen_corpus.py` writes 200 articles,
//! the library builds them, and `bench/check_output.py` checks page counts
//! and every country's, actor's and tag's members against the corpus.
//! Needs python3 (3.11+, for tomllib); skipped with a note without it.
//! No timings here: those are `bench/run.sh`'s job.

use std::path::Path;
use std::process::Command;

use sahel_brief::build::{build, BuildOptions};

fn python() -> Option<&'static str> {
    let ok = Command::new("python3")
        .args(["-c", "import tomllib"])
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some("python3")
}

#[test]
fn generated_corpus_builds_with_the_right_pages_and_members() {
    let Some(python) = python() else {
        eprintln!("skipped: no python3 with tomllib");
        return;
    };
    let bench = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench");
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let status = Command::new(python)
        .arg(bench.join("gen_corpus.py"))
        .args(["--n", "200", "--seed", "7", "--format", "ours", "--out"])
        .arg(&corpus)
        .status()
        .unwrap();
    assert!(status.success(), "gen_corpus.py failed");

    let summary = build(&BuildOptions {
        root: corpus.clone(),
        ..BuildOptions::default()
    })
    .unwrap();
    assert_eq!(summary.counts["articles"], 200);

    let out = Command::new(python)
        .arg(bench.join("check_output.py"))
        .arg(&corpus)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{report}");
    assert!(report.contains("check: ok, 200 article pages"), "{report}");

    // The generator is deterministic: the same seed gives the same files.
    let again = dir.path().join("again");
    let status = Command::new(python)
        .arg(bench.join("gen_corpus.py"))
        .args(["--n", "200", "--seed", "7", "--format", "ours", "--out"])
        .arg(&again)
        .status()
        .unwrap();
    assert!(status.success());
    let article = |root: &Path| {
        let folder = root.join("content/articles");
        let mut names: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        let last = names.last().unwrap().clone();
        (names, std::fs::read(folder.join(last)).unwrap())
    };
    assert_eq!(article(&corpus), article(&again));
}
