#!/usr/bin/env python3
"""Generate tangled newspaper pages, with their gold, from kanbao/1 gold files.

usage: scripts/tangle.py [--seed N] [--count N] [--out DIR] [--mix P] [--no-closer-breaks] GOLD.json...

Each generated page is laid out the way a multi-column print page comes out of a text export:
every article is poured into a few column segments of varying length; a segment that ends
inside a paragraph breaks it (inside a word, after a comma, before a full stop, anywhere in the
running text), and the segments of all articles are then read out interleaved (a
continuation right after its piece, several blocks later, after another article's headline).
The page banner, the run of quote cards and the feature's kicker are placed as on the real
pages. With probability --mix a page mixes the articles of two gold pages.

For every page it writes DIR/pNNNN.txt (the tangled text), DIR/pNNNN.gold.json (its kanbao/1
gold, with `joined`) and DIR/pNNNN.meta.json (how it was tangled: sources, style, segment
order, every break with its kind and what came between the piece and its continuation).

Rules that keep the gold exactly right and every break readable:
- paragraphs are never reordered or edited; a broken paragraph is one gold entry, and its
  index is listed in `joined`; `continues` is copied from the source gold (the open last
  paragraph stays open, its continuation absent);
- a paragraph is broken only where the first piece does not end a sentence (not after
  。！？…!? or a closing quote/bracket following one, nor after a full stop that is not a
  decimal point), never inside a number or a Latin word, never next to a space, never right
  after an opening quote; at most twice; every piece is at least MIN_PIECE characters, holds
  MIN_HAN Han characters and a punctuation mark, so no piece can pass for a title or a label
  and every continuation carries some text to recognise it by;
- a column segment other than an article's first always starts with the continuation of a
  broken paragraph (a column that started with a fresh paragraph of another article would be
  undetectable without a headline), so every cut between two segments is inside a paragraph;
- articles appear in the gold order of their headlines; a feature (an article with a kicker)
  comes last and its kicker is the very last block; at most one feature per page;
- quote cards keep their text; their `source` is re-indexed to the page's articles.
Standard library only; the same --seed gives the same pages.
"""
import argparse
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LEXICON = os.path.join(HERE, "..", "assets", "lexicon.tsv")

SENTENCE_END = set("。！？!?…．｡")
CLOSERS = set("”’」』）)》〉】〕\"'")
OPENERS = set("“‘「『（(《〈【〔")
CLAUSE = set("，,、；;：:")
TEXT_PUNCT = SENTENCE_END | CLAUSE | {"."}
MIN_PIECE = 6
CLOSER_BREAKS = True  # breaks right after a bare closing quote (…这个“牛鼻子”|); --no-closer-breaks
MIN_HAN = 4  # a piece carries at least this many Han characters (no bare "1200个。" tails)

FULL_TO_HALF = {"，": ",", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")"}
HALF_TO_FULL = {v: k for k, v in FULL_TO_HALF.items()}


def is_han(c):
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def is_ascii_alnum(c):
    return c.isascii() and c.isalnum()


def ends_sentence(s):
    """As a reader (and kanbao's punct::ends_sentence) sees a piece's end."""
    s = s.rstrip()
    i = len(s) - 1
    saw_closer = False
    while i >= 0 and s[i] in CLOSERS:
        saw_closer = True
        i -= 1
    if i < 0:
        return True
    c = s[i]
    if c in SENTENCE_END:
        return True
    if c == ".":
        return not (i > 0 and s[i - 1].isdigit())
    return None if saw_closer else False  # None: a bare closing quote ("…这个“牛鼻子”")


def punct_style(text):
    half = sum(text.count(c) for c in ",:;?!()")
    full = sum(text.count(c) for c in "，：；？！（）")
    return "half" if half > full else "full"


def convert(s, style):
    if s is None:
        return None
    table = FULL_TO_HALF if style == "half" else HALF_TO_FULL
    return "".join(table.get(c, c) for c in s)


def load_lexicon():
    words = {}
    try:
        with open(LEXICON, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                w, _, n = line.rstrip("\n").partition("\t")
                if 2 <= len(w) <= 4:
                    words[w] = int(n)
    except OSError:
        print(f"tangle: {LEXICON} not found; no word-spanning breaks", file=sys.stderr)
    return words


# ---------------------------------------------------------------------------------------
# Sources


class Source:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path).removesuffix(".gold.json")
        self.doc = json.load(open(path, encoding="utf-8"))
        if self.doc.get("schema") != "kanbao/1":
            sys.exit(f"tangle: {path} is not kanbao/1")
        text = json.dumps(self.doc, ensure_ascii=False)
        self.style = punct_style(text)


def article_copy(a):
    return {
        "region": a.get("region"),
        "headline": a["headline"],
        "kicker": a.get("kicker"),
        "lead": a.get("lead"),
        "byline": a.get("byline"),
        "paragraphs": list(a["paragraphs"]),
        "continues": bool(a.get("continues")),
    }


def pick_content(rng, sources, mix):
    """Articles (with their source ids), quotes, banner candidates and punctuation style."""
    if len(sources) >= 2 and rng.random() < mix:
        pair = rng.sample(sources, 2)
        regional = [(s, i) for s in pair for i, a in enumerate(s.doc["articles"]) if not a.get("kicker")]
        features = [(s, i) for s in pair for i, a in enumerate(s.doc["articles"]) if a.get("kicker")]
        want = min(len(regional), rng.choice([4, 5, 5, 6]))
        # at least one regional article of each page, when it has any
        chosen = []
        for s in pair:
            own = [x for x in regional if x[0] is s]
            if own:
                chosen.append(rng.choice(own))
        rest = [x for x in regional if x not in chosen]
        rng.shuffle(rest)
        chosen += rest[: max(0, want - len(chosen))]
        rng.shuffle(chosen)
        if features and rng.random() < 0.75:
            chosen.append(rng.choice(features))
        banners = [s.doc.get("banner") for s in pair if s.doc.get("banner")]
        style = rng.choice(["half", "full"])
        kind = "mix"
    else:
        s = rng.choice(sources)
        pair = [s]
        chosen = [(s, i) for i in range(len(s.doc["articles"]))]
        regional = [x for x in chosen if not s.doc["articles"][x[1]].get("kicker")]
        features = [x for x in chosen if x not in regional]
        if rng.random() < 0.3:
            rng.shuffle(regional)  # another order of the regional articles on the page
        chosen = regional + features[:1]
        banners = [s.doc["banner"]] if s.doc.get("banner") else []
        if not banners and rng.random() < 0.3:
            banners = [b for b in (t.doc.get("banner") for t in sources) if b][:1]
        style = s.style if rng.random() < 0.8 else ("full" if s.style == "half" else "half")
        kind = "single"

    index = {(id(s), i): k for k, (s, i) in enumerate(chosen)}
    articles = [article_copy(s.doc["articles"][i]) for s, i in chosen]
    regions = {a["region"] for a in articles}
    quotes, speakers = [], set()
    for s in pair:
        for q in s.doc.get("quotes", []):
            src = q.get("source")
            if src is not None:
                k = index.get((id(s), src["article"]))
                if k is None:
                    continue
                src = {"article": k, "paragraph": src["paragraph"]}
            elif q.get("region") not in regions:
                continue
            if q["speaker"] in speakers:
                continue
            speakers.add(q["speaker"])
            quotes.append({"region": q.get("region"), "speaker": q["speaker"], "role": q.get("role"),
                           "text": q["text"], "source": src})
    if kind == "mix" and rng.random() < 0.5:
        rng.shuffle(quotes)
    banner = rng.choice(banners) if banners and rng.random() < 0.88 else None

    for a in articles:
        for f in ("headline", "kicker", "lead", "byline"):
            a[f] = convert(a[f], style)
        a["paragraphs"] = [convert(p, style) for p in a["paragraphs"]]
    for q in quotes:
        for f in ("speaker", "role", "text"):
            q[f] = convert(q[f], style)
    banner = convert(banner, style)
    return kind, [s.name for s in pair], style, articles, quotes, banner


# ---------------------------------------------------------------------------------------
# Breaks


def break_ok(p, i):
    """Can paragraph p break before index i (pieces p[:i], p[i:]) at all?"""
    if i < MIN_PIECE or len(p) - i < MIN_PIECE:
        return False
    a, b = p[i - 1], p[i]
    if a.isspace() or b.isspace() or a in OPENERS:
        return False
    if is_ascii_alnum(a) and is_ascii_alnum(b):
        return False
    if (a.isdigit() and b in ".,") or (a in ".," and b.isdigit()):
        return False
    end = ends_sentence(p[:i])
    return end is False or (end is None and CLOSER_BREAKS)


def break_kind(p, i, lex):
    a, b = p[i - 1], p[i]
    if ends_sentence(p[:i]) is None:
        return "closer"
    if a in CLAUSE:
        return "comma"
    if b in SENTENCE_END or b in CLAUSE:
        return "before-punct"
    if is_han(a) and is_han(b):
        for left in range(1, 4):
            for right in range(1, 5 - left):
                if i - left < 0 or i + right > len(p):
                    continue
                w = p[i - left:i + right]
                if all(is_han(c) for c in w) and lex.get(w, 0) >= 50:
                    return "word"
        return "han"
    return "other"


KIND_WEIGHTS = {"any": 0.46, "comma": 0.17, "before-punct": 0.13, "word": 0.22, "closer": 0.02}


def choose_break(rng, p, lo, hi, target, lex):
    """A break position in p within [lo, hi] near target, of a randomly chosen kind."""
    cands = [i for i in range(max(lo, 1), min(hi, len(p) - 1) + 1) if break_ok(p, i)]
    if not cands:
        return None
    want = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    if want != "any":
        typed = [i for i in cands if break_kind(p, i, lex) == want]
        if want == "before-punct":  # mostly before the full stop
            stops = [i for i in typed if p[i] in SENTENCE_END]
            if stops and rng.random() < 0.7:
                typed = stops
        if typed:
            cands = typed
    best = min(abs(i - target) for i in cands)
    near = [i for i in cands if abs(i - target) <= best + 3]
    return rng.choice(near)


def has_punct(s):
    return any(c in TEXT_PUNCT for c in s)


def layout_article(rng, art, lex, col_len):
    """Cut an article into column segments. Returns (segments, cuts); a segment is a list of
    blocks (dicts), cuts are (paragraph, offset) pairs, in order."""
    paras = art["paragraphs"]
    header = len(art["headline"]) + len(art["lead"] or "") + len(art["byline"] or "")
    total = header + sum(len(p) for p in paras)
    # number of segments from the column length, at least 1
    k = max(1, min(5, round(total / col_len + rng.uniform(-0.6, 0.6))))
    if rng.random() < 0.08:
        k = 1
    weights = [rng.uniform(0.55, 1.45) for _ in range(k)]
    scale = total / sum(weights)
    targets, acc = [], 0.0
    for w in weights[:-1]:
        acc += w * scale
        targets.append(acc)
    # positions in the body stream
    starts, pos = [], header
    for p in paras:
        starts.append(pos)
        pos += len(p)
    cuts = []
    for t in targets:
        t = max(t, header + MIN_PIECE)
        pi = max([j for j in range(len(paras)) if starts[j] <= t] or [0])
        order = sorted(range(len(paras)), key=lambda j: (abs(j - pi), j < pi))
        for j in order:
            if cuts and j < cuts[-1][0]:
                continue
            prev = [o for q, o in cuts if q == j]
            if len(prev) >= 2:
                continue
            lo = max(prev) + 12 if prev else 1
            off = min(max(int(t - starts[j]), 0), len(paras[j]))
            b = choose_break(rng, paras[j], lo, len(paras[j]) - 1, off, lex)
            if b is not None:
                cuts.append((j, b))
                break
    cuts.sort()
    # pieces must hold punctuation and a minimal length; drop cuts that would violate it
    def pieces_ok(j, offs):
        bounds = [0] + offs + [len(paras[j])]
        segs = [paras[j][x:y] for x, y in zip(bounds, bounds[1:])]
        return all(len(s.strip()) >= MIN_PIECE and has_punct(s) and sum(map(is_han, s)) >= MIN_HAN
                   for s in segs)

    kept = []
    for j in sorted({j for j, _ in cuts}):
        offs = sorted(o for q, o in cuts if q == j)
        while offs and not pieces_ok(j, offs):
            offs.pop(rng.randrange(len(offs)))
        kept += [(j, o) for o in offs]
    cuts = kept
    # build segments
    segments = [[]]
    segments[0].append({"kind": "headline", "text": art["headline"]})
    if art["lead"]:
        segments[0].append({"kind": "lead", "text": "■ " + art["lead"]})
    if art["byline"]:
        segments[0].append({"kind": "byline", "text": art["byline"]})
    for j, p in enumerate(paras):
        offs = [o for q, o in cuts if q == j]
        bounds = [0] + offs + [len(p)]
        for n, (x, y) in enumerate(zip(bounds, bounds[1:])):
            if n > 0:
                segments.append([])
            segments[-1].append({"kind": "body", "text": p[x:y], "para": j, "piece": n,
                                 "pieces": len(bounds) - 1})
    return segments, cuts


# ---------------------------------------------------------------------------------------
# The page


def interleave(rng, segs):
    """Order all segments: each article's in order, first segments in article order, never
    more than max_open fragments waiting for their continuation."""
    n = len(segs)
    nxt = [0] * n
    started = 0
    order = []
    max_open = rng.choice([1, 2, 2, 3])
    p_stay = rng.choice([0.1, 0.25, 0.4])
    last = None
    while len(order) < sum(len(s) for s in segs):
        pending = [a for a in range(started) if 0 < nxt[a] < len(segs[a])]
        cands, weights = [], []
        if started < n and len(pending) < max_open:
            cands.append(started)
            weights.append(1.2)
        for a in pending:
            cands.append(a)
            weights.append(p_stay * 6 if a == last else 1.0)
        a = rng.choices(cands, weights=weights)[0]
        if a == started:
            started += 1
        order.append((a, nxt[a]))
        nxt[a] += 1
        last = a
    return order


def build_page(rng, articles, quotes, banner, lex):
    col_len = rng.choice([420, 520, 650, 800, 950])
    segs, all_cuts = [], []
    for a in articles:
        s, cuts = layout_article(rng, a, lex, col_len * rng.uniform(0.8, 1.25))
        segs.append(s)
        all_cuts.append(cuts)
    order = interleave(rng, segs)

    # the flow of blocks, with the places a banner or the quote run may go
    blocks = []  # dicts: kind, text, article, segment, and para/piece for body text
    seg_bounds = [0]  # block indexes where a segment starts (and the end)
    para_bounds = []  # block indexes between two body blocks of one segment
    for a, si in order:
        seg = segs[a][si]
        for n, b in enumerate(seg):
            if n > 0 and b["kind"] == "body" and seg[n - 1]["kind"] == "body":
                para_bounds.append(len(blocks))
            blocks.append(dict(b, article=a, segment=si))
        seg_bounds.append(len(blocks))

    inserts = {}  # index -> list of runs inserted before blocks[index]
    quote_blocks = []
    for q in quotes:
        speaker = (q["role"] + " " + q["speaker"]) if q["role"] else q["speaker"]
        quote_blocks += [{"kind": "card-region", "text": q["region"] or ""},
                         {"kind": "card-speaker", "text": speaker},
                         {"kind": "card-text", "text": q["text"]}]
    quote_blocks = [b for b in quote_blocks if b["text"]]
    middle_segs = seg_bounds[1:-1]
    banner_at = quotes_at = None
    if banner:
        r = rng.random()
        if r < 0.4 or not (middle_segs or para_bounds):
            banner_at = 0
        else:
            pool = middle_segs * 2 + para_bounds
            banner_at = rng.choice(pool)
        inserts.setdefault(banner_at, []).append([{"kind": "banner", "text": banner}])
    if quote_blocks:
        r = rng.random()
        if r < 0.2:
            quotes_at = 0
        elif r < 0.35 or not middle_segs:
            quotes_at = len(blocks)
        else:
            quotes_at = rng.choice(middle_segs)
        run = inserts.setdefault(quotes_at, [])
        if rng.random() < 0.5:
            run.append(quote_blocks)
        else:
            run.insert(0, quote_blocks)

    page = []
    for i in range(len(blocks) + 1):
        for run in inserts.get(i, []):
            page += run
        if i < len(blocks):
            page.append(blocks[i])
    kicker = next((a["kicker"] for a in articles if a.get("kicker")), None)
    if kicker:
        page.append({"kind": "kicker", "text": kicker})

    # metadata: each break, what came between the piece and its continuation
    breaks = []
    pos = {}
    for i, b in enumerate(page):
        if b["kind"] == "body":
            pos[(b["article"], b["para"], b["piece"])] = i
    open_at = {}
    for a, cuts in enumerate(all_cuts):
        for n, (j, off) in enumerate(cuts):
            piece = sum(1 for q, o in cuts if q == j and o < off)
            i1, i2 = pos[(a, j, piece)], pos[(a, j, piece + 1)]
            p = articles[a]["paragraphs"][j]
            between = [page[x]["kind"] + ("" if "article" not in page[x] else f"@{page[x]['article']}")
                       for x in range(i1 + 1, i2)]
            breaks.append({"article": a, "paragraph": j, "offset": off,
                           "kind": break_kind(p, off, lex),
                           "left": p[max(0, off - 12):off], "right": p[off:off + 12],
                           "piece_block": i1, "continuation_block": i2, "between": between})
    meta = {"column_length": col_len,
            "order": " ".join(f"{a}.{s}" for a, s in order),
            "banner_block": banner_at, "quotes_block": quotes_at,
            "breaks": breaks,
            # every block of the page: kind, and for an article's blocks article.paragraph.piece
            "blocks": [b["kind"] + ("" if "article" not in b else f"@{b['article']}"
                                    + (f".{b['para']}.{b['piece']}" if "para" in b else ""))
                       for b in page]}
    gold_articles = []
    for a, cuts in zip(articles, all_cuts):
        g = dict(a)
        g["joined"] = sorted({j for j, _ in cuts})
        gold_articles.append(g)
    return page, gold_articles, meta


def render(rng, page):
    eol = "\r\n" if rng.random() < 0.25 else "\n"
    spaced = rng.random() < 0.25  # some blank lines hold spaces
    lines = [""] * rng.choice([0, 0, 1, 2, 3, 4])
    for n, b in enumerate(page):
        text = b["text"]
        if rng.random() < 0.03:
            text += " " * rng.randint(1, 3)
        if n > 0:
            for _ in range(1 if rng.random() < 0.9 else 2):
                lines.append(" " * rng.randint(1, 4) if spaced and rng.random() < 0.4 else "")
        lines.append(text)
    return eol.join(lines) + eol, eol


def self_check(text, page, gold):
    """The page text, split the way kanbao splits it, gives back exactly the gold."""
    lines = [l.strip(" \t\u3000") for l in text.replace("\r\n", "\n").split("\n")]
    blocks, cur = [], []
    for l in lines:
        if l:
            cur.append(l)
        elif cur:
            blocks.append("".join(cur))
            cur = []
    if cur:
        blocks.append("".join(cur))
    assert len(blocks) == len(page), (len(blocks), len(page))
    paras = {}
    for text_, b in zip(blocks, page):
        assert text_ == b["text"].strip(), (text_, b["text"])
        if b["kind"] == "body":
            paras.setdefault((b["article"], b["para"]), []).append((b["piece"], text_))
    for a, g in enumerate(gold["articles"]):
        for j, want in enumerate(g["paragraphs"]):
            pieces = sorted(paras[(a, j)])
            assert [n for n, _ in pieces] == list(range(len(pieces)))
            assert "".join(t for _, t in pieces) == want, (a, j)
            assert (len(pieces) > 1) == (j in g["joined"])
            for _, t in pieces[:-1]:
                assert ends_sentence(t) is not True, t
        assert len(paras) >= len(g["paragraphs"])
    assert sum(len(g["paragraphs"]) for g in gold["articles"]) == len(paras)
    for q in gold["quotes"]:
        src = q["source"]
        if src is not None:
            assert 0 <= src["paragraph"] < len(gold["articles"][src["article"]]["paragraphs"])
    heads = [b["text"] for b in page if b["kind"] == "headline"]
    assert heads == [g["headline"] for g in gold["articles"]]
    kick = [b["text"] for b in page if b["kind"] == "kicker"]
    assert kick == [g["kicker"] for g in gold["articles"] if g["kicker"]]
    assert not kick or page[-1]["kind"] == "kicker"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=50)
    ap.add_argument("--out", default="tangled")
    ap.add_argument("--mix", type=float, default=0.3, help="share of pages mixing two gold pages")
    ap.add_argument("--no-closer-breaks", action="store_true",
                    help="never break right after a closing quote that follows no sentence end")
    args = ap.parse_args()
    global CLOSER_BREAKS
    CLOSER_BREAKS = not args.no_closer_breaks
    sources = [Source(p) for p in args.gold]
    lex = load_lexicon()
    os.makedirs(args.out, exist_ok=True)
    for n in range(1, args.count + 1):
        rng = random.Random(f"kanbao-tangle/{args.seed}/{n}")
        kind, names, style, articles, quotes, banner = pick_content(rng, sources, args.mix)
        page, gold_articles, meta = build_page(rng, articles, quotes, banner, lex)
        text, eol = render(rng, page)
        gold = {"schema": "kanbao/1", "banner": banner, "articles": gold_articles, "quotes": quotes}
        self_check(text, page, gold)
        meta = dict({"kind": kind, "sources": names, "punctuation": style,
                     "line_ending": "crlf" if eol == "\r\n" else "lf"}, **meta)
        stem = os.path.join(args.out, f"p{n:04d}")
        with open(stem + ".txt", "w", encoding="utf-8", newline="") as f:
            f.write(text)
        with open(stem + ".gold.json", "w", encoding="utf-8") as f:
            json.dump(gold, f, ensure_ascii=False, indent=2)
            f.write("\n")
        with open(stem + ".meta.json", "w", encoding="utf-8") as f:
            json.dump(meta, f, ensure_ascii=False, indent=1)
            f.write("\n")
    print(f"tangle: {args.count} pages in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
