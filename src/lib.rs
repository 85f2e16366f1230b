//! leapfig: the figures claimed in Great Leap Forward newspaper articles, as tidy tables.
//!
//! The pipeline, one module a stage, in layers that only point down (each module uses its own
//! layer and those before it in this list; `tests/layers.rs` keeps it so):
//! [`text`] (language, sentence ends, hashing) -> [`dates`], [`lexicon`](mod@lexicon) (embedded word lists),
//! [`gazetteer`] (the 1980 administrative units and the names 1958 printed for them)
//! -> [`article`], [`claim`] (the models) -> [`ingest`] (file -> [`article::Article`])
//! -> [`numerals`] (Chinese and English numerals) -> [`extract`] (section -> [`claim::Claim`]s,
//! zh and en) -> [`attribute`] (item, period, claim type, date, place) -> [`reconcile`]
//! (en <-> zh pairs) -> [`figures`] (which mentions state one figure) -> [`pipeline`] (the
//! per-article stage functions every caller shares) -> [`tables`] (CSV / Parquet) ->
//! [`report`] (the HTML audit report, read from the tables) -> [`app`] (many files in parallel,
//! streaming to the tables).
//! The command line (`src/bin/leapfig/`: main, cli, bench) is outside the library.

pub mod app;
pub mod article;
pub mod attribute;
pub mod claim;
pub mod dates;
pub mod extract;
pub mod figures;
pub mod gazetteer;
pub mod ingest;
pub mod lexicon;
pub mod numerals;
pub mod pipeline;
pub mod reconcile;
pub mod report;
pub mod tables;
pub mod text;
