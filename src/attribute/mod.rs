//! Attribution (issue 5): item, period, claim type, reference date and place of each claim.
//!
//! Input: the claims the extractor found in one [`Section`] (offsets into the file, dates
//! already carrying their `ref_date`) and that section. Output: the same claims, in the same
//! order, with `item`, `item_code`, `period`, `claim_type`, `place` and, for non-dates,
//! `ref_date` filled where the text makes them clear (`tests/gold/ANNOTATION.md`, "Context
//! columns"); where it does not, the columns stay empty: a wrong context that looks right is
//! worse than none.
//!
//! How: every word list (items, cue words, places) is matched once over the section text; each
//! figure then looks at the hits in its clause and sentence. The language-independent logic
//! lives in this folder, one file per column or rule family: `words.rs` (the word lists and
//! their matching), `doc.rs` (the section as read: bounds, hits, figures, dates, and the
//! queries on them), `item.rs`, `claim_type.rs`, `period.rs`, `ref_date.rs` (which date governs
//! a figure: the nearest one before it in its sentence that belongs to no other figure; a
//! baseline's own date; "这天" / "on this day"), `place.rs`, and `corefer.rs` (repeated
//! figures). This file walks the claims and asks each column's rule in turn
//! (`Doc::context`). The words and the few grammar patterns of each language live in `zh.rs`
//! and `en.rs`.
//!
//! Invariants: date claims keep their fields; no claim is added, dropped or moved; offsets are
//! sliced at char boundaries only, so no input panics.

mod claim_type;
mod corefer;
mod doc;
mod en;
mod item;
mod per;
mod period;
mod place;
mod ref_date;
#[cfg(test)]
pub(crate) mod tests;
mod words;
mod zh;

use crate::article::{Lang, Section};
use crate::claim::{Claim, ClaimType, Kind, Note, Status};
use crate::dates::RefDate;

use corefer::corefer;
use doc::{Bounds, Context, Dating, Doc, Fig, Figure, Span};
use item::classes_for;
pub use place::{Where, NATIONAL};
use ref_date::date_span;
pub(crate) use words::{cue_matcher, item_matcher, Class, Cue, ItemEntry, WordLists, WordMatcher};

/// Fills the context columns of the claims found in `section` (offsets into the file).
/// Example: in "On the 10th the county produced 2,000 tons of pig iron.", 2,000 tons gets item
/// `pig_iron`, period `day`, claim type `achieved` and the 10th as its `ref_date` (these
/// examples are held by `tests::doc_examples_hold`).
/// `lead` is the place the article's title names ([`lead`]), which figures of a body that names
/// none belong to.
pub fn attribute(section: &Section, mut claims: Vec<Claim>, lead: Option<&Where>) -> Vec<Claim> {
    attribute_with(rules_of(section.lang), &section.text, section.start, &mut claims, lead);
    claims
}

/// The place a title names, for the body's figures that name none: its one place, or only the
/// country where it names places of several provinces (广西四川云南中稻…), or none.
/// Example: the title 湖南涟源日产钢铁两千吨 leads to 湖南省涟源县 (CN, 湖南省, 432521).
pub fn lead(title: &Section) -> Option<Where> {
    let rules = rules_of(title.lang);
    let doc = Doc::new(rules, &title.text, Bounds::new(rules, &title.text), Vec::new(), Vec::new());
    place::lead_of(&doc)
}

/// The gazetteer names of a language, which the place hits index (built once).
fn place_names(lang: Lang) -> &'static [crate::gazetteer::PlaceName] {
    use crate::gazetteer::Gazetteer;
    static ZH: std::sync::LazyLock<Vec<crate::gazetteer::PlaceName>> =
        std::sync::LazyLock::new(|| Gazetteer::get().names(Lang::Zh));
    static EN: std::sync::LazyLock<Vec<crate::gazetteer::PlaceName>> =
        std::sync::LazyLock::new(|| Gazetteer::get().names(Lang::En));
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// The place list of a language: every gazetteer name (its index into [`place_names`]) and the
/// words of `not_places` that only look like places (`u32::MAX`: 全国纪录).
fn place_matcher(lang: Lang, not_places: &crate::lexicon::Embedded, whole_words: bool) -> WordMatcher<u32> {
    let mut words: Vec<(String, u32)> =
        place_names(lang).iter().enumerate().map(|(i, n)| (n.name.clone(), i as u32)).collect();
    words.extend(not_places.rows::<crate::lexicon::WordRow>().into_iter().map(|(_, r)| (r.word, u32::MAX)));
    WordMatcher::new(words, whole_words, false)
}

fn rules_of(lang: Lang) -> &'static Rules {
    match lang {
        Lang::Zh => &zh::RULES,
        Lang::En => &en::RULES,
    }
}

/// The language's part: its word lists and the few patterns that are grammar, not words.
pub(crate) struct Rules {
    /// Items, cue words, and place names (indices into `place_names`; `u32::MAX` for words that
    /// only look like places: 全国纪录).
    pub lists: &'static WordLists<ItemEntry, Cue, u32>,
    /// The gazetteer names of the language.
    pub place_names: &'static [crate::gazetteer::PlaceName],
    /// Whether the character at a byte offset ends a sentence. Never at a [`doc::word_char`].
    pub is_sentence_end: fn(&str, usize) -> bool,
    /// Whether the character at a byte offset separates clauses inside a sentence. Never at a
    /// [`doc::word_char`].
    pub is_clause_sep: fn(&str, usize) -> bool,
    /// Whether the text between a figure and the place after it makes the place the figure's
    /// (占总耕地面积82.1％的五莲县: 的).
    pub place_follows: fn(&str) -> bool,
    /// Whether a place right before a share or multiple is its base, given the text before the
    /// place and between it and the figure (苏联的钢产量为美国的48％: 48 % is the Soviet Union's).
    pub base_place: fn(&str, &str) -> bool,
    /// Whether a gazetteer name found in a text is a place of figures, given the text before it,
    /// the name and the text after it (和县 in 书记和县委委员 is 和 and 县委; 北戴河会议 and "a
    /// meeting held in Beidaihe" name a meeting).
    pub place_here: fn(&str, &str, &str) -> bool,
    /// Whether the text between two place names joins them into one place (湖南省涟源县).
    pub place_glue: fn(&str) -> bool,
    /// Whether a mass figure is a threshold (万吨县), given the sentence text before it, its
    /// surface and the sentence text after it.
    pub threshold: fn(&str, &str, &str) -> bool,
    /// Whether the text between a baseline and the next figure leads to it (到, "to").
    pub leads_to: fn(&str) -> bool,
    /// Whether a date expression names the current year as a whole (今年12月底).
    pub this_year: fn(&str) -> bool,
    /// Whether a date word is too loose to date a figure (今天 / "today's China").
    pub weak_date: fn(&str) -> bool,
    /// Whether the date at a byte range of the text is the dateline's (新华社长沙12日电): when
    /// the news was filed, never when a figure holds. The extractor's rule
    /// (`extract::{en,zh}::dateline`), read with attribution's evidence.
    pub dateline: fn(&str, usize, usize) -> bool,
    /// A date right after a figure belongs to it ("4,350.2 tons on the 28th").
    pub trailing_dates: bool,
    /// A count's noun may stand beyond a comma ("3,200 county, township, and commune cadres").
    pub count_crosses_commas: bool,
    /// An item before a figure is the first of its clause, the head of the subject ("Cost Per
    /// Ton of Iron Cut by 30%"), rather than the nearest.
    pub head_first: bool,
    /// Whether the clause text before a percentage ends in "by" (increased … by 30%).
    pub change_by: fn(&str) -> bool,
    /// Whether the text after a percentage compares it ("57% more than last year").
    pub change_after: fn(&str) -> bool,
    /// How many characters after a figure its item and period may stand.
    pub right_window: usize,
    /// How many characters of noun may stand between a comparison word and its base figure
    /// (比1956年的煤产量 X; "twice the 1956 coal output of X").
    pub base_gap: usize,
    /// A rate noun that may stand in a comparison base's short noun although it reads as a verb
    /// elsewhere (比去年亩产二百九十斤: 亩产 names what the base is).
    pub rate_noun: fn(&str) -> bool,
    /// How many characters may separate a count from the noun of what it counts.
    pub noun_gap: usize,
    /// A character after a figure that ends the reach of its words (和 in 生铁七百吨和钢三十吨).
    pub right_stop: fn(char) -> bool,
    /// How many characters may separate a change verb from its percentage (提高了 72.7％).
    pub change_gap: usize,
    /// Whether a date closes a span that runs from the year's start (到11月份为止, 截至12月19日,
    /// "up to November"), given the text before and after it: a year-to-date total.
    pub until: fn(&str, &str) -> bool,
    /// The first month of a span whose last month is the date after this text (今年1到11月).
    pub month_from: fn(&str) -> Option<u32>,
    /// Whether a year compared with is only a part of it (去年同期, "the same period last
    /// year"), given the text before and after the year.
    pub part_of_year: fn(&str, &str) -> bool,
    /// Whether the clause text before a threshold figure strives for it (力争明年实现小麦千斤省):
    /// then it is a target.
    pub strive_for: fn(&str) -> bool,
    /// Whether a figure stands inside an aim's frame: the clause before it opens one and the
    /// sentence after it closes it (为在1958年生产一千零七十万吨钢，…而奋斗): a target.
    pub aim_frame: fn(&str, &str) -> bool,
    /// Whether the text before a place name makes it what was surpassed (超过了, "surpassing"):
    /// a comparison's place, carried to no later sentence.
    pub surpassed: fn(&str) -> bool,
    /// Whether a change word before a mass makes it an absolute increase (增加了四百万吨,
    /// "increased by 4 million tons"), not the amount produced (增产了一百五十万吨).
    pub absolute_change: fn(&str) -> bool,
    /// Whether a date opens a span that runs to now (4月份以来), given the text after it: it
    /// governs only its own clause.
    pub since: fn(&str) -> bool,
    /// Whether a date is compared with by the words around it (和1957年比较), given the text
    /// before and after it.
    pub compared_with: fn(&str, &str) -> bool,
    /// Whether the clause text before a figure says it is to be done (全省要制造, 并要组织):
    /// a target.
    pub modal: fn(&str) -> bool,
    /// Whether a figure of a kind is the size of a plant (年产三十万吨的高炉, 三点三立方公尺的小高炉),
    /// given the clause text before and after it: a capacity.
    pub plant_capacity: fn(Kind, &str, &str) -> bool,
    /// The class of place a threshold names (万吨县: county; "the first county … with 10,000
    /// tons": county), given the clause text before and after the figure.
    pub threshold_class: fn(&str, &str) -> Option<crate::gazetteer::Level>,
    /// Whether the text before a duration makes it a count of days rather than a stretch
    /// (有三天的产量在一千吨以上: on three days each).
    pub days_counted: fn(&str) -> bool,
    /// Words a count used as rhetoric begins with (千万座土炉), lower-cased
    /// (`hyperbole_*.csv`).
    pub hyperbole: Vec<String>,
}

/// The attribution proper, on any text (offsets of the claims are `base + chars into text`).
/// Returns the number of list entries the figures looked at (the work done, for the test that
/// proves it grows linearly with the text).
fn attribute_with(rules: &Rules, text: &str, base: usize, claims: &mut [Claim], lead: Option<&Where>) -> usize {
    let bounds = Bounds::new(rules, text);
    let offsets = byte_offsets(text, base, claims);
    let mut figs = Vec::new();
    let mut date_spans = Vec::new();
    let mut durations = Vec::new();
    let mut datelines = Vec::new();
    let mut date_starts = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let Some((s, e)) = offsets[i] else { continue };
        if s >= e {
            continue;
        }
        let span = Span { start: s, end: e };
        match c.kind {
            Kind::Date => {
                if (rules.dateline)(text, s, e) {
                    datelines.push(s);
                }
                date_starts.push(s);
                if let Some(d) = date_span(rules, text, c, span) {
                    date_spans.push(d);
                }
            }
            // Durations (两个月, "24 hours") carry no context and own no date; they may make
            // a figure a total over a stretch.
            Kind::Duration => durations.push(doc::Stretch::of(c, span)),
            _ => figs.push(Fig { claim: i, span, kind: c.kind }),
        }
    }
    figs.sort_by_key(|f| f.span.start);
    let mut doc = Doc::new(rules, text, bounds, figs, date_spans);
    durations.sort_by_key(|d| d.span.start);
    doc.durations = durations;
    // A dateline starts a story at its line.
    datelines.sort_unstable();
    doc.dateline_dates = datelines;
    date_starts.sort_unstable();
    doc.date_starts = date_starts;
    // (Also where a place opens a line with its date, "Chungking, 9th (Hsinhua)", which the
    // dateline rule does not know.)
    let mut stories: Vec<usize> = doc
        .dateline_dates
        .iter()
        .chain(&doc.story_marks)
        .copied()
        .chain(doc.places.iter().filter(|p| doc.in_dateline(p)).map(|p| p.span.start))
        .map(|d| doc.paragraph_of(d).start)
        .collect();
    stories.sort_unstable();
    stories.dedup();
    doc.datelines = stories;
    let mut done: Vec<Context> = Vec::with_capacity(doc.figs.len());
    for k in 0..doc.figs.len() {
        let ctx = doc.context(k, &claims[doc.figs[k].claim], &done, lead);
        done.push(ctx);
    }
    for (k, ctx) in done.into_iter().enumerate() {
        let c = &mut claims[doc.figs[k].claim];
        c.item = ctx.item;
        c.item_code = ctx.item_code;
        c.period = ctx.period;
        c.claim_type = ctx.claim_type;
        // An interval of whole months is written as months (1958年1月到11月: 1958-01/1958-11).
        c.ref_date = ctx.ref_date.map(RefDate::whole_months);
        let w = ctx.place;
        (c.place, c.country, c.province, c.place_code, c.works) =
            (w.place, w.country, w.province, w.place_code, w.works);
        c.per = ctx.per.to_string();
    }
    for c in claims.iter_mut() {
        if is_hyperbole(rules, c) {
            c.add_note(Note::Hyperbole);
            c.status = Status::Ambiguous;
        }
    }
    corefer(claims);
    doc.steps.get()
}

/// The words of a `hyperbole_*.csv` file, lower-cased.
fn hyperbole_words(file: &crate::lexicon::Embedded) -> Vec<String> {
    file.rows::<crate::lexicon::WordRow>().into_iter().map(|(_, r)| r.word.to_lowercase()).collect()
}

/// Whether a count is rhetoric, "countless" (千万座土炉, "thousands upon thousands of"): its
/// surface begins with a hyperbole word. Masses never are (千万吨钢 is a real target).
fn is_hyperbole(rules: &Rules, c: &Claim) -> bool {
    c.kind == Kind::Count && {
        let s = c.surface.to_lowercase();
        rules.hyperbole.iter().any(|w| s.starts_with(w.as_str()))
    }
}

/// Byte offsets of each claim's start and end (`None` when outside the text or not at a char
/// boundary), found in one walk over the text.
fn byte_offsets(text: &str, base: usize, claims: &[Claim]) -> Vec<Option<(usize, usize)>> {
    let mut wanted: Vec<(usize, usize, bool)> = Vec::with_capacity(2 * claims.len());
    for (i, c) in claims.iter().enumerate() {
        if let (Some(s), Some(e)) = (c.start.checked_sub(base), c.end.checked_sub(base)) {
            wanted.push((s, i, false));
            wanted.push((e, i, true));
        }
    }
    wanted.sort_unstable();
    let mut found: Vec<(Option<usize>, Option<usize>)> = vec![(None, None); claims.len()];
    // (character index, byte offset) walked forward over the bytes: a character starts at
    // every byte that is no UTF-8 continuation byte.
    let bytes = text.as_bytes();
    let (mut ci, mut bi) = (0usize, 0usize);
    for (pos, i, is_end) in wanted {
        while ci < pos && bi < bytes.len() {
            bi += 1;
            while bi < bytes.len() && (bytes[bi] as i8) < -0x40 {
                bi += 1;
            }
            ci += 1;
        }
        let b = (ci == pos).then_some(bi);
        if is_end {
            found[i].1 = b;
        } else {
            found[i].0 = b;
        }
    }
    found.into_iter().map(|(s, e)| Some((s?, e?))).collect()
}

impl Doc<'_> {
    /// The context of figure `k`: each column's rule asked in turn (item, claim type, period,
    /// reference date, the period again from that date, a commodity's item carried over,
    /// place), each seeing what the ones before it found.
    fn context(&self, k: usize, claim: &Claim, done: &[Context], lead: Option<&Where>) -> Context {
        let fig = self.figure(k, claim, done);
        let mut ctx = Context { sentence: fig.s.sent.start, ..Context::default() };
        self.item_column(&fig, &mut ctx);
        self.claim_type_column(&fig, &mut ctx);
        let dating = self.dating(&fig, &ctx);
        let whole_year = self.period_column(&fig, &dating, &mut ctx);
        self.ref_date_column(&fig, &dating, whole_year, &mut ctx);
        self.period_from_ref_date(&fig, &dating, &mut ctx);
        self.carried_item(&fig, &mut ctx);
        self.item_fits_kind(&fig, &mut ctx);
        self.span_dates(&fig, &mut ctx);
        let class = (ctx.claim_type == Some(ClaimType::Threshold))
            .then(|| {
                let (s, t) = (&fig.s, self.text);
                (self.rules.threshold_class)(&t[s.clause.start..s.f.start], &t[s.f.end..s.clause.end.max(s.f.end)])
            })
            .flatten();
        ctx.place = self.place(&fig, lead, class);
        ctx.unit = claim.unit.clone();
        ctx.per = self.per_column(&fig);
        ctx
    }

    /// Where figure `k` stands, and the contexts of the figures it may take columns from.
    fn figure<'c>(&self, k: usize, claim: &'c Claim, done: &'c [Context]) -> Figure<'c> {
        let classes = classes_for(claim);
        let counted = claim.kind == Kind::Count;
        let s = self.site(k, counted);
        let prev = self.prev_fig(k, s.sent).map(|p| &done[p]);
        let continuation = {
            let head = self.text[s.sent.start..s.f.start].trim_start();
            let off = s.f.start - head.len();
            self.cues_in(off, s.f.start).next().is_some_and(|h| h.start == off && h.vals.contains(&Cue::Continuation))
        };
        // The last figure of the previous sentence in the same paragraph (其中 / "Among them").
        let para = self.paragraph_of(s.f.start);
        // (Figures before it in its own sentence are stepped over: a bounded number.)
        let prev_sentence_fig = (0..k)
            .rev()
            .take_while(|&j| self.figs[j].span.start >= para.start)
            .find(|&j| self.figs[j].span.end <= s.sent.start)
            .map(|j| &done[j]);
        let prev_sentence = prev_sentence_fig.filter(|p| self.prev_sentence_start(s.sent) == p.sentence);
        Figure { k, claim, classes, counted, s, prev, continuation, para, prev_sentence, done }
    }

    /// What the period and reference-date columns share, once the item and claim type are
    /// known: whether people are counted, the governing date, whether the figure is a flow.
    fn dating(&self, fig: &Figure, ctx: &Context) -> Dating {
        let (claim, s) = (fig.claim, &fig.s);
        // Of counts, only people have a period (七百万人 on that day); furnaces and mines are
        // stocks.
        let people = fig.counted
            && (claim.unit == "person" || self.item_class(&fig.classes, claim.kind, s) == Some(Class::Person));
        let change = ctx.claim_type == Some(ClaimType::Change);
        let target = ctx.claim_type == Some(ClaimType::Target);
        let anchor = self.governing_date(s, ctx.baseline, change, target);
        // Drilling footage is a flow; other lengths are sizes.
        let footage = claim.kind == Kind::Length && ctx.item_code == "drilling_footage";
        let flow =
            footage || !matches!(claim.kind, Kind::Count | Kind::Fraction | Kind::Volume | Kind::Length | Kind::Area);
        Dating { people, counted_thing: fig.counted && !people, anchor, flow }
    }
}
