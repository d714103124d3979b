/**
 * Searching legal text fast: small helpers shared by the parser, the analysis and the drafting checks.
 *
 * - `nextMatchNotAfter`: a whole-word search without a leading lookbehind. A pattern that opens with
 *   `(?<![…])` stops V8's regexp engine from skipping ahead to where a match can begin (a search of
 *   a 5 MB statute was ~10× slower), so patterns are searched without it and the condition is
 *   checked by hand where a match is found, resuming where the engine would have resumed.
 * - `lastNonSpace`, `isSpaceCode`: the end of a span's words, without a string and a regexp per character.
 */

/**
 * The next non-empty match of `re` (global) in `text` from `from` that `excludedBefore(text, at)` does
 * not reject. A rejected match is retried one character on (one code point with the `u` flag), as
 * the engine itself would have done with the lookbehind written in.
 */
export function nextMatchNotAfter(re: RegExp, text: string, from: number, excludedBefore: (text: string, at: number) => boolean): RegExpExecArray | null {
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0 || (m.index > 0 && excludedBefore(text, m.index))) {
      re.lastIndex = m.index + (re.unicode && (text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
      continue;
    }
    return m;
  }
  return null;
}

/** `\s` for one UTF-16 code unit (the ASCII ones without making a string). */
export function isSpaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(String.fromCharCode(c));
}

/** Index of the last character in [start, end) of `text` that is not `\s`, or start − 1 if there is none. */
export function lastNonSpace(text: string, start: number, end: number): number {
  let k = end - 1;
  while (k >= start && isSpaceCode(text.charCodeAt(k))) k--;
  return k;
}
