//! Chinese rules of attribution: the word lists (`items_zh.csv`, `context_zh.csv`, the `zh`
//! names of the gazetteer, `crate::gazetteer`) and the patterns that are grammar rather than words: thresholds (万吨县, 千吨关, 日产铁五千吨以上的有…), 由 X 到 Y. Sentence and clause ends are
//! `crate::text::zh`'s.
//!
//! Input: the section text, through [`super::Rules`]. Output: none of its own; the column
//! files (`doc.rs`, `item.rs`, `claim_type.rs`, `period.rs`, `ref_date.rs`, `place.rs`) apply
//! the rules. Invariant: every pattern reads whole characters.

use std::sync::LazyLock;

use regex::Regex;

use super::{cue_matcher, item_matcher, place_matcher, place_names, ItemEntry, Rules, WordLists};
use crate::article::Lang;
use crate::claim::Kind;
use crate::extract;
use crate::gazetteer::Level;
use crate::lexicon::{CONTEXT_ZH, ITEMS_ZH, NOT_PLACES_ZH};
use crate::text::zh::{self, Marks};

/// Items, cue words and place names: whole characters, no case.
pub(super) static LISTS: LazyLock<WordLists<ItemEntry, super::Cue, u32>> = LazyLock::new(|| {
    WordLists::new(
        item_matcher(&ITEMS_ZH, false, false),
        cue_matcher(&CONTEXT_ZH, false, false),
        place_matcher(Lang::Zh, &NOT_PLACES_ZH, false),
    )
});

/// A threshold: the figure names a class of places by their daily output.
static THRESHOLD_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^(?:以上)?
        (?:
            的?(?:生铁|钢|铁|原煤|煤|水稻|小麦|粮食|棉花)?   # 千斤水稻市, 生铁万吨省 (item after)
            (?:“?卫星”?)?                       # 万吨以上的卫星县
            (?:县|省|社|专区|专|市|关|大关)       # 万吨县, 千吨关, 千吨以上的县
          | 和[一二两三四五六七八九十百千万]+吨(?:以上)?的(?:“?卫星”?)?(?:县|社|专区|市)
                                                # 千吨和万吨以上的卫星县 (both figures)
          | (?:生铁|钢|铁|原煤|煤)?的[^，。；：]{0,12}?[一二两三四五六七八九十几]+个?(?:县|专区|市|人民公社)
                                                # 突破日产千吨钢的信阳、商城两县
          | 的[，,]?有                          # 日产铁五千吨以上的有三个专区
          | 的(?:[谷子玉米高粱水稻小麦大豆棉花双]{1,3}、?){1,4}   # 千斤以上的高粱、大豆专区
            (?:县|省|社|专区|市)
          | 的(?:钻井)?井队                      # 月进千公尺的井队
        )",
    )
    .expect("threshold pattern")
});

pub(crate) static RULES: LazyLock<Rules> = LazyLock::new(|| Rules {
    lists: &LISTS,
    place_names: place_names(Lang::Zh),
    // The full-width and ASCII marks (see `Marks::WithAscii` for why not the extractor's).
    is_sentence_end: |t, i| t[i..].chars().next().is_some_and(|c| zh::is_sentence_end(c, Marks::WithAscii)),
    is_clause_sep: zh::is_clause_sep,
    // A one-character county (和县, 任县, 新县) followed by what makes 县 the start of a word
    // (县委, 县长, 县城) is that word.
    place_here: |before, name, after| {
        if after.starts_with("会议") || after.starts_with("举行") {
            return false;
        }
        if name.chars().count() == 2
            && name.ends_with('县')
            && after.starts_with(['委', '长', '级', '里', '城', '政', '区', '属', '社', '份'])
        {
            return false;
        }
        // 全国 heading a record, a banner or a rank (全国平炉高产红旗, 全国快速炼钢纪录, 全国第二个万吨省) is no
        // figure's place: its phrase runs to the next mark.
        if name == "全国" {
            // (A slogan, “全国、全自治区一盘棋”, names no figure's place.)
            if super::doc::inside_quotes(before, before.len()) {
                return false;
            }
            let phrase: String = after.chars().take_while(|c| !"，。；：,;（）()“”".contains(*c)).take(12).collect();
            // (勇冠全国, 超过全国: the country is what is surpassed.)
            let surpassed = ["冠", "超过", "赶上", "压倒", "居"].iter().any(|w| before.ends_with(w));
            return !surpassed && !NOT_SUBJECT.iter().any(|w| phrase.contains(w));
        }
        true
    },
    place_follows: |between| between == "的",
    base_place: |before, between| {
        between == "的"
            && ["为", "是", "相当于", "等于", "占", "比", "超过", "达到"].iter().any(|w| before.ends_with(w))
    },
    place_glue: |between| between.trim().is_empty(),
    threshold: |_before, surface, after| {
        // 日产两吨以上的有三十座: the surface may hold 以上 itself.
        let after =
            if surface.ends_with("以上") { after.trim_start_matches('的').to_string() } else { after.to_string() };
        let has = after.trim_start_matches(['，', ',']).starts_with('有');
        // 五千斤以上的“卫星”: the fields above a yield (not 日产原煤二十九万吨的“卫星”, one launched).
        let satellites = after.trim_start_matches('“').starts_with("卫星");
        // 万斤到两万斤的“卫星”田: fields classed by their yield, whatever the surface.
        let fields = after.trim_start_matches('的').trim_start_matches('“').starts_with("卫星")
            && after.chars().take(6).any(|c| c == '田');
        // 两万斤以上的六点一亩: the fields above a yield, counted by their area.
        // (`after` has lost its 的 already, for a surface ending in 以上.)
        let area_after = {
            let a: String = after.chars().take_while(|c| !"，。；、".contains(*c)).collect();
            a.ends_with('亩')
                && a.chars().next().is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十两零〇".contains(c))
        };
        // 日产生铁十二万吨到十七万吨的有阳城、晋城两个县: a range of what was made, not a class.
        let range_had = RANGE_HAD.is_match(&after) && (surface.contains('到') || surface.contains('至'));
        (THRESHOLD_AFTER.is_match(&after) && !range_had)
            || fields
            || (surface.ends_with("以上") && (has || satellites || area_after))
    },
    leads_to: |gap| gap.contains('到') || gap.contains('至') || gap.contains("增加为") || gap.contains("提高为"),
    this_year: |s| s.contains("今年") || s.contains("本年"),
    weak_date: |s| matches!(s, "今天" | "今日"),
    // The extractor's dateline rule, read with the agency before it (see `Evidence`).
    dateline: |text, start, end| extract::zh::dateline(text, start, end, extract::zh::Evidence::AgencyAndFiled),
    trailing_dates: false,
    count_crosses_commas: false,
    head_first: false,
    // (比去年多57％: the comparison word before says it.)
    change_after: |_| false,
    change_by: |_| false,
    right_window: 12,
    base_gap: 6,
    rate_noun: |w| matches!(w, "亩产" | "日产" | "月产" | "年产"),
    noun_gap: 2,
    right_stop: |c| matches!(c, '和' | '与' | '及' | '、' | '同'),
    change_gap: 3,
    until: |before, after| {
        if after.starts_with("为止") || after.starts_with('止') {
            return true;
        }
        let before = before.trim_end();
        if before.ends_with("截至") || before.ends_with("截止") || before.ends_with("截止到") {
            return true;
        }
        // 原煤产量到12月15日: 到 after a noun or a clause start, not a verb's (提高到, 达到, 争取到).
        before.strip_suffix('到').is_some_and(|b| {
            !b.contains('从')
                && !b.contains('由')
                && b.chars().next_back().is_none_or(|c| "，,：:；　 量年值".contains(c))
        })
    },
    strive_for: |before| ["力争", "争取", "倡议"].iter().any(|w| before.contains(w)),
    aim_frame: |before, after| AIM_OPEN.is_match(before) && AIM_CLOSE.is_match(after),
    surpassed: |before| {
        let b = before.trim_end().trim_end_matches('了');
        ["超过", "超越", "赶上", "赶过", "压倒", "胜过", "打破"].iter().any(|w| b.ends_with(w))
    },
    absolute_change: |word| !word.contains('产'),
    part_of_year: |_before, after| after.starts_with("同期") || after.starts_with("同月") || after.starts_with('的'),
    since: |after| after.starts_with("以来"),
    compared_with: |before, after| {
        let before = before.trim_end();
        ["和", "同", "与", "跟"].iter().any(|w| before.ends_with(w))
            && ["比较", "相比", "对比"].iter().any(|w| after.trim_start_matches('的').starts_with(w))
    },
    modal: |before| MODAL.is_match(before),
    hyperbole: super::hyperbole_words(&crate::lexicon::HYPERBOLE_ZH),
    threshold_class: |_, after| {
        let after = after.trim_start_matches(|c: char| "以上的生铁钢原煤煤粮食水稻小麦棉花".contains(c));
        match after.chars().next()? {
            '县' => Some(Level::County),
            '社' => Some(Level::Commune),
            '市' => Some(Level::City),
            '专' => Some(Level::Prefecture),
            '省' => Some(Level::Province),
            _ => None,
        }
    },
    days_counted: |before| before.ends_with('有'),
    plant_capacity: |kind, before, after| {
        (kind == Kind::Volume || PLANT_RATE.is_match(before)) && PLANT_AFTER.is_match(after)
    },
    month_from: |before| {
        let c = MONTH_FROM.captures(before)?;
        let n = c.name("n").or_else(|| c.name("m"))?.as_str();
        let v = n.parse::<u32>().ok().or_else(|| crate::numerals::zh::parse(n).ok().map(|v| v as u32))?;
        (1..=12).contains(&v).then_some(v)
    },
});

/// What follows a range of output held by the places named next (十二万吨到十七万吨的有…,
/// 万吨到五万吨铁的有…).
static RANGE_HAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:生铁|钢|铁|原煤|煤)?的[，,]?有").expect("range pattern"));

/// 为 opening an aim (为在1958年生产…, 为实现…), not 因为, 成为, 作为, 认为, 称为, 以为, 更为 nor 为止.
static AIM_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^因成作认称以更最较极行])为[^止]").expect("aim pattern"));
/// …而奋斗 / 而斗争 / 而努力 / 而苦战 closing it.
static AIM_CLOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"而(?:奋斗|斗争|努力|苦战|战斗)").expect("aim close pattern"));

/// 年产 / 日产 right before a figure that sizes a plant (年产三十万吨的高炉).
static PLANT_RATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[年日月]产(?:量|能力)?(?:为|达)?[钢铁煤焦]?$").expect("plant rate pattern"));
/// …的 and a plant within a few characters after the figure (的高炉, 的炼钢厂, 的选煤厂).
static PLANT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:以上)?(?:生铁|钢|铁|煤|原煤|焦炭)?的[^，。；、]{0,6}?(?:炉|厂|矿井|煤矿|车间|轧钢机|机)")
        .expect("plant pattern")
});

/// What 全国 heads when it is not a figure's place but a record, a banner or a rank.
const NOT_SUBJECT: &[&str] = &[
    "纪录",
    "记录",
    "红旗",
    "冠军",
    "第",
    "先进",
    "最高",
    "之冠",
    "闻名",
    "各地",
    "各省",
    "水平",
    "前列",
    "首位",
    "一盘棋",
    "行列",
];

/// 全省要制造, 并要组织: 要 as "is to", not 主要, 重要, 需要, 只要, 不要 nor 要求.
static MODAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^主重需只必想不])要[^求素点害紧是]").expect("modal pattern"));

/// 今年1到11月, 从一月到, 1月份至: the first month of a span of months.
static MONTH_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:
            (?:今年|本年|从|自)(?P<n>[0-9]{1,2}|[一二三四五六七八九十]{1,2})月?   # 今年1到, 从一月到
          | (?P<m>[0-9]{1,2}|[一二三四五六七八九十]{1,2})月份?               # 1月到
        )
        (?:到|至)$",
    )
    .expect("month span pattern")
});

#[cfg(test)]
mod tests {
    use crate::article::Lang;
    use crate::attribute::tests::run;

    /// `figures`: (surface, kind, unit, value or ref_date for dates). Returns, per non-date
    /// figure: item_code | period | claim_type | ref_date | place.
    fn zh(text: &str, figures: &[(&str, &str, &str, &str)]) -> Vec<String> {
        run(Lang::Zh, text, figures)
    }

    #[test]
    fn lianyuan_day_figure_change_and_target() {
        let t = "新华社长沙12日电　湖南省涟源县开展群众性的采煤运动，10日一天原煤产量达到一万五千吨，日产量较9月底提高四倍，成为湖南省第一个原煤万吨县。目前，这个县正在积极准备，决心争取月底达到日产原煤四万吨。";
        let got = zh(
            t,
            &[
                ("12日", "date", "", "1958-10-12"),
                ("10日", "date", "", "1958-10-10"),
                ("一万五千吨", "mass", "t", "15000"),
                ("9月底", "date", "", "1958-09-30"),
                ("四倍", "multiple", "x", "4"),
                ("万吨", "mass", "t", "10000"),
                ("月底", "date", "", "1958-10-31"),
                ("四万吨", "mass", "t", "40000"),
            ],
        );
        assert_eq!(got[0], "coal|day|achieved|1958-10-10|湖南省涟源县");
        assert_eq!(got[1], "coal|day|change|1958-10-10|湖南省涟源县");
        assert_eq!(got[2], "coal|day|threshold|1958-10-10|湖南省涟源县");
        assert_eq!(got[3], "coal|day|target|1958-10-31|湖南省涟源县");
    }

    #[test]
    fn baseline_takes_its_own_date_and_the_new_value_none() {
        let t = "在很短期间内，全县采煤劳动力就由三万五千人增加到九万多人；全县的小煤窑由9月底的六百三十处增加到一千四百三十一处。";
        let got = zh(
            t,
            &[
                ("三万五千人", "count", "person", "35000"),
                ("九万多人", "count", "person", "90000"),
                ("9月底", "date", "", "1958-09-30"),
                ("六百三十处", "count", "mine", "630"),
                ("一千四百三十一处", "count", "mine", "1431"),
            ],
        );
        assert_eq!(got[0], "labour||baseline||");
        assert_eq!(got[1], "labour||achieved||");
        assert_eq!(got[2], "mine||baseline|1958-09-30|");
        assert_eq!(got[3], "mine||achieved||");
    }

    #[test]
    fn native_furnaces_stopped_on_the_day_after() {
        let t = "以致在9月30日发射钢铁日产二千五百一十三吨的卫星以后的第二天，全县就有七百五十二座土炉因无燃料不得不停止生产。";
        let got = zh(
            t,
            &[
                ("9月30日", "date", "", "1958-09-30"),
                ("二千五百一十三吨", "mass", "t", "2513"),
                ("第二天", "date", "", "1958-10-01"),
                ("七百五十二座", "count", "furnace", "752"),
            ],
        );
        assert_eq!(got[0], "steel_iron|day|achieved|1958-09-30|");
        assert_eq!(got[1], "furnace_native||other|1958-10-01|");
    }

    #[test]
    fn month_total_and_year_target() {
        let t = "于是我们就能够在10月份一个月内拿到一百八十七万吨钢，这说明在今年12月底以前我们一定能够拿到一千零七十万吨钢。";
        let got = zh(
            t,
            &[
                ("10月份", "date", "", "1958-10"),
                ("一百八十七万吨", "mass", "t", "1870000"),
                ("今年12月底", "date", "", "1958-12-31"),
                ("一千零七十万吨", "mass", "t", "10700000"),
            ],
        );
        assert_eq!(got[0], "steel|month|achieved|1958-10|");
        assert_eq!(got[1], "steel|year|target|1958|");
    }

    #[test]
    fn round_three_rules() {
        // A class above a yield, after 以上的，有; a class striven for is a target.
        let t = "日产钢五百吨以上的，有两个县。各社力争明年实现水稻千斤县。";
        let got = zh(t, &[("五百吨以上", "mass", "t", "500"), ("千斤", "yield", "jin/mu", "1000")]);
        assert_eq!(got[0].split('|').nth(2), Some("threshold"));
        assert_eq!(got[1].split('|').nth(2), Some("target"));
        // 增加了 X 吨 is a change, 增产了 X 吨 what was produced.
        let t = "三年来全省煤的产量共增加了九十万吨。这两天矿工们为国家增产了二十万吨煤。";
        let got = zh(t, &[("九十万吨", "mass", "t", "900000"), ("二十万吨", "mass", "t", "200000")]);
        assert_eq!(got[0].split('|').nth(2), Some("change"));
        assert_eq!(got[1].split('|').nth(2), Some("achieved"));
        // Compared with 去年 and nothing else: this year's, with no year's period.
        let t = "这个专区棉花亩产九十斤，比去年增加了60％。";
        let got =
            zh(t, &[("九十斤", "yield", "jin/mu", "90"), ("去年", "date", "", "1957"), ("60％", "percent", "%", "60")]);
        assert_eq!(got[0], "cotton||achieved|1958|");
        assert_eq!(got[1], "cotton||change|1958|");
        // Over the plan by a share is a change, not a target.
        let got = zh("全年原油产量超过国家计划35％。", &[("35％", "percent", "%", "35")]);
        assert_eq!(got[0].split('|').nth(2), Some("change"));
    }

    #[test]
    fn a_population_is_no_achievement() {
        // No item, period or date is said; a population is a stock, `other`, not the default
        // `achieved` of a reported figure.
        let t = "这个县人口不过二十三万。";
        let got = zh(t, &[("二十三万", "count", "person", "230000")]);
        assert_eq!(got[0], "||other||");
    }
}
