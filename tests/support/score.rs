//! A port of `score.py` (kept in tests/fixtures as the reference): the same measures, the
//! same report lines. Articles are matched by headline (whitespace ignored), quotes by speaker.

use serde_json::Value;

/// The scorer's report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub lines: Vec<String>,
    pub overall: f64,
    pub joins_ok: usize,
    pub joins_n: usize,
    pub misses: Vec<String>,
}

fn norm(v: &Value) -> Option<String> {
    v.as_str().map(|s| s.chars().filter(|c| !c.is_whitespace()).collect())
}

fn get<'a>(v: &'a Value, k: &str) -> &'a Value {
    v.get(k).unwrap_or(&Value::Null)
}

fn arr(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

/// Python's `repr` of a string or None, close enough for miss lines.
fn repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(b) => {
            if *b {
                "True".into()
            } else {
                "False".into()
            }
        }
        Value::String(s) => format!("'{s}'"),
        other => other.to_string(),
    }
}

/// Score `pred` against `gold`, as `score.py GOLD PRED` does.
pub fn score(gold: &Value, pred: &Value) -> Report {
    let mut points = 0.0f64;
    let mut total = 0usize;
    let mut misses = Vec::new();
    let mut mark = |name: String, ok: bool, detail: String, points: &mut f64, total: &mut usize| {
        *total += 1;
        if ok {
            *points += 1.0;
        } else {
            misses.push(format!(
                "  miss {name}{}",
                if detail.is_empty() { String::new() } else { format!(": {detail}") }
            ));
        }
    };
    let (gb, pb) = (get(gold, "banner"), get(pred, "banner"));
    mark(
        "banner".into(),
        norm(gb) == norm(pb),
        format!("{} != {}", repr(pb), repr(gb)),
        &mut points,
        &mut total,
    );

    let parts = arr(get(pred, "articles"));
    let mut by_head = std::collections::HashMap::new();
    for (i, a) in parts.iter().enumerate() {
        by_head.insert(norm(get(a, "headline")), (i, a));
    }
    let mut art_map = std::collections::HashMap::new();
    let (mut field_ok, mut field_n, mut f1_sum, mut joins_ok, mut joins_n) = (0, 0, 0.0, 0, 0);
    let mut para_misses = Vec::new();
    for (gi, g) in arr(get(gold, "articles")).iter().enumerate() {
        let head = get(g, "headline");
        let Some(&(pi, p)) = by_head.get(&norm(head)) else {
            mark(format!("article {}", repr(head)), false, "not found".into(), &mut points, &mut total);
            for _ in 0..5 {
                field_n += 1;
                mark("field".into(), false, "article missing".into(), &mut points, &mut total);
            }
            joins_n += arr(get(g, "joined")).len();
            total += 1;
            continue;
        };
        mark(format!("article {}", repr(head)), true, String::new(), &mut points, &mut total);
        art_map.insert(gi, pi);
        for f in ["region", "kicker", "lead", "byline", "continues"] {
            let (gv, pv) = (get(g, f), get(p, f));
            let ok = if f == "continues" { gv == pv } else { norm(gv) == norm(pv) };
            field_n += 1;
            field_ok += usize::from(ok);
            mark(
                format!("{f} of {}", repr(head)),
                ok,
                format!("{} != {}", repr(pv), repr(gv)),
                &mut points,
                &mut total,
            );
        }
        let gp: Vec<Option<String>> = arr(get(g, "paragraphs")).iter().map(norm).collect();
        let pp: Vec<Option<String>> = arr(get(p, "paragraphs")).iter().map(norm).collect();
        let mut pool = pp.clone();
        let mut hits = 0usize;
        for x in &gp {
            if let Some(i) = pool.iter().position(|y| y == x) {
                pool.remove(i);
                hits += 1;
            }
        }
        let prec = if pp.is_empty() { 0.0 } else { hits as f64 / pp.len() as f64 };
        let rec = if gp.is_empty() { 1.0 } else { hits as f64 / gp.len() as f64 };
        let f1 = if prec + rec > 0.0 { 2.0 * prec * rec / (prec + rec) } else { 0.0 };
        f1_sum += f1;
        total += 1;
        points += f1;
        if f1 < 1.0 {
            para_misses.push(format!(
                "  paragraphs of {}: F1 {f1:.3} ({hits}/{} gold found, {} given)",
                repr(head),
                gp.len(),
                pp.len()
            ));
        }
        for j in arr(get(g, "joined")) {
            let j = j.as_u64().unwrap_or(0) as usize;
            joins_n += 1;
            let ok = gp.get(j).is_some_and(|x| pp.contains(x));
            joins_ok += usize::from(ok);
            let start: String = arr(get(g, "paragraphs"))
                .get(j)
                .and_then(Value::as_str)
                .unwrap_or("")
                .chars()
                .take(12)
                .collect();
            mark(format!("join '{start}'…"), ok, String::new(), &mut points, &mut total);
        }
    }
    let mut pq = std::collections::HashMap::new();
    for q in arr(get(pred, "quotes")) {
        pq.insert(norm(get(q, "speaker")), q);
    }
    let (mut q_ok, mut q_n) = (0, 0);
    let gold_quotes = arr(get(gold, "quotes"));
    for q in gold_quotes {
        let p = pq.get(&norm(get(q, "speaker")));
        for f in ["region", "role", "text", "source"] {
            q_n += 1;
            let ok = match p {
                None => false,
                Some(p) if f == "source" => {
                    let (gs, ps) = (get(q, "source"), get(p, "source"));
                    if gs.is_null() || ps.is_null() {
                        gs.is_null() && ps.is_null()
                    } else {
                        let ga = get(gs, "article").as_u64().map(|a| a as usize);
                        ga.and_then(|a| art_map.get(&a)).map(|&a| a as u64) == get(ps, "article").as_u64()
                            && get(gs, "paragraph") == get(ps, "paragraph")
                    }
                }
                Some(p) => norm(get(q, f)) == norm(get(p, f)),
            };
            q_ok += usize::from(ok);
            let speaker = get(q, "speaker").as_str().unwrap_or("");
            mark(
                format!("quote {speaker} {f}"),
                ok,
                if p.is_some() { String::new() } else { "quote missing".into() },
                &mut points,
                &mut total,
            );
        }
    }
    let found = gold_quotes.iter().filter(|q| pq.contains_key(&norm(get(q, "speaker")))).count();
    let extra = pq.len() as i64 - found as i64;
    let n_art = arr(get(gold, "articles")).len();
    let overall = points / total as f64;
    let mut all_misses = misses;
    all_misses.extend(para_misses);
    let lines = vec![
        format!("articles: {}/{n_art} found, {} given", art_map.len(), parts.len()),
        format!("article fields: {field_ok}/{field_n}"),
        format!("paragraph F1: {:.3}", if n_art > 0 { f1_sum / n_art as f64 } else { 1.0 }),
        format!("joins: {joins_ok}/{joins_n}"),
        format!("quotes: fields {q_ok}/{q_n}, {extra} not in gold"),
        format!("overall: {overall:.3}"),
    ];
    Report { lines, overall, joins_ok, joins_n, misses: all_misses }
}
