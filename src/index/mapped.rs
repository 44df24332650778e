//! Index files read through memory maps whose resident pages can be let go.
//!
//! tantivy reads segments through memory maps, and every page of a map that
//! was read counts in the process's resident memory until the map is
//! dropped. A merge reads its segments whole, so while it runs the indexing
//! process holds the merged segments' pages beside the writer's buffers:
//! 350 MiB more at eight times the news corpora (SCALING.md). Those pages
//! are a copy of the page cache, which keeps them anyway; [`MappedFiles`]
//! maps the index files itself so that [`MappedFiles::release`] can tell
//! the system to drop them from the process (`MADV_DONTNEED`), and
//! [`PageReleaser`] does so every [`RELEASE_INTERVAL`] while a writer is
//! open. A page read again is mapped again from the page cache, without
//! reading the disk.

use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, Weak};
use std::thread::JoinHandle;
use std::time::Duration;

use memmap2::Mmap;
use tantivy::directory::OwnedBytes;

use crate::sync::locked;

/// How often a writer's [`PageReleaser`] lets the mapped pages go: what a
/// merge reads in that time stays resident (at most tens of MB), and
/// releasing maps that hold no page costs next to nothing.
pub(crate) const RELEASE_INTERVAL: Duration = Duration::from_millis(250);

/// The maps of one index folder, each file mapped once while in use.
#[derive(Debug, Default)]
pub(crate) struct MappedFiles {
    maps: Mutex<Maps>,
}

#[derive(Debug, Default)]
struct Maps {
    /// By path, for the files in the folder.
    current: HashMap<PathBuf, Weak<Mmap>>,
    /// The maps of deleted files still in use: the segments a merge has
    /// just replaced stay open in the last searcher until the next reload,
    /// with every page the merge read.
    retired: Vec<Weak<Mmap>>,
}

/// One map, as tantivy reads it.
struct MappedBytes(Arc<Mmap>);

impl Deref for MappedBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

// SAFETY: the bytes live in the map, which the Arc keeps in place whatever
// happens to this handle.
unsafe impl stable_deref_trait::StableDeref for MappedBytes {}

impl MappedFiles {
    /// The bytes of the file at `path`, mapped (an empty file, which cannot
    /// be mapped, as no bytes).
    pub(crate) fn open(&self, path: &Path) -> io::Result<OwnedBytes> {
        let mut maps = locked(&self.maps);
        if let Some(map) = maps.current.get(path).and_then(Weak::upgrade) {
            return Ok(OwnedBytes::new(MappedBytes(map)));
        }
        let file = File::open(path)?;
        if file.metadata()?.len() == 0 {
            return Ok(OwnedBytes::empty());
        }
        // SAFETY: index files are written once and never changed in place
        // (tantivy writes new files and deletes old ones), so the mapped
        // bytes do not change under the reader.
        let map = Arc::new(unsafe { Mmap::map(&file)? });
        maps.current.retain(|_, weak| weak.strong_count() > 0);
        maps.current
            .insert(path.to_path_buf(), Arc::downgrade(&map));
        Ok(OwnedBytes::new(MappedBytes(map)))
    }

    /// Drops the pages of every map in use from the process's resident
    /// memory; returns how many maps there were.
    pub(crate) fn release(&self) -> usize {
        let live: Vec<Arc<Mmap>> = {
            let mut maps = locked(&self.maps);
            maps.retired.retain(|weak| weak.strong_count() > 0);
            let Maps { current, retired } = &*maps;
            current
                .values()
                .chain(retired)
                .filter_map(Weak::upgrade)
                .collect()
        };
        for map in &live {
            release_map(map);
        }
        live.len()
    }

    /// Forgets the path of a file being deleted; its map, while in use,
    /// is still released.
    pub(crate) fn forget(&self, path: &Path) {
        let mut maps = locked(&self.maps);
        if let Some(map) = maps.current.remove(path) {
            if map.strong_count() > 0 {
                maps.retired.push(map);
            }
        }
    }
}

#[cfg(unix)]
fn release_map(map: &Mmap) {
    // SAFETY: the map is read-only and backed by a file that is not
    // changed in place: a page dropped here is read again, the same, from
    // the page cache or the file the next time it is touched. Failure
    // only leaves the pages resident.
    let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
}

#[cfg(not(unix))]
fn release_map(_map: &Mmap) {}

/// A thread that calls [`MappedFiles::release`] every [`RELEASE_INTERVAL`]
/// until dropped.
#[derive(Debug)]
pub(crate) struct PageReleaser {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl PageReleaser {
    pub(crate) fn start(files: Arc<MappedFiles>) -> io::Result<PageReleaser> {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("page_releaser".into())
            .spawn(move || {
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(RELEASE_INTERVAL) {
                    files.release();
                }
            })?;
        Ok(PageReleaser {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for PageReleaser {
    fn drop(&mut self) {
        drop(self.stop.take()); // wakes the thread, which then ends
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// Resident kilobytes of the map holding `address`, from /proc/self/smaps.
    fn resident_kib(address: usize) -> u64 {
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        let mut inside = false;
        for line in smaps.lines() {
            if let Some((range, _)) = line.split_once(' ') {
                if let Some((start, end)) = range.split_once('-') {
                    if let (Ok(start), Ok(end)) = (
                        usize::from_str_radix(start, 16),
                        usize::from_str_radix(end, 16),
                    ) {
                        inside = (start..end).contains(&address);
                        continue;
                    }
                }
            }
            if inside {
                if let Some(rss) = line.strip_prefix("Rss:") {
                    return rss.trim().trim_end_matches("kB").trim().parse().unwrap();
                }
            }
        }
        panic!("no map holds {address:#x}");
    }

    #[test]
    fn released_pages_leave_resident_memory_and_read_back_the_same() {
        // The largest file of a real index of the seed articles.
        let dir = tempfile::tempdir().unwrap();
        let index = crate::Index::create(dir.path()).unwrap();
        let mut writer = index.writer().unwrap();
        for article in crate::ingest::seed_articles() {
            writer.add_article(&article, None).unwrap();
        }
        writer.finish().unwrap();
        let largest = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .max_by_key(|path| std::fs::metadata(path).unwrap().len())
            .unwrap();
        let files = MappedFiles::default();
        let bytes = files.open(&largest).unwrap();
        assert!(bytes.len() > 16 << 10, "{} is small", largest.display());
        let expected = std::fs::read(&largest).unwrap();
        assert_eq!(bytes.as_slice(), &expected[..]);
        let address = bytes.as_slice().as_ptr() as usize;
        let read_kib = resident_kib(address);
        assert!(read_kib * 1024 >= bytes.len() as u64 / 2, "{read_kib} KiB");

        assert_eq!(files.release(), 1);
        assert!(resident_kib(address) < read_kib / 4);
        assert_eq!(bytes.as_slice(), &expected[..]);

        // The file is mapped once while in use, and unmapped after.
        let again = files.open(&largest).unwrap();
        assert_eq!(again.as_slice().as_ptr(), bytes.as_slice().as_ptr());
        drop((bytes, again));
        assert_eq!(files.release(), 0);
    }

    #[test]
    fn the_map_of_a_deleted_file_in_use_is_still_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data");
        std::fs::write(&path, vec![7u8; 4 << 20]).unwrap();
        let files = MappedFiles::default();
        let bytes = files.open(&path).unwrap();
        assert!(bytes.as_slice().iter().all(|&b| b == 7));
        let address = bytes.as_slice().as_ptr() as usize;
        assert!(resident_kib(address) >= 2048);

        // tantivy deletes a merged segment's files while the last searcher
        // still reads them.
        files.forget(&path);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(files.release(), 1);
        assert!(resident_kib(address) < 1024);
        assert!(bytes.as_slice().iter().all(|&b| b == 7));

        drop(bytes);
        assert_eq!(files.release(), 0);
    }

    #[test]
    fn the_releaser_lets_pages_go_while_it_runs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data");
        std::fs::write(&path, vec![7u8; 4 << 20]).unwrap();
        let files = Arc::new(MappedFiles::default());
        let bytes = files.open(&path).unwrap();
        let address = bytes.as_slice().as_ptr() as usize;
        let releaser = PageReleaser::start(files.clone()).unwrap();
        let mut released = false;
        for _ in 0..20 {
            assert!(bytes.as_slice().iter().all(|&b| b == 7));
            std::thread::sleep(RELEASE_INTERVAL * 2);
            if resident_kib(address) < 1024 {
                released = true;
                break;
            }
        }
        drop(releaser);
        assert!(released, "the pages read stayed resident");
    }
}
