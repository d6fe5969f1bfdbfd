#!/usr/bin/env python3
"""Builds data/vader_lexicon.tsv and data/emoji_lexicon.tsv from VADER's files (MIT,
github.com/cjhutto/vaderSentiment) in data/public/vader. Keeps token and mean valence.
VADER's file lower-cased two emoticons that differ by case ("D:" dismay vs "d:" tongue-out,
"D=" vs "d="); their first entries get their upper-case form back, and lookup is exact first."""
import os, sys
src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'data', 'public', 'vader')
out_dir = os.path.join(os.path.dirname(__file__), '..', '..', 'data')
seen, rows = set(), []
for line in open(os.path.join(src, 'vader_lexicon.txt'), encoding='utf-8'):
    p = line.rstrip('\n').split('\t')
    if len(p) < 2:
        continue
    tok = p[0]
    if tok in ('d:', 'd=') and tok not in seen:
        seen.add(tok)
        tok = tok.upper()
    rows.append(f'{tok}\t{p[1]}')
lex = {r.split('\t')[0] for r in rows}
open(os.path.join(out_dir, 'vader_lexicon.tsv'), 'w', encoding='utf-8').write('\n'.join(rows) + '\n')
emoji = []
for line in open(os.path.join(src, 'emoji_utf8_lexicon.txt'), encoding='utf-8'):
    p = line.rstrip('\n').split('\t')
    # only single-character emoji whose description carries a lexicon word change a score
    if len(p) == 2 and len(p[0]) == 1 and any(w.lower() in lex for w in p[1].split()):
        emoji.append(f'{p[0]}\t{p[1]}')
open(os.path.join(out_dir, 'emoji_lexicon.tsv'), 'w', encoding='utf-8').write('\n'.join(emoji) + '\n')
print(len(rows), 'lexicon rows;', len(emoji), 'emoji')
