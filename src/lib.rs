//! leapfig: the figures claimed in Great Leap Forward newspaper articles, as tidy tables.
//!
//! The pipeline, one module a stage:
//! [`ingest`] (file -> [`article::Article`]) -> [`extract`] (section -> [`claim::Claim`]s, zh and en)
//! -> [`attribute`] (item, period, claim type, date, place) -> [`reconcile`] (en <-> zh pairs)
//! -> [`tables`] (CSV / Parquet). [`app`] runs it over many files in parallel.

pub mod app;
pub mod article;
pub mod attribute;
pub mod claim;
pub mod dates;
pub mod extract;
pub mod ingest;
pub mod lexicon;
pub mod numerals;
pub mod pipeline;
pub mod reconcile;
pub mod tables;
pub mod text;
