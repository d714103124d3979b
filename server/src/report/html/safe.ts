/**
 * Escaping by construction. Every report page is built with the `html` tag: an interpolated string
 * is always escaped, and only a SafeHtml (made by `html` itself, or by `trusted` for constants in
 * this code) passes through. A bill is untrusted input — a provision may contain `<script>` — so no
 * renderer concatenates strings into markup by hand.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}

type Interpolated = SafeHtml | string | number | boolean | null | undefined | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v) => render(v as Interpolated)).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** For markup this code owns (the stylesheet, the script): never for text from a bill or a catalogue. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Only http(s) links leave the page: a catalogue URL like `javascript:` is shown as text instead. */
export function safeUrl(url: string): string | undefined {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined;
}

/** An id fragment safe in `id` and `href="#…"`, stable for the same input. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
