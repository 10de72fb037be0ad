//! Splitting a page's text into blocks and telling what each block is: headline, lead,
//! byline, banner, kicker, a part of a quote card, or body text.

use crate::text::punct::{ends_sentence, is_han, is_sentence_end, is_space, is_text_punct};

use super::join::spanning_word;
use super::region;
use crate::text::lexicon::lexicon;

/// A block of the page: the lines between two blank lines, joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    /// 1-based line of the page where the block starts.
    pub line: usize,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The page's title (通栏标题).
    Banner,
    /// An article's headline (标题).
    Headline,
    /// The summary after `■` (导语).
    Lead,
    /// The byline (署名).
    Byline,
    /// A column label (栏目名) such as 记者手记.
    Kicker,
    /// A quote card's region label.
    CardRegion,
    /// A quote card's speaker line: role, then the name.
    CardSpeaker,
    /// A quote card's quotation.
    CardText,
    /// Running text of an article: a paragraph or a fragment of one.
    Body,
}

/// Split text into blocks. Blocks are separated by blank lines (lines of nothing but spaces
/// count as blank); a page with no blank lines at all has one block per line. Lines inside a
/// block are joined with nothing between them, as Chinese is set, except between two Latin
/// letters or digits, which keep a space.
pub fn split(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_matches(is_space)).collect();
    let has_blank_separator =
        lines.windows(3).any(|w| !w[0].is_empty() && w[1].is_empty() && !w[2].is_empty());
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            blocks.extend(current.take());
            continue;
        }
        match current.as_mut() {
            Some(b) if has_blank_separator => {
                let glue = b.text.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
                    && line.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
                if glue {
                    b.text.push(' ');
                }
                b.text.push_str(line);
            }
            _ => {
                blocks.extend(current.take());
                current = Some(Block { text: (*line).to_owned(), line: i + 1 });
            }
        }
    }
    blocks.extend(current);
    blocks
}

/// Lead markers; `■` is what the papers use.
const LEAD_MARKERS: [char; 3] = ['■', '□', '◆'];

/// The lead's text without its marker, if the block is a lead.
pub fn lead_text(text: &str) -> Option<&str> {
    let rest = text.strip_prefix(LEAD_MARKERS)?;
    Some(rest.trim_matches(is_space))
}

/// Byline endings naming a reporting team, in simplified and traditional characters.
const TEAM_SUFFIXES: [&str; 12] = [
    "报道组",
    "报道团",
    "采访组",
    "报道小组",
    "记者组",
    "融媒体中心",
    "報道組",
    "報導組",
    "報道團",
    "採訪組",
    "報道小組",
    "記者組",
];
/// Words after which a byline lists people.
const PERSON_MARKERS: [&str; 8] =
    ["记者", "通讯员", "撰稿", "撰文", "特约评论员", "記者", "通訊員", "特約評論員"];

/// Is this block a byline: `证券时报两会报道组`, `证券时报记者 秦燕玲`, `本报记者 聂晓棠 储一鸣`?
pub fn is_byline(text: &str) -> bool {
    let n = text.chars().count();
    if n > 40 || text.chars().any(|c| is_text_punct(c) && c != '、') {
        return false;
    }
    if TEAM_SUFFIXES.iter().any(|s| text.ends_with(s)) {
        return true;
    }
    PERSON_MARKERS.iter().any(|m| {
        text.find(m).is_some_and(|at| {
            let names = &text[at + m.len()..];
            // `本报记者张三` runs the name on; otherwise a space sets the names apart, so
            // that a column label such as 记者手记 is not read as a byline.
            let spaced =
                names.starts_with(is_space) || text[..at].ends_with("本报") || text[..at].ends_with("本報");
            if !spaced {
                return false;
            }
            let names: Vec<&str> = names
                .split(|c: char| is_space(c) || c == '、' || c == '/')
                .filter(|s| !s.is_empty())
                .collect();
            !names.is_empty() && names.iter().all(|n| is_name(n))
        })
    })
}

/// A personal name as papers print it: two to six Han characters, or a transliteration with
/// `·`.
pub fn is_name(s: &str) -> bool {
    let n = s.chars().count();
    // Han names have two to four characters; Mongolian and Tibetan names written without `·`
    // run to five or six (斯琴毕力格).
    (2..=6).contains(&n) && s.chars().all(is_han)
        || (3..=12).contains(&n) && s.contains('·') && s.chars().all(|c| is_han(c) || c == '·')
}

/// A quote card's speaker line, split into role and name: `全国人大代表、上海交通大学校长 丁奎岭`.
pub fn speaker_line(text: &str) -> Option<(Option<&str>, &str)> {
    if text.chars().count() > 80 || text.chars().any(is_sentence_end) {
        return None;
    }
    let name_start =
        text.rfind(is_space).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let name = &text[name_start..];
    if !is_name(name) {
        return None;
    }
    let role = text[..name_start].trim_matches(is_space);
    if role.is_empty() {
        return if name_start == 0 { None } else { Some((None, name)) };
    }
    Some((Some(role), name))
}

/// Title-like: short, and not running text (no sentence end, at most one clause mark).
fn is_title_like(text: &str) -> bool {
    let n = text.chars().count();
    // Titles list things (`、`) and name a region (`广西：`); a comma or semicolon marks running
    // text, one at most is a title's.
    (2..=50).contains(&n)
        && !text.chars().any(is_sentence_end)
        && text.chars().filter(|c| matches!(c, '，' | ',' | '；' | ';')).count() <= 1
}

/// Kicker-like: a label of two to eight Han characters.
fn is_kicker_like(text: &str) -> bool {
    let n = text.chars().count();
    (2..=8).contains(&n) && text.chars().all(is_han) && region::lookup(text).is_none()
}

/// How much a title-like block looks like a page banner rather than a stray line.
fn banner_score(text: &str, before_first_headline: bool) -> i32 {
    // A banner is words: mostly Han characters, not marks or Latin.
    let visible = text.chars().filter(|c| !is_space(*c)).count();
    let han = text.chars().filter(|c| is_han(*c)).count();
    if han * 10 < visible * 7 {
        return 0;
    }
    let mut score = 0;
    if text.chars().any(|c| matches!(c, '「' | '」' | '『' | '』' | '【' | '】')) {
        score += 3;
    }
    let inner = text.trim_matches(is_space);
    if inner.contains(is_space) {
        score += 2;
    }
    if (8..=40).contains(&inner.chars().count()) {
        score += 1;
    }
    if before_first_headline {
        score += 1;
    }
    score
}

/// Minimum [`banner_score`] for a page banner.
const BANNER_MIN_SCORE: i32 = 3;

/// Does the headline start with a region and a separator (`北京:`, `广东省：`)?
pub fn headline_region(text: &str) -> Option<region::RegionId> {
    let (id, rest) = region::prefix(text)?;
    rest.starts_with([':', '：', '|', '丨', '｜', ' ', '\u{3000}', '·']).then_some(id)
}

/// Classify every block of a page.
pub fn classify(blocks: &[Block]) -> Vec<Kind> {
    let n = blocks.len();
    let text = |i: usize| blocks[i].text.as_str();
    let mut kinds = vec![Kind::Body; n];
    let mut decided = vec![false; n];
    for i in 0..n {
        if lead_text(text(i)).is_some() {
            kinds[i] = Kind::Lead;
            decided[i] = true;
        } else if is_byline(text(i)) {
            kinds[i] = Kind::Byline;
            decided[i] = true;
        }
    }
    // Quote cards: a region label, a speaker line, the quote; or, where the label is missing,
    // a speaker line whose role names a delegate.
    let mut i = 0;
    while i < n {
        let quote_ok = |j: usize| j < n && !decided[j] && !is_title_like(text(j));
        if !decided[i]
            && region::lookup(text(i)).is_some()
            && i + 2 < n
            && !decided[i + 1]
            && speaker_line(text(i + 1)).is_some()
            && quote_ok(i + 2)
        {
            kinds[i..i + 3].copy_from_slice(&[Kind::CardRegion, Kind::CardSpeaker, Kind::CardText]);
            decided[i..i + 3].fill(true);
            i += 3;
            continue;
        }
        if !decided[i]
            && speaker_line(text(i))
                .is_some_and(|(role, _)| role.is_some_and(|r| r.contains("代表") || r.contains("委员")))
            && quote_ok(i + 1)
        {
            kinds[i..i + 2].copy_from_slice(&[Kind::CardSpeaker, Kind::CardText]);
            decided[i..i + 2].fill(true);
            i += 2;
            continue;
        }
        i += 1;
    }
    // Headlines: a title followed (past any kicker) by a lead or byline, or one that starts
    // with a region and a separator.
    for i in 0..n {
        if decided[i] || !is_title_like(text(i)) {
            continue;
        }
        let mut next = i + 1;
        while next < n && !decided[next] && is_kicker_like(text(next)) {
            next += 1;
        }
        let announces = next < n && matches!(kinds[next], Kind::Lead | Kind::Byline);
        if announces || (headline_region(text(i)).is_some() && !is_kicker_like(text(i))) {
            kinds[i] = Kind::Headline;
            decided[i] = true;
            // Labels between a headline and the byline it announces are its kickers.
            if announces {
                for k in i + 1..next {
                    kinds[k] = Kind::Kicker;
                    decided[k] = true;
                }
            }
        }
    }
    let has_headline = kinds.contains(&Kind::Headline);
    // Kickers: labels at the end of the page or next to a headline.
    for i in 0..n {
        if decided[i] || !is_kicker_like(text(i)) {
            continue;
        }
        // At the foot of the page, a label; unless it completes a word that the text before
        // it leaves unfinished (`…数字` + `化改造`), when it is the rest of that text. With no
        // headline there is no article for a label to name, and every block is text.
        let completes_word = (0..i)
            .rev()
            .find(|&j| kinds[j] == Kind::Body)
            .is_some_and(|j| !ends_sentence(text(j)) && spanning_word(lexicon(), text(j), text(i)).is_some());
        // "At the foot" takes in a run of labels there (one per feature), after finished text.
        let after_finished_text =
            (0..i).rev().find(|&j| kinds[j] == Kind::Body).is_some_and(|j| ends_sentence(text(j)));
        let at_foot = i + 1 == n || (after_finished_text && (i + 1..n).all(|j| is_kicker_like(text(j))));
        let last = at_foot && !completes_word;
        let before_headline = i + 1 < n && kinds[i + 1] == Kind::Headline;
        let after_headline = i > 0 && kinds[i - 1] == Kind::Headline;
        if has_headline && (last || before_headline || after_headline) {
            kinds[i] = Kind::Kicker;
            decided[i] = true;
        }
    }
    // The banner: the one title-like block that looks most like a page title.
    let first_headline = kinds.iter().position(|k| *k == Kind::Headline).unwrap_or(n);
    let banner = (0..n)
        .filter(|&i| !decided[i] && is_title_like(text(i)))
        .map(|i| (banner_score(text(i), i < first_headline), i))
        .filter(|(s, _)| *s >= BANNER_MIN_SCORE)
        .max_by_key(|&(s, i)| (s, std::cmp::Reverse(i)));
    if let Some((_, i)) = banner {
        kinds[i] = Kind::Banner;
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_of(page: &str) -> Vec<Kind> {
        classify(&split(page))
    }

    #[test]
    fn split_handles_crlf_space_lines_and_wrapped_lines() {
        let blocks = split("标题\r\n \r\n第一行\r\n第二行\r\n\u{3000}\r\nAI\nmodel");
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["标题", "第一行第二行", "AI model"]);
        assert_eq!(blocks[1].line, 3);
    }

    #[test]
    fn split_without_blank_lines_takes_each_line() {
        let texts: Vec<String> = split("一\n二\n三").into_iter().map(|b| b.text).collect();
        assert_eq!(texts, ["一", "二", "三"]);
    }

    #[test]
    fn bylines() {
        assert!(is_byline("证券时报两会报道组"));
        assert!(is_byline("本报两会特别报道组"));
        assert!(is_byline("证券时报记者 秦燕玲"));
        assert!(is_byline("本报记者 聂晓棠 储一鸣"));
        assert!(!is_byline("全国人大代表、上海交通大学校长 丁奎岭"));
        assert!(!is_byline("记者看到,他的手机里存着一张合作社的“电子地图”。"));
        assert!(!is_byline("记者手记"));
        assert!(is_byline("本报记者张三"));
        assert!(is_byline("本報記者 王小明"));
        assert!(is_byline("中央社特派記者組"));
    }

    #[test]
    fn speaker_lines() {
        assert_eq!(
            speaker_line("全国人大代表,珠海冠宇电池股份有限公司董事长、总裁 徐延铭"),
            Some((Some("全国人大代表,珠海冠宇电池股份有限公司董事长、总裁"), "徐延铭"))
        );
        assert_eq!(speaker_line("全国人大代表 殷其龙"), Some((Some("全国人大代表"), "殷其龙")));
        assert_eq!(speaker_line("他说。 张三"), None);
        assert_eq!(speaker_line("北京"), None);
    }

    #[test]
    fn a_page_is_classified() {
        let page = "「十五五」开局起步 大省强市挑大梁\n\n北京:聚焦首都都市圈建设\n\n■ 导语在此。\n\n证券时报两会报道组\n\n正文第一段。\n\n北京\n\n全国人大代表、某研究所所长 伊彤\n\n要推动科技创新资源向周边辐射。\n\n记者手记";
        use Kind::*;
        assert_eq!(
            kinds_of(page),
            [Banner, Headline, Lead, Byline, Body, CardRegion, CardSpeaker, CardText, Kicker]
        );
    }

    #[test]
    fn a_feature_headline_is_known_by_its_byline() {
        let page = "正文。\n\n“黄色法拉利”的大小两个圈\n\n证券时报记者 秦燕玲\n\n正文。";
        assert_eq!(kinds_of(page)[1], Kind::Headline);
    }

    #[test]
    fn a_kicker_between_headline_and_byline_labels_the_headline() {
        use Kind::*;
        assert_eq!(
            kinds_of("北京:聚焦首都\n\n代表手记\n\n证券时报两会报道组\n\n正文。"),
            [Headline, Kicker, Byline, Body]
        );
    }

    #[test]
    fn a_short_last_block_completing_a_word_is_text() {
        use Kind::*;
        assert_eq!(
            kinds_of("北京:聚焦\n\n证券时报两会报道组\n\n推进产业数字\n\n化改造"),
            [Headline, Byline, Body, Body]
        );
        assert_eq!(
            kinds_of("北京:聚焦\n\n证券时报两会报道组\n\n正文完了。\n\n记者手记"),
            [Headline, Byline, Body, Kicker]
        );
        assert_eq!(kinds_of("今天天气很好\n我们去公园散步"), [Body, Body], "no headline, no kicker");
        assert_eq!(kinds_of("记者手记"), [Body]);
        assert_eq!(
            kinds_of("北京:聚焦\n\n证券时报两会报道组\n\n正文完了。\n\n代表故事\n\n记者手记"),
            [Headline, Byline, Body, Kicker, Kicker],
            "labels at the foot, one per feature"
        );
    }

    #[test]
    fn a_banner_is_words() {
        assert_ne!(kinds_of("正文。\n\n- 第二条 ---")[1], Kind::Banner);
    }

    #[test]
    fn a_short_fragment_inside_text_is_body() {
        let page = "标题:正文\n\n证券时报两会报道组\n\n一段没有结束的\n\n子女托管等\n\n又一段。";
        assert_eq!(kinds_of(page)[3], Kind::Body);
    }
}
