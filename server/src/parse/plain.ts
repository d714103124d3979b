/**
 * `plain`: the bill text with everything that is not readable legal text blanked to spaces, at the
 * same offsets (newlines kept), so that regular expressions run on `plain` give offsets into `text`.
 */
import type { Nodes, Root } from 'mdast';
import { blank } from './markdown.js';

interface Piece {
  start: number;
  end: number;
  /** Replacement of the same length when the source slice is not kept verbatim. */
  str?: string;
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', sect: '§', para: '¶', mdash: '—', ndash: '–',
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', laquo: '«', raquo: '»', hellip: '…', shy: ' ',
};

export function buildPlain(text: string, root: Root): string {
  const pieces: Piece[] = [];
  const n = text.length;
  // Iterative pre-order walk; `quote` marks nodes inside a blockquote.
  const stack: Array<{ node: Nodes; quote: boolean }> = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push({ node: root.children[i] as Nodes, quote: false });
  while (stack.length > 0) {
    const { node, quote } = stack.pop() as { node: Nodes; quote: boolean };
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined || start < 0 || end > n || end < start) continue;
    switch (node.type) {
      case 'text':
        pieces.push(textPiece(text, start, end, node.value, quote));
        continue;
      case 'inlineCode': {
        let s = start;
        let e = end;
        while (s < e && text.charCodeAt(s) === 96) s++;
        while (e > s && text.charCodeAt(e - 1) === 96) e--;
        if (e > s) pieces.push({ start: s, end: e });
        continue;
      }
      case 'code': {
        const first = text.charCodeAt(start);
        if (first === 96 || first === 126 || /^[ \t]{0,3}[`~]/.test(text.slice(start, start + 4))) {
          const nl = nextLineStart(text, start, end);
          let e = end;
          const lastLine = lastLineStart(text, start, end);
          if (lastLine > nl && /^[ \t]*(?:`{3,}|~{3,})[ \t]*$/.test(text.slice(lastLine, end))) e = lastLine;
          if (e > nl) pieces.push(textPiece(text, nl, e, null, quote));
        } else {
          pieces.push(textPiece(text, start, end, null, quote));
        }
        continue;
      }
      case 'html':
      case 'image':
      case 'imageReference':
      case 'break':
      case 'thematicBreak':
      case 'definition':
      case 'yaml':
        continue;
      case 'listItem': {
        const m = /[ \t]*(\d{1,9}[.)])/y;
        m.lastIndex = start;
        const r = m.exec(text);
        if (r) pieces.push({ start: m.lastIndex - (r[1] as string).length, end: m.lastIndex });
        break;
      }
      default:
        break;
    }
    if ('children' in node) {
      const kids = node.children as Nodes[];
      const q = quote || node.type === 'blockquote';
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i] as Nodes, quote: q });
    }
  }
  const out: string[] = [];
  let pos = 0;
  for (const p of pieces) {
    if (p.start < pos) continue; // defensive: never overlap
    if (p.start > pos) out.push(blank(text.slice(pos, p.start)));
    out.push(p.str ?? text.slice(p.start, p.end));
    pos = p.end;
  }
  if (pos < n) out.push(blank(text.slice(pos)));
  const plain = out.join('');
  return plain.length === n ? plain : blank(text); // invariant guard
}

function textPiece(text: string, start: number, end: number, value: string | null, quote: boolean): Piece {
  const slice = text.slice(start, end);
  let str = slice;
  if (value !== null && value.length !== slice.length) {
    // Backslash escapes and character references: keep the character, blank the syntax.
    str = str.replace(/\\([!-/:-@[-`{-~])/g, ' $1').replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (all: string, name: string) => {
      let ch: string | undefined;
      if (name[0] === '#') {
        const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        ch = cp > 0 && cp < 0x10000 && !(cp >= 0xd800 && cp < 0xe000) ? String.fromCharCode(cp) : undefined;
      } else {
        ch = ENTITIES[name.toLowerCase()];
      }
      return ch === undefined ? ' '.repeat(all.length) : ' '.repeat(all.length - 1) + ch;
    });
  }
  if (slice.includes('\t')) str = str.replace(/\t/g, ' ');
  if (quote && (slice.includes('\n') || slice.includes('\r'))) {
    str = str.replace(/([\r\n])((?:[ \t]*>)+)/g, (_all: string, nl: string, prefix: string) => nl + ' '.repeat(prefix.length));
  }
  return str === slice ? { start, end } : { start, end, str };
}

function nextLineStart(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return limit;
}

function lastLineStart(text: string, from: number, end: number): number {
  for (let i = end - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i + 1;
  }
  return from;
}
