//! Counted nouns and bare numbers: what a number without a unit counts ("752 indigenous
//! furnaces", "4,700 county, township, and commune cadres", "the number of small coal mines
//! ... 630"), or the unit it borrows from the list it starts or the figure it continues.
//!
//! Input: the tokens after (or before) a number. Output: the count class of the
//! `nouns_en.csv` lexicon ("unit" when unknown) and where the noun ends; for a bare number,
//! its draft pushed through `push_qty`.

use super::lexicon::{UnitDef, LEX, NP_STOP, Q};
use super::numbers::NumP;
use super::tokens::T;
use super::units::{UnitHit, U};
use super::Ex;
use crate::claim::{Kind, Status};
use crate::numerals::en as num;

/// A word that looks like a plural noun (measures, posters), not "-ss" (process) or short.
fn is_plural_head(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")
}

/// Singular forms a plural may come from (furnaces -> furnace, counties -> county).
fn singulars(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    if let Some(s) = w.strip_suffix("ies") {
        out.push(format!("{s}y"));
    }
    if let Some(s) = w.strip_suffix("es") {
        out.push(s.to_string());
    }
    if let Some(s) = w.strip_suffix('s') {
        out.push(s.to_string());
    }
    out
}

/// The singular of a plural noun outside the lexicon, as the unit of its count (goals -> goal,
/// varieties -> variety, boxes -> box, satellites -> satellite).
fn singular(w: &str) -> String {
    // Nouns whose singular is the plural.
    if matches!(w, "bellows" | "means" | "series" | "species" | "works" | "headquarters" | "barracks") {
        return w.to_string();
    }
    if let Some(s) = w.strip_suffix("ies") {
        return format!("{s}y");
    }
    for end in ["sses", "shes", "ches", "xes", "zes"] {
        if w.ends_with(end) {
            return w[..w.len() - 2].to_string();
        }
    }
    w.strip_suffix('s').unwrap_or(w).to_string()
}

/// Plural words after a number that name no counted thing: pronouns and quantifiers ("20
/// others"), the words of multiples and measures the other rules read, and time units ("4.48
/// million labor days" are no count of days). Sorted.
const NOT_COUNTED: &[&str] = &[
    "days",
    "hours",
    "hundreds",
    "millions",
    "minutes",
    "months",
    "ones",
    "others",
    "thousands",
    "tens",
    "times",
    "was",
    "weeks",
    "years",
    "yes",
];

impl<'a> Ex<'a> {
    /// A plural noun outside the lexicon at token `k` after a number, or after one or two
    /// adjectives ("22 goals", "5 new varieties"): its singular, the unit of the count (issue
    /// 16), and the end of the figure (past the noun when it is right at `k`). Only a lower-case word on the
    /// number's line: a capitalised one starts a name ("12 Communist Party branches" is read by
    /// the noun phrase), and "3 times" is a multiple.
    pub(super) fn free_noun_at(&self, k: usize) -> Option<(String, usize)> {
        // Up to two lower-case words before the noun ("5 new varieties"), none a stop word.
        for p in k..k + 3 {
            let tok = self.toks.get(p)?;
            let w = self.w(p);
            let plain = tok.t == T::Word
                && !tok.cap
                && !tok.nl
                && !NP_STOP.contains(&w)
                && num::word(w).is_none()
                && w.bytes().all(|b| b.is_ascii_lowercase());
            if !plain || NOT_COUNTED.contains(&w) {
                return None;
            }
            if is_plural_head(w) {
                // (Only the noun right at the number joins the surface, as for lexicon nouns.)
                return Some((singular(w), if p == k { p + 1 } else { k }));
            }
        }
        None
    }

    /// A counted noun at token `k` (one or two words, plural or singular): its class and end.
    ///
    /// "Two counties sent 300 people": `counties` is class `county`, `people` class `person`.
    pub(super) fn count_noun_at(&self, k: usize) -> Option<(String, usize)> {
        if self.t(k) != Some(T::Word) {
            return None;
        }
        let w1 = self.w(k);
        let w2 = if self.t(k + 1) == Some(T::Word) && self.same_line(k + 1) { self.w(k + 1) } else { "" };
        if !w2.is_empty() {
            for s in singulars(w2) {
                let key = format!("{w1} {s}");
                if let Some(c) = LEX.counts.get(&key) {
                    return Some((c.clone(), k + 2));
                }
            }
        }
        for s in singulars(w1) {
            if let Some(c) = LEX.counts.get(s.as_str()) {
                return Some((c.clone(), k + 1));
            }
        }
        None
    }

    /// The class of what a number at `num_start` counts: the last counted noun of the noun
    /// phrase from `k` ("4,700 county, township, and commune cadres"), else "the number of
    /// <noun>" or "<noun> of" before it. Returns the class ("unit" when unknown) and, when the
    /// noun stands right at `k`, its end (to take it into the surface).
    ///
    /// "The county lit 752 small indigenous furnaces": the class of 752 is `furnace`.
    pub(super) fn count_class(&self, k: usize, num_start: usize) -> (String, Option<usize>) {
        let (found, nouns, adjacent_end) = self.noun_phrase_class(k);
        if let Some(c) = found {
            return (c, if nouns == 1 { adjacent_end } else { None });
        }
        (self.class_named_before(num_start).unwrap_or_else(|| "unit".into()), None)
    }

    /// The last counted noun of the noun phrase from `k` ("4,700 county, township, and commune
    /// cadres"): its class, how many counted nouns the phrase holds, and the end of the one
    /// right at `k`.
    fn noun_phrase_class(&self, k: usize) -> (Option<String>, usize, Option<usize>) {
        let mut found: Option<String> = None;
        let mut nouns = 0;
        let mut adjacent_end = None;
        let mut p = k;
        let mut words = 0;
        while words < 7 {
            let Some(tok) = self.toks.get(p) else { break };
            if tok.nl {
                break;
            }
            match tok.t {
                T::Word => {
                    if let Some((c, e)) = self.count_noun_at(p) {
                        // "26 people's communes": a possessive is no head noun.
                        if (self.is_punct(e, '\'') || self.is_punct(e, '’')) && self.is(e + 1, "s") && self.tight(e) {
                            p = e + 2;
                            words += 1;
                            continue;
                        }
                        found = Some(c);
                        nouns += 1;
                        if p == k {
                            adjacent_end = Some(e);
                        }
                        p = e;
                        words += 1;
                        continue;
                    }
                    let w = self.w(p);
                    if NP_STOP.contains(&w) {
                        // "thousands of tons", "45 of the furnaces", "county, township, and
                        // commune cadres"
                        let of_here = (w == "of" && (p == k || self.is_punct(p - 1, ',')))
                            || (w == "the" && p > k && self.is(p - 1, "of"));
                        let next_plain = self.t(p + 1) == Some(T::Word)
                            && !NP_STOP.contains(&self.w(p + 1))
                            && num::word(self.w(p + 1)).is_none();
                        let list_and =
                            w == "and" && p > k && (self.is_punct(p - 1, ',') || (found.is_none() && next_plain));
                        if !(of_here || list_and) {
                            break;
                        }
                    } else if num::word(w).is_some() || num::is_ordinal_word(w) {
                        break;
                    } else if p > k && is_plural_head(w) && !LEX.vague.by_first.contains_key(w) {
                        // "six major measures, including expanding furnace output": a plural
                        // noun before a comma or a stop word heads the phrase.
                        let nx = self.w(p + 1);
                        if self.t(p + 1) != Some(T::Word) || (NP_STOP.contains(&nx) && nx != "of") {
                            break;
                        }
                    }
                    words += 1;
                }
                T::Punct if matches!(self.w(p), "," | "-" | "&") => {}
                // "the two 3.3 cubic meter small blast furnaces": a measure inside the phrase.
                T::Num if self.t(p + 1) == Some(T::Word) => match self.unit_at(p + 1) {
                    Some(UnitHit { u: U::Def(_), end, .. }) if self.t(end) == Some(T::Word) => {
                        p = end;
                        words += 1;
                        continue;
                    }
                    _ => break,
                },
                _ => break,
            }
            p += 1;
        }
        (found, nouns, adjacent_end)
    }

    /// The class a number at `num_start` counts, named before it in the sentence: "a
    /// population of only 160,000", "the number of small coal mines ... from 630".
    fn class_named_before(&self, num_start: usize) -> Option<String> {
        let s = self.sentence(num_start);
        let mut p = num_start;
        let mut n = 0;
        while p > 0 && n < 16 {
            p -= 1;
            if self.sentence(p) != s || matches!(self.w(p), ";") {
                break;
            }
            if self.is(p, "population") {
                return Some("person".into());
            }
            if self.is(p, "number") && self.is(p + 1, "of") {
                let (c, _) = self.count_class_plain(p + 2);
                if let Some(c) = c {
                    return Some(c);
                }
            }
            n += 1;
        }
        None
    }

    fn count_class_plain(&self, k: usize) -> (Option<String>, usize) {
        let mut found = None;
        let mut p = k;
        for _ in 0..6 {
            if self.t(p) != Some(T::Word) || (NP_STOP.contains(&self.w(p)) && p != k) {
                break;
            }
            if let Some((c, e)) = self.count_noun_at(p) {
                found = Some(c);
                p = e;
                continue;
            }
            p += 1;
        }
        (found, p)
    }

    /// "one <noun of this class>" earlier in the sentence (a parallel slogan: one X ... N X).
    fn one_of_class_before(&self, start: usize, class: &str) -> bool {
        let s = self.sentence(start);
        (start.saturating_sub(15)..start)
            .rev()
            .take_while(|&k| self.sentence(k) == s)
            .any(|k| self.is(k, "one") && self.count_noun_at(k + 1).is_some_and(|(c, _)| c == class))
    }

    /// A number without a unit: a count of the noun that follows (or the thing counted before),
    /// or the unit of the figure it continues ("... to 6,382.9"); a lone "one" or a decimal of
    /// nothing yields no claim.
    ///
    /// "Of the 40 communes, 36 reported early; output went from 80 tons to 95."
    pub(super) fn bare_number(
        &mut self,
        start: usize,
        np: &NumP,
        end: usize,
        q: Option<Q>,
        range: Option<(f64, f64)>,
        hint: Option<String>,
    ) -> Option<usize> {
        let value = np.v();
        let int = value.is_none_or(|v| v.fract() == 0.0);
        let skip = if q.is_some() { None } else { Some(end) };
        if np.lone_one {
            // "Only one county ... failed": the number is the point (只有一个县).
            if q == Some(Q::Exact) {
                if let Some((class, e)) = self.count_noun_at(end) {
                    let d = self.qty_draft(start, e, Kind::Count, &class, 1.0, value, None, q, (0, 0));
                    self.push_qty(d, 1.0);
                    return Some(e);
                }
            }
            return skip;
        }
        let (mut class, noun_end) = self.count_class(end, np.a);
        if class == "unit" {
            if let Some(h) = hint {
                class = h;
            }
        }
        let s = self.sentence(start);
        if class == "unit" {
            if self.unit_continued(start, end, value, range, q, s) {
                return Some(end);
            }
            // "Of the 120 counties in the province, 97 have ...": the class counted before,
            // where no noun of its own follows the number ("created four new records": not
            // the people counted before).
            let own_noun = (end..end + 4)
                .take_while(|&p| self.t(p) == Some(T::Word) && !NP_STOP.contains(&self.w(p)))
                .any(|p| is_plural_head(self.w(p)));
            if let Some((cs, c)) = self.last_count.clone().filter(|_| !own_noun) {
                if cs == s {
                    class = c;
                }
            }
        }
        // "22 goals": a plural noun outside the lexicon right after the number is the unit of
        // the count (issue 16); not after one ("1 remains" is no count of remains).
        let mut noun_end = noun_end;
        let mut free_noun = false;
        if class == "unit" && value != Some(1.0) && range.is_none() {
            if let Some((noun, e)) = self.free_noun_at(end) {
                class = noun;
                noun_end = Some(e);
                free_noun = true;
            }
        }
        if np.lone_scale && class == "unit" {
            return skip;
        }
        if !int && class == "unit" {
            return skip;
        }
        let e = noun_end.unwrap_or(end);
        // "one furnace lights up ten thousand furnaces" (一炉点燃万炉) in a quoted slogan: a
        // figure of speech, not a count.
        if self.in_quote && np.spelled && q.is_none() && class != "unit" && self.one_of_class_before(start, &class) {
            return Some(e);
        }
        let mut d = self.qty_draft(start, e, Kind::Count, &class, 1.0, value, range, q, (0, 0));
        if np.value.is_err() {
            d.status = Status::Unparsed;
        }
        // A noun outside the lexicon names its own figure only: the bare numbers after it
        // ("10,248 blacksmith hammers, and 1,215 large and small drills") do not borrow it.
        let last_count = self.last_count.clone();
        self.push_qty(d, 1.0);
        if free_noun {
            self.last_count = last_count;
        }
        Some(e)
    }

    /// A bare number that takes the unit of a list it starts ("over a thousand, two thousand,
    /// or three thousand meters") or of the figure it continues ("from 3,275.3 tons ... to
    /// 6,382.9"): its claim pushed, true.
    fn unit_continued(
        &mut self,
        start: usize,
        end: usize,
        value: Option<f64>,
        range: Option<(f64, f64)>,
        q: Option<Q>,
        s: usize,
    ) -> bool {
        // "over a thousand, two thousand, or three thousand meters": the unit
        // at the end of a list of numbers is every item's.
        if let Some(def) = self.list_unit(end) {
            if let Some(kind) = def.kind {
                let d = self.qty_draft(start, end, kind, &def.unit, def.factor, value, range, q, (0, 0));
                self.carry_q = q.filter(|q| *q != Q::Exact).map(|q| (end, q));
                self.push_qty(d, def.factor);
                return true;
            }
        }
        // "from 3,275.3 tons ... to 6,382.9", "17 tons of steel, and the old one only 9.":
        // the unit of the figure this one continues.
        let prev = self.prev_word(start);
        let clause_end = self.toks.get(end).is_none_or(|t| t.t == T::Punct && !matches!(self.w(end), "-" | "(" | "%"));
        if let Some(last) =
            self.last_qty.clone().filter(|l| l.sentence == s && l.kind != Kind::Date && l.kind != Kind::Count)
        {
            if matches!(prev, "to" | "from" | "than") || clause_end {
                let d = self.qty_draft(start, end, last.kind, &last.unit, last.factor, value, range, q, (0, 0));
                self.push_qty(d, last.factor);
                return true;
            }
        }
        false
    }

    /// The unit that ends a list of bare numbers starting after token `end` (", 2,000, or
    /// 3,000 meters").
    fn list_unit(&self, end: usize) -> Option<UnitDef> {
        let mut p = end;
        for _ in 0..6 {
            let mut sep = false;
            if self.is_punct(p, ',') {
                p += 1;
                sep = true;
            }
            if self.is_any(p, &["or", "and"]) {
                p += 1;
                sep = true;
            }
            if !sep || !self.same_line(p) {
                return None;
            }
            let np = self.number_phrase(p)?;
            if np.lone_one || self.year_num(p).is_some() {
                return None;
            }
            if let Some(u) = self.unit_at(np.end) {
                return match u.u {
                    U::Def(def) if def.kind.is_some() && def.kind != Some(Kind::Duration) => Some(def),
                    _ => None,
                };
            }
            p = np.end;
        }
        None
    }
}
