//! The document model: a reconstructed page, as the `kanbao/1` JSON schema describes it
//! (`docs/export-schema.md`). The single source of truth that the reader, the exports and the
//! tests use.

use serde::{Deserialize, Serialize};

/// The schema tag every export carries.
pub const SCHEMA: &str = "kanbao/1";

/// A newspaper page (版面) after reconstruction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub schema: String,
    /// The page's own title (通栏标题), standing apart from every article, or none.
    pub banner: Option<String>,
    /// Articles in order of first appearance on the page.
    pub articles: Vec<Article>,
    /// The sidebar of quote cards (region label, speaker line, quote).
    pub quotes: Vec<QuoteCard>,
}

/// One article (稿件): its furniture and its body, each broken paragraph made whole again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Short region name (北京, 广东, 内蒙古), from the headline or inferred from the body.
    pub region: Option<String>,
    /// The headline (标题). Empty for body text that stands before any headline.
    pub headline: String,
    /// A column label (栏目名) such as 记者手记.
    pub kicker: Option<String>,
    /// The summary (导语) that follows `■`, marker removed.
    pub lead: Option<String>,
    /// The byline (署名): `证券时报两会报道组`, `本报记者 某某`.
    pub byline: Option<String>,
    /// Body paragraphs; a paragraph split across columns is one entry.
    pub paragraphs: Vec<String>,
    /// The body ends mid-sentence and its continuation is not on this page.
    pub continues: bool,
    /// Top keywords of the article, most distinctive first.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Indexes of paragraphs reassembled from fragments (optional in the schema).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joined: Vec<usize>,
}

/// A delegate's quote card (引语卡片) from the page's sidebar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteCard {
    pub region: Option<String>,
    pub speaker: String,
    pub role: Option<String>,
    pub text: String,
    /// The paragraph of the body that says the quote, if any does.
    pub source: Option<Source>,
}

/// Where in the body a quote is said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub article: usize,
    pub paragraph: usize,
}
