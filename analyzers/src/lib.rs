//! Arabic and French text analysis for tantivy.
//!
//! (Crate essay to be written with the implementation.)

use tantivy::tokenizer::TokenizerManager;

/// Name of the stemmed Arabic analyzer.
pub const AR: &str = "ar";
/// Name of the exact (normalized, unstemmed, stopwords kept) Arabic analyzer.
pub const AR_EXACT: &str = "ar_exact";
/// Name of the stemmed French analyzer.
pub const FR: &str = "fr";
/// Name of the exact French analyzer.
pub const FR_EXACT: &str = "fr_exact";
/// Name of the analyzer for any other language.
pub const STD: &str = "std";

/// Registers every analyzer of this crate under its name.
pub fn register(_manager: &TokenizerManager) {
    todo!("analyzers")
}
