//! The gazetteer of China's 34 provincial-level divisions (省级行政区), short and full names,
//! and finding them in text.

/// `(short, full)` names of every provincial-level division.
pub const REGIONS: [(&str, &str); 34] = [
    ("北京", "北京市"),
    ("天津", "天津市"),
    ("上海", "上海市"),
    ("重庆", "重庆市"),
    ("河北", "河北省"),
    ("山西", "山西省"),
    ("辽宁", "辽宁省"),
    ("吉林", "吉林省"),
    ("黑龙江", "黑龙江省"),
    ("江苏", "江苏省"),
    ("浙江", "浙江省"),
    ("安徽", "安徽省"),
    ("福建", "福建省"),
    ("江西", "江西省"),
    ("山东", "山东省"),
    ("河南", "河南省"),
    ("湖北", "湖北省"),
    ("湖南", "湖南省"),
    ("广东", "广东省"),
    ("海南", "海南省"),
    ("四川", "四川省"),
    ("贵州", "贵州省"),
    ("云南", "云南省"),
    ("陕西", "陕西省"),
    ("甘肃", "甘肃省"),
    ("青海", "青海省"),
    ("台湾", "台湾省"),
    ("内蒙古", "内蒙古自治区"),
    ("广西", "广西壮族自治区"),
    ("西藏", "西藏自治区"),
    ("宁夏", "宁夏回族自治区"),
    ("新疆", "新疆维吾尔自治区"),
    ("香港", "香港特别行政区"),
    ("澳门", "澳门特别行政区"),
];

/// A region by its index in [`REGIONS`].
pub type RegionId = usize;

/// The short name of a region.
pub fn short_name(id: RegionId) -> &'static str {
    REGIONS[id].0
}

/// The region a name denotes, exactly (short or full name, surrounding space ignored).
pub fn lookup(name: &str) -> Option<RegionId> {
    let name = name.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    REGIONS.iter().position(|(s, f)| *s == name || *f == name)
}

/// The region a text starts with, and the text after it (`广东省：…` → 广东, `…`).
pub fn prefix(text: &str) -> Option<(RegionId, &str)> {
    let mut best: Option<(RegionId, usize)> = None;
    for (id, (short, full)) in REGIONS.iter().enumerate() {
        for name in [*full, *short] {
            if text.starts_with(name) && best.is_none_or(|(_, len)| name.len() > len) {
                best = Some((id, name.len()));
            }
        }
    }
    best.map(|(id, len)| (id, &text[len..]))
}

/// Every mention of a region in `text`, scanning leftmost-longest so that `浙江西部` counts
/// 浙江 and not 江西, and `上海南站` counts 上海 and not 海南. Yields `(region, char offset)`.
pub fn mentions(text: &str) -> Vec<(RegionId, usize)> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while !rest.is_empty() {
        if let Some((id, after)) = prefix(rest) {
            out.push((id, offset));
            offset += rest[..rest.len() - after.len()].chars().count();
            rest = after;
        } else {
            let c = rest.chars().next().map_or(1, char::len_utf8);
            rest = &rest[c..];
            offset += 1;
        }
    }
    out
}

/// How often each region is mentioned in `text`.
pub fn mention_counts(text: &str) -> Vec<(RegionId, usize)> {
    let mut counts: Vec<(RegionId, usize)> = Vec::new();
    for (id, _) in mentions(text) {
        match counts.iter_mut().find(|(r, _)| *r == id) {
            Some((_, n)) => *n += 1,
            None => counts.push((id, 1)),
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_is_complete_and_unique() {
        let mut names: Vec<&str> = REGIONS.iter().flat_map(|(s, f)| [*s, *f]).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 68);
    }

    #[test]
    fn lookup_by_either_name() {
        assert_eq!(lookup("广东").map(short_name), Some("广东"));
        assert_eq!(lookup("广东省").map(short_name), Some("广东"));
        assert_eq!(lookup(" 内蒙古自治区 ").map(short_name), Some("内蒙古"));
        assert_eq!(lookup("广州"), None);
    }

    #[test]
    fn prefixes_take_the_longest_name() {
        let (id, rest) = prefix("广东省：做好制造业").expect("prefix");
        assert_eq!((short_name(id), rest), ("广东", "：做好制造业"));
        assert!(prefix("“黄色法拉利”").is_none());
    }

    #[test]
    fn mentions_scan_leftmost_longest() {
        let names = |t: &str| mentions(t).into_iter().map(|(id, _)| short_name(id)).collect::<Vec<_>>();
        assert_eq!(names("浙江西部和上海南站"), ["浙江", "上海"]);
        assert_eq!(names("重庆主城区与北京"), ["重庆", "北京"]);
        assert_eq!(mention_counts("重庆,重庆,北京").len(), 2);
    }
}
