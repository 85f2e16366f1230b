//! The library's layers point one way (issue 12, `../shared/STYLE.md`, "The shape of the code").
//!
//! Reads every `.rs` file under `src/` but `src/bin/` (the command line, which may use
//! anything), maps it to its top-level module, and finds every `crate::<module>` path it uses,
//! in `use` lines, in `crate::{a, b}` groups and in expressions (comments and string literals
//! are blanked out first). A module may use its own layer and the layers below it, never one
//! above; `super::` inside a module is its own business. A failure names file:line.

use std::path::{Path, PathBuf};

/// The layers, lowest first.
const LAYERS: &[&str] = &[
    "text",
    "dates",
    "lexicon",
    "gazetteer",
    "article",
    "claim",
    "ingest",
    "numerals",
    "extract",
    "attribute",
    "reconcile",
    "figures",
    "pipeline",
    "tables",
    "report",
    "app",
];

/// Uses that break the order, in files being split into folders elsewhere, allowed until the
/// split lands: (file under `src/`, module used). Each must still occur (a fixed one fails the
/// test, so it is removed from here). Empty: none of those files breaks the order today.
const EXCEPTIONS: &[(&str, &str)] = &[];

/// One `crate::<module>` path: where it is and which module it names.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Use {
    line: usize,
    module: String,
}

/// The source with comments, string and character literals replaced by spaces (line ends kept,
/// so line numbers stay), leaving only code to search.
fn code_only(src: &str) -> String {
    let cs: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        let next = cs.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < cs.len() && cs[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < cs.len() {
                if cs[i] == '/' && cs.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if cs[i] == '*' && cs.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(cs[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && matches!(next, Some('"' | '#')) && (i == 0 || !is_ident(cs[i - 1])) {
            // A raw string r"..." or r#"..."#: ends at a quote followed by as many hashes.
            let mut j = i + 1;
            let mut hashes = 0;
            while cs.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if cs.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            while j < cs.len() && !(cs[j] == '"' && (1..=hashes).all(|k| cs.get(j + k) == Some(&'#'))) {
                j += 1;
            }
            let end = (j + 1 + hashes).min(cs.len());
            out.extend(cs[i..end].iter().map(|&c| blank(c)));
            i = end;
        } else if c == '"' {
            let mut j = i + 1;
            while j < cs.len() && cs[j] != '"' {
                j += if cs[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(cs.len());
            out.extend(cs[i..end].iter().map(|&c| blank(c)));
            i = end;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{4e00}'), else a lifetime ('a).
            let end = if next == Some('\\') {
                (i + 2..cs.len()).find(|&j| cs[j] == '\'').map_or(cs.len(), |j| j + 1)
            } else if cs.get(i + 2) == Some(&'\'') {
                i + 3
            } else {
                i + 1
            };
            out.extend(cs[i..end].iter().map(|&c| blank(c)));
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every `crate::<module>` path of a source file (also `$crate::` in macros, and each member of
/// a `crate::{a, b::c}` group).
fn crate_uses(src: &str) -> Vec<Use> {
    let code = code_only(src);
    let line_at = |byte: usize| code[..byte].matches('\n').count() + 1;
    let mut uses = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at].chars().next_back().is_some_and(is_ident) {
            continue; // `foocrate::`, not a crate path
        }
        let rest = code[at + "crate::".len()..].trim_start();
        if let Some(group) = rest.strip_prefix('{') {
            // Members at the group's top level: the first word after `{` and after each comma.
            let mut depth = 1;
            let mut expect_name = true;
            let base = code.len() - group.len();
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => expect_name = true,
                    c if expect_name && depth == 1 && is_ident(c) => {
                        let name: String = group[k..].chars().take_while(|&c| is_ident(c)).collect();
                        uses.push(Use { line: line_at(base + k), module: name });
                        expect_name = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            if !name.is_empty() {
                uses.push(Use { line: line_at(at), module: name });
            }
        }
    }
    uses
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The library's `.rs` files (not `src/bin/`), as paths relative to `src/`, sorted.
fn library_files() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&src_dir(), &mut files);
    let mut rel: Vec<String> = files
        .iter()
        .map(|p| p.strip_prefix(src_dir()).unwrap().to_string_lossy().replace('\\', "/"))
        .filter(|p| !p.starts_with("bin/"))
        .collect();
    rel.sort();
    rel
}

/// The top-level module a file belongs to (`extract/en.rs` -> `extract`); None for `lib.rs`.
fn module_of(file: &str) -> Option<&str> {
    match file.split_once('/') {
        Some((dir, _)) => Some(dir),
        None if file == "lib.rs" => None,
        None => Some(file.trim_end_matches(".rs")),
    }
}

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|&l| l == module)
}

/// Every (file, line, module used) of the library.
fn all_uses() -> Vec<(String, Use)> {
    let mut out = Vec::new();
    for file in library_files() {
        let src = std::fs::read_to_string(src_dir().join(&file)).unwrap();
        out.extend(crate_uses(&src).into_iter().map(|u| (file.clone(), u)));
    }
    out
}

#[test]
fn every_module_has_a_layer() {
    let lib = std::fs::read_to_string(src_dir().join("lib.rs")).unwrap();
    let mut missing = Vec::new();
    for file in library_files() {
        if let Some(m) = module_of(&file) {
            if layer(m).is_none() {
                missing.push(format!("src/{file}: module `{m}` is in no layer of LAYERS"));
            }
        }
    }
    for decl in code_only(&lib).lines().filter_map(|l| l.trim().strip_prefix("pub mod ")) {
        let m = decl.trim_end_matches(';').trim();
        if layer(m).is_none() {
            missing.push(format!("src/lib.rs: `pub mod {m}` is in no layer of LAYERS"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn layers_point_down() {
    let mut broken = Vec::new();
    let mut excused = Vec::new();
    for (file, u) in all_uses() {
        let Some(from) = module_of(&file) else { continue };
        let (Some(a), to) = (layer(from), layer(&u.module)) else { continue }; // every_module_has_a_layer
        match to {
            Some(b) if b <= a => {}
            _ if EXCEPTIONS.contains(&(file.as_str(), u.module.as_str())) => excused.push((file.clone(), u.module)),
            Some(_) => broken.push(format!(
                "src/{file}:{}: `{from}` uses `crate::{}`, a higher layer (order: {})",
                u.line,
                u.module,
                LAYERS.join(" < ")
            )),
            None => broken.push(format!("src/{file}:{}: `crate::{}` is no module of a layer", u.line, u.module)),
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    for &(file, module) in EXCEPTIONS {
        assert!(
            excused.iter().any(|(f, m)| f == file && m == module),
            "EXCEPTIONS lists src/{file} using `{module}`, which no longer happens: remove it"
        );
    }
}

/// The named rules of issue 12, checked one by one so that a failure says which.
#[test]
fn the_library_knows_no_command_line() {
    let uses = all_uses();
    let find = |pred: &dyn Fn(&str, &str) -> bool| -> Vec<String> {
        uses.iter()
            .filter(|(f, u)| pred(f, &u.module))
            .map(|(f, u)| format!("src/{f}:{}: crate::{}", u.line, u.module))
            .collect()
    };
    let cli = find(&|_, m| m == "cli" || m == "bench");
    assert!(cli.is_empty(), "the command line lives in src/bin/, not in the library:\n{}", cli.join("\n"));
    let ingest = find(&|f, m| module_of(f) == Some("ingest") && m == "extract");
    assert!(ingest.is_empty(), "ingest must not use extract:\n{}", ingest.join("\n"));
    let tables = find(&|f, m| module_of(f) == Some("tables") && m == "app");
    assert!(tables.is_empty(), "tables must not use app:\n{}", tables.join("\n"));
    for gone in ["cli.rs", "bench.rs", "main.rs"] {
        assert!(!src_dir().join(gone).exists(), "src/{gone} belongs in src/bin/leapfig/");
    }
}

#[test]
fn finds_paths_in_use_lines_groups_and_expressions_not_in_comments_or_strings() {
    let src = "use crate::claim::Claim;\n\
               use crate::{attribute, extract::{self, Context}, ingest};\n\
               // crate::app in a comment\n\
               /* crate::app in a block */ let s = \"crate::app in a string\";\n\
               let c = '\"'; let x = crate::dates::last_day(1958, 2);\n\
               fn f<'a>(t: &'a str) { $crate::lexicon::Lexicon::parse(t); r#\"crate::app\"#; }\n\
               let y = foocrate::x;\n";
    let uses = crate_uses(src);
    let got: Vec<(usize, &str)> = uses.iter().map(|u| (u.line, u.module.as_str())).collect();
    assert_eq!(got, [(1, "claim"), (2, "attribute"), (2, "extract"), (2, "ingest"), (5, "dates"), (6, "lexicon")]);
}
