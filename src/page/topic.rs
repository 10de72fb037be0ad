//! What a block is about, and how well it fits an article: Han character bigrams weighted by
//! their rarity on the page, and the regions the block names. Bigrams need no dictionary and
//! are a sturdy measure of topical overlap in Chinese.

use rustc_hash::FxHashMap as HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::text::punct::is_han;

use super::region::{self, RegionId};

/// The terms of one text: ids into [`Terms`], each once, sorted.
pub type TermSet = Vec<u32>;

/// The page's term vocabulary and each term's weight (inverse document frequency over the
/// page's blocks).
#[derive(Debug, Default)]
pub struct Terms {
    ids: HashMap<u64, u32>,
    df: Vec<u32>,
    docs: u32,
    /// Each term's weight, computed by [`Terms::finish`] once every text is in.
    idf: Vec<f64>,
}

impl Terms {
    /// Register a text as one document of the page and return its term set.
    pub fn add(&mut self, text: &str) -> TermSet {
        let mut set: TermSet = keys(text)
            .into_iter()
            .map(|k| {
                let next = self.ids.len() as u32;
                *self.ids.entry(k).or_insert(next)
            })
            .collect();
        set.sort_unstable();
        set.dedup();
        for &t in &set {
            if t as usize >= self.df.len() {
                self.df.resize(t as usize + 1, 0);
            }
            self.df[t as usize] += 1;
        }
        self.docs += 1;
        set
    }

    /// Compute every term's weight; call once all of the page's texts are added.
    pub fn finish(&mut self) {
        let docs = f64::from(self.docs);
        self.idf = self.df.iter().map(|&df| (1.0 + docs / f64::from(df.max(1))).ln()).collect();
    }

    /// The weight of a term: rare on the page weighs more.
    pub fn idf(&self, t: u32) -> f64 {
        match self.idf.get(t as usize) {
            Some(w) => *w,
            None => {
                let df = self.df.get(t as usize).copied().unwrap_or(1).max(1);
                (1.0 + f64::from(self.docs) / f64::from(df)).ln()
            }
        }
    }
}

/// Characters of a block that its topic is read from. A paragraph is a few hundred; what a
/// block holds past this says nothing more about which article it belongs to, and reading it
/// all would let one huge block cost memory in proportion.
const TOPIC_CHARS: usize = 4000;

/// Term keys of a text: Han bigrams, and Latin words or numbers of two characters or more.
fn keys(text: &str) -> Vec<u64> {
    let end = text.char_indices().nth(TOPIC_CHARS).map_or(text.len(), |(i, _)| i);
    let text = &text[..end];
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    for w in chars.windows(2) {
        if is_han(w[0]) && is_han(w[1]) {
            out.push(((w[0] as u64) << 21) | w[1] as u64);
        }
    }
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| w.len() >= 2) {
        let mut h = DefaultHasher::new();
        word.to_ascii_lowercase().hash(&mut h);
        out.push(h.finish() | (1 << 63));
    }
    out
}

/// The profile of an article: in how many of its texts each term occurs.
#[derive(Debug, Default, Clone)]
pub struct Profile {
    counts: HashMap<u32, u32>,
    pub region: Option<RegionId>,
}

impl Profile {
    /// An empty profile of an article of `region`.
    pub fn new(region: Option<RegionId>) -> Self {
        Profile { counts: HashMap::default(), region }
    }

    pub fn add(&mut self, set: &TermSet) {
        for &t in set {
            *self.counts.entry(t).or_default() += 1;
        }
    }

    /// The share of the block's term weight that the article's texts also hold; with
    /// `own` set, the block is one of the article's texts and is left out of the count.
    pub fn similarity(&self, terms: &Terms, block: &TermSet, own: bool) -> f64 {
        let (mut hit, mut all) = (0.0, 0.0);
        for &t in block {
            let w = terms.idf(t);
            all += w;
            let n = self.counts.get(&t).copied().unwrap_or(0);
            if n > u32::from(own) {
                hit += w;
            }
        }
        if all > 0.0 { hit / all } else { 0.0 }
    }
}

/// How strongly a block's region mentions side with an article of region `own`, against the
/// regions of the page's other articles: mentions of its own region count for, the others'
/// against, each side capped.
pub fn region_fit(mentions: &[(RegionId, usize)], own: Option<RegionId>, page_regions: &[RegionId]) -> f64 {
    const CAP: usize = 3;
    // An article of no known region (a feature, before its region is inferred) may well be of
    // the region a block names: the mention says nothing for or against it.
    if own.is_none() {
        return 0.0;
    }
    let mut for_ = 0;
    let mut against = 0;
    for &(r, n) in mentions {
        if Some(r) == own {
            for_ += n;
        } else if page_regions.contains(&r) {
            against += n;
        }
    }
    (for_.min(CAP) as f64) - (against.min(CAP) as f64)
}

/// Region mentions of a text, provinces and their cities alike, as counts.
pub fn mentions(text: &str) -> Vec<(RegionId, usize)> {
    let mut counts: Vec<(RegionId, usize)> = Vec::new();
    for m in region::scan(text) {
        match counts.iter_mut().find(|(r, _)| *r == m.region) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.region, 1)),
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_rare_terms_make_blocks_similar() {
        let mut terms = Terms::default();
        let a = terms.add("京津冀协同发展走深走实");
        let b = terms.add("推动京津冀协同发展");
        let c = terms.add("上海国际科技创新中心");
        let mut p = Profile::default();
        p.add(&a);
        assert!(p.similarity(&terms, &b, false) > 0.5);
        assert!(p.similarity(&terms, &c, false) < 0.01);
        assert_eq!(p.similarity(&terms, &a, true), 0.0, "a text is not similar to itself when left out");
    }

    #[test]
    fn region_fit_counts_for_and_against() {
        let bj = region::lookup("北京");
        let sh = region::lookup("上海").unwrap_or_default();
        let page = [bj.unwrap_or_default(), sh];
        assert_eq!(region_fit(&mentions("北京城市副中心,北京"), bj, &page), 2.0);
        assert_eq!(region_fit(&mentions("上海将"), bj, &page), -1.0);
        assert_eq!(region_fit(&mentions("重庆"), bj, &page), 0.0);
        assert_eq!(region_fit(&mentions("北京,上海"), None, &page), 0.0, "no region, no verdict");
    }
}
