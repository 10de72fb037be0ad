//! Reading positions remembered across runs: reopening a page (the same content, wherever the
//! file is) brings back the focused pane, each pane's place and the sidebar. Kept in
//! `$XDG_STATE_HOME/kanbao/positions.json` (else `~/.local/state/kanbao/`), for the last
//! [`KEEP`] pages; written atomically (a temporary file, then a rename), so a reader of the file
//! sees the old state or the new, never half of one. A file that cannot be read as state is
//! set aside with a warning, never fatal; one that cannot be read at all (its permissions) is
//! left alone and not written over. A page left at its start is not stored (nothing to
//! remember), so flipping through a large folder does not push real positions out. A folder
//! remembers the page last read in it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::app::ViewState;

/// How many pages' positions are kept.
pub const KEEP: usize = 500;

/// A page's identity: a hash of its text (FNV-1a, 64 bits; stable across runs and builds).
pub fn page_key(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    /// Seconds since the epoch when the page was last left.
    time: u64,
    view: ViewState,
}

/// The page last read in a folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FolderEntry {
    time: u64,
    /// The page's file name in the folder.
    page: String,
}

/// The remembered positions.
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memory {
    #[serde(skip)]
    path: PathBuf,
    /// The file exists but could not be read: it is kept as it is.
    #[serde(skip)]
    read_only: bool,
    pages: BTreeMap<String, Entry>,
    #[serde(default)]
    folders: BTreeMap<String, FolderEntry>,
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Forget the oldest entries beyond [`KEEP`].
fn keep_newest<T>(map: &mut BTreeMap<String, T>, time: impl Fn(&T) -> u64) {
    while map.len() > KEEP {
        let oldest = map.iter().min_by_key(|(k, e)| (time(e), (*k).clone())).map(|(k, _)| k.clone());
        match oldest {
            Some(k) => map.remove(&k),
            None => break,
        };
    }
}

/// A folder's identity: a hash of its full path.
pub fn folder_key(dir: &Path) -> String {
    let full = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    page_key(&full.to_string_lossy())
}

/// Where the positions are kept: `$XDG_STATE_HOME/kanbao/positions.json`, else
/// `~/.local/state/kanbao/positions.json`.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("state")))?;
    Some(base.join("kanbao").join("positions.json"))
}

impl Memory {
    /// Load the positions at `path`. A missing file is an empty memory; a file that cannot be
    /// read as one is renamed aside (`positions.json.corrupt`) and reported in the returned
    /// warning.
    pub fn load(path: &Path) -> (Memory, Option<String>) {
        let empty = Memory { path: path.to_path_buf(), ..Memory::default() };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (empty, None),
            Err(e) => {
                let m = Memory { read_only: true, ..empty };
                let w = format!(
                    "{}: cannot read the reading positions ({e}); they are left as they are",
                    path.display()
                );
                return (m, Some(w));
            }
        };
        match serde_json::from_str::<Memory>(&text) {
            Ok(mut m) => {
                m.path = path.to_path_buf();
                (m, None)
            }
            Err(e) => {
                let aside = path.with_extension("json.corrupt");
                let moved = std::fs::rename(path, &aside).is_ok();
                let what =
                    if moved { format!("set aside as {}", aside.display()) } else { "ignored".to_owned() };
                (empty, Some(format!("{}: not a positions file ({e}); {what}", path.display())))
            }
        }
    }

    /// Where the reader stood on the page with this key, if remembered.
    pub fn get(&self, key: &str) -> Option<&ViewState> {
        self.pages.get(key).map(|e| &e.view)
    }

    /// Remember where the reader stands on a page, forgetting the oldest beyond [`KEEP`]. A
    /// page left at its start is forgotten instead.
    pub fn set(&mut self, key: String, view: ViewState) {
        if view.is_start() {
            self.pages.remove(&key);
            return;
        }
        self.pages.insert(key, Entry { time: now(), view });
        keep_newest(&mut self.pages, |e| e.time);
    }

    /// The page last read in the folder with this key.
    pub fn folder_page(&self, key: &str) -> Option<&str> {
        self.folders.get(key).map(|e| e.page.as_str())
    }

    /// Remember the page last read in a folder.
    pub fn set_folder_page(&mut self, key: String, page: String) {
        self.folders.insert(key, FolderEntry { time: now(), page });
        keep_newest(&mut self.folders, |e| e.time);
    }

    /// Where the positions are kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// Write the positions atomically: to a temporary file beside the real one, then renamed
    /// over it.
    /// A file that could not be read is not written over.
    pub fn save(&self) -> std::io::Result<()> {
        if self.read_only {
            return Ok(());
        }
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        let tmp = self.path.with_extension(format!("json.tmp{}", std::process::id()));
        let result = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&json)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &self.path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("kanbao-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("dir");
        d
    }

    fn view(focus: usize) -> ViewState {
        ViewState {
            focus,
            anchors: vec![(3, 10), (0, 0)],
            sidebar_focused: true,
            selected: 1,
            all_cards: false,
        }
    }

    #[test]
    fn positions_survive_a_save_and_a_load() {
        let path = tmp_dir("roundtrip").join("positions.json");
        let (mut m, warning) = Memory::load(&path);
        assert!(m.is_empty() && warning.is_none());
        m.set(page_key("页面"), view(2));
        m.save().expect("saves");
        let (again, _) = Memory::load(&path);
        assert_eq!(again.get(&page_key("页面")), Some(&view(2)));
        assert_eq!(again.get(&page_key("别的页面")), None);
    }

    #[test]
    fn a_corrupt_file_is_set_aside_with_a_warning() {
        let dir = tmp_dir("corrupt");
        let path = dir.join("positions.json");
        std::fs::write(&path, "{ not json").expect("write");
        let (m, warning) = Memory::load(&path);
        assert!(m.is_empty());
        assert!(warning.is_some_and(|w| w.contains("set aside")));
        assert!(dir.join("positions.json.corrupt").exists());
        assert!(!path.exists());
    }

    #[test]
    fn a_page_left_at_its_start_is_not_stored() {
        let mut m = Memory::default();
        m.set("a".into(), view(1));
        m.set("b".into(), ViewState::default());
        assert_eq!(m.len(), 1);
        m.set("a".into(), ViewState { anchors: vec![(0, 0), (0, 0)], ..ViewState::default() });
        assert!(m.is_empty());
    }

    #[test]
    fn a_folder_remembers_its_page() {
        let path = tmp_dir("folder").join("positions.json");
        let mut m = Memory::load(&path).0;
        m.set_folder_page("f".into(), "b.txt".into());
        m.save().expect("saves");
        assert_eq!(Memory::load(&path).0.folder_page("f"), Some("b.txt"));
        // A file written before folders were remembered still loads.
        std::fs::write(&path, r#"{"pages":{}}"#).expect("write");
        let (old, warning) = Memory::load(&path);
        assert!(warning.is_none() && old.folder_page("f").is_none());
    }

    #[test]
    fn a_file_that_cannot_be_read_is_not_written_over() {
        // A directory stands in for a file without read permission (root reads those anyway).
        let path = tmp_dir("unreadable").join("positions.json");
        std::fs::create_dir(&path).expect("dir");
        let (mut m, warning) = Memory::load(&path);
        assert!(warning.is_some_and(|w| w.contains("left as they are")));
        m.set("a".into(), view(1));
        assert!(m.save().is_ok());
        assert!(path.is_dir());
    }

    #[test]
    fn only_the_last_pages_are_kept() {
        let mut m = Memory::default();
        for i in 0..KEEP + 20 {
            m.set(format!("{i:04}"), view(i));
        }
        assert_eq!(m.len(), KEEP);
    }

    #[test]
    fn a_reader_never_sees_half_a_file() {
        let path = tmp_dir("atomic").join("positions.json");
        let mut m = Memory::load(&path).0;
        for i in 0..KEEP {
            m.set(format!("page{i}"), view(i));
        }
        m.save().expect("first save");
        let writer_path = path.clone();
        let writer = std::thread::spawn(move || {
            let mut m = Memory::load(&writer_path).0;
            for round in 0..200 {
                m.set(format!("round{round}"), view(round));
                m.save().expect("save");
            }
        });
        let mut reads = 0;
        while !writer.is_finished() || reads < 200 {
            let text = std::fs::read_to_string(&path).expect("always there");
            assert!(serde_json::from_str::<Memory>(&text).is_ok(), "a partial file was read");
            reads += 1;
        }
        writer.join().expect("writer");
    }

    #[test]
    fn keys_depend_on_content_only() {
        assert_eq!(page_key("北京"), page_key("北京"));
        assert_ne!(page_key("北京"), page_key("上海"));
        assert_eq!(page_key(""), "cbf29ce484222325");
    }
}
