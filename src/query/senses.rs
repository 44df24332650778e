//! Choosing a translated word's senses by the company it keeps. The
//! lexicon gives a word several translations, one per sense (`vol`: a
//! flight's track, a fly, a theft); the query's other words say which sense
//! is meant, and the target language's articles say which translations go
//! with theirs: a sense is kept when it goes with the translations of the
//! other words about as well as the best one (co-occurrence
//! disambiguation, Ballesteros & Croft 1998; Gao et al. 2001). How well
//! two words go together is their Dice coefficient over the archive's
//! articles (twice the articles holding both over the articles holding
//! each), so a frequent sense (`haut` for قمة) does not win by its
//! frequency over the one the story uses (`sommet`). A word alone, or whose
//! senses never meet the other words, keeps all its senses.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use newsearch_analyzers::translate::keys;
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use super::translate::{target_of, Alternatives, Context};
use crate::error::Result;
use crate::text::lang::Lang;

/// A sense is kept when its Dice coefficients with the other words add up
/// to at least this share of the best sense's.
pub(crate) const MIN_SUPPORT: f64 = 0.5;

/// Drops, from each span's lexicon senses, those the target archive rarely
/// holds with the query's other words (`words` as typed; `found`: the
/// spans with their alternatives, in order).
pub(crate) fn choose(
    words: &[&str],
    found: &mut [(Range<usize>, Alternatives)],
    cx: &mut Context,
) -> Result<()> {
    let mut covered = vec![false; words.len()];
    for (span, _) in found.iter() {
        covered[span.clone()].fill(true);
    }
    let mut lists = ArticleLists::default();
    // Decided on every span's full alternatives, then applied.
    let mut dropped: Vec<Vec<String>> = Vec::with_capacity(found.len());
    for at in 0..found.len() {
        let (span, alternatives) = &found[at];
        let senses: Vec<&str> = alternatives
            .iter()
            .filter(|a| a.sense)
            .map(|a| a.text.as_str())
            .collect();
        let target = target_of(&words[span.clone()].join(" "), cx.only);
        let (Some(target), [_, _, ..]) = (target, &senses[..]) else {
            dropped.push(Vec::new());
            continue;
        };
        // The other words as the target's articles hold them: a translated
        // word by any of its alternatives, another by itself (names and
        // numbers that both languages write alike: MH370, COVID).
        let mut others: Vec<Rc<DocList>> = Vec::new();
        for (other, (span, alternatives)) in found.iter().enumerate() {
            let same_target = target_of(&words[span.clone()].join(" "), cx.only) == Some(target);
            if other != at && same_target {
                let texts: Vec<&str> = alternatives.iter().map(|a| a.text.as_str()).collect();
                others.extend(lists.of(&texts, target, cx)?);
            }
        }
        for (word, _) in words.iter().zip(&covered).filter(|(_, &c)| !c) {
            if keys::lexicon_key(word).is_some() && target_of(word, cx.only) == Some(target) {
                others.extend(lists.of(&[word], target, cx)?);
            }
        }
        let mut support = Vec::with_capacity(senses.len());
        for sense in &senses {
            let mut dice = 0.0;
            if let Some(sense) = lists.of(&[sense], target, cx)? {
                for other in &others {
                    let both = common_count(&sense, other) as f64;
                    dice += 2.0 * both / ((sense.docs.len() + other.docs.len()) as f64).max(1.0);
                }
            }
            support.push(dice);
        }
        let best = support.iter().copied().fold(0.0, f64::max);
        dropped.push(
            senses
                .iter()
                .zip(&support)
                .filter(|&(_, &dice)| best > 0.0 && dice < best * MIN_SUPPORT)
                .map(|(sense, _)| sense.to_string())
                .collect(),
        );
    }
    for ((_, alternatives), dropped) in found.iter_mut().zip(dropped) {
        alternatives.retain(|a| !(a.sense && dropped.contains(&a.text)));
    }
    Ok(())
}

/// The articles holding some texts, each list read from the index once
/// per query: a sense and the other words are met many times.
#[derive(Default)]
struct ArticleLists {
    /// By the texts (joined) and the language they were looked up in;
    /// `None` for texts that the language's analyzer drops.
    lists: HashMap<(String, Lang), Option<Rc<DocList>>>,
}

impl ArticleLists {
    /// The articles of `target` holding any of `texts`, in index order.
    fn of(
        &mut self,
        texts: &[&str],
        target: Lang,
        cx: &mut Context,
    ) -> Result<Option<Rc<DocList>>> {
        let key = (texts.join("\u{1f}"), target);
        if let Some(list) = self.lists.get(&key) {
            return Ok(list.clone());
        }
        let list = match any_of(texts, target, cx) {
            Some(query) => Some(Rc::new(DocList::new(matching(
                query.as_ref(),
                cx.stats.searcher(),
            )?))),
            None => None,
        };
        self.lists.insert(key, list.clone());
        Ok(list)
    }
}

/// The live documents `query` matches, numbered across the searcher's
/// segments (each segment's after the last one's), ascending.
fn matching(query: &dyn Query, searcher: &Searcher) -> Result<Vec<u64>> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut docs = Vec::new();
    let mut base = 0u64;
    for reader in searcher.segment_readers() {
        let alive = reader.alive_bitset();
        weight.for_each_no_score(reader, &mut |batch| {
            let live = batch
                .iter()
                .filter(|&&doc| alive.is_none_or(|alive| alive.is_alive(doc)));
            docs.extend(live.map(|&doc| base + u64::from(doc)));
        })?;
        base += u64::from(reader.max_doc());
    }
    Ok(docs)
}

/// Ascending document numbers, and their bitset once one is asked for.
struct DocList {
    docs: Vec<u64>,
    bits: OnceCell<Vec<u64>>,
}

impl DocList {
    fn new(docs: Vec<u64>) -> DocList {
        DocList {
            docs,
            bits: OnceCell::new(),
        }
    }

    /// A bitset of the numbers up to the last one, unless the list is so
    /// sparse that clearing the bitset would cost more than merging (a
    /// word of bits per 16 numbers of the list at most).
    fn bits(&self) -> Option<&[u64]> {
        let last = *self.docs.last()?;
        let words = usize::try_from(last / 64 + 1).ok()?;
        if words > 16 * self.docs.len() {
            return None;
        }
        let bits = self.bits.get_or_init(|| {
            let mut bits = vec![0u64; words];
            for &doc in &self.docs {
                bits[(doc / 64) as usize] |= 1 << (doc % 64);
            }
            bits
        });
        Some(bits)
    }
}

/// How many numbers two lists share: each of the shorter list looked up in
/// the longer one's bitset, which is read once per query and has no
/// branch to mispredict, else the two lists merged.
fn common_count(a: &DocList, b: &DocList) -> usize {
    let (short, long) = if a.docs.len() <= b.docs.len() {
        (a, b)
    } else {
        (b, a)
    };
    match long.bits() {
        Some(bits) => short
            .docs
            .iter()
            .filter(|&&doc| {
                let word = bits.get((doc / 64) as usize).copied().unwrap_or(0);
                word >> (doc % 64) & 1 == 1
            })
            .count(),
        None => merged_count(&short.docs, &long.docs),
    }
}

/// How many numbers two ascending lists share, walking both.
fn merged_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

/// The articles of `target` holding every word of `text` (in their whole
/// text, stemmed).
fn articles_with(text: &str, target: Lang, cx: &mut Context) -> Option<Box<dyn Query>> {
    let lf = cx.fields.of(target);
    let terms: Vec<Box<dyn Query>> = cx
        .analyzers
        .tokens(lf.analyzer, text)
        .into_iter()
        .map(|(_, token)| {
            let term = Term::from_field_text(lf.body, &token);
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>
        })
        .collect();
    (!terms.is_empty()).then(|| Box::new(BooleanQuery::intersection(terms)) as Box<dyn Query>)
}

/// The articles of `target` holding any of `texts`.
fn any_of(texts: &[&str], target: Lang, cx: &mut Context) -> Option<Box<dyn Query>> {
    let each: Vec<(Occur, Box<dyn Query>)> = texts
        .iter()
        .filter_map(|text| articles_with(text, target, cx))
        .map(|query| (Occur::Should, query))
        .collect();
    (!each.is_empty()).then(|| Box::new(BooleanQuery::new(each)) as Box<dyn Query>)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::stats::FieldStats;
    use crate::query::translate::{ContextParts, Found};
    use crate::Index;

    fn alternatives(texts: &[&str], sense: bool) -> Alternatives {
        texts
            .iter()
            .map(|text| Found {
                text: text.to_string(),
                weight: 1.0,
                sense,
            })
            .collect()
    }

    /// The senses `choose` keeps for the first of `words` (each word's
    /// alternatives given; senses for the first, a name's spellings for
    /// the others) on the seeds.
    fn kept(words: &[&str], first: &[&str], others: &[&[&str]]) -> Vec<String> {
        let index = Index::seeds_in_ram();
        let searcher = index.reader.searcher();
        let stats = FieldStats::new(&searcher, &index.fields, Default::default()).unwrap();
        let mut parts = ContextParts::new(&index);
        let mut cx = parts.context(&index, &stats);
        let mut found = vec![(0..1, alternatives(first, true))];
        for (at, texts) in others.iter().enumerate() {
            found.push((at + 1..at + 2, alternatives(texts, false)));
        }
        choose(words, &mut found, &mut cx).unwrap();
        found.swap_remove(0).1.into_iter().map(|a| a.text).collect()
    }

    /// The bitset and the merge count alike, on dense and sparse lists.
    #[test]
    fn common_count_meets_two_ascending_lists() {
        let count = |a: &[u64], b: &[u64]| {
            let (a, b) = (DocList::new(a.to_vec()), DocList::new(b.to_vec()));
            let counted = common_count(&a, &b);
            assert_eq!(counted, merged_count(&a.docs, &b.docs));
            counted
        };
        assert_eq!(count(&[1, 3, 5, 8], &[0, 3, 4, 5, 9]), 2);
        assert_eq!(count(&[], &[1]), 0);
        assert_eq!(count(&[1 << 32 | 2], &[2, 1 << 32 | 2]), 1);
        let dense: Vec<u64> = (0..1000).filter(|n| n % 3 == 0).collect();
        let other: Vec<u64> = (0..1200).filter(|n| n % 5 == 0).collect();
        assert!(DocList::new(dense.clone()).bits().is_some());
        assert_eq!(count(&dense, &other), 67);
        assert_eq!(count(&other, &dense), 67);
    }

    /// Of two senses, the one the Arabic seeds hold with the other word's
    /// translation stays: النار (in the Cairo ceasefire stories) beside
    /// القاهرة, not رمضان (in an article without Cairo).
    #[test]
    fn the_sense_found_with_the_other_words_is_kept() {
        let senses = kept(&["feu", "Caire"], &["النار", "رمضان"], &[&["القاهرة"]]);
        assert_eq!(senses, ["النار"]);
    }

    /// Without other words, or when no sense meets them, every sense
    /// stays: there is no evidence to choose by.
    #[test]
    fn without_evidence_every_sense_is_kept() {
        assert_eq!(kept(&["feu"], &["النار", "رمضان"], &[]), ["النار", "رمضان"]);
        let unknown = kept(&["feu", "Xqzw"], &["النار", "رمضان"], &[&["ذبابة"]]);
        assert_eq!(unknown, ["النار", "رمضان"]);
    }
}
