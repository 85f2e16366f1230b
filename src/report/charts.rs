//! The index page's charts, drawn here as inline SVG (no chart library, no script): what the
//! tables claim, each point a link to the figure behind it.
//!
//! Input: the run's tables ([`super::read::Tables`]) and a function giving the link to a
//! claim's mark in its article page. Output: [`Chart`]s, each an SVG string (text escaped,
//! numbers formatted with fixed decimals so the same tables give the same bytes) and the list
//! of the figures it draws. The charts:
//! - claimed daily output of steel, pig iron and coal by `ref_date`: `item_code` of the item,
//!   `period` day, `claim_type` achieved, no `per`, in tonnes, `ref_date` a day; the whole
//!   country (全国) and the provinces with the most such figures, on a log scale (a county's
//!   200 t and the country's 100,000 t on one chart);
//! - yields per mu by crop (`kind` yield, a crop's `item_code`), by `ref_date` where it is a
//!   day, else by the article's date, on a log scale;
//! - translation slips by kind: the mismatched pairs counted by note.
//!
//! A figure is one point: its mentions in both languages, in a headline and its body, and in a
//! duplicate input share a `figure_id` (claims.csv), and the point is drawn through its first
//! Chinese mention (an English one only where it has no Chinese partner in `pairs.csv`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::read::{ClaimRow, PairRow, Tables};

/// Crops whose yields are drawn (item codes of `data/lexicon/item_codes.csv`), sorted.
pub const CROPS: &[&str] =
    &["corn", "cotton", "grain", "millet", "peanut", "rice", "sorghum", "soybean", "sweet_potato", "wheat"];

/// The items of the daily output chart, in the order drawn, with their names.
const DAILY: &[(&str, &str)] = &[("steel", "steel 钢"), ("pig_iron", "pig iron 生铁"), ("coal", "coal 原煤")];

/// Provinces drawn beside the whole country on a daily output chart.
const TOP_PROVINCES: usize = 4;
/// Series drawn on the yield chart.
const MAX_CROPS: usize = 8;
/// Figures listed under a chart (all are drawn; the list is cut, the tables are not).
pub const MAX_LISTED: usize = 500;

/// Colours told apart also by readers with the common colour blindness (Okabe and Ito); the
/// legend names each series in text.
const COLOURS: &[&str] = &["#000000", "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#0072B2", "#CC79A7", "#999999"];

/// One chart: its SVG and the figures behind its points.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The anchor of its section on the index page.
    pub id: String,
    pub title: String,
    pub svg: String,
    pub caption: String,
    pub behind: Vec<Behind>,
    /// Figures drawn but not listed (past [`MAX_LISTED`]).
    pub more: usize,
}

/// A figure behind a chart's point.
#[derive(Debug, Clone, PartialEq)]
pub struct Behind {
    pub series: String,
    pub date: String,
    pub article_id: String,
    pub surface: String,
    pub value: String,
    pub unit: String,
    pub href: String,
}

/// A point: days since 1970-01-01, the value, the link and tooltip.
struct Point<'a> {
    x: i64,
    y: f64,
    c: &'a ClaimRow,
    href: String,
}

struct Series<'a> {
    label: String,
    points: Vec<Point<'a>>,
}

/// A mismatched pair's status: a translation slip.
pub fn is_slip(status: &str) -> bool {
    matches!(status, "value_mismatch" | "qualifier_mismatch" | "unit_mismatch")
}

/// What kind of slip a pair is: its note, else its status.
pub fn slip_label(p: &PairRow) -> String {
    if p.note.is_empty() {
        p.status.clone()
    } else {
        p.note.clone()
    }
}

/// Escapes text for SVG (XML) text and attributes.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn day(s: &str) -> Option<i64> {
    let d = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    (s.len() == 10).then(|| (d - NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days())
}

fn date_of(x: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch") + chrono::Duration::days(x)
}

/// One claim per figure among `claims` (in their order): a figure (`figure_id`: a headline and
/// its body, both languages, a duplicate input) is one point, drawn through its first Chinese
/// mention among them, else its first. Claims without a figure id (tables of before issue 14)
/// are each their own.
fn one_a_figure<'a>(claims: impl Iterator<Item = &'a ClaimRow>) -> Vec<&'a ClaimRow> {
    let mut out: Vec<&ClaimRow> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for c in claims {
        if c.figure_id.is_empty() {
            out.push(c);
            continue;
        }
        match at.get(c.figure_id.as_str()) {
            Some(&k) if out[k].lang != "zh" && c.lang == "zh" => out[k] = c,
            Some(_) => {}
            None => {
                at.insert(c.figure_id.as_str(), out.len());
                out.push(c);
            }
        }
    }
    out
}

/// All the charts of the index page.
pub fn charts(t: &Tables, link: &dyn Fn(&str) -> Option<String>) -> Vec<Chart> {
    // English mentions that have a Chinese partner are drawn as that partner.
    let paired_en: HashSet<&str> = t
        .pairs
        .iter()
        .filter(|p| !p.en_claim_id.is_empty() && !p.zh_claim_id.is_empty())
        .map(|p| p.en_claim_id.as_str())
        .collect();
    let one_mention = |c: &&ClaimRow| c.lang == "zh" || !paired_en.contains(c.claim_id.as_str());
    let point = |c, x| point(c, x, link);
    let mut out = Vec::new();
    for (code, name) in DAILY {
        let mut by_province: BTreeMap<String, Vec<Point>> = BTreeMap::new();
        let drawn = one_a_figure(t.claims.iter().filter(one_mention).filter(|c| {
            c.item_code == *code
                && c.period == "day"
                && c.claim_type == "achieved"
                && c.per.is_empty()
                && c.unit == "t"
                && !c.province.is_empty()
                && day(&c.ref_date).is_some()
        }));
        for c in drawn {
            if let Some(p) = day(&c.ref_date).and_then(|x| point(c, x)) {
                by_province.entry(c.province.clone()).or_default().push(p);
            }
        }
        let national = by_province.remove("全国");
        let mut provinces: Vec<(String, Vec<Point>)> = by_province.into_iter().collect();
        // Most figures first; ties by name (BTreeMap order, stable sort).
        provinces.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
        let rest: Vec<(String, Vec<Point>)> = provinces.split_off(provinces.len().min(TOP_PROVINCES));
        let mut series = Vec::new();
        if let Some(points) = national {
            series.push(Series { label: "全国 (national)".into(), points });
        }
        series.extend(provinces.into_iter().map(|(label, points)| Series { label, points }));
        let hidden: usize = rest.iter().map(|(_, v)| v.len()).sum();
        let caption = format!(
            "Claims of daily {name} output achieved, in tonnes, by the day they hold for (ref_date), \
             log scale. Every point links to its figure.{}",
            if hidden > 0 {
                format!(" {hidden} figures of {} other provinces are not drawn.", rest.len())
            } else {
                String::new()
            }
        );
        out.push(time_chart(
            &format!("daily-{code}"),
            &format!("Daily {name} output claimed"),
            "t per day",
            series,
            caption,
        ));
    }

    let mut by_crop: BTreeMap<&str, Vec<Point>> = BTreeMap::new();
    for c in one_a_figure(
        t.claims.iter().filter(one_mention).filter(|c| c.kind == "yield" && CROPS.contains(&c.item_code.as_str())),
    ) {
        if let Some(p) = day(&c.ref_date).or_else(|| day(&c.article_date)).and_then(|x| point(c, x)) {
            by_crop.entry(c.item_code.as_str()).or_default().push(p);
        }
    }
    let mut crops: Vec<(&str, Vec<Point>)> = by_crop.into_iter().collect();
    crops.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
    let rest = crops.split_off(crops.len().min(MAX_CROPS));
    let hidden: usize = rest.iter().map(|(_, v)| v.len()).sum();
    let series = crops.into_iter().map(|(label, points)| Series { label: label.to_string(), points }).collect();
    let caption = format!(
        "Yields per mu claimed, by crop, in jin per mu, by ref_date where it is a day, else by the \
         article's date; log scale. Every point links to its figure.{}",
        if hidden > 0 {
            format!(" {hidden} figures of {} other crops are not drawn.", rest.len())
        } else {
            String::new()
        }
    );
    out.push(time_chart("yields", "Yields per mu by crop", "jin per mu", series, caption));
    out.push(slips_chart(&t.pairs, link));
    out
}

/// A claim as a point at day `x`, when its value can be drawn on a log scale.
fn point<'a>(c: &'a ClaimRow, x: i64, link: &dyn Fn(&str) -> Option<String>) -> Option<Point<'a>> {
    let y: f64 = c.value.parse().ok()?;
    (y > 0.0 && y.is_finite()).then(|| Point { x, y, c, href: link(&c.claim_id).unwrap_or_default() })
}

/// Powers of ten as tick labels: 1, 10, 100, 1,000, ... (0.1 and below with decimals).
fn tick_label(exp: i32) -> String {
    if exp < 0 {
        return format!("{:.*}", (-exp) as usize, 10f64.powi(exp));
    }
    let digits = format!("1{}", "0".repeat(exp as usize));
    let mut s = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            s.push(',');
        }
        s.push(ch);
    }
    s
}

const W: f64 = 760.0;
const H: f64 = 300.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 170.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// A chart of points over time, log-scaled values, one colour and legend line a series.
fn time_chart(id: &str, title: &str, y_label: &str, series: Vec<Series>, caption: String) -> Chart {
    let mut svg = String::new();
    let all: Vec<&Point> = series.iter().flat_map(|s| &s.points).collect();
    if all.is_empty() {
        let _ = write!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} 40" width="{W}" height="40" role="img" aria-label="{}" class="chart"><text x="{LEFT}" y="24" class="empty">no figures of this kind in the tables</text></svg>"#,
            esc(title)
        );
        return Chart { id: id.into(), title: title.into(), svg, caption, behind: Vec::new(), more: 0 };
    }
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-label="{}" class="chart">"#,
        esc(title)
    );
    let (x0, x1) = (all.iter().map(|p| p.x).min().unwrap_or(0) - 1, all.iter().map(|p| p.x).max().unwrap_or(0) + 1);
    let lo = all.iter().map(|p| p.y).fold(f64::INFINITY, f64::min).log10().floor() as i32;
    let hi = (all.iter().map(|p| p.y).fold(0.0, f64::max).log10().ceil() as i32).max(lo + 1);
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let sx = |x: i64| LEFT + (x - x0) as f64 / (x1 - x0) as f64 * pw;
    let sy = |y: f64| TOP + ph - (y.log10() - lo as f64) / (hi - lo) as f64 * ph;
    // Axes, value grid at each power of ten.
    let _ = write!(svg, r#"<g class="axis">"#);
    for e in lo..=hi {
        let y = sy(10f64.powi(e));
        let _ = write!(
            svg,
            r#"<line x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" class="grid"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            W - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            tick_label(e)
        );
    }
    // Time ticks: the first of each month in the range (every day when it spans under 20 days).
    let (d0, d1) = (date_of(x0), date_of(x1));
    let mut ticks = Vec::new();
    if x1 - x0 < 20 {
        ticks.extend((x0..=x1).map(|x| (x, date_of(x).format("%m-%d").to_string())));
    } else {
        let mut m =
            NaiveDate::from_ymd_opt(chrono::Datelike::year(&d0), chrono::Datelike::month(&d0), 1).expect("month");
        while m <= d1 {
            let x = (m - NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days();
            if x >= x0 {
                ticks.push((x, m.format("%Y-%m").to_string()));
            }
            m = m.checked_add_months(chrono::Months::new(1)).expect("month");
        }
    }
    // At most 12 labels.
    let step = ticks.len().div_ceil(12).max(1);
    for (x, label) in ticks.iter().step_by(step) {
        let px = sx(*x);
        let _ = write!(
            svg,
            r#"<line x1="{px:.1}" x2="{px:.1}" y1="{TOP}" y2="{:.1}" class="grid"/><text x="{px:.1}" y="{:.1}" text-anchor="middle">{label}</text>"#,
            TOP + ph,
            TOP + ph + 16.0
        );
    }
    let _ = write!(
        svg,
        r#"<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{:.1}" class="frame"/><line x1="{LEFT}" x2="{:.1}" y1="{:.1}" y2="{:.1}" class="frame"/><text x="14" y="{:.1}" transform="rotate(-90 14 {:.1})" text-anchor="middle">{} (log scale)</text></g>"#,
        TOP + ph,
        W - RIGHT,
        TOP + ph,
        TOP + ph,
        TOP + ph / 2.0,
        TOP + ph / 2.0,
        esc(y_label)
    );
    let mut behind = Vec::new();
    for (i, s) in series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let ly = TOP + 10.0 + i as f64 * 20.0;
        let _ = write!(
            svg,
            r#"<g class="legend"><circle cx="{:.1}" cy="{ly:.1}" r="5" fill="{colour}"/><text x="{:.1}" y="{:.1}">{} ({})</text></g>"#,
            W - RIGHT + 14.0,
            W - RIGHT + 24.0,
            ly + 4.0,
            esc(&s.label),
            s.points.len()
        );
        let mut points: Vec<&Point> = s.points.iter().collect();
        points.sort_by(|a, b| (a.x, &a.c.claim_id).cmp(&(b.x, &b.c.claim_id)));
        let _ = write!(svg, r#"<g class="series" fill="{colour}">"#);
        for p in points {
            let date = date_of(p.x).format("%Y-%m-%d").to_string();
            let tip =
                format!("{} · {} · {} {} · {} ({})", s.label, date, p.c.value, p.c.unit, p.c.surface, p.c.article_id);
            let _ = write!(
                svg,
                r#"<a href="{}"><circle cx="{:.1}" cy="{:.1}" r="4"><title>{}</title></circle></a>"#,
                esc(&p.href),
                sx(p.x),
                sy(p.y),
                esc(&tip)
            );
            behind.push(Behind {
                series: s.label.clone(),
                date,
                article_id: p.c.article_id.clone(),
                surface: p.c.surface.clone(),
                value: p.c.value.clone(),
                unit: p.c.unit.clone(),
                href: p.href.clone(),
            });
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    behind.sort_by(|a, b| {
        (&a.date, &a.series, &a.article_id, &a.href).cmp(&(&b.date, &b.series, &b.article_id, &b.href))
    });
    let more = behind.len().saturating_sub(MAX_LISTED);
    behind.truncate(MAX_LISTED);
    Chart { id: id.into(), title: title.into(), svg, caption, behind, more }
}

/// Mismatched pairs counted by kind of slip: one bar a kind, linking to its list.
fn slips_chart(pairs: &[PairRow], link: &dyn Fn(&str) -> Option<String>) -> Chart {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut behind = Vec::new();
    for p in pairs.iter().filter(|p| is_slip(&p.status)) {
        let label = slip_label(p);
        *counts.entry(label.clone()).or_default() += 1;
        behind.push(Behind {
            series: label,
            date: String::new(),
            article_id: p.article_id.clone(),
            surface: format!("{} ↔ {}", p.en_surface, p.zh_surface),
            value: p.status.clone(),
            unit: String::new(),
            href: link(&p.en_claim_id).or_else(|| link(&p.zh_claim_id)).unwrap_or_default(),
        });
    }
    let mut bars: Vec<(String, usize)> = counts.into_iter().collect();
    bars.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let bar_h = 24.0;
    let h = TOP + BOTTOM + bar_h * bars.len().max(1) as f64;
    let title = "Translation slips by kind";
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {h:.0}" width="{W}" height="{h:.0}" role="img" aria-label="{title}" class="chart">"#
    );
    let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    let (label_w, pw) = (170.0, W - 170.0 - 80.0);
    if bars.is_empty() {
        let _ = write!(
            svg,
            r#"<text x="{LEFT}" y="{:.1}" class="empty">no mismatched pair in pairs.csv</text>"#,
            TOP + 16.0
        );
    }
    for (i, (label, n)) in bars.iter().enumerate() {
        let y = TOP + i as f64 * bar_h;
        let w = *n as f64 / max * pw;
        let _ = write!(
            svg,
            r##"<a href="#slips-{}"><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect x="{label_w}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{}"><title>{} {}: see the list</title></rect><text x="{:.1}" y="{:.1}">{n}</text></a>"##,
            esc(label),
            label_w - 8.0,
            y + 16.0,
            esc(label),
            y + 4.0,
            bar_h - 8.0,
            COLOURS[4],
            n,
            esc(label),
            label_w + w + 6.0,
            y + 16.0
        );
    }
    svg.push_str("</svg>");
    behind.sort_by(|a, b| (&a.series, &a.article_id, &a.href).cmp(&(&b.series, &b.article_id, &b.href)));
    let more = behind.len().saturating_sub(MAX_LISTED);
    behind.truncate(MAX_LISTED);
    let caption = "Pairs whose English does not state the Chinese figure, counted by the slip pairs.csv \
                   diagnoses (its note, else its status). Each bar links to its pairs below."
        .to_string();
    Chart { id: "slips-chart".into(), title: title.into(), svg, caption, behind, more }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(id: &str, lang: &str, item: &str, province: &str, value: &str, ref_date: &str) -> ClaimRow {
        ClaimRow {
            claim_id: id.into(),
            article_id: "a".into(),
            lang: lang.into(),
            kind: "mass".into(),
            value: value.into(),
            unit: "t".into(),
            item_code: item.into(),
            period: "day".into(),
            claim_type: "achieved".into(),
            ref_date: ref_date.into(),
            province: province.into(),
            surface: format!("{value}吨"),
            ..ClaimRow::default()
        }
    }

    #[test]
    fn a_figure_stated_twice_or_in_a_duplicate_input_is_one_point() {
        let with_figure = |mut c: ClaimRow, f: &str| {
            c.figure_id = f.into();
            c
        };
        let t = Tables {
            claims: vec![
                // A headline and its body, and the copy of the article in a second input: one
                // figure, drawn once, through its first Chinese mention.
                with_figure(claim("a#en3", "en", "coal", "湖南省", "15000", "1958-10-10"), "a#f5"),
                with_figure(claim("a#zh5", "zh", "coal", "湖南省", "15000", "1958-10-10"), "a#f5"),
                with_figure(claim("a#zh90", "zh", "coal", "湖南省", "15000", "1958-10-10"), "a#f5"),
                with_figure(claim("b#zh7", "zh", "coal", "湖南省", "15000", "1958-10-10"), "a#f5"),
                with_figure(claim("a#zh120", "zh", "coal", "湖南省", "16000", "1958-10-11"), "a#f120"),
            ],
            ..Tables::default()
        };
        let link = |id: &str| Some(format!("articles/a.html#{}", id.replace('#', "_")));
        let coal = charts(&t, &link).into_iter().find(|c| c.id == "daily-coal").unwrap();
        let links: Vec<&str> = coal.behind.iter().map(|b| b.href.as_str()).collect();
        assert_eq!(links, ["articles/a.html#a_zh5", "articles/a.html#a_zh120"], "{:?}", coal.behind);
    }

    #[test]
    fn crops_are_sorted_and_labels_are_powers_of_ten() {
        assert!(CROPS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(tick_label(0), "1");
        assert_eq!(tick_label(4), "10,000");
        assert_eq!(tick_label(6), "1,000,000");
        assert_eq!(tick_label(-1), "0.1");
        assert_eq!(esc("<a&\"b'>"), "&lt;a&amp;&quot;b&#39;&gt;");
    }

    #[test]
    fn daily_output_draws_one_point_a_figure_with_its_link() {
        let t = Tables {
            claims: vec![
                claim("a#zh1", "zh", "coal", "湖南省", "15000", "1958-10-10"),
                claim("a#en1", "en", "coal", "湖南省", "15000", "1958-10-10"),
                claim("a#zh9", "zh", "coal", "全国", "300000", "1958-10-11"),
                // Not drawn: a month, not a day; another item; an English figure paired.
                claim("a#zh20", "zh", "coal", "全国", "9000000", "1958-10"),
                claim("a#zh30", "zh", "steel", "全国", "100000", "1958-10-11"),
            ],
            pairs: vec![PairRow {
                en_claim_id: "a#en1".into(),
                zh_claim_id: "a#zh1".into(),
                status: "match".into(),
                ..PairRow::default()
            }],
            ..Tables::default()
        };
        let link = |id: &str| Some(format!("articles/a.html#{}", id.replace('#', "_")));
        let charts = charts(&t, &link);
        let coal = charts.iter().find(|c| c.id == "daily-coal").unwrap();
        assert_eq!(coal.behind.len(), 2, "{:?}", coal.behind);
        assert_eq!(coal.svg.matches(r#"r="4"><title>"#).count(), 2);
        assert!(coal.svg.contains(r#"<a href="articles/a.html#a_zh1">"#));
        assert!(coal.svg.contains("湖南省 (1)") && coal.svg.contains("全国 (national) (1)"));
        // Two powers of ten below and above: 10,000 to 1,000,000.
        assert!(coal.svg.contains(">10,000</text>") && coal.svg.contains(">1,000,000</text>"));
        assert_eq!(coal.behind[0].date, "1958-10-10");
        let steel = charts.iter().find(|c| c.id == "daily-steel").unwrap();
        assert_eq!(steel.behind.len(), 1);
        let yields = charts.iter().find(|c| c.id == "yields").unwrap();
        assert!(yields.behind.is_empty() && yields.svg.contains("no figures"));
        // The same tables, the same bytes.
        assert_eq!(charts, super::charts(&t, &link));
    }

    #[test]
    fn slips_are_counted_by_note() {
        let pair =
            |status: &str, note: &str| PairRow { status: status.into(), note: note.into(), ..PairRow::default() };
        let pairs = vec![
            pair("value_mismatch", "scale_x10"),
            pair("value_mismatch", "scale_x10"),
            pair("qualifier_mismatch", "qualifier_dropped"),
            pair("match", ""),
            pair("only_zh", ""),
        ];
        let c = slips_chart(&pairs, &|_| None);
        assert_eq!(c.behind.len(), 3);
        assert!(c.svg.contains(r##"<a href="#slips-scale_x10">"##));
        assert!(c.svg.contains(">2</text></a>") && c.svg.contains(">1</text></a>"));
        // The longest bar first.
        assert!(c.svg.find("scale_x10").unwrap() < c.svg.find("qualifier_dropped").unwrap());
    }
}
