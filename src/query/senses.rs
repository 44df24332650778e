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
use tantivy::query::{BooleanQuery, EnableScoring, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Searcher, SegmentReader, Term};

use super::shared_stats::SnapshotStats;
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
        let holding: Vec<Holding> = texts
            .iter()
            .filter_map(|text| articles_with(text, target, cx))
            .collect();
        let list = if holding.is_empty() {
            None
        } else {
            let docs = matching(&holding, cx.stats.searcher(), cx.stats.snapshot())?;
            Some(Rc::new(DocList::new(docs)))
        };
        self.lists.insert(key, list.clone());
        Ok(list)
    }
}

/// The articles that hold a text: those with its one term, read straight
/// from the postings, or those that every term of it matches.
enum Holding {
    Term(Term),
    All(Box<dyn Query>),
}

/// The live documents that any of `holding` matches, numbered across the
/// searcher's segments (each segment's after the last one's), ascending.
///
/// Most texts are one word: its postings are read a block at a time,
/// with no scorer between them and the list, and several texts are
/// gathered in a bitset of the segment rather than merged by a union.
fn matching(
    holding: &[Holding],
    searcher: &Searcher,
    snapshot: &SnapshotStats,
) -> Result<Vec<u64>> {
    let mut docs = Vec::new();
    let mut base = 0u64;
    for reader in searcher.segment_readers() {
        let alive = reader.alive_bitset();
        let live = |doc: DocId| alive.is_none_or(|alive| alive.is_alive(doc));
        if let [Holding::Term(term)] = holding {
            each_block(reader, snapshot, term, |block| {
                let block = block.iter().filter(|&&doc| live(doc));
                docs.extend(block.map(|&doc| base + u64::from(doc)));
            })?;
        } else {
            let mut bits = vec![0u64; (reader.max_doc() as usize).div_ceil(64)];
            let mut set = |block: &[DocId]| {
                for &doc in block {
                    bits[doc as usize / 64] |= 1 << (doc % 64);
                }
            };
            for clause in holding {
                match clause {
                    Holding::Term(term) => each_block(reader, snapshot, term, &mut set)?,
                    Holding::All(query) => query
                        .weight(EnableScoring::disabled_from_searcher(searcher))?
                        .for_each_no_score(reader, &mut set)?,
                }
            }
            for (word, mut bits) in bits.into_iter().enumerate() {
                while bits != 0 {
                    let doc = (word * 64) as DocId + bits.trailing_zeros();
                    bits &= bits - 1;
                    if live(doc) {
                        docs.push(base + u64::from(doc));
                    }
                }
            }
        }
        base += u64::from(reader.max_doc());
    }
    Ok(docs)
}

/// Hands each block of `term`'s documents in `reader` to `f`, in order;
/// the term's dictionary entry is the one `snapshot` keeps.
fn each_block(
    reader: &SegmentReader,
    snapshot: &SnapshotStats,
    term: &Term,
    mut f: impl FnMut(&[DocId]),
) -> Result<()> {
    let Some(info) = snapshot.term_info(reader, term)? else {
        return Ok(());
    };
    let index = reader.inverted_index(term.field())?;
    let mut postings = index.read_block_postings_from_terminfo(&info, IndexRecordOption::Basic)?;
    loop {
        let block = postings.docs();
        if block.is_empty() {
            return Ok(());
        }
        f(block);
        postings.advance();
    }
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
fn articles_with(text: &str, target: Lang, cx: &mut Context) -> Option<Holding> {
    let lf = cx.fields.of(target);
    let mut terms: Vec<Term> = cx
        .analyzers
        .tokens(lf.analyzer, text)
        .into_iter()
        .map(|(_, token)| Term::from_field_text(lf.body, &token))
        .collect();
    match terms.len() {
        0 => None,
        1 => terms.pop().map(Holding::Term),
        _ => {
            let each = terms
                .into_iter()
                .map(|term| {
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>
                })
                .collect();
            Some(Holding::All(Box::new(BooleanQuery::intersection(each))))
        }
    }
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

    /// The lists read from the postings hold the documents tantivy's union
    /// of the same texts finds: single words, texts of several words, and
    /// several texts at once, over articles of both news corpora, some of
    /// them replaced (deleted documents, more segments).
    #[test]
    fn the_lists_hold_what_the_union_finds() {
        use crate::index::NEWS_CORPORA;
        use tantivy::collector::DocSetCollector;
        let Some(index) = Index::news_in_ram(200) else {
            return;
        };
        let shared = crate::index::shared_dir();
        let mut writer = index.writer().unwrap();
        let paths: Vec<_> = NEWS_CORPORA
            .iter()
            .map(|corpus| shared.join(corpus))
            .collect();
        for file in crate::ingest::discover(&paths).files {
            let articles = crate::ingest::open(&file).unwrap();
            for article in articles.take(60).step_by(3) {
                let mut article = article.unwrap();
                article.text = article.text.chars().rev().collect();
                writer.add_article(&article, None).unwrap();
            }
        }
        writer.finish().unwrap();
        index.reload().unwrap();
        let searcher = index.reader.searcher();
        assert!(searcher
            .segment_readers()
            .iter()
            .any(|r| r.num_deleted_docs() > 0));
        let stats = FieldStats::new(&searcher, &index.fields, Default::default()).unwrap();
        let mut parts = ContextParts::new(&index);
        let mut cx = parts.context(&index, &stats);
        let eval = shared.join("eval");
        let (mut checked, mut found) = (0, 0);
        for (set, lang) in [
            ("ar-news-headline", Lang::Ar),
            ("fr-news-headline", Lang::Fr),
        ] {
            let topics = newsearch_eval::read_topics(&eval.join(set).join("topics.tsv")).unwrap();
            for topic in topics.iter().take(30) {
                let words: Vec<&str> = topic.query.split_whitespace().collect();
                let pair = words[..2.min(words.len())].join(" ");
                let mut texts: Vec<Vec<&str>> = words.iter().map(|word| vec![*word]).collect();
                texts.push(vec![pair.as_str()]);
                texts.push(words.clone());
                texts.push(vec![pair.as_str(), words[words.len() - 1]]);
                for texts in texts {
                    let holding: Vec<Holding> = texts
                        .iter()
                        .filter_map(|text| articles_with(text, lang, &mut cx))
                        .collect();
                    if holding.is_empty() {
                        continue;
                    }
                    let union = BooleanQuery::union(
                        holding
                            .iter()
                            .map(|clause| match clause {
                                Holding::Term(term) => {
                                    Box::new(TermQuery::new(term.clone(), IndexRecordOption::Basic))
                                        as Box<dyn Query>
                                }
                                Holding::All(query) => query.box_clone(),
                            })
                            .collect(),
                    );
                    let mut bases = vec![0u64];
                    for reader in searcher.segment_readers() {
                        bases.push(bases.last().unwrap() + u64::from(reader.max_doc()));
                    }
                    let mut expected: Vec<u64> = searcher
                        .search(&union, &DocSetCollector)
                        .unwrap()
                        .into_iter()
                        .map(|a| bases[a.segment_ord as usize] + u64::from(a.doc_id))
                        .collect();
                    expected.sort_unstable();
                    let docs = matching(&holding, &searcher, stats.snapshot()).unwrap();
                    assert_eq!(docs, expected, "{texts:?}");
                    checked += 1;
                    found += usize::from(!docs.is_empty());
                }
            }
        }
        assert!(checked > 300 && found > 200, "{found} of {checked} found");
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
