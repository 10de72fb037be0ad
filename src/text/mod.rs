//! Chinese text for a terminal: decoding, sanitising, punctuation classes, the join lexicon,
//! and keyword extraction. Knows nothing of pages or of the screen.

pub mod decode;
pub mod keywords;
pub mod lexicon;
pub mod punct;
pub mod sanitize;
pub mod width;
pub mod wrap;
