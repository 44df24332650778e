//! Marking matched words in a passage.
