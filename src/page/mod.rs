//! The newspaper page: the document model and its reconstruction from tangled text. No
//! terminal here; the engine can be tested and used without one.
//!
//! Reconstruction runs in two stages. [`reconstruct`] needs no segmenter: blocks, their kinds,
//! threading (joins are decided with the embedded lexicon), regions and quote sources. Its
//! joins are final. [`add_keywords`] then needs jieba-rs's dictionary, which is slow to build,
//! and fills in each article's keywords.

pub mod blocks;
pub mod export;
pub mod join;
pub mod model;
pub mod quotes;
pub mod region;
pub mod thread;
pub mod topic;

use rustc_hash::FxHashMap as HashMap;

use crate::text::keywords::Analyzer;
use crate::text::lexicon::lexicon;
use crate::text::punct::ends_sentence;

use blocks::{Block, Kind};
use model::{Article, Page, QuoteCard, SCHEMA};
use region::RegionId;
use thread::{Decision, Draft, Model};
use topic::{Profile, TermSet, Terms};

/// Passes of threading: the first with profiles from headlines and leads, the next with
/// profiles from the previous pass's articles, until nothing changes.
const MAX_PASSES: usize = 3;

/// What reconstruction decided, block by block, for `--explain`.
#[derive(Debug, Clone)]
pub struct Trace {
    pub blocks: Vec<Block>,
    pub kinds: Vec<Kind>,
    /// For each block, the article it went to and whether it continued a fragment.
    pub placement: Vec<Option<Decision>>,
}

impl Trace {
    /// The characters of every block placed as body text, sorted: reconstruction only moves
    /// text, so they are the characters of the page's paragraphs (see [`paragraph_chars`]).
    pub fn body_chars(&self) -> Vec<char> {
        let mut c: Vec<char> = self
            .blocks
            .iter()
            .zip(&self.placement)
            .filter(|(_, p)| p.is_some())
            .flat_map(|(b, _)| b.text.chars())
            .collect();
        c.sort_unstable();
        c
    }
}

/// The characters of every paragraph of a page, sorted.
pub fn paragraph_chars(page: &Page) -> Vec<char> {
    let mut c: Vec<char> =
        page.articles.iter().flat_map(|a| a.paragraphs.iter().flat_map(|p| p.chars())).collect();
    c.sort_unstable();
    c
}

/// Reconstruct a page from sanitised text. Keywords are left empty (see [`add_keywords`]).
pub fn reconstruct(text: &str) -> Page {
    reconstruct_traced(text).0
}

/// [`reconstruct`], also returning what was decided for each block.
pub fn reconstruct_traced(text: &str) -> (Page, Trace) {
    let blocks = blocks::split(text);
    let kinds = blocks::classify(&blocks);
    let (drafts, steps) = thread::skeleton(&blocks, &kinds);
    let cards = cards(&blocks, &kinds);

    let mut terms = Terms::default();
    let sets: Vec<TermSet> = blocks
        .iter()
        .zip(&kinds)
        .map(|(b, k)| match k {
            Kind::Body | Kind::Headline | Kind::Lead => terms.add(&b.text),
            _ => TermSet::new(),
        })
        .collect();
    terms.finish();
    let mentions: Vec<Vec<(RegionId, usize)>> = blocks.iter().map(|b| topic::mentions(&b.text)).collect();
    let headline_regions: Vec<Option<RegionId>> =
        drafts.iter().map(|d| d.headline.and_then(|h| blocks::headline_region(&blocks[h].text))).collect();

    let lex = lexicon();
    // First profiles: each article's headline and lead, and the body blocks that are its own
    // for certain: from its headline through the first block left open at a column's foot
    // (what follows that may be another article's). Threading then corrects this, pass by pass.
    let mut segments = drafts.clone();
    let mut previous: Vec<Option<usize>> = vec![None; blocks.len()];
    let mut certain = None;
    for s in &steps {
        if let Some(a) = s.reset {
            certain = Some(a);
        }
        if let Some(a) = certain {
            segments[a].paragraphs.push(vec![s.block]);
            previous[s.block] = Some(a);
            if !ends_sentence(&blocks[s.block].text) {
                certain = None;
            }
        }
    }
    let evidence = RegionEvidence::new(&blocks, &cards);
    let mut regions = infer_regions(&evidence, &segments, &headline_regions, &cards);
    let mut profiles = profiles_of(&segments, &regions, &sets);

    let edges: Vec<join::Edge> = blocks
        .iter()
        .zip(&kinds)
        .map(|(b, k)| {
            if *k == Kind::Body || placed_as_body(*k) {
                join::Edge::new(lex, &b.text)
            } else {
                join::Edge::default()
            }
        })
        .collect();
    let words = std::cell::RefCell::new(HashMap::default());
    let mut decisions: Vec<Decision> = Vec::new();
    for _ in 0..MAX_PASSES {
        let page_regions: Vec<RegionId> = regions.iter().flatten().copied().collect();
        let model = Model {
            lex,
            blocks: &blocks,
            terms: &terms,
            sets: &sets,
            mentions: &mentions,
            profiles: &profiles,
            previous: &previous,
            page_regions: &page_regions,
            edges: &edges,
            words: &words,
        };
        let next = thread::search(&steps, &model);
        if next == decisions {
            break;
        }
        decisions = next;
        // Profiles and regions from this pass's articles, for the next.
        let mut trial = drafts.clone();
        thread::apply(&mut trial, &steps, &decisions);
        previous = vec![None; blocks.len()];
        for (step, d) in steps.iter().zip(&decisions) {
            previous[step.block] = Some(d.article);
        }
        regions = infer_regions(&evidence, &trial, &headline_regions, &cards);
        profiles = profiles_of(&trial, &regions, &sets);
    }

    let mut drafts = drafts;
    thread::apply(&mut drafts, &steps, &decisions);
    let regions = infer_regions(&evidence, &drafts, &headline_regions, &cards);
    let mut articles: Vec<Article> =
        drafts.iter().zip(&regions).map(|(d, r)| article(&blocks, d, *r)).collect();
    attach_kickers(&blocks, &kinds, &drafts, &headline_regions, &mut articles);
    let wanted: Vec<(&str, Option<&str>)> =
        cards.iter().map(|c| (c.text.as_str(), c.region.map(region::short_name))).collect();
    let sources = quotes::find_sources(&wanted, &articles);
    let quotes = cards
        .iter()
        .zip(sources)
        .map(|(c, source)| QuoteCard {
            region: c.region.map(|r| region::short_name(r).to_owned()),
            speaker: c.speaker.clone(),
            role: c.role.clone(),
            text: c.text.clone(),
            source,
        })
        .collect();
    let banner = kinds.iter().position(|k| *k == Kind::Banner).map(|i| blocks[i].text.clone());
    let page = Page { schema: SCHEMA.to_owned(), banner, articles, quotes };
    let mut placement = vec![None; blocks.len()];
    for (step, d) in steps.iter().zip(&decisions) {
        placement[step.block] = Some(*d);
    }
    (page, Trace { blocks, kinds, placement })
}

/// Kinds of block that threading may place as body text (a lead or byline out of place).
fn placed_as_body(k: Kind) -> bool {
    matches!(k, Kind::Lead | Kind::Byline)
}

/// Each article's topic profile: the terms of its headline, lead and body blocks.
fn profiles_of(drafts: &[Draft], regions: &[Option<RegionId>], sets: &[TermSet]) -> Vec<Profile> {
    drafts
        .iter()
        .zip(regions)
        .map(|(d, r)| {
            let mut p = Profile::new(*r);
            for b in d.headline.iter().chain(&d.lead).chain(d.paragraphs.iter().flatten()) {
                p.add(&sets[*b]);
            }
            p
        })
        .collect()
}

/// The text keywords are drawn from, for each article: headline, lead and paragraphs.
pub fn keyword_texts(page: &Page) -> Vec<String> {
    page.articles
        .iter()
        .map(|a| {
            let mut t = a.headline.clone();
            for part in a.lead.iter().chain(&a.paragraphs) {
                t.push('\n');
                t.push_str(part);
            }
            t
        })
        .collect()
}

/// The page's furniture: banner, bylines and labels, whose words (the paper's name, the
/// series' slogan) say nothing about one article.
pub fn furniture(page: &Page) -> String {
    let mut parts: Vec<&str> = page.banner.iter().map(String::as_str).collect();
    for a in &page.articles {
        parts.extend(a.byline.as_deref());
        parts.extend(a.kicker.as_deref());
    }
    parts.join("\n")
}

/// Fill in each article's keywords, `n` at most, distinctive among the page's articles.
pub fn add_keywords(page: &mut Page, analyzer: &Analyzer, n: usize) {
    let keywords = analyzer.keywords(&keyword_texts(page), n, &furniture(page));
    for (a, k) in page.articles.iter_mut().zip(keywords) {
        a.keywords = k;
    }
}

/// A quote card as read from its blocks.
struct Card {
    region: Option<RegionId>,
    speaker: String,
    role: Option<String>,
    text: String,
}

fn cards(blocks: &[Block], kinds: &[Kind]) -> Vec<Card> {
    let mut out = Vec::new();
    for (i, k) in kinds.iter().enumerate() {
        if *k != Kind::CardSpeaker || kinds.get(i + 1) != Some(&Kind::CardText) {
            continue;
        }
        let Some((role, name)) = blocks::speaker_line(&blocks[i].text) else { continue };
        let region = (i > 0 && kinds[i - 1] == Kind::CardRegion)
            .then(|| region::lookup(&blocks[i - 1].text))
            .flatten();
        out.push(Card {
            region,
            speaker: name.to_owned(),
            role: role.map(str::to_owned),
            text: blocks[i + 1].text.clone(),
        });
    }
    out
}

/// What each block says about regions, read once: votes from the places it names (a mention
/// of a region's delegation, `X代表团`, counts three times a passing one) and the quote cards
/// whose speaker it names.
struct RegionEvidence {
    votes: Vec<Vec<(RegionId, usize)>>,
    speakers: Vec<Vec<usize>>,
}

impl RegionEvidence {
    fn new(blocks: &[Block], cards: &[Card]) -> Self {
        let votes = blocks
            .iter()
            .map(|b| {
                let chars: Vec<char> = b.text.chars().collect();
                let mut v: Vec<(RegionId, usize)> = Vec::new();
                for m in region::scan(&b.text) {
                    let after: String = chars.iter().skip(m.at + m.len).take(3).collect();
                    let delegation = !m.city && (after.starts_with("代表团") || after.starts_with('团'));
                    let w = if delegation { 3 } else { 1 };
                    match v.iter_mut().find(|(r, _)| *r == m.region) {
                        Some((_, n)) => *n += w,
                        None => v.push((m.region, w)),
                    }
                }
                v
            })
            .collect();
        let names: Vec<&str> = cards.iter().map(|c| c.speaker.as_str()).collect();
        let mut speakers = vec![Vec::new(); blocks.len()];
        if let Ok(ac) = aho_corasick::AhoCorasick::new(&names) {
            for (b, block) in blocks.iter().enumerate() {
                for m in ac.find_overlapping_iter(block.text.as_str()) {
                    let card = m.pattern().as_usize();
                    if !speakers[b].contains(&card) {
                        speakers[b].push(card);
                    }
                }
            }
        }
        RegionEvidence { votes, speakers }
    }
}

/// Each article's region: its headline's, else the one its body and its quote cards point to
/// (a card whose speaker the article names votes for the card's region), else none.
fn infer_regions(
    evidence: &RegionEvidence,
    drafts: &[Draft],
    headline: &[Option<RegionId>],
    cards: &[Card],
) -> Vec<Option<RegionId>> {
    drafts
        .iter()
        .zip(headline)
        .map(|(d, h)| {
            if h.is_some() {
                return *h;
            }
            let mut score: HashMap<RegionId, usize> = HashMap::default();
            let mut named: Vec<usize> = Vec::new();
            for &b in d.headline.iter().chain(&d.lead).chain(d.paragraphs.iter().flatten()) {
                for &(r, n) in &evidence.votes[b] {
                    *score.entry(r).or_default() += n;
                }
                for &c in &evidence.speakers[b] {
                    if !named.contains(&c) {
                        named.push(c);
                    }
                }
            }
            for c in named {
                if let Some(r) = cards[c].region {
                    *score.entry(r).or_default() += 3;
                }
            }
            let mut ranked: Vec<(usize, RegionId)> = score.into_iter().map(|(r, s)| (s, r)).collect();
            ranked.sort_unstable_by(|a, b| b.cmp(a));
            match ranked.as_slice() {
                [(s, r), rest @ ..] if *s >= 2 && rest.first().is_none_or(|(s2, _)| s2 < s) => Some(*r),
                _ => None,
            }
        })
        .collect()
}

fn article(blocks: &[Block], d: &Draft, region: Option<RegionId>) -> Article {
    let text = |b: usize| blocks[b].text.clone();
    let paragraphs: Vec<String> = d
        .paragraphs
        .iter()
        .map(|frags| frags.iter().map(|&b| blocks[b].text.as_str()).collect::<String>())
        .collect();
    let joined = d.paragraphs.iter().enumerate().filter(|(_, f)| f.len() > 1).map(|(i, _)| i).collect();
    let continues = paragraphs.last().is_some_and(|p| !ends_sentence(p));
    Article {
        region: region.map(|r| region::short_name(r).to_owned()),
        headline: d.headline.map(text).unwrap_or_default(),
        kicker: None,
        lead: d.lead.and_then(|b| blocks::lead_text(&blocks[b].text).map(str::to_owned)),
        byline: d.byline.map(text),
        paragraphs,
        continues,
        keywords: Vec::new(),
        joined,
    }
}

/// A kicker right before a headline labels that article. One elsewhere (a column label that
/// the export left at the foot of the page) labels the nearest feature, an article whose
/// headline names no region, before it, else after it, else the article before it.
fn attach_kickers(
    blocks: &[Block],
    kinds: &[Kind],
    drafts: &[Draft],
    headline_regions: &[Option<RegionId>],
    articles: &mut [Article],
) {
    let headline_at: Vec<Option<usize>> = drafts.iter().map(|d| d.headline).collect();
    // Labels left at the foot of the page, one per feature: paired with the features without
    // one, in page order, when there are as many of each.
    let mut foot: Vec<usize> = (0..kinds.len()).rev().take_while(|&i| kinds[i] == Kind::Kicker).collect();
    foot.reverse();
    let features: Vec<usize> = (0..drafts.len())
        .filter(|&a| {
            headline_regions[a].is_none() && headline_at[a].is_some() && articles[a].kicker.is_none()
        })
        .collect();
    let paired = foot.len() > 1 && foot.len() == features.len();
    if paired {
        for (&k, &a) in foot.iter().zip(&features) {
            articles[a].kicker = Some(blocks[k].text.clone());
        }
    }
    for (i, k) in kinds.iter().enumerate() {
        if *k != Kind::Kicker || (paired && foot.contains(&i)) {
            continue;
        }
        let next_headline = kinds.get(i + 1) == Some(&Kind::Headline);
        let target = if next_headline {
            headline_at.iter().position(|h| *h == Some(i + 1))
        } else {
            let feature = |a: &usize| headline_regions[*a].is_none() && headline_at[*a].is_some();
            let before: Vec<usize> =
                (0..drafts.len()).filter(|&a| headline_at[a].is_some_and(|h| h < i)).collect();
            let after: Vec<usize> =
                (0..drafts.len()).filter(|&a| headline_at[a].is_some_and(|h| h > i)).collect();
            before
                .iter()
                .rev()
                .find(|a| feature(a))
                .or_else(|| after.iter().find(|a| feature(a)))
                .or(before.last())
                .copied()
        };
        // Never drop a label: if its article has one already, the nearest article without
        // one takes it; failing that, it joins the label already there.
        let Some(a) = target else { continue };
        let free =
            (0..articles.len()).filter(|&b| articles[b].kicker.is_none()).min_by_key(|&b| b.abs_diff(a));
        let text = blocks[i].text.clone();
        match (articles[a].kicker.is_none(), free) {
            (true, _) => articles[a].kicker = Some(text),
            (false, Some(b)) => articles[b].kicker = Some(text),
            (false, None) => {
                if let Some(k) = articles[a].kicker.as_mut() {
                    k.push(' ');
                    k.push_str(&text);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page from blocks, separated by blank lines.
    fn page(blocks: &[&str]) -> Page {
        reconstruct(&blocks.join("\n\n"))
    }

    fn paragraphs(p: &Page, article: usize) -> Vec<&str> {
        p.articles[article].paragraphs.iter().map(String::as_str).collect()
    }

    #[test]
    fn a_join_inside_a_word_finds_its_fragment_far_away() {
        let p = page(&[
            "北京:聚焦首都都市圈建设",
            "证券时报两会报道组",
            "北京市代表团举行开放团组会议。",
            "要强化北京的辐射带动作用,同时高",
            "上海:推动科创与产业融合",
            "证券时报两会报道组",
            "上海代表团举行开放团组会议。",
            "上海将打造科创中心。",
            "标准服务北京城市副中心建设。",
            "北京周边的轨道交通加快建设。",
        ]);
        assert_eq!(paragraphs(&p, 0)[1], "要强化北京的辐射带动作用,同时高标准服务北京城市副中心建设。");
        assert_eq!(p.articles[0].joined, [1]);
        assert_eq!(paragraphs(&p, 0).len(), 3, "the block after the join stays with 北京");
        assert_eq!(paragraphs(&p, 1), ["上海代表团举行开放团组会议。", "上海将打造科创中心。"]);
        assert!(!p.articles[0].continues);
    }

    #[test]
    fn a_join_at_a_clause_boundary() {
        let p = page(&[
            "河南:稳住粮食压舱石",
            "本报记者 聂晓棠",
            "河南代表团举行开放团组会议。",
            "栾守田说,2025年河南粮食总产量达到1352亿斤,",
            "小麦产量占全国的四分之一以上。",
            "种业是农业的芯片。",
        ]);
        assert_eq!(
            paragraphs(&p, 0),
            [
                "河南代表团举行开放团组会议。",
                "栾守田说,2025年河南粮食总产量达到1352亿斤,小麦产量占全国的四分之一以上。",
                "种业是农业的芯片。"
            ]
        );
    }

    #[test]
    fn two_open_fragments_compete_for_one_continuation() {
        // Both 山东 (…海洋牧) and 福建 (…就业创) are open; 场 completes 牧场, not 创场.
        let p = page(&[
            "山东:向海图强",
            "本报两会特别报道组",
            "山东代表团举行开放团组会议。",
            "于海澜说,要把蓝色粮仓建到深海去,打造世界一流的海洋牧",
            "福建:探索两岸融合发展新路",
            "本报两会特别报道组",
            "福建代表团举行全体会议。",
            "吸引更多台湾青年来闽就业创",
            "场集群。她建议,加快完善深远海养殖用海审批。",
            "山东的海洋经济正走向深蓝。",
        ]);
        assert_eq!(
            paragraphs(&p, 0)[1],
            "于海澜说,要把蓝色粮仓建到深海去,打造世界一流的海洋牧场集群。她建议,加快完善深远海养殖用海审批。"
        );
        assert!(p.articles[1].continues, "福建's fragment is left open: its rest is not on this page");
        assert!(!p.articles[0].continues);
        assert_eq!(paragraphs(&p, 0).len(), 3);
    }

    #[test]
    fn a_paragraph_broken_twice_is_one_paragraph() {
        let p = page(&[
            "四川:用好清洁能源",
            "本报两会特别报道组",
            "四川代表团举行开放团组会议。",
            "四川将统筹推进水风光一体化开发,同时加快",
            "湖北:擦亮光谷科创名片",
            "本报两会特别报道组",
            "湖北代表团举行全体会议。",
            "湖北的光电子信息产业规模已超过1万亿元。",
            "建设特高压外送通道,将为四川培育新质生产",
            "「开局之年」竞逐新赛道 多地代表共话高质量发展",
            "力注入强劲动能。",
            "成渝地区双城经济圈建设,是四川代表关注的焦点。",
        ]);
        assert_eq!(p.banner.as_deref(), Some("「开局之年」竞逐新赛道 多地代表共话高质量发展"));
        assert_eq!(
            paragraphs(&p, 0)[1],
            "四川将统筹推进水风光一体化开发,同时加快建设特高压外送通道,将为四川培育新质生产力注入强劲动能。"
        );
        assert_eq!(p.articles[0].joined, [1]);
        assert_eq!(paragraphs(&p, 0).len(), 3);
        assert_eq!(paragraphs(&p, 1).len(), 2);
    }

    #[test]
    fn nothing_broken_means_no_join() {
        let p = page(&["标题一:正文", "本报记者 张三", "第一段。", "第二段。", "第三段!"]);
        assert_eq!(p.articles[0].paragraphs.len(), 3);
        assert!(p.articles[0].joined.is_empty());
        assert!(!p.articles[0].continues);
    }

    #[test]
    fn a_region_is_inferred_from_the_body_and_the_quote_cards() {
        let p = page(&[
            "重庆",
            "全国人大代表 殷其龙",
            "两小时交通圈是殷其龙工作时的第一个圈。",
            "“黄色法拉利”的大小两个圈",
            "证券时报记者 秦燕玲",
            "3月6日北京迎来节后初霁,多个代表团举行开放团组活动,其中就有重庆团。",
            "殷其龙是一位出租车司机。两小时交通圈是殷其龙工作时的第一个圈。",
        ]);
        assert_eq!(p.articles[0].region.as_deref(), Some("重庆"));
        assert_eq!(p.quotes[0].source, Some(model::Source { article: 0, paragraph: 1 }));
    }

    #[test]
    fn a_headline_region_decides() {
        let p = page(&["广东省：做好制造业", "证券时报两会报道组", "北京和上海的代表也来了。"]);
        assert_eq!(p.articles[0].region.as_deref(), Some("广东"));
    }

    #[test]
    fn crlf_and_full_width_punctuation_read_alike() {
        let lf = page(&[
            "北京：聚焦首都都市圈建设",
            "证券时报两会报道组",
            "代表们积极建言，同时高",
            "标准服务雄安新区建设。",
        ]);
        let crlf = reconstruct(
            "北京：聚焦首都都市圈建设\r\n \r\n证券时报两会报道组\r\n\r\n代表们积极建言，同时高\r\n\r\n标准服务雄安新区建设。\r\n",
        );
        assert_eq!(lf, crlf);
        assert_eq!(crlf.articles[0].region.as_deref(), Some("北京"));
        assert_eq!(crlf.articles[0].paragraphs, ["代表们积极建言，同时高标准服务雄安新区建设。"]);
    }

    #[test]
    fn a_page_without_structure_is_one_article() {
        let p = reconstruct("这是一段文字。\n\n这是另一段文字。");
        assert_eq!(p.articles.len(), 1);
        assert_eq!(p.articles[0].headline, "");
        assert_eq!(p.articles[0].paragraphs.len(), 2);
    }

    #[test]
    fn a_kicker_at_the_foot_of_the_page_labels_the_feature() {
        let p = page(&[
            "北京:聚焦",
            "证券时报两会报道组",
            "正文。",
            "“黄色法拉利”的大小两个圈",
            "证券时报记者 秦燕玲",
            "正文。",
            "记者手记",
        ]);
        assert_eq!(p.articles[0].kicker, None);
        assert_eq!(p.articles[1].kicker.as_deref(), Some("记者手记"));
    }
}
