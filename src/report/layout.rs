//! Where each claim stands in its text: an article's sections cut into paragraphs, each
//! paragraph into text and marks, and the whole into pages a browser can open.
//!
//! Input: the text of one section (as [`crate::ingest`] gives it: its first character's offset
//! in the decoded file, BOM removed, CR kept) and the claims of the article, each with its
//! `start`/`end` in characters into the file (`../shared/SCHEMA.md`). Output: [`Block`]s of
//! [`Seg`]ments borrowing the text, every claim of the section becoming exactly one mark (an
//! overlapping claim starts where the one before it ends; one inside another is an empty mark
//! after it), and the claims that fall in no line of the section, left for the caller.
//! Invariants: a paragraph is one non-blank line (the English of the bilingual files has a blank
//! line between paragraphs, the Chinese one paragraph a line); a block never holds more than
//! [`CHUNK_CHARS`] characters or [`CHUNK_MARKS`] marks, so that a 50 MB single-line article
//! becomes many blocks and, with [`paginate`], many pages rather than one page no browser
//! opens. Cuts fall between marks, never inside one; no character and no claim is dropped.

/// The most characters of one block (a cut falls at the first character past it that is not
/// inside a mark).
pub const CHUNK_CHARS: usize = 20_000;
/// The most marks of one block.
pub const CHUNK_MARKS: usize = 500;
/// The most characters of one page (both languages).
pub const PAGE_CHARS: usize = 200_000;
/// The most marks of one page.
pub const PAGE_MARKS: usize = 2_000;

/// A piece of a paragraph: plain text, or the text of claim `n` (the article's claims in
/// `claims.csv` order, from 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg<'t> {
    Text(&'t str),
    Mark(usize, &'t str),
}

/// A paragraph, or one piece of a long one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Block<'t> {
    pub segs: Vec<Seg<'t>>,
    /// Continues the paragraph of the block before it.
    pub cont: bool,
    pub chars: usize,
    pub marks: usize,
}

/// A claim to place: its number, offsets into the file, and surface as the table gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span<'c> {
    pub n: usize,
    pub start: usize,
    pub end: usize,
    pub surface: &'c str,
}

/// What a section's layout gives besides its blocks.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Placed {
    /// Claims (by `n`) whose text is not their surface: the file changed after the run. Their
    /// mark stays where the offsets say.
    pub surface_differs: Vec<(usize, String)>,
}

/// Lays out one section: `text` starts at character `sec_start` of the file; `spans` are the
/// claims inside it (start in `[sec_start, sec_start + chars)`), sorted by (start, end).
pub fn section_blocks<'t>(text: &'t str, sec_start: usize, spans: &[Span<'_>], placed: &mut Placed) -> Vec<Block<'t>> {
    // Effective spans: an overlapping claim starts where the one before it ends; a claim inside
    // another becomes empty (an empty mark right after it), so that marks never nest.
    let mut eff: Vec<(usize, usize, usize, &str)> = Vec::with_capacity(spans.len());
    let mut last_end = 0usize;
    for s in spans {
        let a = s.start.saturating_sub(sec_start).max(last_end);
        let b = s.end.saturating_sub(sec_start).max(a);
        last_end = b;
        eff.push((s.n, a, b, s.surface));
    }
    let mut blocks = Vec::new();
    let mut next = 0usize; // next span in `eff`
    let mut line_c0 = 0usize; // character index (in the section) of the current line's start
    for line in text.split_inclusive('\n') {
        let line_chars = line.chars().count();
        let line_end_c = line_c0 + line_chars;
        // The shown part: without the line end and without leading and trailing blanks.
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let shown = body.trim();
        if !shown.is_empty() {
            let first_c = line_c0 + body[..lead].chars().count();
            blocks.extend(paragraph(shown, first_c, &eff, &mut next, placed));
        }
        line_c0 = line_end_c;
    }
    // Spans past the end of the text (the file is shorter than the table says): empty marks in
    // a last block, so every claim still has its mark.
    if next < eff.len() {
        let mut b = Block { cont: false, ..Block::default() };
        for &(n, _, _, surface) in &eff[next..] {
            placed.surface_differs.push((n, format!("{surface:?} lies past the end of the text")));
            b.segs.push(Seg::Mark(n, ""));
            b.marks += 1;
        }
        blocks.push(b);
    }
    blocks
}

/// One paragraph (`shown`, starting at section character `c0`) cut into blocks; takes the
/// spans starting before its end from `eff[*next..]`.
fn paragraph<'t>(
    shown: &'t str,
    c0: usize,
    eff: &[(usize, usize, usize, &str)],
    next: &mut usize,
    placed: &mut Placed,
) -> Vec<Block<'t>> {
    let mut out = Vec::new();
    let mut block = Block::default();
    let mut block_c0 = c0; // the character where the current block starts
    let mut seg_b = 0usize; // byte where the pending text starts
    let mut open: Option<(usize, usize, usize, &str)> = None; // (n, end char, start byte, surface)
    let mut c = c0;
    let close = |block: &mut Block<'t>, n: usize, from: usize, to: usize, surface: &str, placed: &mut Placed| {
        let t = &shown[from..to];
        if t != surface && !t.is_empty() {
            placed.surface_differs.push((n, format!("the text there is {t:?}, not {surface:?}")));
        }
        block.segs.push(Seg::Mark(n, t));
    };
    let len = shown.len();
    for b in shown.char_indices().map(|(b, _)| b).chain(std::iter::once(len)) {
        let at_end = b == len;
        if let Some((n, end, sb, surface)) = open {
            if c >= end || at_end {
                close(&mut block, n, sb, b, surface, placed);
                seg_b = b;
                open = None;
            }
        }
        // Marks starting here (a claim starting in the blanks before the paragraph is marked at
        // its start; one in the blanks after it, at its end).
        while open.is_none() && *next < eff.len() && eff[*next].1 <= c {
            let (n, _, end, surface) = eff[*next];
            *next += 1;
            if seg_b < b {
                block.segs.push(Seg::Text(&shown[seg_b..b]));
            }
            seg_b = b;
            block.marks += 1;
            if end <= c || at_end {
                // Empty (inside the claim before it) or at the very end: an empty mark here.
                close(&mut block, n, b, b, surface, placed);
            } else {
                open = Some((n, end, b, surface));
            }
        }
        if at_end {
            break;
        }
        if open.is_none() && (c - block_c0 >= CHUNK_CHARS || block.marks >= CHUNK_MARKS) {
            if seg_b < b {
                block.segs.push(Seg::Text(&shown[seg_b..b]));
            }
            seg_b = b;
            block.chars = c - block_c0;
            block_c0 = c;
            out.push(std::mem::replace(&mut block, Block { cont: true, ..Block::default() }));
        }
        c += 1;
    }
    if let Some((n, _, sb, surface)) = open {
        close(&mut block, n, sb, len, surface, placed);
        seg_b = len;
    }
    if seg_b < len {
        block.segs.push(Seg::Text(&shown[seg_b..]));
    }
    block.chars = c - block_c0;
    out.push(block);
    out
}

/// Packs items of (characters, marks) into pages of at most [`PAGE_CHARS`] characters and
/// [`PAGE_MARKS`] marks (an item larger than that is a page of its own): the index of the
/// first item of each page.
pub fn paginate(sizes: impl IntoIterator<Item = (usize, usize)>) -> Vec<usize> {
    let mut starts = vec![0];
    let (mut chars, mut marks) = (0usize, 0usize);
    for (i, (c, m)) in sizes.into_iter().enumerate() {
        if i > 0 && (chars + c > PAGE_CHARS || marks + m > PAGE_MARKS) && (chars > 0 || marks > 0) {
            starts.push(i);
            chars = 0;
            marks = 0;
        }
        chars += c;
        marks += m;
    }
    starts
}

/// Aligns `m` blocks of one language with `n` of the other, keeping the order of both: each
/// row is a block of each side, or of one side only. `links` counts the pairs of `pairs.csv`
/// between block `i` (left) and block `j` (right); an alignment (dynamic programming) takes the
/// most links, and among equal ones pairs blocks rather than leaving them alone (so equal counts
/// without links pair one to one). Beyond [`ALIGN_CELLS`] cells of the table it pairs them in
/// order.
pub fn align(
    m: usize,
    n: usize,
    links: &std::collections::HashMap<(usize, usize), usize>,
) -> Vec<(Option<usize>, Option<usize>)> {
    if m.saturating_mul(n) > ALIGN_CELLS || m == 0 || n == 0 {
        return (0..m.max(n)).map(|k| ((k < m).then_some(k), (k < n).then_some(k))).collect();
    }
    // Scores in tenths: a link is worth 10, a pair of blocks 1, a block alone 0.
    let w = n + 1;
    let mut score = vec![0i64; (m + 1) * w];
    let mut step = vec![0u8; (m + 1) * w]; // 0 both, 1 left alone, 2 right alone
    for i in 0..=m {
        for j in 0..=n {
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = (i64::MIN, 0u8);
            if i > 0 && j > 0 {
                let l = links.get(&(i - 1, j - 1)).copied().unwrap_or(0) as i64;
                best = (score[(i - 1) * w + j - 1] + 10 * l + 1, 0);
            }
            if i > 0 && score[(i - 1) * w + j] > best.0 {
                best = (score[(i - 1) * w + j], 1);
            }
            if j > 0 && score[i * w + j - 1] > best.0 {
                best = (score[i * w + j - 1], 2);
            }
            score[i * w + j] = best.0;
            step[i * w + j] = best.1;
        }
    }
    let (mut i, mut j) = (m, n);
    let mut rows = Vec::with_capacity(m.max(n));
    while i > 0 || j > 0 {
        match step[i * w + j] {
            0 => {
                i -= 1;
                j -= 1;
                rows.push((Some(i), Some(j)));
            }
            1 => {
                i -= 1;
                rows.push((Some(i), None));
            }
            _ => {
                j -= 1;
                rows.push((None, Some(j)));
            }
        }
    }
    rows.reverse();
    rows
}

/// The largest table [`align`] fills (blocks of one side times blocks of the other).
pub const ALIGN_CELLS: usize = 4_000_000;

#[cfg(test)]
mod tests {
    use super::*;

    fn span(n: usize, start: usize, end: usize, surface: &str) -> Span<'_> {
        Span { n, start, end, surface }
    }

    fn shown(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| {
                b.segs
                    .iter()
                    .map(|s| match s {
                        Seg::Text(t) => t.to_string(),
                        Seg::Mark(n, t) => format!("[{n}:{t}]"),
                    })
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn marks_stand_at_their_offsets_in_paragraphs() {
        // Offsets into the file: the section starts at character 10; CRLF line ends count.
        let text = "    日产钢三百吨。\r\n\r\n    10日产煤一万五千吨\r\n";
        let spans = [
            span(0, 10 + 7, 10 + 10, "三百吨"),
            span(1, 10 + 15 + 4, 10 + 15 + 7, "10日"),
            span(2, 10 + 15 + 9, 10 + 15 + 14, "一万五千吨"),
        ];
        let mut placed = Placed::default();
        let b = section_blocks(text, 10, &spans, &mut placed);
        assert_eq!(shown(&b), ["日产钢[0:三百吨]。", "[1:10日]产煤[2:一万五千吨]"]);
        assert_eq!(placed, Placed::default());
        assert_eq!((b[1].chars, b[1].marks), (10, 2));
    }

    #[test]
    fn overlapping_and_contained_claims_keep_one_mark_each() {
        let text = "abcdefgh";
        let spans = [span(0, 1, 5, "bcde"), span(1, 2, 3, "c"), span(2, 4, 7, "efg")];
        let mut placed = Placed::default();
        let b = section_blocks(text, 0, &spans, &mut placed);
        assert_eq!(shown(&b), ["a[0:bcde][1:][2:fg]h"]);
        // The clipped claim's text is not its surface: reported, still marked.
        assert_eq!(placed.surface_differs, [(2, "the text there is \"fg\", not \"efg\"".to_string())]);
    }

    #[test]
    fn a_changed_file_is_reported_and_spans_past_its_end_still_get_a_mark() {
        let spans = [span(0, 0, 2, "三百"), span(1, 50, 52, "千吨")];
        let mut placed = Placed::default();
        let b = section_blocks("一千吨", 0, &spans, &mut placed);
        assert_eq!(shown(&b), ["[0:一千]吨", "[1:]"]);
        assert_eq!(placed.surface_differs.len(), 2);
        assert_eq!(placed.surface_differs[1], (1, "\"千吨\" lies past the end of the text".to_string()));
    }

    #[test]
    fn a_long_line_is_cut_between_marks_and_nothing_is_lost() {
        let unit = "产钢一千吨，";
        let text = unit.repeat(20_000); // 120,000 characters, 20,000 claims
        let spans: Vec<Span> = (0..20_000).map(|i| span(i, i * 6 + 2, i * 6 + 5, "一千吨")).collect();
        let mut placed = Placed::default();
        let b = section_blocks(&text, 0, &spans, &mut placed);
        assert!(placed.surface_differs.is_empty());
        assert!(b.iter().all(|b| b.chars <= CHUNK_CHARS + 3 && b.marks <= CHUNK_MARKS), "blocks within limits");
        assert_eq!(b.iter().map(|b| b.marks).sum::<usize>(), 20_000);
        assert_eq!(b.iter().map(|b| b.chars).sum::<usize>(), 120_000);
        assert!(b[1..].iter().all(|b| b.cont) && !b[0].cont);
        let joined: String = shown(&b).concat();
        assert_eq!(joined.matches("一千吨]").count(), 20_000);
        let pages = paginate(b.iter().map(|b| (b.chars, b.marks)));
        assert_eq!(pages.len(), 10, "2,000 marks a page");
    }

    #[test]
    fn paragraphs_align_by_their_pairs() {
        use std::collections::HashMap;
        // The same count, no links: one to one.
        assert_eq!(align(2, 2, &HashMap::new()), [(Some(0), Some(0)), (Some(1), Some(1))]);
        // The Chinese has a paragraph more, at the start: the links say where.
        let links = HashMap::from([((0, 1), 2), ((1, 2), 1)]);
        assert_eq!(align(2, 3, &links), [(None, Some(0)), (Some(0), Some(1)), (Some(1), Some(2))]);
        // One side empty.
        assert_eq!(align(0, 2, &HashMap::new()), [(None, Some(0)), (None, Some(1))]);
        assert_eq!(align(1, 0, &HashMap::new()), [(Some(0), None)]);
    }

    #[test]
    fn pages_hold_their_budget() {
        assert_eq!(paginate([(150_000, 0), (60_000, 0), (10, 0)]), [0, 1]);
        assert_eq!(paginate([(300_000, 0), (1, 0)]), [0, 1]);
        assert_eq!(paginate([(10, 1_999), (10, 1), (10, 1)]), [0, 2]);
        assert_eq!(paginate(Vec::<(usize, usize)>::new()), [0]);
    }
}
