//! Never lose a result: a run that reads nothing, a run into a folder of other files, a run that
//! fails while writing, and a run in another format each leave the earlier output intact, file
//! for file and byte for byte (or replace it whole, never mixing two runs).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;
use leapfig::tables::{self, Formats};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leapfig")).args(args).current_dir(cwd).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file of a folder (recursively), by relative name, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let name = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(name, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn seeds() -> PathBuf {
    manifest_dir().join("data/articles")
}

/// A folder `dir/name` holding a complete earlier run over the seeds in `formats` (e.g.
/// "csv,parquet").
fn earlier_output(dir: &Path, name: &str, formats: &str) -> PathBuf {
    let good = dir.join(name);
    let o = run(&["run", seeds().to_str().unwrap(), "--out", good.to_str().unwrap(), "--format", formats], dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::metadata(good.join("claims.csv")).unwrap().len() > 1000);
    good
}

#[test]
fn a_run_that_reads_nothing_exits_2_and_touches_nothing() {
    let dir = tempdir("keep-nothing");
    let good = earlier_output(&dir, "good", "csv,parquet");
    let before = snapshot(&good);
    // A typo for the input folder.
    let o = run(&["run", "corpsu", "--out", "good"], &dir);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("corpsu") && e.contains("no such file"), "{e}");
    assert!(e.contains(&dir.join("corpsu").display().to_string()), "says where it looked: {e}");
    assert_eq!(snapshot(&good), before);
    // A folder with no .txt or .md in it.
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join("notes.csv"), "a,b\n").unwrap();
    let o = run(&["run", "empty", "--out", "good"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no .txt or .md"), "{}", stderr(&o));
    assert_eq!(snapshot(&good), before);
    // Nor is an output folder created.
    let o = run(&["run", "corpsu", "--out", "fresh"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.join("fresh").exists());
}

#[test]
fn default_run_outside_the_project_says_where_it_looked() {
    let dir = tempdir("keep-default");
    let o = run(&[], &dir);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains(&dir.join("data/articles").display().to_string()), "{e}");
    assert!(e.contains("leapfig run"), "names the way to give articles: {e}");
    assert!(!dir.join("output").exists(), "no ./output/ created");
    // An earlier output/ beside it stays as it was.
    let earlier = earlier_output(&dir, "good", "csv");
    std::fs::rename(earlier, dir.join("output")).unwrap();
    let before = snapshot(&dir.join("output"));
    assert_eq!(run(&[], &dir).status.code(), Some(2));
    assert_eq!(snapshot(&dir.join("output")), before);
}

#[test]
fn a_folder_of_other_files_asks_for_force() {
    let dir = tempdir("keep-force");
    let good = earlier_output(&dir, "good", "csv");
    std::fs::write(good.join("my_notes.txt"), "mine").unwrap();
    let before = snapshot(&good);
    let o = run(&["run", seeds().to_str().unwrap(), "--out", "good"], &dir);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("--force") && e.contains("my_notes.txt"), "{e}");
    assert_eq!(snapshot(&good), before);
    // A folder inside counts as well (the project folder given as --out by mistake).
    let project = dir.join("project");
    std::fs::create_dir_all(project.join("src")).unwrap();
    let o = run(&["run", seeds().to_str().unwrap(), "--out", "project"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_dir(&project).unwrap().count(), 1);
    // Its own files do not: the README, and a temporary a killed run left (removed).
    let own = earlier_output(&dir, "own", "csv");
    std::fs::write(own.join("README.md"), "about this folder").unwrap();
    std::fs::write(own.join(".claims.csv.tmp99999"), "half").unwrap();
    let o = run(&["run", seeds().to_str().unwrap(), "--out", "good", "--force"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(good.join("my_notes.txt")).unwrap(), b"mine");
    let o = run(&["run", seeds().to_str().unwrap(), "--out", own.to_str().unwrap()], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(own.join("README.md")).unwrap(), b"about this folder");
    assert!(!own.join(".claims.csv.tmp99999").exists());
}

#[test]
fn a_run_in_fewer_formats_removes_the_tables_it_did_not_write() {
    let dir = tempdir("keep-formats");
    let good = earlier_output(&dir, "good", "csv,parquet,xlsx");
    assert!(good.join("claims.parquet").exists() && good.join(tables::xlsx::FILE_NAME).exists());
    // The same folder after a csv run holds exactly what a fresh csv run writes.
    let fresh = dir.join("fresh");
    let o = run(&["run", seeds().to_str().unwrap(), "--out", fresh.to_str().unwrap()], &dir);
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["run", seeds().to_str().unwrap(), "--out", "good"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(snapshot(&good), snapshot(&fresh));
    // And back: parquet alone leaves no CSV table behind.
    let o = run(&["run", seeds().to_str().unwrap(), "--out", "good", "--format", "parquet"], &dir);
    assert_eq!(o.status.code(), Some(0));
    let names: Vec<String> = snapshot(&good).into_keys().collect();
    assert!(names.iter().all(|n| !n.ends_with(".csv") && !n.ends_with(".xlsx")), "{names:?}");
    assert!(names.contains(&"claims.parquet".to_string()));
}

/// A write that fails halfway (here: the temporary file of one table cannot be created, as on a
/// full disk) replaces nothing and leaves no temporary file of its own.
#[test]
fn a_failed_write_keeps_every_earlier_table() {
    let (inputs, errors) = collect_inputs(&[seeds()]);
    assert!(errors.is_empty());
    let mut results: Vec<_> = inputs.iter().map(|i| process_file(i, None).unwrap()).collect();
    results.sort_by(|a, b| a.article.id.cmp(&b.article.id));
    let dir = tempdir("keep-failed-write");
    let both = Formats { csv: true, parquet: true, excel: false, xlsx: false };
    tables::write_tables(&dir, &results, &[], both).unwrap();
    let before = snapshot(&dir);
    // A folder where the temporary pairs.csv of this process would go.
    let blocker = format!(".pairs.csv.tmp{}", std::process::id());
    std::fs::create_dir(dir.join(&blocker)).unwrap();
    let err = tables::write_tables(&dir, &results[..1], &[], both).unwrap_err();
    assert!(format!("{err:#}").contains("pairs.csv"), "{err:#}");
    std::fs::remove_dir(dir.join(&blocker)).unwrap();
    assert_eq!(snapshot(&dir), before, "every earlier file intact, no temporary left");
    // Without the obstacle the same write replaces the tables.
    tables::write_tables(&dir, &results[..1], &[], both).unwrap();
    assert_ne!(snapshot(&dir)["claims.csv"], before["claims.csv"]);
}
