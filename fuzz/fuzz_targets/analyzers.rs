//! Arbitrary bytes, read as (lossy) UTF-8, through every analyzer: no
//! panic, and every token's offsets are a range of the input on char
//! boundaries, in order, with positions that never go back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tantivy::tokenizer::TokenStream;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for name in newsearch_analyzers::NAMES {
        let Some(mut analyzer) = newsearch_analyzers::analyzer(name) else {
            panic!("analyzer {name} is missing");
        };
        let mut stream = analyzer.token_stream(&text);
        let mut last_from = 0;
        let mut last_position = None;
        while let Some(token) = stream.next() {
            let (from, to) = (token.offset_from, token.offset_to);
            assert!(
                from <= to && to <= text.len(),
                "{name}: offsets {from}..{to} outside 0..{}",
                text.len()
            );
            assert!(
                text.is_char_boundary(from) && text.is_char_boundary(to),
                "{name}: offsets {from}..{to} not on char boundaries of {text:?}"
            );
            assert!(from >= last_from, "{name}: token at {from} after one at {last_from}");
            if let Some(last) = last_position {
                assert!(token.position >= last, "{name}: position went back");
            }
            assert!(!token.text.is_empty(), "{name}: empty term at {from}..{to}");
            last_from = from;
            last_position = Some(token.position);
        }
    }
});
