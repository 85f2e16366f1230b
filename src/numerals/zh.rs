//! Chinese numerals (issue 3). Placeholder.
