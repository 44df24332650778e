//! Where passages are stored: the index on disk or in memory.
//!
//! - [`schema`]: the tantivy fields, one table per language
//!   ([`schema::Fields`]).
//! - this file: [`Index`], opening and creating an index, its format check.
//! - [`writer`]: [`Writer`](crate::Writer), adding, replacing and removing
//!   articles, incrementally and atomically.
//! - [`add_paths`]: indexing files and folders through the writer.
//! - [`directory`]: the folder of an index, readable where it cannot be
//!   written.
//! - [`mapped`]: index files read through memory maps whose resident
//!   pages a writer lets go.
//! - [`term_table`]: a string column's dictionary in memory, for ids.
//! - [`inventory`]: what the index holds: counts, the list of articles,
//!   one article whole.
//! - [`rebuild`]: a rebuild built aside and swapped in at once.
//! - [`checksum`]: index files checked against their checksums as a stream.
//! - [`files`]: small files written atomically, read only when regular.

pub(crate) mod add_paths;
mod checksum;
mod directory;
mod files;
pub(crate) mod inventory;
mod mapped;
mod merge_policy;
mod queue;
pub(crate) mod rebuild;
pub(crate) mod schema;
pub(crate) mod term_table;
pub(crate) mod writer;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{IndexReader, IndexSettings, ReloadPolicy};

use crate::error::{Error, Result};
use crate::index::directory::IndexDirectory;
use crate::index::schema::{build_schema, Fields};

/// Version of the on-disk layout: the schema and the analyzers' output.
/// Bump it whenever either changes in a way that needs a rebuild.
pub const FORMAT_VERSION: u32 = 13;

/// The analyzers the fields were built with, recorded for the user's benefit.
const ANALYZERS: &str = "ar, ar_exact, fr, fr_exact, std";

/// Name of the file, beside tantivy's own, that records [`FORMAT_VERSION`].
pub(crate) const META_FILE: &str = "newsearch.json";

/// What newsearch records about an index beside tantivy's metadata.
#[derive(Debug, Serialize, Deserialize)]
struct IndexMeta {
    format: u32,
    analyzers: String,
}

impl IndexMeta {
    fn current() -> IndexMeta {
        IndexMeta {
            format: FORMAT_VERSION,
            analyzers: ANALYZERS.to_string(),
        }
    }
}

/// A newsearch index: passages of articles, searchable in every language.
///
/// ```
/// # fn main() -> Result<(), newsearch::Error> {
/// let dir = tempfile::tempdir().unwrap();
/// let index = newsearch::Index::create(dir.path())?;
/// assert_eq!(index.num_articles()?, 0);
/// # Ok(()) }
/// ```
pub struct Index {
    pub(crate) inner: tantivy::Index,
    pub(crate) fields: Fields,
    pub(crate) reader: IndexReader,
    path: Option<PathBuf>,
    /// The vocabulary by sound, for names the translation tables lack.
    pub(crate) skeletons: crate::query::skeletons::SkeletonCache,
    /// Article-id dictionaries read whole, shared by its searchers.
    pub(crate) id_tables: std::sync::Arc<crate::search::id_tables::IdTables>,
    /// What the archive views need of each article, by segment.
    pub(crate) article_tables: crate::search::article_table::ArticleTables,
    /// The maps of its files, for an index on disk.
    pub(crate) mapped: Option<std::sync::Arc<mapped::MappedFiles>>,
    /// Document frequencies and stem forms, shared by the searchers of
    /// one snapshot.
    pub(crate) shared_stats: crate::query::shared_stats::SharedStats,
}

impl Index {
    /// Creates a new, empty index in `path`, creating the folder if needed.
    ///
    /// Fails if the folder already holds an index.
    pub fn create(path: &Path) -> Result<Index> {
        std::fs::create_dir_all(path).map_err(|source| Error::io(path, source))?;
        if path.join("meta.json").exists() {
            return Err(Error::IndexExists(path.to_path_buf()));
        }
        let meta = serde_json::to_string_pretty(&IndexMeta::current())
            .map_err(|err| Error::io(path, std::io::Error::other(err)))?;
        // Written whole before tantivy's files: a folder with tantivy's
        // `meta.json` and without this file is never one of ours, and a
        // creation cut short (a full disk) is simply created again.
        files::write_atomically(&path.join(META_FILE), meta.as_bytes())
            .map_err(|source| Error::io(&path.join(META_FILE), source))?;
        let directory = IndexDirectory::open(path).map_err(|err| Error::Open {
            path: path.to_path_buf(),
            message: err.to_string(),
        })?;
        let mapped = directory.mapped_files();
        let inner = tantivy::Index::create(directory, build_schema(), index_settings())?;
        Index::wrap(inner, Some(path.to_path_buf()), Some(mapped))
    }

    /// Opens the index in `path`.
    ///
    /// Fails with [`Error::NotAnIndex`] where there is none, with
    /// [`Error::NotNewsearch`] where the folder holds another program's
    /// tantivy index, with [`Error::Incompatible`] where it was built by an
    /// incompatible version, and with [`Error::Damaged`] where its files
    /// cannot be read.
    pub fn open(path: &Path) -> Result<Index> {
        if !path.join("meta.json").exists() {
            return Err(Error::NotAnIndex(path.to_path_buf()));
        }
        check_meta(path)?;
        let directory = IndexDirectory::open(path).map_err(|err| Error::Open {
            path: path.to_path_buf(),
            message: err.to_string(),
        })?;
        // Opening reads every segment's footer and dictionaries: damage
        // there is an error of its own, never a panic.
        let mapped = directory.mapped_files();
        crate::guard::guarded_read(path, || {
            let inner = tantivy::Index::open(directory)?;
            if build_schema() != inner.schema() {
                return Err(Error::Incompatible {
                    path: path.to_path_buf(),
                    found: "a different schema".into(),
                });
            }
            Index::wrap(inner, Some(path.to_path_buf()), Some(mapped))
        })
    }

    /// Opens the index in `path`, creating it if the folder holds none.
    pub fn open_or_create(path: &Path) -> Result<Index> {
        if path.join("meta.json").exists() {
            Index::open(path)
        } else {
            Index::create(path)
        }
    }

    /// Creates an index held in memory, for tests and short-lived tools.
    pub fn create_in_ram() -> Result<Index> {
        let inner = tantivy::Index::builder()
            .schema(build_schema())
            .settings(index_settings())
            .create_in_ram()?;
        Index::wrap(inner, None, None)
    }

    fn wrap(
        inner: tantivy::Index,
        path: Option<PathBuf>,
        mapped: Option<std::sync::Arc<mapped::MappedFiles>>,
    ) -> Result<Index> {
        newsearch_analyzers::register(inner.tokenizers());
        inner.tokenizers().register(
            newsearch_analyzers::TOKEN_LIST,
            newsearch_analyzers::TokenListTokenizer::default(),
        );
        let fields = Fields::from_schema(&inner.schema())?;
        let reader = inner
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Index {
            inner,
            fields,
            reader,
            path,
            skeletons: Default::default(),
            id_tables: Default::default(),
            article_tables: Default::default(),
            mapped,
            shared_stats: Default::default(),
        })
    }

    /// The folder the index lives in, or `None` for an index in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The underlying tantivy index, with newsearch's analyzers registered.
    pub fn tantivy_index(&self) -> &tantivy::Index {
        &self.inner
    }

    /// The folder of the index, or `<in memory>`, for messages.
    pub(crate) fn location(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from("<in memory>"))
    }

    /// Makes searches see the last commit.
    pub fn reload(&self) -> Result<()> {
        crate::guard::guarded_read(&self.location(), || Ok(self.reader.reload()?))
    }

    /// Reads now what the first query of the last commit seen would
    /// otherwise read on its way (the vocabularies by sound that query
    /// translation looks names up in, a few hundred milliseconds on the
    /// news corpora, and the article tables of the archive views), and does
    /// nothing if they are read already. A server calls this after each
    /// reload, off the request path.
    pub fn prepare_searches(&self) -> Result<()> {
        crate::guard::guarded_read(&self.location(), || {
            let searcher = self.reader.searcher();
            self.skeletons.prepare(&searcher, &self.fields)?;
            self.article_tables.of(&searcher)?;
            Ok(())
        })
    }

    /// Number of articles in the last commit seen by this handle.
    pub fn num_articles(&self) -> Result<u64> {
        crate::guard::guarded_read(&self.location(), || self.count_articles())
    }

    fn count_articles(&self) -> Result<u64> {
        let searcher = self.reader.searcher();
        let term =
            tantivy::Term::from_field_text(self.fields.kind, crate::index::schema::KIND_ARTICLE);
        let mut count = 0;
        for segment in searcher.segment_readers() {
            count += u64::from(segment.inverted_index(self.fields.kind)?.doc_freq(&term)?);
        }
        // doc_freq counts deleted documents too: count the live ones exactly.
        if searcher.segment_readers().iter().any(|s| s.has_deletes()) {
            let query =
                tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
            count = searcher.search(&query, &tantivy::collector::Count)? as u64;
        }
        Ok(count)
    }

    /// Reads every file of the last commit and checks it against the
    /// checksum tantivy wrote at its end: [`Error::Damaged`], naming the
    /// damaged files, if one does not match. It reads the whole index, so
    /// it is for indexing runs and audits, not for every search.
    pub fn check(&self) -> Result<()> {
        let location = self.location();
        let damaged = crate::guard::guarded_read(&location, || self.damaged_files())?;
        if damaged.is_empty() {
            return Ok(());
        }
        let mut names: Vec<String> = damaged
            .iter()
            .map(|file| file.display().to_string())
            .collect();
        names.sort();
        Err(Error::Damaged {
            path: location,
            detail: format!("{} fails its checksum", names.join(", ")),
        })
    }

    /// The files of the last commit that fail their checksum: read as a
    /// stream on disk (see [`checksum`]), through tantivy in memory.
    fn damaged_files(&self) -> Result<Vec<PathBuf>> {
        let Some(path) = self.path() else {
            return Ok(self.inner.validate_checksum()?.into_iter().collect());
        };
        let managed = self.inner.directory().list_managed_files();
        let mut damaged = Vec::new();
        for file in self.inner.load_metas()?.list_segment_files() {
            // Listed but never written (a segment without deletes).
            if managed.contains(&file) && !checksum::matches_footer(&path.join(&file))? {
                damaged.push(file);
            }
        }
        Ok(damaged)
    }

    /// Total size of the index files in bytes (0 in memory).
    pub fn size_on_disk(&self) -> u64 {
        self.path.as_deref().map_or(0, folder_size)
    }
}

/// Total size in bytes of the files directly in `folder` (0 if unreadable):
/// the size of a tantivy index, whose files all sit in one folder.
pub fn folder_size(folder: &Path) -> u64 {
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok()?.metadata().ok())
                .filter(|meta| meta.is_file())
                .map(|meta| meta.len())
                .sum()
        })
        .unwrap_or(0)
}

/// The doc store holds the passage texts, most of the index: zstd makes it
/// about a third smaller than tantivy's default lz4 (see BENCHMARKS.md) for a
/// small cost per document read.
fn index_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(DOCSTORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..IndexSettings::default()
    }
}

/// zstd level of the doc store.
const DOCSTORE_ZSTD_LEVEL: i32 = 1;
/// Bytes of documents compressed together in the doc store: every hit
/// shown decompresses the block holding its passage, so a block of a few
/// passages (a quarter of tantivy's default) costs a quarter as much to
/// read, for a doc store about a sixth larger (BENCHMARKS.md). An index
/// keeps the size it was created with.
const DOCSTORE_BLOCK_BYTES: usize = 4_096;

fn check_meta(path: &Path) -> Result<()> {
    let file = path.join(META_FILE);
    let found = match files::read_regular(&file, files::MAX_META_BYTES) {
        Ok(bytes) => match serde_json::from_slice::<IndexMeta>(&bytes) {
            Ok(meta) if meta.format == FORMAT_VERSION => return Ok(()),
            Ok(meta) => format!("format {} ({})", meta.format, meta.analyzers),
            Err(_) => format!("an unreadable {META_FILE}"),
        },
        // tantivy's files without ours: another program's index.
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotNewsearch(path.to_path_buf()))
        }
        Err(err) => format!("{META_FILE} unreadable: {err}"),
    };
    Err(Error::Incompatible {
        path: path.to_path_buf(),
        found,
    })
}

/// Removes the index in `path` so it can be built afresh. Refuses, with
/// [`Error::NotNewsearch`], a folder that holds anything but a newsearch
/// index: newsearch never deletes what it did not create. To rebuild an
/// index while it stays searchable, use [`Rebuild`](crate::Rebuild).
pub fn remove_index(path: &Path) -> Result<()> {
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(Error::io(path, source)),
    };
    let mut files = Vec::new();
    let mut marked = false;
    for entry in entries {
        let entry = entry.map_err(|source| Error::io(path, source))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_index_file(&name) {
            return Err(Error::NotNewsearch(path.to_path_buf()));
        }
        marked |= name == META_FILE;
        files.push(entry.path());
    }
    if !files.is_empty() && !marked {
        return Err(Error::NotNewsearch(path.to_path_buf()));
    }
    for file in files {
        std::fs::remove_file(&file).map_err(|source| Error::io(&file, source))?;
    }
    Ok(())
}

/// Whether a file of an index folder is one newsearch or tantivy writes.
fn is_index_file(name: &str) -> bool {
    name == "meta.json"
        || name == META_FILE
        || name.starts_with(".tantivy")
        || name.starts_with(".managed")
        || is_segment_file(name)
        // Temporary files of an atomic write cut short (ours, tantivy's).
        || (name.starts_with('.') && name.ends_with(".tmp"))
        || name.starts_with(".tmp")
}

/// tantivy's segment files are named `<32 hex digits>.<component>`.
fn is_segment_file(name: &str) -> bool {
    name.split_once('.')
        .is_some_and(|(stem, _)| stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
}
/// Every document (passages and article document) of the article `id`,
/// scored as a plain term.
pub(crate) fn article_query(fields: &Fields, id: &str) -> Box<dyn tantivy::query::Query> {
    Box::new(tantivy::query::TermQuery::new(
        tantivy::Term::from_field_text(fields.article_id, id),
        tantivy::schema::IndexRecordOption::Basic,
    ))
}

/// The article document of the article `id` (the one holding its title,
/// url, source and date), if the index holds it: the one place an article
/// is looked up by id.
pub(crate) fn article_document(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    id: &str,
) -> Result<Option<tantivy::DocAddress>> {
    use tantivy::query::{BooleanQuery, TermQuery};
    let kind = TermQuery::new(
        tantivy::Term::from_field_text(fields.kind, schema::KIND_ARTICLE),
        tantivy::schema::IndexRecordOption::Basic,
    );
    let query = BooleanQuery::intersection(vec![article_query(fields, id), Box::new(kind)]);
    let found = searcher.search(
        &query,
        &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
    )?;
    Ok(found.first().map(|&(_, address)| address))
}

/// The shared data beside the repository (`../shared`), for unit tests.
#[cfg(test)]
pub(crate) fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// The news corpora of `../shared`, Arabic and French, for unit tests.
#[cfg(test)]
pub(crate) const NEWS_CORPORA: [&str; 2] = [
    "corpora/ar-saudinewsnet.jsonl.gz",
    "corpora/fr-orangesum.jsonl.gz",
];

#[cfg(test)]
impl Index {
    /// The five seed articles in an index in memory, for unit tests.
    pub(crate) fn seeds_in_ram() -> Index {
        let index = Index::create_in_ram().unwrap();
        let mut writer = index.writer().unwrap();
        for article in crate::ingest::seed_articles() {
            writer.add_article(&article, None).unwrap();
        }
        writer.commit().unwrap();
        index
    }

    /// The first `each` articles of each news corpus of `../shared` in an
    /// index in memory (see [`Index::shared_in_ram`]).
    pub(crate) fn news_in_ram(each: usize) -> Option<Index> {
        Index::shared_in_ram(&NEWS_CORPORA, each)
    }

    /// The first `each` articles of each of these files of `../shared`
    /// in an index in memory, for unit tests that need more than the
    /// seeds; `None` when `../shared` is missing and
    /// `NEWSEARCH_SKIP_SHARED=1` says to skip, as in the integration tests
    /// (tests/integration/common).
    pub(crate) fn shared_in_ram(files: &[&str], each: usize) -> Option<Index> {
        let shared = shared_dir();
        if !shared.exists() {
            if std::env::var_os("NEWSEARCH_SKIP_SHARED").is_some_and(|v| v == "1") {
                eprintln!("note: {} is absent; test skipped", shared.display());
                return None;
            }
            panic!(
                "{} is missing: put the shared data beside the repository, or set \
                 NEWSEARCH_SKIP_SHARED=1 to skip the tests that need it",
                shared.display()
            );
        }
        let paths: Vec<PathBuf> = files.iter().map(|file| shared.join(file)).collect();
        let index = Index::create_in_ram().unwrap();
        let mut writer = index.writer().unwrap();
        for file in crate::ingest::discover(&paths).files {
            for article in crate::ingest::open(&file).unwrap().take(each) {
                writer.add_article(&article.unwrap(), None).unwrap();
            }
        }
        writer.commit().unwrap();
        Some(index)
    }

    /// Adds an article of `text` under `id` in a commit of its own and
    /// reloads, for unit tests of what a new snapshot changes.
    pub(crate) fn add_and_reload(&self, id: &str, text: &str) {
        let mut writer = self.writer().unwrap();
        let article = crate::Article {
            id: id.into(),
            text: text.into(),
            ..crate::Article::default()
        };
        writer.add_article(&article, None).unwrap();
        writer.commit().unwrap();
        self.reload().unwrap();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// New indexes, in memory or in a folder, compress their doc store
    /// with zstd in blocks of `DOCSTORE_BLOCK_BYTES`.
    #[test]
    fn new_indexes_take_the_doc_store_settings() {
        let folder = tempfile::tempdir().unwrap();
        for index in [
            Index::create_in_ram().unwrap(),
            Index::create(folder.path()).unwrap(),
        ] {
            let settings = index.tantivy_index().settings();
            assert_eq!(settings.docstore_blocksize, 4_096);
            assert!(matches!(
                settings.docstore_compression,
                Compressor::Zstd(ZstdCompressor {
                    compression_level: Some(1)
                })
            ));
        }
    }
}
