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

/// Traditional-character forms of names that differ from the simplified ones, with the
/// simplified short name each stands for: pages from Hong Kong, Macao and Taiwan, or set in
/// traditional characters, name the same regions.
pub const TRADITIONAL: [(&str, &str); 30] = [
    ("遼寧", "辽宁"),
    ("遼寧省", "辽宁"),
    ("黑龍江", "黑龙江"),
    ("黑龍江省", "黑龙江"),
    ("江蘇", "江苏"),
    ("江蘇省", "江苏"),
    ("廣東", "广东"),
    ("廣東省", "广东"),
    ("貴州", "贵州"),
    ("貴州省", "贵州"),
    ("雲南", "云南"),
    ("雲南省", "云南"),
    ("陝西", "陕西"),
    ("陝西省", "陕西"),
    ("甘肅", "甘肃"),
    ("甘肅省", "甘肃"),
    ("臺灣", "台湾"),
    ("台灣", "台湾"),
    ("臺灣省", "台湾"),
    ("重慶", "重庆"),
    ("重慶市", "重庆"),
    ("內蒙古", "内蒙古"),
    ("內蒙古自治區", "内蒙古"),
    ("廣西", "广西"),
    ("廣西壯族自治區", "广西"),
    ("西藏自治區", "西藏"),
    ("寧夏", "宁夏"),
    ("寧夏回族自治區", "宁夏"),
    ("新疆維吾爾自治區", "新疆"),
    ("澳門", "澳门"),
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
    let simplified = TRADITIONAL.iter().find(|(t, _)| *t == name).map_or(name, |(_, s)| *s);
    REGIONS.iter().position(|(s, f)| *s == simplified || *f == simplified)
}

/// The region a text starts with, and the text after it (`广东省：…` → 广东, `…`).
pub fn prefix(text: &str) -> Option<(RegionId, &str)> {
    let c = text.chars().next()?;
    let names = index().get(&c)?;
    names.iter().find(|(n, _, city)| !city && text.starts_with(n)).map(|(n, id, _)| (*id, &text[n.len()..]))
}

/// A place name found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub region: RegionId,
    /// Character offset in the text.
    pub at: usize,
    /// Length in characters.
    pub len: usize,
    /// A city's name, standing for its province, rather than the province's own.
    pub city: bool,
}

/// Place names by first character, longest first: `(name, region, is a city)`.
type NameIndex = std::collections::HashMap<char, Vec<(&'static str, RegionId, bool)>>;

/// Every place name the gazetteer knows, indexed by first character, longest first.
fn index() -> &'static NameIndex {
    static INDEX: std::sync::OnceLock<NameIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = NameIndex::new();
        let provinces = REGIONS
            .iter()
            .enumerate()
            .flat_map(|(id, (s, f))| [(*s, id, false), (*f, id, false)])
            .chain(TRADITIONAL.iter().filter_map(|(t, s)| lookup(s).map(|id| (*t, id, false))));
        let cities = CITIES.iter().flat_map(|(prov, list)| {
            let id = lookup(prov);
            list.split(' ').filter_map(move |c| id.map(|id| (c, id, true)))
        });
        for (name, id, city) in provinces.chain(cities) {
            if let Some(c) = name.chars().next() {
                map.entry(c).or_default().push((name, id, city));
            }
        }
        for v in map.values_mut() {
            v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.2.cmp(&b.2)));
        }
        map
    })
}

/// Every place name in `text`, scanning leftmost-longest so that `浙江西部` counts 浙江 and
/// not 江西, `上海南站` counts 上海 and not 海南, and 吉林省 is the province, not the city.
pub fn scan(text: &str) -> Vec<Mention> {
    let index = index();
    let mut out = Vec::new();
    let mut rest = text;
    let mut at = 0;
    while let Some(c) = rest.chars().next() {
        let hit = index.get(&c).and_then(|names| names.iter().find(|(n, _, _)| rest.starts_with(n)));
        if let Some((name, region, city)) = hit {
            let len = name.chars().count();
            out.push(Mention { region: *region, at, len, city: *city });
            at += len;
            rest = &rest[name.len()..];
        } else {
            at += 1;
            rest = &rest[c.len_utf8()..];
        }
    }
    out
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
    fn traditional_names_are_the_same_regions() {
        assert_eq!(lookup("廣東").map(short_name), Some("广东"));
        assert_eq!(prefix("廣東省：做好").map(|(id, rest)| (short_name(id), rest)), Some(("广东", "：做好")));
        assert_eq!(
            scan("臺灣和重慶").iter().map(|m| short_name(m.region)).collect::<Vec<_>>(),
            ["台湾", "重庆"]
        );
        assert!(TRADITIONAL.iter().all(|(_, s)| lookup(s).is_some()));
    }

    #[test]
    fn prefixes_take_the_longest_name() {
        let (id, rest) = prefix("广东省：做好制造业").expect("prefix");
        assert_eq!((short_name(id), rest), ("广东", "：做好制造业"));
        assert!(prefix("“黄色法拉利”").is_none());
    }

    #[test]
    fn mentions_scan_leftmost_longest() {
        let names = |t: &str| {
            scan(t).into_iter().filter(|m| !m.city).map(|m| short_name(m.region)).collect::<Vec<_>>()
        };
        assert_eq!(names("浙江西部和上海南站"), ["浙江", "上海"]);
        assert_eq!(names("重庆主城区与北京"), ["重庆", "北京"]);
    }
}

/// Prefecture-level cities and prefectures (地级行政区), by province: a city named in a block
/// speaks for its province. The four municipalities have none. Names that are also common
/// words (朝阳, 长治, 大同, 白银, 日照, 安康, 大庆, 来宾) are left out.
pub const CITIES: [(&str, &str); 27] = [
    ("河北", "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水"),
    ("山西", "太原 阳泉 晋城 朔州 晋中 运城 忻州 临汾 吕梁"),
    ("内蒙古", "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布"),
    ("辽宁", "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 葫芦岛"),
    ("吉林", "长春 四平 辽源 通化 白山 松原 白城 延边"),
    ("黑龙江", "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 伊春 佳木斯 七台河 牡丹江 黑河 绥化"),
    ("江苏", "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁"),
    ("浙江", "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水"),
    ("安徽", "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城"),
    ("福建", "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德"),
    ("江西", "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶"),
    ("山东", "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 临沂 德州 聊城 滨州 菏泽"),
    ("河南", "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店"),
    ("湖北", "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施"),
    ("湖南", "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西"),
    (
        "广东",
        "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮",
    ),
    ("广西", "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 崇左"),
    ("海南", "海口 三亚 三沙 儋州"),
    (
        "四川",
        "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 凉山",
    ),
    ("贵州", "贵阳 六盘水 遵义 安顺 毕节 铜仁"),
    ("云南", "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 西双版纳 大理"),
    ("西藏", "拉萨 日喀则 昌都 林芝 山南 那曲"),
    ("陕西", "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 商洛"),
    ("甘肃", "兰州 嘉峪关 金昌 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南"),
    ("青海", "西宁 海东 格尔木"),
    ("宁夏", "银川 石嘴山 吴忠 固原 中卫"),
    ("新疆", "乌鲁木齐 克拉玛依 吐鲁番 哈密 喀什 伊犁 阿克苏"),
];

#[cfg(test)]
mod city_tests {
    use super::*;

    #[test]
    fn cities_name_their_province() {
        let names = |t: &str| {
            scan(t).into_iter().filter(|m| m.city).map(|m| short_name(m.region)).collect::<Vec<_>>()
        };
        assert_eq!(names("常州、盐城和杭州"), ["江苏", "江苏", "浙江"]);
        assert_eq!(names("吉林省长春市"), ["吉林"]);
        assert!(names("北京").is_empty());
    }

    #[test]
    fn every_city_list_names_a_province() {
        assert!(CITIES.iter().all(|(p, _)| lookup(p).is_some()));
    }
}
