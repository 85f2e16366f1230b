//! Tests of the whole Chinese extractor: sentences in, claims out (surface, kind, value,
//! bounds, ref_date), and properties over generated text (no panic, offsets on char
//! boundaries, the starter skip changes nothing).

use super::*;
use crate::article::{Lang, SectionKind};
use crate::claim::Status;
use crate::lexicon::{COUNTERS_ZH, CUES_ZH, DATES_ZH, NOT_FIGURES_ZH, NOUNS_ZH, QUALIFIERS_ZH, UNITS_ZH, VAGUE_ZH};
use chinese_number::{ChineseCase, ChineseCountMethod, ChineseVariant, NumberToChinese};
use proptest::prelude::*;

fn run(text: &str, date: &str) -> Vec<Claim> {
    let ctx = Context { lang: Lang::Zh, section: SectionKind::Body, article_date: crate::dates::parse_iso(date) };
    extract(text, &ctx)
}

/// (surface, kind, value, low, high, ref_date) of each claim.
type Brief = (String, &'static str, Option<f64>, Option<f64>, Option<f64>, String);

/// Every word of the extractor's lists (first 40 of each, to keep cases short).
fn lexicon_words() -> Vec<String> {
    [UNITS_ZH, COUNTERS_ZH, NOUNS_ZH, VAGUE_ZH, DATES_ZH, QUALIFIERS_ZH, CUES_ZH, NOT_FIGURES_ZH]
        .iter()
        .flat_map(|l| l.keys().into_iter().take(40))
        .collect()
}

fn brief(text: &str) -> Vec<Brief> {
    run(text, "1958-10-13")
        .into_iter()
        .map(|c| {
            (c.surface, c.kind.as_str(), c.value, c.low, c.high, c.ref_date.map(|d| d.to_string()).unwrap_or_default())
        })
        .collect()
}

macro_rules! one {
    ($text:expr, $surface:expr, $kind:expr, $value:expr, $low:expr, $high:expr) => {{
        let got = brief($text);
        assert_eq!(got.len(), 1, "{}: {:?}", $text, got);
        let (s, k, v, l, h, _) = &got[0];
        assert_eq!((s.as_str(), *k, *v, *l, *h), ($surface, $kind, $value, $low, $high), "{}", $text);
    }};
}
macro_rules! none {
    ($text:expr) => {{
        let got = brief($text);
        assert!(got.is_empty(), "{}: {:?}", $text, got);
    }};
}
macro_rules! date {
    ($text:expr, $surface:expr, $ref:expr) => {{
        let got = brief($text);
        assert!(got.iter().any(|g| g.0 == $surface && g.1 == "date" && g.5 == $ref), "{}: {:?}", $text, got);
    }};
}

#[test]
fn masses_counts_and_qualifiers() {
    one!("全县采煤劳动力增加到九万多人。", "九万多人", "count", Some(90000.0), Some(90000.0), Some(100000.0));
    one!(
        "全国共生产生铁一千零七十万吨。",
        "一千零七十万吨",
        "mass",
        Some(10_700_000.0),
        Some(10_700_000.0),
        Some(10_700_000.0)
    );
    one!("全县有七百五十二座土炉停止生产。", "七百五十二座", "count", Some(752.0), Some(752.0), Some(752.0));
    one!("平均每炉出铁四千六百多斤。", "四千六百多斤", "mass", Some(2.3), Some(2.3), Some(2.35));
    one!("日产钢逾五千吨。", "逾五千吨", "mass", Some(5000.0), Some(5000.0), None);
    one!("钢产量约二十万吨左右。", "约二十万吨左右", "mass", Some(200_000.0), Some(200_000.0), Some(200_000.0));
    one!("每座炉日产不到三吨。", "不到三吨", "mass", Some(3.0), None, Some(3.0));
    one!("产量在七百万人以上的省份。", "七百万人以上", "count", Some(7e6), Some(7e6), None);
    one!("全省已有七百多万人上阵。", "七百多万人", "count", Some(7e6), Some(7e6), Some(8e6));
}

#[test]
fn ranges_and_vague_amounts() {
    one!("每炉日产三、四百吨。", "三、四百吨", "mass", None, Some(300.0), Some(400.0));
    one!("全年可产五十万吨到六十万吨生铁。", "五十万吨到六十万吨", "mass", None, Some(500_000.0), Some(600_000.0));
    one!("一般在五千到一万吨之间。", "五千到一万吨", "mass", None, Some(5000.0), Some(10000.0));
    one!("有三四千人参加。", "三四千人", "count", None, Some(3000.0), Some(4000.0));
    one!("全国几千万钢铁大军上阵。", "几千万钢铁大军", "count", None, Some(1e7), Some(1e8));
    one!("开始时每天只出十几吨铁。", "十几吨", "mass", None, Some(10.0), Some(20.0));
    one!("开始每天只产一百零几吨。", "一百零几吨", "mass", None, Some(101.0), Some(109.0));
}

#[test]
fn percents_fractions_multiples() {
    one!("合格率达到百分之九十九。", "百分之九十九", "percent", Some(99.0), Some(99.0), Some(99.0));
    one!("产量下降20％左右。", "20％左右", "percent", Some(20.0), Some(20.0), Some(20.0));
    one!("抽出三分之一以上的劳动力。", "三分之一以上", "fraction", Some(1.0 / 3.0), Some(1.0 / 3.0), Some(1.0));
    one!("抽出一半以上的干部。", "一半以上", "fraction", Some(0.5), Some(0.5), Some(1.0));
    one!("管理人员减少了一半还多。", "一半还多", "fraction", Some(0.5), Some(0.5), Some(1.0));
    one!("日产量提高四倍。", "四倍", "multiple", Some(4.0), Some(4.0), Some(5.0));
    one!("产量是原来的三十一倍。", "三十一倍", "multiple", Some(31.0), Some(31.0), Some(31.0));
    one!("生铁产量翻了一番。", "翻了一番", "multiple", Some(2.0), Some(2.0), Some(2.0));
    one!("比原来增长了一倍多。", "一倍多", "multiple", Some(1.0), Some(1.0), Some(2.0));
}

#[test]
fn dates_resolve_against_the_article() {
    date!("新华社长沙12日电　湖南省涟源县开展采煤运动。", "12日", "1958-10-12");
    date!("日产量较9月底提高四倍。", "9月底", "1958-09-30");
    date!("在今年12月底以前完成。", "今年12月底", "1958-12-31");
    date!("全省10月份的产量。", "10月份", "1958-10");
    date!("9月下旬的产量。", "9月下旬", "1958-09-21/1958-09-30");
    date!("准备迎接全省15日至21日的钢铁周。", "15日", "1958-10-15");
    date!("准备迎接全省15日至21日的钢铁周。", "21日", "1958-10-21");
    date!("在9月30日发射卫星以后的第二天。", "第二天", "1958-10-01");
    date!("一九五八年是大跃进的一年。", "一九五八年", "1958");
    date!("1958年1月到11月的产量。", "1958年1月", "1958-01");
    date!("1958年1月到11月的产量。", "11月", "1958-11");
    date!("1957年11月到2月的产量。", "2月", "1958-02");
    date!("一九五八年一月至十一月的产量。", "十一月", "1958-11");
    none!("这是钢铁生产具有决战意义的一月，迎接红十月。");
}

#[test]
fn words_with_numerals_are_no_figures() {
    none!("我们一定要一步步地提高质量，一面生产一面学习。");
    none!("第一书记上马抓煤炭，这是第二次战役。");
    none!("只要大家统一思想，万一出了问题也不怕，千万不能松劲。");
    none!("涟源一天产煤，一个接着一个，这是一件大事。");
}

#[test]
fn unparsed_numerals_are_kept() {
    let c = run("产量达到十十吨。", "1958-10-13");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].status, Status::Unparsed);
    assert_eq!(c[0].value, None);
}

#[test]
fn horsepower_is_power() {
    let c = run("船队增加马力四千匹。", "1958-12-26");
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].kind, c[0].unit.as_str()), (Kind::Power, "kW"));
    assert!((c[0].value.unwrap_or(0.0) - 2941.995).abs() < 1e-6);
}

#[test]
fn year_start_and_past_month_end() {
    let got = brief("今年年初全县只有两座高炉。");
    assert_eq!(got[0].5, "1958-01");
    let c = run("到月底全省已产钢三万吨。", "1958-11-02");
    assert_eq!(c[0].ref_date, "1958-10-31".parse().ok());
    let c = run("计划到月底产钢三万吨。", "1958-11-02");
    assert_eq!(c[0].ref_date, "1958-11-30".parse().ok());
    assert!(brief("在这三个厂里工人们日夜苦战。").is_empty());
}

proptest! {
    #[test]
    fn numbers_written_by_chinese_number_parse_back(n in 2u64..=1_000_000_000_000u64) {
        let s = n.to_chinese(ChineseVariant::Simple, ChineseCase::Lower, ChineseCountMethod::TenThousand).unwrap();
        let text = format!("全省共生产生铁{s}吨，超额完成了计划。");
        let c = run(&text, "1958-10-13");
        prop_assert_eq!(c.len(), 1, "{}", text);
        prop_assert_eq!(c[0].value, Some(n as f64), "{}", text);
    }

    /// The starter bit test only skips characters at which `step` would read nothing.
    #[test]
    fn skipping_non_starters_changes_nothing(
        parts in proptest::collection::vec(prop_oneof![
            proptest::sample::select(lexicon_words()),
            "[零○〇一二两三四五六七八九十百千万亿几数多余点.,，、0-9年月日号底初旬吨斤个座人倍％至到—半分之第翻番了以上左右约近今去明天电。的在和产钢铁厂县省a-z ]{1,6}",
        ], 0..12)
    ) {
        let text: String = parts.concat();
        let ctx = Context { lang: Lang::Zh, section: SectionKind::Body, article_date: crate::dates::parse_iso("1958-10-13") };
        let mut all = Extractor::new(&text, &ctx);
        let mut i = 0;
        while i < all.cs.len() {
            i = all.step(i);
        }
        prop_assert_eq!(format!("{:?}", all.out), format!("{:?}", extract(&text, &ctx)), "{}", text);
    }

    #[test]
    fn never_panics(s in "[零○〇一二两三四五六七八九十百千万亿几数多余点·.,，、0-9０-９年月日号底初旬吨斤个座人倍％%至到—半分之第翻番了以上左右约近今去明天电。a-z ]{0,40}") {
        let c = run(&s, "1958-10-13");
        for x in &c {
            prop_assert!(x.start <= x.end && x.end <= s.chars().count());
            prop_assert_eq!(s.chars().skip(x.start).take(x.end - x.start).collect::<String>(), x.surface.clone());
        }
        let _ = run(&s, "1958-03-31");
        let ctx = Context { lang: Lang::Zh, section: SectionKind::Body, article_date: None };
        let _ = extract(&s, &ctx);
    }

    #[test]
    fn never_panics_on_any_text(s in any::<String>()) {
        let c = run(&s, "1958-10-13");
        for x in &c {
            prop_assert!(x.start <= x.end && x.end <= s.chars().count());
        }
    }
}
