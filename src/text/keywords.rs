//! Keywords with jieba-rs TF-IDF: what makes each article of a page distinctive. The
//! segmenter's dictionary (about 350,000 words) and the IDF table are built once per process,
//! on two threads at once, and only by code that asks for keywords.

use std::collections::HashMap;
use std::sync::OnceLock;

use jieba_rs::{Jieba, KeywordExtract, KeywordExtractConfig, TfIdf};

/// Words of news reporting that say nothing about one article: the meeting, the delegates,
/// and the verbs every report uses. Kept out of keywords whatever their TF-IDF.
const GENERIC: &[&str] = &[
    "推动",
    "发展",
    "建设",
    "表示",
    "全国",
    "人大代表",
    "代表",
    "会议",
    "提升",
    "加快",
    "推进",
    "进一步",
    "建议",
    "介绍",
    "认为",
    "指出",
    "提出",
    "强调",
    "希望",
    "目前",
    "如今",
    "今年",
    "去年",
    "同比",
    "增长",
    "突破",
    "超过",
    "达到",
    "实现",
    "持续",
    "不断",
    "更加",
    "更好",
    "成为",
    "作为",
    "工作",
    "问题",
    "方面",
    "领域",
    "重要",
    "关键",
    "支持",
    "加强",
    "完善",
    "深化",
    "坚持",
    "打造",
    "培育",
    "记者",
    "报道",
    "两会",
    "全国人大",
    "代表团",
    "开放",
    "团组",
    "全体会议",
    "审议",
    "政府",
    "工作报告",
    "我们",
    "他们",
    "自己",
    "一个",
    "一批",
    "一些",
    "这些",
    "这个",
    "已经",
    "正在",
    "就是",
    "还是",
    "也是",
    "不是",
    "可以",
    "需要",
    "通过",
    "围绕",
    "结合",
    "积极",
    "更多",
    "一步",
    "其中",
    "同时",
    "此外",
    "以及",
    "一起",
    "当地",
    "公司",
    "企业",
    "产业",
    "创新",
    "高质量",
    "新质",
    "生产力",
    "经济",
    "地区",
    "全省",
    "全市",
    "本报",
    "时期",
    "接下来",
    "下一步",
    "未来",
    "一年",
    "近年来",
    "方式",
    "进行",
    "开展",
    "带动",
    "促进",
];

/// The most keywords an article is given: more would be most of its words.
pub const MAX_KEYWORDS: usize = 50;

/// The segmenter and the IDF table, built together.
pub struct Analyzer {
    pub jieba: Jieba,
    tfidf: TfIdf,
}

static ANALYZER: OnceLock<Analyzer> = OnceLock::new();

/// The process's analyzer, built on first use (about 0.2 s in a release build).
pub fn analyzer() -> &'static Analyzer {
    ANALYZER.get_or_init(Analyzer::new)
}

/// Has the analyzer been built already? (For tests that check it is not built needlessly.)
pub fn analyzer_is_built() -> bool {
    ANALYZER.get().is_some()
}

impl Analyzer {
    /// Build the dictionary and the IDF table concurrently: neither needs the other.
    pub fn new() -> Self {
        let (jieba, mut tfidf) = std::thread::scope(|s| {
            let idf = s.spawn(TfIdf::default);
            let jieba = Jieba::new();
            // A panic in the IDF thread is a bug in jieba-rs's embedded data; building it
            // again here surfaces the same panic on this thread, where it belongs.
            let tfidf = idf.join().unwrap_or_else(|_| TfIdf::default());
            (jieba, tfidf)
        });
        let mut config = KeywordExtractConfig::builder().use_hmm(true).min_keyword_length(2);
        for w in GENERIC {
            config = config.add_stop_word(*w);
        }
        *tfidf.config_mut() = config.build();
        Analyzer { jieba, tfidf }
    }

    /// The top `n` keywords of each text, distinctive of it among `texts`: a word found in
    /// several of the texts weighs less (divided by the number of texts holding it), one
    /// found in all of them much less, and the words of `furniture` (the page's banner,
    /// bylines and labels: the paper's name, the series' slogan) not at all. A keyword that
    /// the segmenter cut short is completed where every occurrence runs on the same way
    /// (都市 in 首都都市圈 … 都市圈 becomes 都市圈).
    pub fn keywords(&self, texts: &[String], n: usize, furniture: &str) -> Vec<Vec<String>> {
        let n = n.min(MAX_KEYWORDS);
        if n == 0 {
            return vec![Vec::new(); texts.len()];
        }
        let furniture: Vec<&str> = self
            .jieba
            .cut(furniture, true)
            .into_iter()
            .map(|t| t.word)
            .filter(|w| w.chars().count() >= 2)
            .collect();
        let extract = |t: &String| -> Vec<(String, f64)> {
            self.tfidf
                .extract_keywords(&self.jieba, t, n * 6 + 20, Vec::new())
                .into_iter()
                .filter(|k| is_content_word(&k.keyword) && !furniture.contains(&k.keyword.as_str()))
                .map(|k| (k.keyword, k.weight))
                .collect()
        };
        // Articles are independent: a whole issue's are segmented on every core.
        let threads = std::thread::available_parallelism().map_or(1, usize::from).min(texts.len().max(1));
        let chunk = texts.len().div_ceil(threads).max(1);
        let candidates: Vec<Vec<(String, f64)>> = if threads > 1 && texts.len() > 8 {
            std::thread::scope(|s| {
                let parts: Vec<_> = texts
                    .chunks(chunk)
                    .map(|part| s.spawn(move || part.iter().map(extract).collect::<Vec<_>>()))
                    .collect();
                parts
                    .into_iter()
                    .flat_map(|p| p.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        } else {
            texts.iter().map(extract).collect()
        };
        let df = text_frequencies(texts, candidates.iter().flatten().map(|(w, _)| w.as_str()));
        texts
            .iter()
            .zip(&candidates)
            .map(|(text, cands)| {
                let mut scored: Vec<(&str, f64)> = cands
                    .iter()
                    .map(|(w, weight)| {
                        let d = df.get(w.as_str()).copied().unwrap_or(1).max(1);
                        let shared_by_all = texts.len() > 1 && d == texts.len();
                        let factor = if shared_by_all { 0.1 } else { 1.0 / d as f64 };
                        (w.as_str(), weight * factor)
                    })
                    .collect();
                scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
                let mut out: Vec<String> = Vec::with_capacity(n);
                for (w, _) in scored {
                    let w = complete(text, w);
                    if !out.contains(&w) {
                        out.push(w);
                    }
                    if out.len() == n {
                        break;
                    }
                }
                out
            })
            .collect()
    }
}

/// In how many of the texts each word occurs (as a substring: the segmenter may cut a word
/// differently elsewhere). One scan of each text for all the words at once, so the cost grows
/// with the text, not with words times texts.
fn text_frequencies<'a>(texts: &[String], words: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut unique: Vec<&str> = words.collect();
    unique.sort_unstable();
    unique.dedup();
    let mut df: HashMap<&str, usize> = unique.iter().map(|w| (*w, 0)).collect();
    let Ok(ac) = aho_corasick::AhoCorasick::new(&unique) else { return df };
    let mut seen = vec![usize::MAX; unique.len()];
    for (ti, t) in texts.iter().enumerate() {
        for m in ac.find_overlapping_iter(t.as_str()) {
            let k = m.pattern().as_usize();
            if seen[k] != ti {
                seen[k] = ti;
                if let Some(n) = df.get_mut(unique[k]) {
                    *n += 1;
                }
            }
        }
    }
    df
}

/// Complete a word the segmenter cut short: while every occurrence of it in `text` is followed
/// by the same Han character, take that character too (up to six characters in all).
fn complete(text: &str, word: &str) -> String {
    let mut w = word.to_owned();
    while w.chars().count() < 6 {
        let mut next: Option<char> = None;
        let mut count = 0;
        for (at, _) in text.match_indices(w.as_str()) {
            let c = text[at + w.len()..].chars().next();
            match (c, next) {
                (Some(c), None) if crate::text::punct::is_han(c) => next = Some(c),
                (Some(c), Some(n)) if c == n => {}
                _ => return w,
            }
            count += 1;
        }
        match next {
            Some(c) if count >= 2 => w.push(c),
            _ => return w,
        }
    }
    w
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

/// A keyword names something: not a number, a date, punctuation, or a lower-case Latin
/// fragment (`http`, `www` from an address).
fn is_content_word(w: &str) -> bool {
    let chars: Vec<char> = w.chars().collect();
    chars.len() >= 2
        && !chars.iter().any(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
        && chars.iter().any(|c| c.is_alphabetic())
        && !chars.iter().all(|c| c.is_ascii_lowercase())
        && !GENERIC.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words() {
        assert!(is_content_word("京津冀"));
        assert!(is_content_word("AIGC"));
        assert!(!is_content_word("2025"));
        assert!(!is_content_word("5.4%"));
        assert!(!is_content_word("推动"));
        assert!(!is_content_word("京"));
        assert!(!is_content_word("http"));
    }

    #[test]
    fn a_word_cut_short_is_completed() {
        assert_eq!(complete("首都都市圈建设,现代化都市圈", "都市"), "都市圈");
        assert_eq!(complete("都市圈和都市生活", "都市"), "都市", "not every occurrence runs on");
        assert_eq!(complete("只有一次都市圈", "都市"), "都市", "once is not a pattern");
    }

    #[test]
    fn text_frequencies_count_texts_not_occurrences() {
        let texts = vec!["北京北京上海".to_owned(), "北京".to_owned(), "广东".to_owned()];
        let df = text_frequencies(&texts, ["北京", "上海", "重庆"].into_iter());
        assert_eq!(df.get("北京"), Some(&2));
        assert_eq!(df.get("上海"), Some(&1));
        assert_eq!(df.get("重庆"), Some(&0));
    }
}
