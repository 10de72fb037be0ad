//! Threading: deciding, for every body block, whether it starts a paragraph or continues an
//! open fragment (a paragraph cut off at the foot of a column), and so which article it
//! belongs to.
//!
//! The page is read as columns in flow. A body block belongs to the article whose column is
//! being read (the *current* article), and the flow moves to another article only at a
//! headline or where a block continues another article's open fragment. Choices are made for
//! the whole page together: a beam search over "new paragraph here, or continues open fragment
//! k" for every block, since one early greedy mistake cascades through every block after it.
//! Each hypothesis pays for what it assumes: a join with no word across the break, a jump to a
//! far fragment, blocks that fit their article's topic worse than another's, a fragment left
//! open at the end.

use rustc_hash::FxHashMap as HashMap;

use crate::text::lexicon::Lexicon;
use crate::text::punct::ends_sentence;

use super::blocks::{Block, Kind};
use super::join::{Edge, Quotes, quotes_at, spanning_word_at};
use super::region::RegionId;
use super::topic::{Profile, TermSet, Terms, region_fit};

/// An article as threading builds it: block indexes, not yet text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub headline: Option<usize>,
    pub lead: Option<usize>,
    pub byline: Option<usize>,
    /// Body paragraphs, each the blocks (fragments) it is made of.
    pub paragraphs: Vec<Vec<usize>>,
}

/// One body block, with what the page's structure says before any choice: whether a
/// headline moved the flow to a new article since the previous body block (`reset`), and
/// whether the block comes straight after a headline, lead or byline (`fresh`) and so must
/// start a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub block: usize,
    pub reset: Option<usize>,
    pub fresh: bool,
}

/// The articles a page's structure announces, and its body blocks in order.
pub fn skeleton(blocks: &[Block], kinds: &[Kind]) -> (Vec<Draft>, Vec<Step>) {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut steps = Vec::new();
    let mut current: Option<usize> = None;
    let mut reset: Option<usize> = None;
    let mut fresh = false;
    let mut has_body: Vec<bool> = Vec::new();
    for (i, kind) in kinds.iter().enumerate().take(blocks.len()) {
        let mut body = false;
        match kind {
            Kind::Headline => {
                drafts.push(Draft { headline: Some(i), ..Draft::default() });
                has_body.push(false);
                current = Some(drafts.len() - 1);
                reset = current;
                fresh = true;
            }
            Kind::Lead | Kind::Byline => match current {
                Some(a) if !has_body[a] => {
                    let slot = if *kind == Kind::Lead { &mut drafts[a].lead } else { &mut drafts[a].byline };
                    if slot.is_none() {
                        *slot = Some(i);
                    } else {
                        body = true;
                    }
                }
                _ => body = true,
            },
            Kind::Body => body = true,
            Kind::Banner | Kind::Kicker | Kind::CardRegion | Kind::CardSpeaker | Kind::CardText => {}
        }
        if body {
            let a = match current {
                Some(a) => a,
                None => {
                    drafts.push(Draft::default());
                    has_body.push(false);
                    let a = drafts.len() - 1;
                    current = Some(a);
                    reset = current;
                    fresh = true;
                    a
                }
            };
            has_body[a] = true;
            steps.push(Step { block: i, reset: reset.take(), fresh });
            fresh = false;
        }
    }
    (drafts, steps)
}

/// The costs a hypothesis pays. Tuned on the dev pages; see the module documentation.
mod cost {
    /// Starting a new paragraph while the current article's last paragraph is still open.
    pub const ABANDON_OPEN: f64 = 8.0;
    /// Continuing a fragment that is not the one just read.
    pub const FAR_JOIN: f64 = 2.0;
    /// ... growing with the number of body blocks in between.
    pub const FAR_JOIN_PER_LOG_GAP: f64 = 0.3;
    /// A common word across the break: this much, plus the next times ln(frequency).
    pub const WORD: f64 = 2.0;
    pub const WORD_PER_LOG_FREQ: f64 = 0.5;
    /// A block starting with `，` or `”` continues something.
    pub const MID_SENTENCE_JOIN: f64 = -3.0;
    pub const MID_SENTENCE_NEW: f64 = 10.0;
    /// ... but not a fragment that itself ends on a mark (`，` then `，`).
    pub const DOUBLE_MARK: f64 = 10.0;
    /// A block opening like a paragraph (a quotation, a date) is less likely a continuation.
    pub const PARAGRAPH_OPENING_JOIN: f64 = 1.0;
    /// Quotation marks that pair across the break, or would not.
    pub const QUOTE_CLOSE: f64 = -2.0;
    pub const QUOTE_CLASH: f64 = 6.0;
    /// Moving the flow to another article without a join.
    pub const SWITCH: f64 = 6.0;
    /// A fragment still open at the end of the page.
    pub const OPEN_AT_END: f64 = 2.5;
    /// Weight of a block fitting another article better than its own.
    pub const TOPIC: f64 = 5.0;
    /// Weight of region mentions against shared terms in a block's fit.
    pub const REGION: f64 = 0.5;
}

/// Hypotheses kept at each block.
const BEAM: usize = 32;
/// Articles, most recently announced first, that a block is compared with and may move to.
const RECENT: usize = 8;
/// A fragment stays open for a continuation while its article is among this many most recently
/// announced and no more than [`MAX_GAP`] body blocks have passed; then it is left open for
/// good (paying [`cost::OPEN_AT_END`] there). A continuation turns up on the same page, so
/// this bounds the open fragments, and with them the search's cost per block, on a whole issue.
const OPEN_ARTICLES: usize = 12;
const MAX_GAP: usize = 60;

/// What the search knows of the page's blocks and articles.
pub struct Model<'a> {
    pub lex: &'a Lexicon,
    pub blocks: &'a [Block],
    pub terms: &'a Terms,
    /// Term set of each block (empty for blocks that are not text).
    pub sets: &'a [TermSet],
    /// Region mentions of each block.
    pub mentions: &'a [Vec<(RegionId, usize)>],
    /// Each article's profile.
    pub profiles: &'a [Profile],
    /// The article each block was given in the previous pass, whose profile then holds it.
    pub previous: &'a [Option<usize>],
    pub page_regions: &'a [RegionId],
    /// Each block's edges (empty for blocks that are not text).
    pub edges: &'a [Edge],
    /// Words spanning a break, by (fragment, block): the same in every pass and hypothesis.
    pub words: &'a std::cell::RefCell<HashMap<(usize, usize), Option<u32>>>,
}

impl Model<'_> {
    fn fit(&self, block: usize, article: usize) -> f64 {
        let p = &self.profiles[article];
        p.similarity(self.terms, &self.sets[block], self.previous[block] == Some(article))
            + cost::REGION * region_fit(&self.mentions[block], p.region, self.page_regions)
    }

    fn text(&self, block: usize) -> &str {
        &self.blocks[block].text
    }

    fn join_cost(&self, fragment: usize, block: usize, adjacent: bool, gap: usize) -> f64 {
        let mut c = if adjacent {
            0.0
        } else {
            cost::FAR_JOIN + cost::FAR_JOIN_PER_LOG_GAP * (1.0 + gap as f64).ln()
        };
        let (left, right) = (&self.edges[fragment], &self.edges[block]);
        let word = *self
            .words
            .borrow_mut()
            .entry((fragment, block))
            .or_insert_with(|| spanning_word_at(self.lex, left, right).map(|(_, f)| f));
        if let Some(f) = word {
            c -= cost::WORD + cost::WORD_PER_LOG_FREQ * f64::from(f).ln();
        }
        if right.starts_mid_sentence {
            // `，` cannot follow `，`: a fragment that ends on a mark is not continued by a
            // block that starts with one.
            c += if left.ends_on_mark { cost::DOUBLE_MARK } else { cost::MID_SENTENCE_JOIN };
        } else if right.starts_like_paragraph {
            c += cost::PARAGRAPH_OPENING_JOIN;
        }
        c + match quotes_at(left, right) {
            Quotes::Close => cost::QUOTE_CLOSE,
            Quotes::Neutral => 0.0,
            Quotes::Clash => cost::QUOTE_CLASH,
        }
    }

    fn new_paragraph_cost(&self, block: usize) -> f64 {
        if self.edges[block].starts_mid_sentence { cost::MID_SENTENCE_NEW } else { 0.0 }
    }
}

/// The decision for one body block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub article: usize,
    /// Continues the article's open last paragraph, rather than starting a new one.
    pub join: bool,
}

/// What a hypothesis's future depends on: the current article, and the articles whose last
/// paragraph is open, each with the block that leaves it open (sorted). Hypotheses in the same
/// state are merged, keeping the cheaper.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct State {
    current: usize,
    open: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
struct Hyp {
    cost: f64,
    state: State,
    /// Index of this hypothesis's last decision in the arena.
    at: usize,
}

/// The cheapest way found to a state: its cost, and the decision and parent that lead there.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    cost: f64,
    parent: usize,
    decision: Decision,
}

/// Decide every body block of the page; one decision per step, in order.
pub fn search(steps: &[Step], model: &Model) -> Vec<Decision> {
    if steps.is_empty() {
        return Vec::new();
    }
    let step_of: HashMap<usize, usize> = steps.iter().enumerate().map(|(i, s)| (s.block, i)).collect();
    // Decisions of all hypotheses: (parent, decision); usize::MAX is the root.
    let mut arena: Vec<(usize, Decision)> = Vec::new();
    let mut beam =
        vec![Hyp { cost: 0.0, state: State { current: usize::MAX, open: Vec::new() }, at: usize::MAX }];
    let mut announced: Vec<usize> = Vec::new();
    for (si, step) in steps.iter().enumerate() {
        if let Some(a) = step.reset {
            announced.push(a);
        }
        let b = step.block;
        let recent: Vec<usize> = announced.iter().rev().take(RECENT).copied().collect();
        // Fits computed once per step for the few articles asked about.
        let mut fits: Vec<(usize, f64)> = Vec::with_capacity(RECENT + OPEN_ARTICLES);
        let mut fit = |a: usize| match fits.iter().find(|(x, _)| *x == a) {
            Some(&(_, f)) => f,
            None => {
                let f = model.fit(b, a);
                fits.push((a, f));
                f
            }
        };
        let best_recent = recent.iter().map(|&a| fit(a)).fold(f64::NEG_INFINITY, f64::max);
        let mut topic = |a: usize| cost::TOPIC * (best_recent.max(fit(a)) - fit(a));
        let text_open = !ends_sentence(model.text(b));
        // Fragments past their reach are left open for good.
        let reachable: Vec<usize> = announced.iter().rev().take(OPEN_ARTICLES).copied().collect();
        for h in &mut beam {
            let before = h.state.open.len();
            h.state.open.retain(|&(a, frag)| {
                reachable.contains(&a) && si - step_of.get(&frag).copied().unwrap_or(si) <= MAX_GAP
            });
            h.cost += cost::OPEN_AT_END * (before - h.state.open.len()) as f64;
        }
        let mut next: HashMap<State, Candidate> = HashMap::default();
        for h in &beam {
            let current = step.reset.unwrap_or(h.state.current);
            let mut options: Vec<(Decision, f64)> = Vec::new();
            if step.fresh {
                options.push((Decision { article: current, join: false }, 0.0));
            } else {
                let current_open = h.state.open.iter().any(|&(a, _)| a == current);
                let abandon = if current_open { cost::ABANDON_OPEN } else { 0.0 };
                options.push((
                    Decision { article: current, join: false },
                    abandon + model.new_paragraph_cost(b) + topic(current),
                ));
                for &(a, frag) in &h.state.open {
                    let gap = si - step_of.get(&frag).copied().unwrap_or(si);
                    let c = model.join_cost(frag, b, a == current, gap.saturating_sub(1));
                    options.push((Decision { article: a, join: true }, c + topic(a)));
                }
                for &a in recent.iter().filter(|&&a| a != current) {
                    // A new paragraph there abandons that article's open fragment, if any.
                    let abandon =
                        if h.state.open.iter().any(|&(o, _)| o == a) { cost::ABANDON_OPEN } else { 0.0 };
                    options.push((
                        Decision { article: a, join: false },
                        cost::SWITCH + abandon + model.new_paragraph_cost(b) + topic(a),
                    ));
                }
            }
            for (decision, c) in options {
                let mut open: Vec<(usize, usize)> =
                    h.state.open.iter().copied().filter(|&(a, _)| a != decision.article).collect();
                if text_open {
                    open.push((decision.article, b));
                    open.sort_unstable();
                }
                let cand = Candidate { cost: h.cost + c, parent: h.at, decision };
                let state = State { current: decision.article, open };
                if next.get(&state).is_none_or(|old| cand.cost < old.cost) {
                    next.insert(state, cand);
                }
            }
        }
        // Keep the best hypotheses, recording only their decisions: the arena grows by at most
        // the beam's width per block, whatever the number of candidates.
        let mut kept: Vec<(State, Candidate)> = next.into_iter().collect();
        let order = |(sx, x): &(State, Candidate), (sy, y): &(State, Candidate)| {
            x.cost.total_cmp(&y.cost).then_with(|| (x.parent, sx).cmp(&(y.parent, sy)))
        };
        if kept.len() > BEAM {
            kept.select_nth_unstable_by(BEAM, order);
            kept.truncate(BEAM);
        }
        kept.sort_by(order);
        beam = kept
            .into_iter()
            .map(|(state, c)| {
                arena.push((c.parent, c.decision));
                Hyp { cost: c.cost, state, at: arena.len() - 1 }
            })
            .collect();
    }
    let best = beam
        .iter()
        .min_by(|x, y| {
            let cx = x.cost + cost::OPEN_AT_END * x.state.open.len() as f64;
            let cy = y.cost + cost::OPEN_AT_END * y.state.open.len() as f64;
            cx.total_cmp(&cy).then_with(|| x.at.cmp(&y.at))
        })
        .map_or(usize::MAX, |h| h.at);
    let mut out = Vec::with_capacity(steps.len());
    let mut at = best;
    while at != usize::MAX {
        let (parent, d) = arena[at];
        out.push(d);
        at = parent;
    }
    out.reverse();
    out
}

/// Lay the decisions into the drafts' paragraphs.
pub fn apply(drafts: &mut [Draft], steps: &[Step], decisions: &[Decision]) {
    for (step, d) in steps.iter().zip(decisions) {
        let paragraphs = &mut drafts[d.article].paragraphs;
        match paragraphs.last_mut() {
            Some(last) if d.join => last.push(step.block),
            _ => paragraphs.push(vec![step.block]),
        }
    }
}
