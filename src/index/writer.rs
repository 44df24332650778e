//! Adding, replacing and removing articles, incrementally and atomically.
//!
//! Every article becomes one article document (its metadata and content hash)
//! and one document per passage. All of them carry the article id, so deleting
//! that term removes the whole article. Commits happen between articles, so a
//! committed index never holds half an article, and an article's documents
//! go to the writer as one batch, which keeps them in one segment (ranking
//! relies on it, see `search::doc_ids`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use newsearch_analyzers::{PairedAnalyzer, TOKEN_SEPARATOR};
use rustc_hash::FxHashMap;
use tantivy::directory::error::LockError;
use tantivy::indexer::{IndexWriterOptions, NoMergePolicy, UserOperation};
use tantivy::schema::Field;
use tantivy::{IndexWriter, TantivyDocument, Term};

use crate::article::Article;
use crate::error::{Error, Result};
use crate::index::mapped::PageReleaser;
use crate::index::merge_policy::{compaction, BoundedMergePolicy};
use crate::index::queue::{Queue, QueuedDocument};
use crate::index::schema::{analyzer_language, lang_index, Fields, KIND_ARTICLE, KIND_PASSAGE};
use crate::index::term_table::TermTable;
use crate::index::Index;
use crate::ingest::date_number;
use crate::text::lang::{self, Lang};
use crate::text::passage::{paragraph_count, split_passages};

/// Memory the writer may use for its buffers, across all its threads.
const WRITER_MEMORY_BUDGET: usize = 256 << 20;
/// Merges run one at a time (tantivy runs up to four at once): each merge
/// holds buffers of its own beside the writer's, and at eight times the
/// news corpora concurrent merges held 350 MiB of segments at once.
const MERGE_THREADS: usize = 1;
/// The buffers of the writer that merges an index into one segment at
/// the end of a run, which indexes nothing (tantivy's least is 15 MB).
const COMPACTION_MEMORY: usize = 16 << 20;
/// A long run commits this often, so a killed run loses little.
const COMMIT_INTERVAL: Duration = Duration::from_secs(30);

/// What [`Writer::add_article`] did with an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The id was new.
    Added,
    /// The id existed with other content, which was replaced.
    Updated,
    /// The id existed with the same content; nothing was written.
    Unchanged,
}

/// What the writer keeps about an article in memory, for incremental runs:
/// its content hash and whether this run has read it, under
/// [`id_key`]. A fixed 32 bytes per article; the id and the origin stay in
/// the index's fast fields and are read from there when needed.
#[derive(Debug, Clone, Copy)]
struct Known {
    hash: u64,
    seen: bool,
}

/// The table of known articles, by [`id_key`].
type KnownTable = FxHashMap<u128, Known>;

/// An article id's key in the table of known articles: 128 bits of its
/// BLAKE3 hash, so that the table holds no strings (two ids would share a
/// key with a chance of about 2⁻⁸⁰ in an archive of billions of articles).
fn id_key(id: &str) -> u128 {
    let digest = blake3::hash(id.as_bytes());
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest.as_bytes()[..16]);
    u128::from_le_bytes(first)
}

/// Counts of what a writer did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteCounts {
    /// Articles new to the index.
    pub added: u64,
    /// Articles whose content changed.
    pub updated: u64,
    /// Articles removed.
    pub removed: u64,
    /// Articles already indexed with the same content.
    pub unchanged: u64,
    /// Passages written, per language.
    pub passages: HashMap<Lang, u64>,
}

/// Writes articles into an [`Index`]; holds the index's write lock until dropped.
///
/// ```
/// # fn main() -> Result<(), newsearch::Error> {
/// use newsearch::{Article, Index};
/// let index = Index::create_in_ram()?;
/// let mut writer = index.writer()?;
/// writer.add_article(&Article {
///     id: "a1".into(),
///     title: "Cessez-le-feu".into(),
///     text: "Les négociations reprennent au Caire.".into(),
///     ..Article::default()
/// }, None)?;
/// writer.commit()?;
/// assert_eq!(index.num_articles()?, 1);
/// # Ok(()) }
/// ```
pub struct Writer<'a> {
    index: &'a Index,
    writer: IndexWriter<QueuedDocument>,
    /// The articles sent and not yet taken by the indexing threads.
    queue: Arc<Queue>,
    known: KnownTable,
    counts: WriteCounts,
    last_commit: Instant,
    commit_interval: Duration,
    /// The exact and stemmed analysis of each language, in the order of
    /// `Fields::langs`.
    analyzers: [PairedAnalyzer; 3],
    /// The token lists of one passage, reused.
    exact_tokens: String,
    stemmed_tokens: String,
    /// The token lists of the article's title.
    title_exact_tokens: String,
    title_stemmed_tokens: String,
    /// Lets go of the pages merges read, for an index on disk: they would
    /// otherwise add the segments being merged to the writer's memory.
    _releaser: Option<PageReleaser>,
}

impl Index {
    /// Opens a writer; fails with [`Error::Locked`] while another one is open.
    pub fn writer(&self) -> Result<Writer<'_>> {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get().min(8))
            .unwrap_or(1);
        let options = IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(WRITER_MEMORY_BUDGET / threads)
            .num_merge_threads(MERGE_THREADS)
            .build();
        let writer = self.tantivy_writer(options)?;
        writer.set_merge_policy(Box::new(BoundedMergePolicy::default()));
        let releaser = match &self.mapped {
            Some(files) => Some(
                PageReleaser::start(files.clone())
                    .map_err(|err| Error::io(&self.location(), err))?,
            ),
            None => None,
        };
        self.reload()?;
        Ok(Writer {
            index: self,
            known: self.known_articles()?,
            writer,
            queue: Arc::default(),
            counts: WriteCounts::default(),
            last_commit: Instant::now(),
            commit_interval: COMMIT_INTERVAL,
            analyzers: self
                .fields
                .langs
                .map(|lf| PairedAnalyzer::new(analyzer_language(lf.lang))),
            exact_tokens: String::new(),
            stemmed_tokens: String::new(),
            title_exact_tokens: String::new(),
            title_stemmed_tokens: String::new(),
            _releaser: releaser,
        })
    }

    /// tantivy's writer; fails with [`Error::Locked`] while another one is open.
    fn tantivy_writer(&self, options: IndexWriterOptions) -> Result<IndexWriter<QueuedDocument>> {
        self.inner
            .writer_with_options(options)
            .map_err(|err| match err {
                tantivy::TantivyError::LockFailure(LockError::LockBusy, _) => {
                    Error::Locked(self.path().map(Path::to_path_buf).unwrap_or_default())
                }
                // The lock file could not even be created: a read-only folder.
                tantivy::TantivyError::LockFailure(LockError::IoError(io), _) => {
                    Error::NotWritable {
                        path: self.path().map(Path::to_path_buf).unwrap_or_default(),
                        reason: io.to_string(),
                    }
                }
                other => Error::Tantivy(other),
            })
    }

    /// Merges the index into one segment when [`compaction`] says so for a
    /// run that wrote `written` documents. Runs with no other writer open
    /// (it takes the lock), after a run's background merges: an index
    /// another writer took in between is left as it is.
    fn compact(&self, written: u64) -> Result<()> {
        // Only the ids are kept: tantivy keeps the files of every segment
        // whose metadata is alive somewhere in the process.
        let Some(segments) = compaction(&self.inner.searchable_segment_metas()?, written) else {
            return Ok(());
        };
        let options = IndexWriterOptions::builder()
            .num_worker_threads(1)
            .memory_budget_per_thread(COMPACTION_MEMORY)
            .num_merge_threads(1)
            .build();
        let mut writer = match self.tantivy_writer(options) {
            Ok(writer) => writer,
            Err(Error::Locked(_)) => return Ok(()),
            Err(err) => return Err(err),
        };
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let location = self.location();
        writer
            .merge(&segments)
            .wait()
            .map_err(|err| explain(&location, err))?;
        // The merged segments' files go once no searcher reads them:
        // tantivy keeps the files of every searcher generation alive.
        self.reload()?;
        writer
            .garbage_collect_files()
            .wait()
            .map_err(|err| explain(&location, err))?;
        writer
            .wait_merging_threads()
            .map_err(|err| explain(&location, err))
    }

    /// The ids of every article in the last commit seen, sorted.
    pub fn article_ids(&self) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        self.for_each_article(|id, _, _| ids.push(id.to_string()))?;
        ids.sort_unstable();
        Ok(ids)
    }

    /// The hash of every article, by [`id_key`], none seen yet.
    fn known_articles(&self) -> Result<KnownTable> {
        let mut known = KnownTable::default();
        self.for_each_article(|id, hash, _| {
            known.insert(id_key(id), Known { hash, seen: false });
        })?;
        Ok(known)
    }

    /// Calls `visit` with the id, content hash and stored origin of every
    /// article in the last commit seen, read from the fast fields one
    /// segment at a time.
    fn for_each_article(&self, mut visit: impl FnMut(&str, u64, &str)) -> Result<()> {
        crate::guard::guarded_read(&self.location(), || self.read_articles(&mut visit))
    }

    fn read_articles(&self, visit: &mut impl FnMut(&str, u64, &str)) -> Result<()> {
        let searcher = self.reader.searcher();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let hashes = fast.u64("hash")?;
            let (Some(ids), Some(origins)) = (fast.str("article_id")?, fast.str("origin")?) else {
                continue;
            };
            // One pass over each dictionary: looking terms up one by one
            // would decompress a dictionary block per article.
            let (id_terms, origin_terms) = (TermTable::read(&ids)?, TermTable::read(&origins)?);
            fn term(terms: &TermTable, ord: Option<u64>) -> &str {
                ord.and_then(|ord| terms.get(ord)).unwrap_or_default()
            }
            for doc in segment.doc_ids_alive() {
                let Some(hash) = hashes.first(doc) else {
                    continue; // a passage document
                };
                visit(
                    term(&id_terms, ids.term_ords(doc).next()),
                    hash,
                    term(&origin_terms, origins.term_ords(doc).next()),
                );
            }
        }
        Ok(())
    }
}

impl Writer<'_> {
    /// Adds an article, replaces it if its content changed, or skips it.
    ///
    /// `origin` is the file it was read from; articles whose file is gone
    /// are removed by [`Writer::remove_unseen`].
    ///
    /// Fails with [`Error::InvalidArticle`] for an id over
    /// [`MAX_ID_BYTES`](crate::article::MAX_ID_BYTES), which could not be
    /// found again to replace or remove the article, or holding a control
    /// character (a tab or a line break would break TREC and terminal lines).
    pub fn add_article(&mut self, article: &Article, origin: Option<&Path>) -> Result<Written> {
        if let Some(why) = crate::article::id_problem(&article.id) {
            return Err(Error::InvalidArticle(why));
        }
        let hash = content_hash(article);
        let key = id_key(&article.id);
        let previous = self.known.insert(key, Known { hash, seen: true });
        let outcome = match previous {
            Some(known) if known.hash == hash => {
                self.counts.unchanged += 1;
                return Ok(Written::Unchanged);
            }
            Some(_) => {
                // Before the new documents: a delete removes what was added before it.
                self.delete(&article.id);
                self.counts.updated += 1;
                Written::Updated
            }
            None => {
                self.counts.added += 1;
                Written::Added
            }
        };
        let origin = origin.map(encode_origin).unwrap_or_default();
        self.write_documents(article, hash, &origin)?;
        if self.last_commit.elapsed() >= self.commit_interval {
            self.commit()?;
        }
        Ok(outcome)
    }

    /// Whether an article with this id was already added in this run.
    pub fn seen(&self, id: &str) -> bool {
        self.known.get(&id_key(id)).is_some_and(|known| known.seen)
    }

    /// Removes the articles not seen in this run that came from a file
    /// under one of `roots` which either is known to be gone (the system
    /// says it does not exist, not merely that it cannot be reached) or is
    /// listed in `complete_files` (read to the end without damage).
    /// Articles of files that could not be read or reached stay: nothing
    /// indexed is lost to a bad read or a folder without permission.
    ///
    /// The articles' origins are read from the index's last commit, one
    /// segment at a time; fails with [`Error::Damaged`] when it cannot be
    /// read, having removed nothing.
    pub fn remove_unseen(
        &mut self,
        roots: &[PathBuf],
        complete_files: &HashSet<PathBuf>,
    ) -> Result<u64> {
        // Whether a stored origin's articles go, decided once per file.
        let mut verdicts: HashMap<String, bool> = HashMap::new();
        let mut doomed: Vec<String> = Vec::new();
        let known = &self.known;
        self.index.for_each_article(|id, _, stored| {
            if stored.is_empty() || known.get(&id_key(id)).is_none_or(|k| k.seen) {
                return; // no file, seen in this run, or removed already
            }
            let goes = *verdicts
                .entry(stored.to_string())
                .or_insert_with(|| origin_gone(stored, roots, complete_files));
            if goes {
                doomed.push(id.to_string());
            }
        })?;
        for id in &doomed {
            self.delete(id);
            self.known.remove(&id_key(id));
        }
        self.counts.removed += doomed.len() as u64;
        Ok(doomed.len() as u64)
    }

    /// Removes one article by id; returns whether it was in the index.
    pub fn remove_article(&mut self, id: &str) -> bool {
        let present = self.known.remove(&id_key(id)).is_some();
        if present {
            self.delete(id);
            self.counts.removed += 1;
        }
        present
    }

    /// Removes every article.
    pub fn clear(&mut self) -> Result<()> {
        self.writer.delete_all_documents()?;
        self.counts.removed += self.known.len() as u64;
        self.known.clear();
        Ok(())
    }

    /// Commits what was written, making it durable and visible to new searches.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit().map_err(|err| self.explain(err))?;
        self.index.reload()?;
        self.last_commit = Instant::now();
        Ok(())
    }

    /// Sets how often [`Writer::add_article`] commits on its own (30 s by
    /// default); a shorter interval loses less to a crash, at some speed.
    pub fn set_commit_interval(&mut self, interval: Duration) {
        self.commit_interval = interval;
    }

    /// Counts of what this writer did so far.
    pub fn counts(&self) -> &WriteCounts {
        &self.counts
    }

    /// Commits, waits for background merges to finish, then merges a small
    /// archive that this run wrote much of into one segment, which queries
    /// read faster than several.
    pub fn finish(mut self) -> Result<WriteCounts> {
        self.commit()?;
        let path = self.index.location();
        self.writer
            .wait_merging_threads()
            .map_err(|err| explain(&path, err))?;
        let counts = &self.counts;
        if counts.added + counts.updated + counts.removed > 0 {
            // An article's document and its passages'.
            let written = counts.added + counts.updated + counts.passages.values().sum::<u64>();
            // The page releaser, still running, lets go of what it reads.
            self.index.compact(written)?;
        }
        Ok(self.counts)
    }

    /// Drops everything written since the last commit, and its files: the
    /// index is left as that commit made it (an interrupted run).
    pub fn abandon(mut self) -> Result<()> {
        self.writer.rollback()?;
        // The segments written since hold no committed document.
        self.writer.garbage_collect_files().wait()?;
        Ok(())
    }

    fn explain(&self, err: tantivy::TantivyError) -> Error {
        explain(&self.index.location(), err)
    }

    fn delete(&self, id: &str) {
        let term = Term::from_field_text(self.index.fields.article_id, id);
        self.writer.delete_term(term);
    }

    fn write_documents(&mut self, article: &Article, hash: u64, origin: &str) -> Result<()> {
        let fields = &self.index.fields;
        let ranges = split_passages(&article.text);
        // News put the story's key facts first (the lead); an article of
        // one paragraph (a Wikipedia paragraph, a brief) has no lead to
        // tell from the rest.
        let has_lead = paragraph_count(&article.text) > 1;
        let title = capped_title(&article.title);
        // A passage is read under its article's title (a Wikipedia
        // paragraph under the name it is about, a news paragraph under its
        // headline): its stemmed title field holds the article's title too.
        // The exact title field, for phrases, stays the article's. Analyzed
        // once for all of them, into token lists as the passages are.
        let title_fields = (!title.trim().is_empty()).then(|| {
            let title_lang = article.lang.unwrap_or_else(|| lang::detect(title));
            token_lists(
                &mut self.analyzers[lang_index(title_lang)],
                title,
                &mut self.title_exact_tokens,
                &mut self.title_stemmed_tokens,
            );
            fields.of(title_lang)
        });
        // The stemmed title field and its terms, on the article and on
        // every passage.
        let stemmed_title = title_fields.map(|lf| (lf.title, self.title_stemmed_tokens.as_str()));
        // The article's stemmed tokens per language, for its body fields,
        // and its bytes of text per language. Each passage is analyzed
        // once, here, into token lists (see `TokenListTokenizer`) for its
        // exact and stemmed fields; the stemmed list goes to the body too.
        let mut bodies: HashMap<Lang, (String, usize)> = HashMap::new();
        let mut documents = Vec::with_capacity(ranges.len() + 1);
        for (number, range) in ranges.iter().enumerate() {
            let text = &article.text[range.clone()];
            let lang = article.lang.unwrap_or_else(|| lang::detect(text));
            *self.counts.passages.entry(lang).or_default() += 1;
            token_lists(
                &mut self.analyzers[lang_index(lang)],
                text,
                &mut self.exact_tokens,
                &mut self.stemmed_tokens,
            );
            let tokens = &self.stemmed_tokens;
            let (body, body_bytes) = bodies.entry(lang).or_default();
            if *body_bytes > 0 {
                *body_bytes += 2; // the blank line between passages
            }
            *body_bytes += text.len();
            if !body.is_empty() && !tokens.is_empty() {
                body.push(TOKEN_SEPARATOR);
            }
            body.push_str(tokens);
            let lang_fields = fields.of(lang);
            let mut doc = TantivyDocument::new();
            doc.add_text(fields.kind, KIND_PASSAGE);
            add_keys(&mut doc, fields, article);
            doc.add_u64(fields.passage_no, number as u64);
            doc.add_u64(fields.start, range.start as u64);
            if number == 0 && has_lead {
                doc.add_u64(fields.lead, 1);
            }
            doc.add_text(fields.passage_text, text);
            doc.add_text(fields.lang, lang.code());
            if let Some(field) = lang_fields.text_stemmed {
                add_text_field(&mut doc, fields, field, tokens);
            }
            add_text_field(&mut doc, fields, lang_fields.text_exact, &self.exact_tokens);
            if let Some((field, tokens)) = stemmed_title {
                add_text_field(&mut doc, fields, field, tokens);
            }
            documents.push(UserOperation::Add(QueuedDocument::new(doc, None)));
        }
        let article_lang = bodies
            .iter()
            .max_by_key(|(lang, (_, bytes))| (*bytes, **lang))
            .map_or(Lang::Other, |(lang, _)| *lang);
        let mut doc = TantivyDocument::new();
        doc.add_text(fields.kind, KIND_ARTICLE);
        add_keys(&mut doc, fields, article);
        add_metadata(&mut doc, fields, article, title);
        doc.add_text(fields.lang, article_lang.code());
        doc.add_u64(fields.hash, hash);
        doc.add_u64(fields.text_hash, text_hash(article));
        doc.add_text(fields.origin, origin);
        doc.add_u64(fields.passages, ranges.len() as u64);
        for (lang, (tokens, _)) in &bodies {
            add_text_field(&mut doc, fields, fields.of(*lang).body, tokens);
        }
        if let Some((field, tokens)) = stemmed_title {
            add_text_field(&mut doc, fields, field, tokens);
        }
        if let Some(lf) = title_fields {
            add_text_field(&mut doc, fields, lf.title_exact, &self.title_exact_tokens);
        }
        // The article's ticket rides in its last document.
        let ticket = self.queue.ticket();
        documents.push(UserOperation::Add(QueuedDocument::new(doc, Some(ticket))));
        self.writer
            .run(documents)
            .map_err(|err| self.explain(err))?;
        Ok(())
    }
}

/// Adds text to a field, and the field's name to `has` so that per-field
/// statistics can count the documents that have it.
fn add_text_field(doc: &mut TantivyDocument, fields: &Fields, field: Field, text: &str) {
    doc.add_text(field, text);
    doc.add_text(fields.has, field_marker(field));
}

/// The exact and the stemmed terms of `text`, as token lists for
/// [`TokenListTokenizer`](newsearch_analyzers::TokenListTokenizer): `exact` has
/// one slot per position (empty for a word without an exact term), so that
/// phrases match as with the exact analyzer; `stemmed` lists just the
/// terms, its field keeping no positions. A separator inside a term (no
/// analyzer makes one) would be replaced by a space.
fn token_lists(
    analyzer: &mut PairedAnalyzer,
    text: &str,
    exact: &mut String,
    stemmed: &mut String,
) {
    exact.clear();
    stemmed.clear();
    analyzer.analyze(text, |terms| {
        if terms.position > 0 {
            exact.push(TOKEN_SEPARATOR);
        }
        if let Some(term) = terms.exact {
            push_term(exact, term);
        }
        if let Some(term) = terms.stemmed {
            if !stemmed.is_empty() {
                stemmed.push(TOKEN_SEPARATOR);
            }
            push_term(stemmed, term);
        }
    });
}

fn push_term(list: &mut String, term: &str) {
    if term.contains(TOKEN_SEPARATOR) {
        list.push_str(&term.replace(TOKEN_SEPARATOR, " "));
    } else {
        list.push_str(term);
    }
}

/// The `has` value of a field.
pub(crate) fn field_marker(field: Field) -> String {
    format!("f{}", field.field_id())
}

/// A write error, with its likely cause named: when one of tantivy's worker
/// threads fails, tantivy says only "A worker thread encountered an error";
/// if the disk holding the index is (nearly) full, that is the cause.
fn explain(path: &Path, err: tantivy::TantivyError) -> Error {
    let free = free_bytes(path);
    match free {
        Some(free) if free < DISK_NEARLY_FULL => Error::DiskFull {
            path: path.to_path_buf(),
            free,
        },
        _ => Error::Tantivy(err),
    }
}

/// Below this many free bytes, a failed write is put down to a full disk
/// (a segment being written needs more than this).
const DISK_NEARLY_FULL: u64 = 16 << 20;

/// Bytes available to this user on the disk holding `path`.
#[cfg(target_os = "linux")]
fn free_bytes(path: &Path) -> Option<u64> {
    let stat = rustix::fs::statvfs(path).ok()?;
    Some(stat.f_bavail.saturating_mul(stat.f_frsize))
}

#[cfg(not(target_os = "linux"))]
fn free_bytes(_path: &Path) -> Option<u64> {
    None
}

/// The stored form of an article's origin, lossless: the path as written
/// when it is UTF-8; otherwise a NUL (which no path holds) and the hex of
/// its bytes, so that a non-UTF-8 file name is found again.
fn encode_origin(path: &Path) -> String {
    if let Some(text) = path.to_str() {
        return text.to_string();
    }
    let mut encoded = String::from("\0");
    for byte in path_bytes(path) {
        encoded.push_str(&format!("{byte:02x}"));
    }
    encoded
}

/// The path [`encode_origin`] stored; `None` for an origin stored lossily
/// by an older version (a U+FFFD in it), which names no file for sure.
fn decode_origin(stored: &str) -> Option<PathBuf> {
    let Some(hex) = stored.strip_prefix('\0') else {
        return (!stored.contains('\u{fffd}')).then(|| PathBuf::from(stored));
    };
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    bytes.map(path_from_bytes)
}

/// Whether the articles of a stored origin are to be removed: its file is
/// under one of `roots` and either known to be gone (the system says it
/// does not exist; one that cannot be checked, in a folder without
/// permission, keeps its articles) or read to the end in this run.
fn origin_gone(stored: &str, roots: &[PathBuf], complete_files: &HashSet<PathBuf>) -> bool {
    let Some(origin) = decode_origin(stored) else {
        return false; // an origin stored lossily: not known to be gone
    };
    let gone = matches!(origin.try_exists(), Ok(false));
    roots.iter().any(|root| origin.starts_with(root)) && (gone || complete_files.contains(&origin))
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// What both kinds of document carry: the article id (deleting it removes
/// every document of the article), the date as a number and the source
/// key (date and source filters apply to passages too).
fn add_keys(doc: &mut TantivyDocument, fields: &Fields, article: &Article) {
    doc.add_text(fields.article_id, &article.id);
    if let Some(number) = article.date.as_deref().and_then(date_number) {
        doc.add_i64(fields.date_num, number);
    }
    if let Some(key) = article.source.as_deref().and_then(source_key) {
        doc.add_text(fields.source_key, key);
    }
}

/// The term a source is filtered and counted by: its name trimmed and
/// lowercased, so that `--source Okaz` finds `okaz`; `None` when blank.
pub(crate) fn source_key(source: &str) -> Option<String> {
    let key = source.trim().to_lowercase();
    (!key.is_empty()).then_some(key)
}

/// The stored metadata, on the article document alone: hits read it from
/// there, so passages do not each store a copy.
fn add_metadata(doc: &mut TantivyDocument, fields: &Fields, article: &Article, title: &str) {
    doc.add_text(fields.title, title);
    add_optional(doc, fields.url, article.url.as_deref());
    add_optional(doc, fields.source, article.source.as_deref());
    add_optional(doc, fields.date, article.date.as_deref());
}

fn add_optional(doc: &mut TantivyDocument, field: Field, value: Option<&str>) {
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        doc.add_text(field, value);
    }
}

/// Longest title stored and indexed, in bytes: a text file whose first
/// line is the whole article (50 MB on one line) would otherwise have all
/// of it for a title, shown with every hit.
pub const MAX_TITLE_BYTES: usize = 1_000;

/// The title as stored: at most [`MAX_TITLE_BYTES`], cut at a word boundary
/// when there is one (on a char boundary in any case).
fn capped_title(title: &str) -> &str {
    if title.len() <= MAX_TITLE_BYTES {
        return title;
    }
    let mut end = MAX_TITLE_BYTES;
    while !title.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &title[..end];
    match cut.rfind(char::is_whitespace) {
        Some(space) if space > 0 => cut[..space].trim_end(),
        _ => cut,
    }
}

/// Hash of an article's title and text, whitespace runs counting as one
/// space: copies of one article under several ids (a wire story that
/// several feeds carry) have the same, and a search shows one of them.
fn text_hash(article: &Article) -> u64 {
    // The hashed bytes gathered first: one update hashes them much faster
    // than one per word, to the same digest.
    let mut hashed = Vec::with_capacity(article.title.len() + article.text.len() + 2);
    for part in [article.title.as_str(), article.text.as_str()] {
        for word in part.split_whitespace() {
            hashed.extend_from_slice(word.as_bytes());
            hashed.push(b' ');
        }
        // Parts apart: a title's last word is not the text's first.
        hashed.push(0);
    }
    let digest = blake3::hash(&hashed);
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

/// Hash of everything indexed about an article, to detect changes.
fn content_hash(article: &Article) -> u64 {
    let mut hasher = blake3::Hasher::new();
    for part in [
        article.title.as_str(),
        article.text.as_str(),
        article.date.as_deref().unwrap_or(""),
        article.url.as_deref().unwrap_or(""),
        article.source.as_deref().unwrap_or(""),
        article.lang.map(Lang::code).unwrap_or(""),
    ] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    // The index format is part of the content: a new format re-indexes all.
    hasher.update(&crate::index::FORMAT_VERSION.to_le_bytes());
    let digest = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_of_known_articles_holds_32_bytes_an_article() {
        // No id or origin string per article: the table stays small at
        // millions of articles (SCALING.md).
        assert_eq!(std::mem::size_of::<(u128, Known)>(), 32);
        assert_ne!(id_key("a1"), id_key("a2"));
        assert_eq!(id_key("a1"), id_key("a1"));
    }

    #[test]
    fn a_passage_reads_under_its_articles_title() {
        // The paragraphs say "il"; the title says whom they are about.
        let index = Index::create_in_ram().unwrap();
        let mut writer = index.writer().unwrap();
        let article = Article {
            id: "fs".into(),
            title: "Florian Schillinger".into(),
            text: "Il commence le combiné nordique à 8 ans.\n\n\
                   En 2001, il termine deuxième des championnats du monde."
                .into(),
            ..Article::default()
        };
        writer.add_article(&article, None).unwrap();
        writer.commit().unwrap();
        let options = crate::SearchOptions::default().all_passages(true);
        let hits = index.search("Schillinger", &options).unwrap();
        // Passages are listed alone: the match is the passage's own.
        assert_eq!(hits.len(), 1, "{hits:#?}");
        assert!(hits[0].passages[0].score > 0.0);
    }

    /// The title reaches its fields as token lists of one analysis: the
    /// article's title fields and its passages' stemmed title field hold
    /// the terms the named analyzers make of it, and the exact field their
    /// positions, for phrases.
    #[test]
    fn the_title_fields_hold_what_the_named_analyzers_make_of_the_title() {
        use crate::index::schema::{analyzers_of, named_tokens};
        use tantivy::postings::Postings;
        use tantivy::schema::{IndexRecordOption, Value};
        use tantivy::{DocSet, TERMINATED};
        let Some(index) = Index::news_in_ram(60) else {
            return;
        };
        let fields = &index.fields;
        let searcher = index.reader.searcher();
        let stored_text = |doc: &TantivyDocument, field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        // Each document's (position, term) in a field, positions 0 where
        // the field keeps none.
        let terms_by_doc = |segment: &tantivy::SegmentReader, field: Field| {
            let mut by_doc: HashMap<u32, Vec<(usize, String)>> = HashMap::new();
            let inverted = segment.inverted_index(field).unwrap();
            let mut stream = inverted.terms().stream().unwrap();
            let option = IndexRecordOption::WithFreqsAndPositions;
            while stream.advance() {
                let term = String::from_utf8(stream.key().to_vec()).unwrap();
                let info = stream.value();
                let mut postings = inverted.read_postings_from_terminfo(info, option).unwrap();
                let mut positions = Vec::new();
                while postings.doc() != TERMINATED {
                    postings.positions(&mut positions);
                    let list = by_doc.entry(postings.doc()).or_default();
                    if positions.is_empty() {
                        let freq = postings.term_freq() as usize;
                        list.extend(std::iter::repeat_n((0, term.clone()), freq));
                    }
                    list.extend(positions.iter().map(|&p| (p as usize, term.clone())));
                    postings.advance();
                }
            }
            for list in by_doc.values_mut() {
                list.sort();
            }
            by_doc
        };
        let (mut articles, mut passages) = (0, 0);
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let store = segment.get_store_reader(0).unwrap();
            let docs: Vec<TantivyDocument> = (0..segment.max_doc())
                .map(|doc| store.get(doc).unwrap())
                .collect();
            let titles: HashMap<String, String> = docs
                .iter()
                .filter_map(|doc| {
                    let title = stored_text(doc, fields.title)?;
                    Some((stored_text(doc, fields.article_id)?, title))
                })
                .collect();
            for lang_fields in &fields.langs {
                let (stemmed_name, exact_name) = analyzers_of(lang_fields.lang);
                let stemmed = terms_by_doc(segment, lang_fields.title);
                let exact = terms_by_doc(segment, lang_fields.title_exact);
                for (doc, got) in &stemmed {
                    let id = stored_text(&docs[*doc as usize], fields.article_id).unwrap();
                    let mut want: Vec<_> = named_tokens(stemmed_name, &titles[&id])
                        .into_iter()
                        .map(|(_, term)| (0, term))
                        .collect();
                    want.sort();
                    assert_eq!(got, &want, "segment {ord}, document {doc}: {}", titles[&id]);
                    let is_article = stored_text(&docs[*doc as usize], fields.title).is_some();
                    if is_article {
                        let mut want = named_tokens(exact_name, &titles[&id]);
                        want.sort();
                        assert_eq!(exact.get(doc), Some(&want), "{}", titles[&id]);
                        articles += 1;
                    } else {
                        assert!(!exact.contains_key(doc), "a passage has no exact title");
                        passages += 1;
                    }
                }
            }
        }
        assert_eq!(articles, 120);
        assert!(passages > 400, "{passages} passages");
    }

    /// Runs in a process of its own (the test binary again, this test
    /// alone), so that no other test's writer is counted: a writer on disk
    /// has one merge thread.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_writer_merges_on_one_thread() {
        const CHILD: &str = "NEWSEARCH_TEST_MERGE_THREADS";
        if std::env::var_os(CHILD).is_none() {
            let status = std::process::Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "index::writer::tests::a_writer_merges_on_one_thread",
                ])
                .env(CHILD, "1")
                .status()
                .unwrap();
            assert!(status.success());
            return;
        }
        let thread_names = || -> Vec<String> {
            std::fs::read_dir("/proc/self/task")
                .unwrap()
                .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("comm")).ok())
                .collect()
        };
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create(dir.path()).unwrap();
        let writer = index.writer().unwrap();
        // A new thread bears its parent's name until it has started and
        // named itself: wait until only this one bears this one's name.
        let mine = std::fs::read_to_string("/proc/thread-self/comm").unwrap();
        let mut names = thread_names();
        for _ in 0..100 {
            if names.iter().filter(|name| **name == mine).count() == 1 {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
            names = thread_names();
        }
        let merging = names
            .iter()
            .filter(|name| name.starts_with("merge_thread"))
            .count();
        assert_eq!(merging, 1, "{names:?}");
        drop(writer);
    }

    #[test]
    fn a_run_that_writes_a_small_archive_leaves_one_segment() {
        let segments = |index: &Index| index.inner.searchable_segment_ids().unwrap().len();
        let seeds = crate::ingest::seed_articles();
        let (first, last) = seeds.split_at(seeds.len() - 1);
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create(dir.path()).unwrap();
        let mut writer = index.writer().unwrap();
        // A commit after each article: a segment each.
        for article in first {
            writer.add_article(article, None).unwrap();
            writer.commit().unwrap();
        }
        assert_eq!(segments(&index), first.len());
        writer.finish().unwrap();
        assert_eq!(segments(&index), 1);
        // The merged segments' files are gone: one segment's six files,
        // meta.json and newsearch.json beside tantivy's hidden ones.
        let files: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with('.'))
            .collect();
        assert_eq!(files.len(), 8, "{files:?}");
        let hits = index.search("Burns Caire", &Default::default()).unwrap();
        assert!(!hits.is_empty());

        // One article more is too small a share to rewrite the archive for.
        let mut writer = index.writer().unwrap();
        writer.add_article(&last[0], None).unwrap();
        writer.finish().unwrap();
        assert_eq!(segments(&index), 2);
        assert_eq!(index.num_articles().unwrap(), seeds.len() as u64);
    }

    #[cfg(unix)]
    #[test]
    fn origins_round_trip_whatever_their_bytes() {
        use std::os::unix::ffi::OsStrExt;
        for bytes in [
            &b"/news/caf\xc3\xa9.jsonl"[..],
            b"/news/caf\xe9.jsonl",
            b"/a\xff\xfe/b",
        ] {
            let path = Path::new(std::ffi::OsStr::from_bytes(bytes));
            assert_eq!(decode_origin(&encode_origin(path)).as_deref(), Some(path));
        }
        assert_eq!(decode_origin("/news/caf\u{fffd}.jsonl"), None);
    }
}
