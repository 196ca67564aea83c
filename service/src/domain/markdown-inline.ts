/** Inline Markdown (emphasis, code spans, links, escapes) reduced to the text a reader sees. */
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** Reduces inline Markdown to the text a reader sees: emphasis, code spans, links, escapes. */
export function inlineToText(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    const next = source[i + 1] ?? '';
    if (ch === '\\' && ASCII_PUNCTUATION.test(next)) {
      out += next;
      i += 2;
      continue;
    }
    if (ch === '`') {
      const run = runLength(source, i, '`');
      const close = findRun(source, i + run, '`', run, () => true);
      if (close >= 0) {
        const code = source.slice(i + run, close);
        out += /^ .* $/.test(code) && code.trim() !== '' ? code.slice(1, -1) : code;
        i = close + run;
        continue;
      }
      out += source.slice(i, i + run);
      i += run;
      continue;
    }
    if (ch === '[' || (ch === '!' && next === '[')) {
      const link = readLink(source, ch === '!' ? i + 1 : i);
      if (link) {
        out += inlineToText(link.text);
        i = link.end;
        continue;
      }
    }
    if (ch === '<') {
      const auto = /^<((?:https?|mailto):[^\s<>]+|[^\s<>@]+@[^\s<>@]+)>/.exec(source.slice(i));
      if (auto) {
        out += auto[1];
        i += auto[0].length;
        continue;
      }
    }
    if (ch === '*' || ch === '_' || ch === '~') {
      const run = runLength(source, i, ch);
      const opens = run <= 3 && /\S/.test(source[i + run] ?? '') && !(ch === '_' && /\w/.test(source[i - 1] ?? ''));
      if (opens && (ch !== '~' || run === 2)) {
        const close = findRun(source, i + run, ch, run, (at) => /\S/.test(source[at - 1] ?? '') && !(ch === '_' && /\w/.test(source[at + run] ?? '')));
        if (close > i + run) {
          out += inlineToText(source.slice(i + run, close));
          i = close + run;
          continue;
        }
      }
      out += source.slice(i, i + run);
      i += run;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function runLength(source: string, at: number, ch: string): number {
  let n = 0;
  while (source[at + n] === ch) n++;
  return n;
}

/** The start of the next run of exactly `length` `ch` from `from` that `accept`s, or -1. */
function findRun(source: string, from: number, ch: string, length: number, accept: (at: number) => boolean): number {
  for (let at = from; at < source.length; at++) {
    if (source[at] === '\\' && ch !== '`') {
      at++;
      continue;
    }
    if (source[at] !== ch) continue;
    const run = runLength(source, at, ch);
    if (run === length && accept(at)) return at;
    at += run - 1;
  }
  return -1;
}

function readLink(source: string, open: number): { text: string; end: number } | null {
  let depth = 0;
  for (let at = open; at < source.length; at++) {
    const ch = source[at];
    if (ch === '\\') at++;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) {
      const target = /^\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)/.exec(source.slice(at + 1));
      if (!target) return null;
      return { text: source.slice(open + 1, at), end: at + 1 + target[0].length };
    }
  }
  return null;
}
