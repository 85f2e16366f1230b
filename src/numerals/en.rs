//! English numbers (issue 4). Placeholder.
