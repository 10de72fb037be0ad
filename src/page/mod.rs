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

use std::collections::HashMap;

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
    let mentions: Vec<Vec<(RegionId, usize)>> = blocks.iter().map(|b| topic::mentions(&b.text)).collect();
    let headline_regions: Vec<Option<RegionId>> =
        drafts.iter().map(|d| d.headline.and_then(|h| blocks::headline_region(&blocks[h].text))).collect();

    let lex = lexicon();
    let mut previous: Vec<Option<usize>> = vec![None; blocks.len()];
    let mut profiles: Vec<Profile> = drafts
        .iter()
        .zip(&headline_regions)
        .map(|(d, r)| {
            let mut p = Profile::new(*r);
            for b in d.headline.iter().chain(&d.lead) {
                p.add(&sets[*b]);
            }
            p
        })
        .collect();
    // The first block after a headline is the article's for certain: it seeds the profile.
    let mut announced = None;
    for s in &steps {
        if let Some(a) = s.reset {
            announced = Some(a);
        }
        if s.fresh
            && let Some(a) = announced
        {
            profiles[a].add(&sets[s.block]);
        }
    }

    let mut decisions: Vec<Decision> = Vec::new();
    let mut regions = headline_regions.clone();
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
        regions = infer_regions(&blocks, &trial, &headline_regions, &cards);
        profiles = trial
            .iter()
            .zip(&regions)
            .map(|(d, r)| {
                let mut p = Profile::new(*r);
                for b in d.headline.iter().chain(&d.lead).chain(d.paragraphs.iter().flatten()) {
                    p.add(&sets[*b]);
                }
                p
            })
            .collect();
    }

    let mut drafts = drafts;
    thread::apply(&mut drafts, &steps, &decisions);
    let regions = infer_regions(&blocks, &drafts, &headline_regions, &cards);
    let mut articles: Vec<Article> = drafts.iter().zip(&regions).map(|(d, r)| article(&blocks, d, *r)).collect();
    attach_kickers(&blocks, &kinds, &drafts, &headline_regions, &mut articles);
    let quotes = cards
        .iter()
        .map(|c| {
            let region = c.region.map(region::short_name);
            QuoteCard {
                region: region.map(str::to_owned),
                speaker: c.speaker.clone(),
                role: c.role.clone(),
                text: c.text.clone(),
                source: quotes::find_source(&c.text, region, &articles),
            }
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

/// Fill in each article's keywords, `n` at most, distinctive among the page's articles.
pub fn add_keywords(page: &mut Page, analyzer: &Analyzer, n: usize) {
    let texts: Vec<String> = page
        .articles
        .iter()
        .map(|a| {
            let mut t = a.headline.clone();
            for part in a.lead.iter().chain(&a.paragraphs) {
                t.push('\n');
                t.push_str(part);
            }
            t
        })
        .collect();
    for (a, k) in page.articles.iter_mut().zip(analyzer.keywords(&texts, n)) {
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
        let region = (i > 0 && kinds[i - 1] == Kind::CardRegion).then(|| region::lookup(&blocks[i - 1].text)).flatten();
        out.push(Card {
            region,
            speaker: name.to_owned(),
            role: role.map(str::to_owned),
            text: blocks[i + 1].text.clone(),
        });
    }
    out
}

/// Each article's region: its headline's, else the one its body and its quote cards point to
/// (a card whose speaker the article names votes for the card's region; a mention of a
/// region's delegation, `X代表团`, counts more than a passing mention), else none.
fn infer_regions(blocks: &[Block], drafts: &[Draft], headline: &[Option<RegionId>], cards: &[Card]) -> Vec<Option<RegionId>> {
    drafts
        .iter()
        .zip(headline)
        .map(|(d, h)| {
            if h.is_some() {
                return *h;
            }
            let text: String = d.headline.iter().chain(&d.lead).chain(d.paragraphs.iter().flatten()).map(|&b| blocks[b].text.as_str()).collect();
            let mut score: HashMap<RegionId, usize> = HashMap::new();
            let chars: Vec<char> = text.chars().collect();
            for (r, at) in region::mentions(&text) {
                let after: String = chars.iter().skip(at + region::short_name(r).chars().count()).take(3).collect();
                let delegation = after.starts_with("代表团") || after.starts_with("团");
                *score.entry(r).or_default() += if delegation { 3 } else { 1 };
            }
            for c in cards {
                if let Some(r) = c.region
                    && text.contains(&c.speaker)
                {
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
fn attach_kickers(blocks: &[Block], kinds: &[Kind], drafts: &[Draft], headline_regions: &[Option<RegionId>], articles: &mut [Article]) {
    let headline_at: Vec<Option<usize>> = drafts.iter().map(|d| d.headline).collect();
    for (i, k) in kinds.iter().enumerate() {
        if *k != Kind::Kicker {
            continue;
        }
        let next_headline = kinds.get(i + 1) == Some(&Kind::Headline);
        let target = if next_headline {
            headline_at.iter().position(|h| *h == Some(i + 1))
        } else {
            let feature = |a: &usize| headline_regions[*a].is_none() && headline_at[*a].is_some();
            let before: Vec<usize> = (0..drafts.len()).filter(|&a| headline_at[a].is_some_and(|h| h < i)).collect();
            let after: Vec<usize> = (0..drafts.len()).filter(|&a| headline_at[a].is_some_and(|h| h > i)).collect();
            before.iter().rev().find(|a| feature(a)).or_else(|| after.iter().find(|a| feature(a))).or(before.last()).copied()
        };
        if let Some(a) = target
            && articles[a].kicker.is_none()
        {
            articles[a].kicker = Some(blocks[i].text.clone());
        }
    }
}

