//! The section as attribution reads it: sentence, clause and line bounds, the word-list hits,
//! the figures and the dates, with the queries every column asks (hits in a range, the figure
//! before, the site of a figure).
//!
//! Input: the section text, the language's [`Rules`], the non-date figures and the date claims.
//! Output: a [`Doc`] that answers range queries by binary search. Invariant: every query is
//! counted as work (`Doc::steps`), so that a test can hold the work linear in the text.

use std::cell::Cell;

use super::place::PlaceHit;
use super::words::Class;
use super::words::{Cue, Hit, ItemEntry};
use super::Rules;
use crate::claim::{Claim, ClaimType, Kind, Period};
use crate::dates::RefDate;
use crate::gazetteer::{Level, PlaceName};
use crate::text::{chars_after, chars_before};

/// The longest sentence, in characters: a text without sentence ends (a flood of figures on one
/// line) is cut into pieces of about this size, at a clause end where one comes soon enough, so
/// that each figure looks at a bounded stretch of text (the bound `extract::SentenceEnds::range`
/// uses on either side of a figure).
const MAX_SENTENCE: usize = 2 * crate::text::MAX_SENTENCE_SIDE;

/// An ASCII letter or digit or a CJK ideograph (U+4E00..U+9FFF): the bulk of any text, and
/// never a sentence end or clause separator in either language (a test holds the rules to it).
#[inline]
pub(super) fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Sentence, clause and line boundaries of a text, found once, in one pass: every figure then
/// finds its sentence and clause by binary search instead of scanning the text.
pub(super) struct Bounds {
    pub(super) len: usize,
    /// Start of each sentence, sorted, the first 0: a sentence runs to the next start. A
    /// sentence includes its end mark.
    pub(super) sents: Vec<usize>,
    /// Clause separators as (byte start, byte end), sorted.
    pub(super) seps: Vec<(usize, usize)>,
    /// Byte offsets of the line feeds.
    pub(super) lines: Vec<usize>,
}

impl Bounds {
    pub(super) fn new(rules: &Rules, text: &str) -> Self {
        let (mut sents, mut seps, mut lines) = (vec![0], Vec::new(), Vec::new());
        let mut run = 0;
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            // Letters, digits and ideographs end nothing: the rules are not asked (issue 8).
            let mark = !word_char(c);
            let sep = mark && (rules.is_clause_sep)(text, i);
            if sep {
                seps.push((i, end));
            }
            if c == '\n' {
                lines.push(i);
            }
            run += 1;
            // Over-long: cut after a clause end or a space, or anywhere once twice too long.
            let cut = (run >= MAX_SENTENCE && (sep || c.is_whitespace())) || run >= 2 * MAX_SENTENCE;
            if (mark && (rules.is_sentence_end)(text, i)) || cut {
                if end < text.len() {
                    sents.push(end);
                }
                run = 0;
            }
        }
        Bounds { len: text.len(), sents, seps, lines }
    }

    /// The sentence holding the byte at `at`.
    fn sentence_of(&self, at: usize) -> Span {
        let j = self.sents.partition_point(|&s| s <= at).saturating_sub(1);
        Span { start: self.sents[j], end: self.sents.get(j + 1).copied().unwrap_or(self.len) }
    }

    /// The clause holding the byte at `at` (inside its sentence).
    pub(super) fn clause_of(&self, at: usize) -> Span {
        let s = self.sentence_of(at);
        let j = self.seps.partition_point(|&(a, _)| a < at);
        let start = j.checked_sub(1).map(|p| self.seps[p]).filter(|&(a, _)| a >= s.start).map_or(s.start, |(_, b)| b);
        let end = self.seps.get(j).map(|&(a, _)| a).filter(|&a| a < s.end).unwrap_or(s.end);
        Span { start, end }
    }

    /// The line holding the byte at `at`, without its line feed.
    pub(super) fn paragraph_of(&self, at: usize) -> Span {
        let j = self.lines.partition_point(|&p| p < at);
        let start = j.checked_sub(1).map_or(0, |p| self.lines[p] + 1);
        Span { start, end: self.lines.get(j).copied().unwrap_or(self.len) }
    }
}

/// A byte range of the section text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub(super) start: usize,
    pub(super) end: usize,
}

/// A date claim as the attribution reads it.
pub(super) struct DateSpan {
    pub(super) span: Span,
    pub(super) date: RefDate,
    /// This year as a whole (今年12月底).
    pub(super) this_year: bool,
    /// See [`DateAnchor::until`].
    pub(super) until: bool,
}

/// A non-date figure: its claim's index, span and kind.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fig {
    pub(super) claim: usize,
    pub(super) span: Span,
    pub(super) kind: Kind,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct DateAnchor {
    pub(super) span: Span,
    pub(super) date: RefDate,
    /// The date is a comparison base's (较9月底, "compared to the end of September").
    pub(super) compare: bool,
    /// The date follows 由 / 从: it is the baseline's, the first figure after it.
    pub(super) from: bool,
    /// This year as a whole (今年, 今年12月底).
    pub(super) this_year: bool,
    /// The date closes a year-to-date span (截至12月19日, 到12月15日, "up to November").
    pub(super) until: bool,
    /// Index (into `figs`) of the figure it belongs to, where a date follows its figure.
    pub(super) owner: Option<usize>,
}

impl DateAnchor {
    /// A date that may govern figures other than its own.
    pub(super) fn plain(&self) -> bool {
        !self.compare && !self.from && self.owner.is_none()
    }
}

pub(super) struct Doc<'a> {
    pub(super) text: &'a str,
    pub(super) rules: &'a Rules,
    pub(super) bounds: Bounds,
    pub(super) items: Vec<Hit<'static, ItemEntry>>,
    pub(super) cues: Vec<Hit<'static, Cue>>,
    /// Place mentions, adjacent names glued.
    pub(super) places: Vec<PlaceHit>,
    /// Per place mention: the last one up to it that names a prefecture or finer.
    pub(super) fine_places: Vec<Option<usize>>,
    /// Per place mention: where it resolves to, computed once when first asked.
    pub(super) resolved: Vec<std::cell::OnceCell<super::Where>>,
    /// The gazetteer names of the language, which the place mentions index.
    pub(super) place_names: &'static [PlaceName],
    /// Where each story starts: the line of each dateline, in text order.
    pub(super) datelines: Vec<usize>,
    /// Where each dateline's date starts, in text order.
    pub(super) dateline_dates: Vec<usize>,
    /// Where every date claim starts, in text order.
    pub(super) date_starts: Vec<usize>,
    /// Where the marks of a new story without a date stand (本报讯, "(Our report)").
    pub(super) story_marks: Vec<usize>,
    /// Where the words for a place not named stand (全省, "the province"), with the level they
    /// speak of, in text order.
    pub(super) locals: Vec<(usize, Level)>,
    pub(super) dates: Vec<DateAnchor>,
    pub(super) figs: Vec<Fig>,
    /// Per figure: the largest end of the figures up to it (figures may nest).
    pub(super) fig_max_end: Vec<usize>,
    /// Per figure: the date right after it that is its own ("4,350.2 tons on the 28th").
    pub(super) owned: Vec<Option<usize>>,
    /// List entries looked at so far: the work, which must grow linearly with the text.
    pub(super) steps: Cell<usize>,
    /// The stretches of time the section states (三天, 十七天, "in four days"), in text order.
    pub(super) durations: Vec<Stretch>,
}

/// A duration claim as the attribution reads it: a stretch a total may be over.
#[derive(Debug, Clone, Copy)]
pub(super) struct Stretch {
    pub(super) span: Span,
    /// Its length in days where it is whole days; months and years count too (as 30 / 365).
    pub(super) days: Option<f64>,
    /// No stretch a total is over: one day, month or year exactly (一天, 一个月: a period), or
    /// hours and minutes (how long a heat took).
    pub(super) not_a_stretch: bool,
}

/// The context found for one figure.
#[derive(Debug, Clone, Default)]
pub(super) struct Context {
    pub(super) item: String,
    pub(super) item_code: String,
    pub(super) period: Option<Period>,
    pub(super) claim_type: Option<ClaimType>,
    pub(super) ref_date: Option<RefDate>,
    pub(super) place: super::Where,
    pub(super) per: &'static str,
    /// The figure's canonical unit, for the figures after it in a list (per carries over).
    pub(super) unit: String,
    pub(super) baseline: bool,
    /// The ref_date is only the year after a year compared with (比去年).
    pub(super) compared: bool,
    /// The figure is of a commodity (its item, if any, is one).
    pub(super) goods: bool,
    /// Byte start of the figure's sentence, to find the previous sentence's figures.
    pub(super) sentence: usize,
}

/// One figure as every column's rule sees it: where it stands and what the figures before it
/// found.
pub(super) struct Figure<'c> {
    /// Index into [`Doc::figs`].
    pub(super) k: usize,
    pub(super) claim: &'c Claim,
    /// The item classes it can take.
    pub(super) classes: Vec<Class>,
    /// A count (of people, furnaces, mines …).
    pub(super) counted: bool,
    pub(super) s: Site,
    /// The context of the figure before it in its sentence.
    pub(super) prev: Option<&'c Context>,
    /// Its sentence opens with 其中 / "Among them": it goes on with the previous one's figures.
    pub(super) continuation: bool,
    /// Its line.
    pub(super) para: Span,
    /// The context of the last figure of the previous sentence, in the same paragraph.
    pub(super) prev_sentence: Option<&'c Context>,
    /// The contexts of the figures before it.
    pub(super) done: &'c [Context],
}

/// What the period and reference-date columns of a figure share.
#[derive(Debug, Clone, Copy)]
pub(super) struct Dating {
    /// People are counted (they have a period; furnaces and mines are stocks).
    pub(super) people: bool,
    /// A count of things other than people.
    pub(super) counted_thing: bool,
    /// The date that governs the figure.
    pub(super) anchor: Option<DateAnchor>,
    /// The figure is a flow (an output over a span), not a size or a stock.
    pub(super) flow: bool,
}

/// Where one figure stands: its span, sentence, clause, and how far to its right its own words
/// may stand.
#[derive(Debug, Clone, Copy)]
pub(super) struct Site {
    pub(super) k: usize,
    pub(super) f: Span,
    pub(super) sent: Span,
    pub(super) clause: Span,
    pub(super) right_end: usize,
    /// A share of the group named by the next figure (一半以上的 / "more than half of the 3,200").
    pub(super) share_of: bool,
    /// Where the words naming the figure's thing may begin (after a size: 三座二十八立方公尺的小高炉).
    pub(super) noun_from: usize,
}

impl Stretch {
    /// The stretch a duration claim states.
    pub(super) fn of(c: &Claim, span: Span) -> Stretch {
        let per_unit = match c.unit.as_str() {
            "day" => Some(1.0),
            "month" => Some(30.0),
            "year" => Some(365.0),
            _ => None,
        };
        let one_period = c.value == Some(1.0) && per_unit.is_some();
        let days = per_unit.and_then(|u| c.value.map(|v| v * u));
        Stretch { span, days, not_a_stretch: one_period || per_unit.is_none() }
    }
}

impl<'a> Doc<'a> {
    /// Reads a section: its word-list hits, places, figures and dates, the dates joined into
    /// spans and given to the figures they follow where the language says so.
    pub(super) fn new(
        rules: &'a Rules,
        text: &'a str,
        bounds: Bounds,
        figs: Vec<Fig>,
        mut date_spans: Vec<DateSpan>,
    ) -> Self {
        let (items, cues, place_hits) = rules.lists.find_all(text);
        let places = glue_places(rules, text, place_hits);
        let fine_places = fine_places(&places);
        let place_names = rules.place_names;
        // (Not inside quotation marks: a slogan's 全专区 names no unit of the story.)
        let locals = cues
            .iter()
            .filter_map(|h| Some((h.start, h.vals.iter().find_map(|c| c.local_level())?)))
            .filter(|&(at, _)| !inside_quotes(text, at))
            .collect();
        let story_marks: Vec<usize> = cues.iter().filter(|h| h.vals.contains(&Cue::Story)).map(|h| h.start).collect();
        let fig_max_end = running_max_end(&figs);
        let owned = vec![None; figs.len()];
        let mut doc = Doc {
            text,
            rules,
            bounds,
            items,
            cues,
            resolved: vec![std::cell::OnceCell::new(); places.len()],
            places,
            fine_places,
            place_names,
            datelines: Vec::new(),
            dateline_dates: Vec::new(),
            story_marks,
            date_starts: Vec::new(),
            locals,
            dates: Vec::new(),
            figs,
            fig_max_end,
            owned,
            steps: Cell::new(0),
            durations: Vec::new(),
        };
        date_spans.sort_by_key(|d| d.span.start);
        let mut dates = doc.date_anchors(date_spans);
        let anaphors = doc.anaphor_dates(&dates);
        dates.extend(anaphors);
        dates.sort_by_key(|d| d.span.start);
        join_time_and_day(text, &mut dates);
        doc.join_date_spans(&mut dates);
        if rules.trailing_dates {
            doc.own_trailing_dates(&mut dates);
        }
        for (i, d) in dates.iter().enumerate() {
            if let Some(k) = d.owner.filter(|_| !d.compare) {
                doc.owned[k].get_or_insert(i);
            }
        }
        doc.dates = dates;
        doc
    }

    /// The date claims as anchors, each marked where a comparison word (比, "compared with")
    /// or a from-word (由, "from") stands right before it.
    fn date_anchors(&self, date_spans: Vec<DateSpan>) -> Vec<DateAnchor> {
        let (text, rules) = (self.text, self.rules);
        date_spans
            .into_iter()
            .map(|DateSpan { span, date, this_year, until }| {
                let mark = self.mark_before(span.start, 3);
                let before = &text[chars_before(text, span.start, 4)..span.start];
                let after = text.get(span.end..).unwrap_or("");
                let with = (rules.compared_with)(before, after.get(..after.len().min(12)).unwrap_or(after));
                DateAnchor {
                    span,
                    date,
                    compare: mark == Some(Cue::Compare) || with,
                    from: mark == Some(Cue::From),
                    this_year,
                    until,
                    owner: None,
                }
            })
            .collect()
    }

    /// 这天 / "on this day": the last day named before it, unless a date claim covers it.
    /// (Per date, the latest day up to it: one pass, however many dates.)
    fn anaphor_dates(&self, dates: &[DateAnchor]) -> Vec<DateAnchor> {
        let mut last_day: Vec<Option<usize>> = Vec::with_capacity(dates.len());
        for (i, d) in dates.iter().enumerate() {
            let prev = last_day.last().copied().flatten();
            let is_day = matches!(d.date, RefDate::Day(_));
            let later = prev.is_none_or(|p: usize| dates[p].span.end <= d.span.end);
            last_day.push(if is_day && later { Some(i) } else { prev });
        }
        let mut anaphors = Vec::new();
        for h in self.cues.iter().filter(|h| h.vals.contains(&Cue::Anaphor)) {
            let s = Span { start: h.start, end: h.end };
            let j = dates.partition_point(|d| d.span.start < s.end);
            // Dates starting before the cue's end: the nearest ones may cover it.
            let covered = dates[..j].iter().rev().take(4).any(|d| s.start < d.span.end);
            if covered {
                continue;
            }
            let before = dates[..j].partition_point(|d| d.span.start < s.start);
            let last = before.checked_sub(1).and_then(|i| last_day[i]).filter(|&i| dates[i].span.end <= s.start);
            if let Some(i) = last {
                let d = dates[i];
                anaphors.push(DateAnchor {
                    span: s,
                    date: d.date,
                    compare: false,
                    from: false,
                    this_year: false,
                    until: false,
                    owner: None,
                });
            }
        }
        anaphors
    }

    /// 从4日晚上八点到5日晚上八点 / "from the 10th to the 11th", 1958年1月到11月 / "from
    /// January to November": two dates joined by a to-word make one span, held by the second;
    /// the first is then only the span's start.
    fn join_date_spans(&self, dates: &mut [DateAnchor]) {
        let (text, rules) = (self.text, self.rules);
        let live: Vec<usize> = (0..dates.len())
            .filter(|&i| !(dates[i].compare && dates.get(i + 1).is_some_and(|n| n.span.start == dates[i].span.start)))
            .collect();
        for w in live.windows(2) {
            let (i, a, b) = (w[1], dates[w[0]], dates[w[1]]);
            // At most 20 characters apart: cheap tests first, so that far-apart dates cost nothing.
            let Some(gap) = text.get(a.span.end..b.span.start).filter(|g| g.len() <= 80) else { continue };
            if gap.chars().count() > 20 || !(rules.leads_to)(gap) {
                continue;
            }
            let no_fig = self.figs_in(a.span.end, b.span.start).next().is_none();
            let no_sep = !gap.char_indices().any(|(j, _)| (rules.is_clause_sep)(text, a.span.end + j));
            let from_before = a.from
                || self
                    .cues_in(chars_before(text, a.span.start, 20), a.span.start)
                    .any(|h| h.vals.contains(&Cue::From));
            // 1958年1月到11月 / "from January to November": whole months, from-word or none.
            let months = matches!(gap.trim(), "到" | "至" | "—" | "-" | "to" | "through");
            if (from_before || months) && no_fig && no_sep {
                join_span(dates, w[0], i);
            }
        }
    }

    /// English puts a figure's date after it ("4,350.2 tons on the 28th"): the nearest figure
    /// before a date in its clause, close by, owns it; a date after a change or a comparison
    /// word is the base's.
    fn own_trailing_dates(&self, dates: &mut [DateAnchor]) {
        for d in dates.iter_mut() {
            if d.compare {
                continue;
            }
            // The nearest figure before the date in its clause, close by.
            let clause = self.bounds.clause_of(d.span.start);
            let prev = self.figs_in(clause.start, d.span.start).rev().find(|(_, f)| f.span.end <= d.span.start);
            if let Some((k, f)) = prev {
                let gap = self.text.get(f.span.end..d.span.start).unwrap_or("");
                let base = self
                    .cues_in(f.span.end, d.span.start)
                    .any(|h| h.vals.iter().any(|c| matches!(c, Cue::Compare | Cue::From)));
                // ("expanded sevenfold in 1958": the year of the change itself.)
                let change = matches!(f.kind, Kind::Multiple | Kind::Percent) && gap.trim() != "in";
                if base || change {
                    // "up 15% from the same month a year ago", "twice the output of the 3rd":
                    // the base's date.
                    d.compare = true;
                } else if gap.chars().count() <= 30 {
                    d.owner = Some(k);
                }
            }
        }
    }

    /// The 比 / 由 mark ending at most `gap` characters before `at`.
    pub(super) fn mark_before(&self, at: usize, gap: usize) -> Option<Cue> {
        let h = self.cues[..self.cues.partition_point(|h| h.end <= at)].last()?;
        if self.text[h.end..at].chars().count() > gap {
            return None;
        }
        h.vals.iter().copied().find(|c| matches!(c, Cue::Compare | Cue::From))
    }

    pub(super) fn sentence_of(&self, at: usize) -> Span {
        self.bounds.sentence_of(at)
    }

    /// Start of the sentence before `sent` (its own start when it is the first).
    pub(super) fn prev_sentence_start(&self, sent: Span) -> usize {
        match self.text[..sent.start].char_indices().next_back() {
            Some((i, _)) => self.sentence_of(i).start,
            None => sent.start,
        }
    }

    pub(super) fn clause_of(&self, at: usize) -> Span {
        self.bounds.clause_of(at)
    }

    pub(super) fn paragraph_of(&self, at: usize) -> Span {
        self.bounds.paragraph_of(at)
    }

    /// The entries of a list sorted by start whose start is in `[a, b)`, found by binary
    /// search; counted as work.
    fn starting_in<'v, T>(&self, v: &'v [T], start: impl Fn(&T) -> usize, a: usize, b: usize) -> &'v [T] {
        let lo = v.partition_point(|x| start(x) < a);
        let hi = lo + v[lo..].partition_point(|x| start(x) < b);
        self.steps.set(self.steps.get() + (hi - lo) + 1);
        &v[lo..hi]
    }

    /// Cue hits inside `[a, b)`.
    pub(super) fn cues_in(&self, a: usize, b: usize) -> impl DoubleEndedIterator<Item = &Hit<'static, Cue>> {
        self.starting_in(&self.cues, |h| h.start, a, b).iter().filter(move |h| h.end <= b)
    }

    /// Item hits inside `[a, b)`.
    pub(super) fn items_in(&self, a: usize, b: usize) -> impl DoubleEndedIterator<Item = &Hit<'static, ItemEntry>> {
        self.starting_in(&self.items, |h| h.start, a, b).iter().filter(move |h| h.end <= b)
    }

    /// Dates inside `[a, b)`.
    pub(super) fn dates_in(&self, a: usize, b: usize) -> impl DoubleEndedIterator<Item = &DateAnchor> {
        self.starting_in(&self.dates, |d| d.span.start, a, b).iter().filter(move |d| d.span.end <= b)
    }

    /// Figures (index, figure) inside `[a, b)`.
    fn figs_in(&self, a: usize, b: usize) -> impl DoubleEndedIterator<Item = (usize, &Fig)> {
        let lo = self.figs.partition_point(|f| f.span.start < a);
        let found = self.starting_in(&self.figs, |f| f.span.start, a, b);
        found.iter().enumerate().map(move |(i, f)| (lo + i, f)).filter(move |(_, f)| f.span.end <= b)
    }

    pub(super) fn has_cue(&self, a: usize, b: usize, cue: Cue) -> bool {
        self.cues_in(a, b).any(|h| h.vals.contains(&cue))
    }

    /// The figure (index into `figs`) before figure `k` in the same sentence.
    pub(super) fn prev_fig(&self, k: usize, sent: Span) -> Option<usize> {
        (k > 0 && self.figs[k - 1].span.start >= sent.start).then(|| k - 1)
    }

    pub(super) fn next_fig_start(&self, k: usize, limit: usize) -> usize {
        self.figs.get(k + 1).map_or(limit, |f| f.span.start.min(limit))
    }

    pub(super) fn site(&self, k: usize, counted: bool) -> Site {
        let f = self.figs[k].span;
        let sent = self.sentence_of(f.start);
        // (A sentence cut for length may end inside the figure.)
        let sent = Span { start: sent.start, end: sent.end.max(f.end) };
        let clause = self.clause_of(f.start);
        // A count's noun may follow a size (三座二十八立方公尺的小高炉, "three 28-cubic-meter furnaces").
        let mut next = k + 1;
        while counted
            && self.figs.get(next).is_some_and(|g| {
                matches!(g.kind, Kind::Volume | Kind::Length | Kind::Area)
                    && g.span.start >= f.end
                    && g.span.start - f.end <= 2
            })
        {
            next += 1;
        }
        // A share of a counted group takes the group's noun (一半以上的干部, "more than half of
        // the 3,200 … cadres").
        let share = matches!(self.figs[k].kind, Kind::Fraction | Kind::Percent);
        let share_of = share
            && self
                .figs
                .get(next)
                .is_some_and(|g| g.span.start >= f.end && self.text[f.end..g.span.start].chars().count() <= 8);
        if share_of {
            next += 1;
        }
        let crosses = (counted || share) && self.rules.count_crosses_commas;
        let end = if crosses { sent.end } else { clause.end.max(f.end) };
        let lim = self.figs.get(next).map_or(end, |g| g.span.start.min(end)).max(f.end);
        let stop = self.text[f.end..lim]
            .char_indices()
            .find(|(_, c)| (self.rules.right_stop)(*c))
            .map_or(lim, |(i, _)| f.end + i);
        let right_end = chars_after(self.text, f.end, self.rules.right_window, stop);
        // Where the figure's own words begin: after it, or after the size it is followed by.
        let noun_from = if next > k + 1 && !share_of { self.figs[next - 1].span.end } else { f.end };
        Site { k, f, sent, clause, right_end, share_of, noun_from }
    }
}

/// Per figure: the largest end of the figures up to it (figures may nest).
fn running_max_end(figs: &[Fig]) -> Vec<usize> {
    let mut fig_max_end = Vec::with_capacity(figs.len());
    let mut max_end = 0;
    for f in figs {
        max_end = max_end.max(f.span.end);
        fig_max_end.push(max_end);
    }
    fig_max_end
}

/// A time and its day ("6:00 a.m. on the 10th", 10日早晨): one date, the day's, spanning both;
/// the first is then only a part of it.
fn join_time_and_day(text: &str, dates: &mut [DateAnchor]) {
    for i in 1..dates.len() {
        let gap = text.get(dates[i - 1].span.end..dates[i].span.start).unwrap_or("x");
        if gap.len() <= 8 && matches!(gap.trim(), "" | "on" | "的") && dates[i - 1].date == dates[i].date {
            dates[i].from |= dates[i - 1].from;
            dates[i].span.start = dates[i - 1].span.start;
            dates[i - 1].compare = true;
            dates[i - 1].from = false;
        }
    }
}

/// Joins date `first` to date `last` (a to-word between them) into one span held by `last`.
/// 从4日晚上八点到5日晚上八点 / "from the 10th to the 11th": a span of days; its end stands for
/// the span: one night -> the first day, longer -> the interval. Whole months make the interval
/// of those months.
fn join_span(dates: &mut [DateAnchor], first: usize, last: usize) {
    let (a, b) = (dates[first], dates[last]);
    match (a.date, b.date) {
        // 9月1日到25日: a span of days, with or without 从.
        (RefDate::Day(x), RefDate::Day(y)) => {
            let days = (y - x).num_days();
            if days == 1 {
                dates[last].date = a.date;
            } else if days > 1 {
                dates[last].date = RefDate::Interval(x, y);
            }
            dates[first].from = false;
            dates[first].compare = true;
        }
        (RefDate::Month(y1, m1), RefDate::Month(y2, m2)) if (y1, m1) < (y2, m2) => {
            let start = chrono::NaiveDate::from_ymd_opt(y1, m1, 1);
            if let (Some(x), Some(y)) = (start, crate::dates::last_day(y2, m2)) {
                dates[last].date = RefDate::Interval(x, y);
                dates[first].from = false;
                dates[first].compare = true;
            }
        }
        _ => {}
    }
}

/// Whether a byte offset stands inside quotation marks on its line (“…”, "…").
/// (Only the last `QUOTE_REACH` bytes are read: a quotation longer than that is not one, and the
/// work per call stays bounded on a line of 50 MB.)
pub(super) fn inside_quotes(text: &str, at: usize) -> bool {
    const QUOTE_REACH: usize = 300;
    let from = crate::text::chars_before(text, at, QUOTE_REACH / 3);
    let line = text[from..at].rsplit('\n').next().unwrap_or("");
    let curly = matches!((line.rfind('“'), line.rfind('”')), (Some(o), c) if c.is_none_or(|c| c < o));
    curly || line.matches('"').count() % 2 == 1
}

/// Place mentions: adjacent names glued into one (湖南省涟源县 / Lianyuan County of Hunan
/// Province), with the finest level of their names.
fn glue_places(rules: &Rules, text: &str, place_hits: Vec<Hit<'_, u32>>) -> Vec<PlaceHit> {
    let mut places: Vec<PlaceHit> = Vec::new();
    for h in place_hits {
        let rank = h.vals.iter().filter_map(|&i| rules.place_names.get(i as usize)).map(|n| n.level.rank()).max();
        let Some(rank) = rank else { continue };
        if !(rules.place_here)(&text[..h.start], &text[h.start..h.end], &text[h.end..]) {
            continue;
        }
        if let Some(last) = places.last_mut() {
            // (Names run from coarse to fine with nothing between, 湖南省涟源县, or from fine
            // to coarse with a comma or "of", "Lianyuan County, Hunan Province"; two names of
            // one rank are a list, "Guangxi, Sichuan".)
            let between = &text[last.span.end..h.start];
            if between.is_empty() || ((rules.place_glue)(between) && rank < last.rank) {
                last.span.end = h.end;
                last.rank = last.rank.max(rank);
                last.parts.extend(h.vals.iter().copied());
                continue;
            }
        }
        places.push(PlaceHit { span: Span { start: h.start, end: h.end }, rank, parts: h.vals.to_vec() });
    }
    places
}

/// Per place mention: the last one up to it that names a prefecture or finer.
fn fine_places(places: &[PlaceHit]) -> Vec<Option<usize>> {
    let mut fine_places = Vec::with_capacity(places.len());
    let mut last_fine = None;
    for (i, p) in places.iter().enumerate() {
        if p.rank >= Level::Prefecture.rank() {
            last_fine = Some(i);
        }
        fine_places.push(last_fine);
    }
    fine_places
}

#[cfg(test)]
mod tests {
    use super::super::{en, zh};
    use super::*;

    #[test]
    fn no_word_character_ends_a_sentence_or_clause() {
        let words: String = ('0'..='9').chain('a'..='z').chain('A'..='Z').chain('\u{4E00}'..='\u{9FFF}').collect();
        for rules in [&*en::RULES, &*zh::RULES] {
            for (i, c) in words.char_indices() {
                assert!(word_char(c));
                assert!(!(rules.is_sentence_end)(&words, i) && !(rules.is_clause_sep)(&words, i), "{c}");
            }
        }
        assert!(!word_char('。') && !word_char('，') && !word_char('.') && !word_char(' '));
    }
}
