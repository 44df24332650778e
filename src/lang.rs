//! Languages newsearch routes text by, and their detection.

/// The language of a passage, which decides the fields and analyzers it is indexed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Arabic: the `ar` and `ar_exact` analyzers.
    Ar,
    /// French: the `fr` and `fr_exact` analyzers.
    Fr,
    /// Anything else: the `std` analyzer.
    Other,
}

impl Lang {
    /// Short code: `ar`, `fr` or `other`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Fr => "fr",
            Lang::Other => "other",
        }
    }
}
