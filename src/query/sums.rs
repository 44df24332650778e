//! The sums of a query's clauses in one segment, a window of 4,096
//! documents at a time (see [`super::summed`]): each clause adds its
//! scores into the window, a group of alternatives keeps the best of
//! their sums, and the window's documents are handed out in order.

use tantivy::query::Scorer;
use tantivy::{DocId, DocSet, Score, TERMINATED};

use super::term_part::TermPartScorer;

/// The documents of a window: as many as tantivy's union buffers.
pub(super) const WINDOW: usize = 4096;

/// The clauses' sums in one segment, a window at a time.
pub(crate) struct Sums {
    cursors: Vec<Cursor>,
    /// The sums of the window.
    pub(super) window: Window,
    /// A group's best alternative so far, and one alternative's sums.
    best: Window,
    alternative: Window,
}

impl Sums {
    pub(super) fn new(cursors: Vec<Cursor>) -> Sums {
        Sums {
            cursors,
            window: Window::new(),
            best: Window::new(),
            alternative: Window::new(),
        }
    }

    /// Sums the next window, from the first document a clause is on, into
    /// `window`, and leaves each clause on its first document after it;
    /// `false` when no clause has any document left.
    pub(super) fn fill(&mut self) -> bool {
        let start = self.cursors.iter().map(Cursor::doc).min();
        let Some(start) = start.filter(|&doc| doc != TERMINATED) else {
            return false;
        };
        self.window.start = start;
        let end = start.saturating_add(WINDOW as DocId);
        for cursor in &mut self.cursors {
            match cursor {
                Cursor::Part(part) => part.add_to(&mut self.window, end),
                Cursor::Best(alternatives) => {
                    // As tantivy's `DisjunctionMaxCombiner` with no tie
                    // breaker: the largest of the alternatives' sums
                    // (none is below zero).
                    self.best.start = start;
                    self.alternative.start = start;
                    for parts in alternatives.iter_mut() {
                        for part in parts.iter_mut() {
                            part.add_to(&mut self.alternative, end);
                        }
                        let best = &mut self.best;
                        self.alternative
                            .drain_at(|at, score| best.keep_max(at, score));
                        parts.retain(|part| part.doc() != TERMINATED);
                    }
                    alternatives.retain(|parts| !parts.is_empty());
                    let window = &mut self.window;
                    self.best.drain_at(|at, score| window.add(at, score));
                }
            }
        }
        self.cursors.retain(|cursor| cursor.doc() != TERMINATED);
        true
    }

    /// The sum of the clauses on `doc` alone, `None` where none matches it,
    /// each clause left on its first document at or after `doc`: for a few
    /// documents far apart, where summing a window around each would cost
    /// more. Documents asked must ascend. Adds in the order [`Sums::fill`]
    /// does, so the sum is the same to the last bit.
    pub fn score_at(&mut self, doc: DocId) -> Option<Score> {
        let mut sum: Option<Score> = None;
        for cursor in &mut self.cursors {
            let score = match cursor {
                Cursor::Part(part) => part.score_at(doc),
                Cursor::Best(alternatives) => {
                    let mut best: Option<Score> = None;
                    for parts in alternatives.iter_mut() {
                        let mut alternative: Option<Score> = None;
                        for part in parts.iter_mut() {
                            if let Some(score) = part.score_at(doc) {
                                alternative = Some(alternative.unwrap_or(0.0) + score);
                            }
                        }
                        if let Some(alternative) = alternative {
                            best = Some(Score::max(alternative, best.unwrap_or(0.0)));
                        }
                    }
                    best
                }
            };
            if let Some(score) = score {
                sum = Some(sum.unwrap_or(0.0) + score);
            }
        }
        sum
    }

    /// Moves every clause to its first document at or after `target`, the
    /// window's sums dropped.
    fn seek(&mut self, target: DocId) {
        self.window.drain_at(|_, _| {});
        for cursor in &mut self.cursors {
            match cursor {
                Cursor::Part(part) => part.seek(target),
                Cursor::Best(alternatives) => {
                    for parts in alternatives.iter_mut() {
                        for part in parts.iter_mut() {
                            part.seek(target);
                        }
                        parts.retain(|part| part.doc() != TERMINATED);
                    }
                    alternatives.retain(|parts| !parts.is_empty());
                }
            }
        }
        self.cursors.retain(|cursor| cursor.doc() != TERMINATED);
    }
}

/// The sums of a window of documents from `start`: a score per document
/// and a bit per document matched.
pub(super) struct Window {
    start: DocId,
    scores: Box<[Score; WINDOW]>,
    matched: [u64; WINDOW / 64],
}

impl Window {
    fn new() -> Window {
        Window {
            start: 0,
            scores: Box::new([0.0; WINDOW]),
            matched: [0; WINDOW / 64],
        }
    }

    /// Adds `score` to the sum of the document at `at` in the window.
    #[inline]
    fn add(&mut self, at: usize, score: Score) {
        self.scores[at] += score;
        self.matched[at / 64] |= 1 << (at % 64);
    }

    /// Keeps the larger of `score` and the score of the document at `at`.
    #[inline]
    fn keep_max(&mut self, at: usize, score: Score) {
        self.scores[at] = Score::max(score, self.scores[at]);
        self.matched[at / 64] |= 1 << (at % 64);
    }

    /// Each matched document's place in the window and sum, in order, the
    /// window left empty.
    #[inline]
    fn drain_at(&mut self, mut f: impl FnMut(usize, Score)) {
        for (bucket, bits) in self.matched.iter_mut().enumerate() {
            let mut bits = std::mem::take(bits);
            while bits != 0 {
                let at = bucket * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                f(at, std::mem::take(&mut self.scores[at]));
            }
        }
    }

    /// Each matched document and its sum, in order, the window left empty.
    #[inline]
    pub fn drain(&mut self, mut f: impl FnMut(DocId, Score)) {
        let start = self.start;
        self.drain_at(|at, score| f(start + at as DocId, score));
    }
}

/// A clause's place in a segment.
pub(super) enum Cursor {
    Part(PartCursor),
    /// A group's alternatives, each the cursors of its queries.
    Best(Vec<Vec<PartCursor>>),
}

impl Cursor {
    fn doc(&self) -> DocId {
        match self {
            Cursor::Part(part) => part.doc(),
            Cursor::Best(alternatives) => alternatives
                .iter()
                .flatten()
                .map(PartCursor::doc)
                .min()
                .unwrap_or(TERMINATED),
        }
    }

    fn size_hint(&self) -> u32 {
        match self {
            Cursor::Part(part) => part.size_hint(),
            Cursor::Best(alternatives) => alternatives
                .iter()
                .flatten()
                .map(PartCursor::size_hint)
                .max()
                .unwrap_or(0),
        }
    }
}

/// A query's scorer in a segment: a term's, read here, or any other's.
pub(super) enum PartCursor {
    Term(Box<TermPartScorer>),
    Other(Box<dyn Scorer>),
}

impl PartCursor {
    pub fn doc(&self) -> DocId {
        match self {
            PartCursor::Term(scorer) => scorer.doc(),
            PartCursor::Other(scorer) => scorer.doc(),
        }
    }

    /// Adds the scores of its documents before `end`, each to its
    /// document's sum in `window`, and stops on its first document after.
    fn add_to(&mut self, window: &mut Window, end: DocId) {
        match self {
            PartCursor::Term(scorer) => add_scores(scorer.as_mut(), window, end),
            PartCursor::Other(scorer) => add_scores(scorer.as_mut(), window, end),
        }
    }

    fn size_hint(&self) -> u32 {
        match self {
            PartCursor::Term(scorer) => scorer.size_hint(),
            PartCursor::Other(scorer) => scorer.size_hint(),
        }
    }

    /// Its score on `doc`, if it matches it, moved there first.
    fn score_at(&mut self, doc: DocId) -> Option<Score> {
        self.seek(doc);
        if self.doc() != doc {
            return None;
        }
        Some(match self {
            PartCursor::Term(scorer) => scorer.score(),
            PartCursor::Other(scorer) => scorer.score(),
        })
    }

    fn seek(&mut self, target: DocId) {
        if self.doc() < target {
            match self {
                PartCursor::Term(scorer) => scorer.seek(target),
                PartCursor::Other(scorer) => scorer.seek(target),
            };
        }
    }
}

/// The loop that most of a search's time goes to: one per kind of scorer,
/// so that a term's is compiled without a call through a pointer.
#[inline]
fn add_scores<S: Scorer + ?Sized>(scorer: &mut S, window: &mut Window, end: DocId) {
    let mut doc = scorer.doc();
    while doc < end {
        window.add((doc - window.start) as usize, scorer.score());
        doc = scorer.advance();
    }
}

/// The sums of a segment as a scorer, for the queries that intersect the
/// ranking's with another (a date range): it hands out each window's
/// documents in order, then sums the next.
pub(super) struct SummedScorer {
    sums: Sums,
    /// The window's documents not handed out yet, by bucket of 64.
    bucket: usize,
    bits: u64,
    doc: DocId,
    score: Score,
}

impl SummedScorer {
    /// Before its first document: call `advance`.
    pub fn new(sums: Sums) -> SummedScorer {
        SummedScorer {
            sums,
            bucket: WINDOW / 64,
            bits: 0,
            doc: 0,
            score: 0.0,
        }
    }
}

impl DocSet for SummedScorer {
    fn advance(&mut self) -> DocId {
        loop {
            if self.bits != 0 {
                let at = self.bucket * 64 + self.bits.trailing_zeros() as usize;
                self.bits &= self.bits - 1;
                self.doc = self.sums.window.start + at as DocId;
                self.score = std::mem::take(&mut self.sums.window.scores[at]);
                return self.doc;
            }
            self.bucket += 1;
            if self.bucket < WINDOW / 64 {
                self.bits = std::mem::take(&mut self.sums.window.matched[self.bucket]);
                continue;
            }
            if !self.sums.fill() {
                self.doc = TERMINATED;
                return TERMINATED;
            }
            self.bucket = 0;
            self.bits = std::mem::take(&mut self.sums.window.matched[0]);
        }
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let end = self.sums.window.start.saturating_add(WINDOW as DocId);
        if target >= end && self.doc != TERMINATED {
            // Past the window: its documents left are dropped (those of
            // the bucket being handed out, then the rest), and every
            // clause skips ahead before the next window is summed.
            while self.bits != 0 {
                let at = self.bucket * 64 + self.bits.trailing_zeros() as usize;
                self.bits &= self.bits - 1;
                self.sums.window.scores[at] = 0.0;
            }
            self.bucket = WINDOW / 64;
            self.sums.seek(target);
        }
        while self.doc < target {
            self.advance();
        }
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        let cursors = self.sums.cursors.iter();
        cursors.map(Cursor::size_hint).max().unwrap_or(0)
    }
}

impl Scorer for SummedScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}
