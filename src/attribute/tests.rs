//! Tests of the whole attribution: hand-made claims run through [`super::attribute`], and the
//! bound on the work it does.

use super::*;
use crate::article::SectionKind;

/// Attributes hand-made claims: `figures` are (surface, kind, unit, value or, for dates, the
/// ref_date), found in order in `text`. Returns per non-date figure
/// `item_code|period|claim_type|ref_date|place`.
pub(crate) fn run(lang: Lang, text: &str, figures: &[(&str, &str, &str, &str)]) -> Vec<String> {
    let claims = claims_for(lang, text, figures);
    let section = Section { lang, kind: SectionKind::Body, start: 0, text: text.to_string() };
    attribute(&section, claims, None)
        .into_iter()
        .filter(|c| c.kind != Kind::Date)
        .map(|c| {
            format!(
                "{}|{}|{}|{}|{}",
                c.item_code,
                c.period.map_or("", |p| p.as_str()),
                c.claim_type.map_or("", |p| p.as_str()),
                c.ref_date.map(|d| d.to_string()).unwrap_or_default(),
                c.place
            )
        })
        .collect()
}

/// The hand-made claims of [`run`].
fn claims_for(lang: Lang, text: &str, figures: &[(&str, &str, &str, &str)]) -> Vec<Claim> {
    let mut claims = Vec::new();
    let mut from = 0;
    for (surface, kind, unit, v) in figures {
        let b = from + text[from..].find(surface).unwrap_or_else(|| panic!("{surface} not in text"));
        let start = text[..b].chars().count();
        let kind = Kind::parse(kind).unwrap();
        let mut c = Claim::new(lang, SectionKind::Body, start, start + surface.chars().count(), surface, kind);
        c.unit = unit.to_string();
        if kind == Kind::Date {
            c.ref_date = v.parse().ok();
        } else {
            c.value = v.parse().ok();
        }
        claims.push(c);
        from = b + surface.len();
    }
    claims
}

/// `n` copies of a text and of its figures.
fn copies<'a>(
    text: &str,
    sep: &str,
    figures: &[(&'a str, &'a str, &'a str, &'a str)],
    n: usize,
) -> (String, Vec<(&'a str, &'a str, &'a str, &'a str)>) {
    (vec![text; n].join(sep), figures.repeat(n))
}

/// The work attribution does on `n` copies of a text put on one line.
fn work(lang: Lang, unit: &str, figures: &[(&str, &str, &str, &str)], n: usize) -> usize {
    let (text, figs) = copies(unit, "", figures, n);
    let mut claims = claims_for(lang, &text, &figs);
    let rules = match lang {
        Lang::Zh => &*zh::RULES,
        Lang::En => &*en::RULES,
    };
    attribute_with(rules, &text, 0, &mut claims, None)
}

/// A flood of figures on one line without a sentence end (a release-blocking bug: 4000
/// claims took 10 s, a 50 MB line never finished): eight times the text is at most about
/// eight times the work.
#[test]
fn work_grows_linearly_on_one_long_line() {
    let zh_unit = "湖南省涟源县10日一天原煤产量达到一万五千吨，较9月底提高四倍，全县就有七百五十二座土炉，";
    let zh_figs = [
        ("10日", "date", "", "1958-10-10"),
        ("一万五千吨", "mass", "t", "15000"),
        ("9月底", "date", "", "1958-09-30"),
        ("四倍", "multiple", "x", "4"),
        ("七百五十二座", "count", "furnace", "752"),
    ];
    let en_unit = "The county produced 1,431 tons of steel on the 10th and more than 90,000 people joined, ";
    let en_figs = [
        ("1,431 tons", "mass", "t", "1431"),
        ("the 10th", "date", "", "1958-10-10"),
        ("more than 90,000", "count", "person", "90000"),
    ];
    for (lang, unit, figs) in [(Lang::Zh, zh_unit, &zh_figs[..]), (Lang::En, en_unit, &en_figs[..])] {
        let (small, large) = (work(lang, unit, figs, 100), work(lang, unit, figs, 800));
        assert!(large <= 10 * small, "{lang:?}: work {small} for 100 copies, {large} for 800");
    }
}

/// Each figure looks at a bounded stretch: a long text gives what its paragraphs give alone.
#[test]
fn long_text_gives_what_its_pieces_give() {
    let para = "湖南省涟源县开展采煤运动，10日一天原煤产量达到一万五千吨，日产量较9月底提高四倍。全县的小煤窑由9月底的六百三十处增加到一千四百三十一处。决心争取月底达到日产原煤四万吨。";
    let figs = [
        ("10日", "date", "", "1958-10-10"),
        ("一万五千吨", "mass", "t", "15000"),
        ("9月底", "date", "", "1958-09-30"),
        ("四倍", "multiple", "x", "4"),
        ("9月底", "date", "", "1958-09-30"),
        ("六百三十处", "count", "mine", "630"),
        ("一千四百三十一处", "count", "mine", "1431"),
        ("月底", "date", "", "1958-10-31"),
        ("四万吨", "mass", "t", "40000"),
    ];
    let one = run(Lang::Zh, para, &figs);
    assert_eq!(one[0], "coal|day|achieved|1958-10-10|湖南省涟源县");
    let (text, all) = copies(para, "\n", &figs, 8);
    assert_eq!(run(Lang::Zh, &text, &all), vec![one.clone(); 8].concat());
    // On one line without sentence ends, cut into pieces for length: still no panic, and
    // the first figures keep their context.
    let line = vec![para.replace('。', "，"); 40].concat();
    let got = run(Lang::Zh, &line, &figs.repeat(40));
    assert_eq!(got.len(), one.len() * 40);
    assert_eq!(got[0], one[0]);
}

/// The example sentences in the docs of the column rules give what the docs say.
#[test]
fn doc_examples_hold() {
    type Figures<'a> = &'a [(&'a str, &'a str, &'a str, &'a str)];
    let cases: [(Lang, &str, Figures, &[&str]); 9] = [
        // attribute
        (
            Lang::En,
            "On the 10th the county produced 2,000 tons of pig iron.",
            &[("the 10th", "date", "", "1958-10-10"), ("2,000 tons", "mass", "t", "2000")],
            &["pig_iron|day|achieved|1958-10-10|"],
        ),
        // item_column: people sent to work
        (
            Lang::En,
            "The county mobilized 9,000 people for smelting.",
            &[("9,000 people", "count", "person", "9000")],
            &["labour||achieved||"],
        ),
        // claim_type_column, is_baseline
        (
            Lang::En,
            "Output rose from 300 tons to 900 tons.",
            &[("300 tons", "mass", "t", "300"), ("900 tons", "mass", "t", "900")],
            &["||baseline||", "||achieved||"],
        ),
        (
            Lang::Zh,
            "钢产量由三百吨增加到九百吨。",
            &[("三百吨", "mass", "t", "300"), ("九百吨", "mass", "t", "900")],
            &["steel||baseline||", "steel||achieved||"],
        ),
        // date_span: a date closing a year-to-date span
        (
            Lang::Zh,
            "截至11月底，全县共产钢五千吨。",
            &[("11月底", "date", "", "1958-11-30"), ("五千吨", "mass", "t", "5000")],
            &["steel|cumulative|achieved|1958-11-30|"],
        ),
        // governing_date, period_column, ref_date_column, item
        (
            Lang::Zh,
            "10日，全县产铁八百吨。",
            &[("10日", "date", "", "1958-10-10"), ("八百吨", "mass", "t", "800")],
            &["pig_iron|day|achieved|1958-10-10|"],
        ),
        // place, glue_places
        (Lang::Zh, "湖南省涟源县产钢五百吨。", &[("五百吨", "mass", "t", "500")], &["steel||achieved||湖南省涟源县"]),
        // period_word
        (
            Lang::Zh,
            "今年全年产煤六百万吨。",
            &[("今年", "date", "", "1958"), ("六百万吨", "mass", "t", "6000000")],
            &["coal|year|achieved|1958|"],
        ),
        // claim_type: a target word
        (Lang::Zh, "全县计划生产钢三千吨。", &[("三千吨", "mass", "t", "3000")], &["steel||target||"]),
    ];
    for (lang, text, figures, want) in cases {
        assert_eq!(run(lang, text, figures), want, "{text}");
    }
}
