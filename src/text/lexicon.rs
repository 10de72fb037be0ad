//! The join lexicon: "is this a word, and how common" for short Han words, answered by binary
//! search over a sorted word list embedded at build time (`assets/lexicon.tsv`, derived from
//! jieba-rs's dictionary by `scripts/gen-lexicon.py`). It needs no start-up work, so the
//! engine can decide joins before the full segmenter exists; the segmenter is for keywords.

use std::cmp::Ordering;
use std::sync::LazyLock;

use super::punct::is_han;

static DATA: &str = include_str!("../../assets/lexicon.tsv");

/// Longest word the lexicon holds, in characters.
pub const MAX_WORD_CHARS: usize = 4;

/// A sorted `word<TAB>freq` list after a `#total<TAB>N` header line.
#[derive(Debug)]
pub struct Lexicon {
    data: &'static str,
    body: usize,
    log_total: f64,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(DATA));

/// The lexicon built into kanbao.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

impl Lexicon {
    fn new(data: &'static str) -> Self {
        let (header, body) = match data.split_once('\n') {
            Some((h, _)) if h.starts_with("#total\t") => (h, h.len() + 1),
            _ => ("", 0),
        };
        let total: f64 = header.strip_prefix("#total\t").and_then(|t| t.parse().ok()).unwrap_or(1.0);
        Lexicon { data, body, log_total: total.max(1.0).ln() }
    }

    /// The dictionary frequency of `word`, if it is a word.
    pub fn freq(&self, word: &str) -> Option<u32> {
        let bytes = self.data.as_bytes();
        let (mut lo, mut hi) = (self.body, bytes.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = bytes[lo..mid].iter().rposition(|&b| b == b'\n').map_or(lo, |p| lo + p + 1);
            let end = bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| start + p);
            let line = &self.data[start..end];
            let (key, freq) = line.split_once('\t').unwrap_or((line, "0"));
            match word.as_bytes().cmp(key.as_bytes()) {
                Ordering::Equal => return freq.parse().ok(),
                Ordering::Less => hi = start,
                Ordering::Greater => lo = end + 1,
            }
        }
        None
    }

    /// Segment a run of characters the way jieba does with HMM off: the route of greatest
    /// probability through the words the lexicon knows, unknown characters standing alone.
    /// Returns the token boundaries as character offsets, from 0 to `chars.len()` inclusive.
    pub fn segment(&self, chars: &[char]) -> Vec<usize> {
        let n = chars.len();
        // best[i] = (log probability of the best route through chars[i..], end of its first word)
        let mut best = vec![(0.0f64, n); n + 1];
        let mut word = String::new();
        for i in (0..n).rev() {
            best[i] = (f64::NEG_INFINITY, i + 1);
            for j in i + 1..=(i + MAX_WORD_CHARS).min(n) {
                word.clear();
                word.extend(&chars[i..j]);
                let freq = if j == i + 1 {
                    Some(self.freq(&word).unwrap_or(1))
                } else if chars[i..j].iter().all(|c| is_han(*c)) {
                    self.freq(&word)
                } else {
                    None
                };
                if let Some(f) = freq {
                    let p = f64::from(f).ln() - self.log_total + best[j].0;
                    if p > best[i].0 {
                        best[i] = (p, j);
                    }
                }
            }
        }
        let mut cuts = vec![0];
        let mut i = 0;
        while i < n {
            i = best[i].1;
            cuts.push(i);
        }
        cuts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_and_non_words_are_not() {
        let lex = lexicon();
        assert!(lex.freq("标准").is_some_and(|f| f > 1000));
        assert!(lex.freq("高标准").is_some());
        assert!(lex.freq("世界级").is_some());
        assert!(lex.freq("一").is_some(), "the first entry is found");
        assert!(lex.freq("便民服").is_none());
        assert!(lex.freq("").is_none());
        assert!(lex.freq("#total").is_none());
    }

    #[test]
    fn the_list_is_sorted() {
        let keys: Vec<&str> = DATA.lines().skip(1).map(|l| l.split('\t').next().unwrap_or("")).collect();
        assert!(keys.len() > 100_000);
        assert!(keys.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()));
    }

    #[test]
    fn segmentation_prefers_probable_routes() {
        let lex = lexicon();
        let seg = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let cuts = lex.segment(&chars);
            cuts.windows(2).map(|w| chars[w[0]..w[1]].iter().collect::<String>()).collect::<Vec<_>>()
        };
        assert_eq!(seg("打造世界"), ["打造", "世界"]);
        assert_eq!(seg("化工艺包"), ["化", "工艺", "包"]);
        assert_eq!(seg("标准服务"), ["标准", "服务"]);
        assert_eq!(seg(""), Vec::<String>::new());
    }
}
