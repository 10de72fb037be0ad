//! Where a page comes from: a file, standard input, or the bundled sample; read, decoded and
//! sanitised once, here, so that everything downstream can trust the text.

use std::io::Read;
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use thiserror::Error;

use crate::text::decode::{DecodeError, MAX_INPUT_BYTES, decode};
use crate::text::sanitize::sanitize;

/// A page to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Sample,
    Stdin,
    File(PathBuf),
}

impl Source {
    /// From the command line's PAGE argument: none is the sample, `-` standard input.
    pub fn from_arg(arg: Option<&Path>) -> Self {
        match arg {
            None => Source::Sample,
            Some(p) if p.as_os_str() == "-" => Source::Stdin,
            Some(p) => Source::File(p.to_path_buf()),
        }
    }

    /// The name messages and the status line use.
    pub fn name(&self) -> String {
        match self {
            Source::Sample => crate::SAMPLE_NAME.to_owned(),
            Source::Stdin => "<stdin>".to_owned(),
            Source::File(p) => p.display().to_string(),
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
