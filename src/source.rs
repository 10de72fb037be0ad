//! Where a page comes from: a file, standard input, or the bundled sample; read, decoded and
//! sanitised once, here, so that everything downstream can trust the text.

use std::io::Read;
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use thiserror::Error;

use crate::text::decode::{DecodeError, MAX_INPUT_BYTES, decode};
use crate::text::sanitize::sanitize;

/// A page, or a folder of pages, to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Sample,
    Stdin,
    /// No page named and something other than a terminal on standard input: what is piped in,
    /// or the sample when nothing is.
    StdinOrSample,
    File(PathBuf),
    /// A folder: every `*.txt` in it, as one issue.
    Dir(PathBuf),
}

impl Source {
    /// From the command line's PAGE argument: `-` is standard input, a folder an issue; none
    /// is standard input when something is piped in, else the sample.
    pub fn from_arg(arg: Option<&Path>, stdin_is_terminal: bool) -> Self {
        match arg {
            None if stdin_is_terminal => Source::Sample,
            None => Source::StdinOrSample,
            Some(p) if p.as_os_str() == "-" => Source::Stdin,
            Some(p) if p.is_dir() => Source::Dir(p.to_path_buf()),
            Some(p) => Source::File(p.to_path_buf()),
        }
    }

    /// The name messages and the status line use.
    pub fn name(&self) -> String {
        match self {
            Source::Sample => crate::SAMPLE_NAME.to_owned(),
            Source::Stdin | Source::StdinOrSample => "<stdin>".to_owned(),
            Source::File(p) | Source::Dir(p) => p.display().to_string(),
        }
    }
}

/// Why a page could not be loaded. Each reads as the second half of `kanbao: <file>: <why>`.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("no such file")]
    NotFound,
    #[error("permission denied")]
    PermissionDenied,
    #[error("is a directory, not a page")]
    IsDirectory,
    #[error("not a regular file")]
    NotAFile,
    #[error("cannot read: {0}")]
    Io(std::io::Error),
    #[error("no readable *.txt page in this folder")]
    NoPages,
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

impl From<std::io::Error> for LoadError {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::NotFound,
            std::io::ErrorKind::PermissionDenied => LoadError::PermissionDenied,
            std::io::ErrorKind::IsADirectory => LoadError::IsDirectory,
            _ => LoadError::Io(e),
        }
    }
}

/// A loaded page's text, sanitised.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub text: String,
    pub encoding: &'static str,
}

/// Read the raw bytes of a source, refusing anything larger than the input limit.
pub fn read_bytes(source: &Source) -> Result<Vec<u8>, LoadError> {
    let limit = MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    match source {
        Source::Sample => bytes.extend_from_slice(crate::SAMPLE_PAGE.as_bytes()),
        Source::Stdin => {
            std::io::stdin().lock().take(limit).read_to_end(&mut bytes)?;
        }
        Source::StdinOrSample => {
            std::io::stdin().lock().take(limit).read_to_end(&mut bytes)?;
            if bytes.is_empty() {
                bytes.extend_from_slice(crate::SAMPLE_PAGE.as_bytes());
            }
        }
        Source::Dir(_) => return Err(LoadError::IsDirectory),
        Source::File(path) => {
            let meta = std::fs::metadata(path)?;
            if meta.is_dir() {
                return Err(LoadError::IsDirectory);
            }
            if !meta.is_file() {
                return Err(LoadError::NotAFile);
            }
            std::fs::File::open(path)?.take(limit).read_to_end(&mut bytes)?;
        }
    }
    Ok(bytes)
}

/// Read, decode and sanitise a page.
pub fn load(source: &Source, encoding: Option<&'static Encoding>) -> Result<Loaded, LoadError> {
    let bytes = read_bytes(source)?;
    let decoded = decode(&bytes, encoding)?;
    Ok(Loaded { text: sanitize(&decoded.text), encoding: decoded.encoding })
}

/// A folder's pages, by file name, and a warning for each file that could not be read.
#[derive(Debug)]
pub struct Folder {
    pub pages: Vec<(String, Loaded)>,
    pub warnings: Vec<String>,
}

/// The pages of a folder: every `*.txt` in it, by name, each loaded like a page. Files that
/// cannot be read are left out, each with a warning; none at all is an error.
pub fn load_dir(dir: &Path, encoding: Option<&'static Encoding>) -> Result<Folder, LoadError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) && p.is_file())
        .collect();
    files.sort();
    let mut pages = Vec::new();
    let mut warnings = Vec::new();
    for f in files {
        let name =
            f.file_name().map_or_else(|| f.display().to_string(), |n| n.to_string_lossy().into_owned());
        match load(&Source::File(f.clone()), encoding) {
            Ok(l) => pages.push((name, l)),
            Err(e) => warnings.push(format!("{}: {e}", f.display())),
        }
    }
    if pages.is_empty() {
        return Err(LoadError::NoPages);
    }
    Ok(Folder { pages, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_as_the_user_would_say_them() {
        let denied = LoadError::from(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert_eq!(denied.to_string(), "permission denied");
        let missing = LoadError::from(std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(missing.to_string(), "no such file");
        assert!(matches!(LoadError::from(std::io::Error::other("x")), LoadError::Io(_)));
    }
}
