//! Cutting a passage to a window around its matches.
