/**
 * A version comparison as text (the CLI), JSON, and an HTML page (the VS Code "Compare with HEAD"
 * view). Newly broken elements come first: they are what a reviewer of an amendment must see.
 */
import { page } from '../report/html/page.js';
import { statusBadge } from '../report/html/parts.js';
import { html, type SafeHtml } from '../report/html/safe.js';
import type { BillDiff, ChangeKind, ElementChange } from './diff.js';

const SECTIONS: { kind: ChangeKind; title: string }[] = [
  { kind: 'newly-broken', title: 'Newly broken (was met)' },
  { kind: 'newly-met', title: 'Newly met' },
  { kind: 'status-changed', title: 'Status changed' },
  { kind: 'evidence-changed', title: 'Evidence changed (same status)' },
  { kind: 'added', title: 'Elements added to the catalogue' },
  { kind: 'removed', title: 'Elements no longer checked' },
];

function details(change: ElementChange): string[] {
  const lines: string[] = [];
  if (change.provisions.added.length) lines.push(`provisions added: ${change.provisions.added.join(', ')}`);
  if (change.provisions.removed.length) lines.push(`provisions removed: ${change.provisions.removed.join(', ')}`);
  for (const f of change.figures) lines.push(`${f.what}: ${f.before} → ${f.after}`);
  if (change.perInstrument.length && change.kind === 'evidence-changed') {
    lines.push(`per instrument: ${change.perInstrument.map((p) => `${p.instrument} ${p.before ?? '—'} → ${p.after ?? '—'}`).join(', ')}`);
  }
  if (change.after !== 'met' && change.reasonAfter && change.kind !== 'evidence-changed') lines.push(change.reasonAfter);
  else if (change.kind === 'evidence-changed' && change.reasonBefore !== change.reasonAfter && change.reasonAfter) lines.push(`now: ${change.reasonAfter}`);
  return lines;
}

export function diffText(diff: BillDiff): string {
  const out = [`Comparing ${diff.old.file} → ${diff.new.file}`];
  out.push(`  met: ${diff.old.counts.met} → ${diff.new.counts.met} · partial: ${diff.old.counts.partial} → ${diff.new.counts.partial} · missing: ${diff.old.counts.missing} → ${diff.new.counts.missing}`);
  for (const section of SECTIONS) {
    const changes = diff.changes.filter((c) => c.kind === section.kind);
    if (changes.length === 0) continue;
    out.push('', `${section.title} (${changes.length}):`);
    for (const change of changes) {
      out.push(`  ${change.id.padEnd(30)}${(change.before ?? '—').padEnd(10)}→ ${change.after ?? '—'}`);
      for (const line of details(change)) out.push(`  ${' '.repeat(30)}${line}`);
    }
  }
  out.push('', `Unchanged: ${diff.summary.unchanged} element(s).`);
  return `${out.join('\n')}\n`;
}

export function diffJson(diff: BillDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}

function changeRow(change: ElementChange): SafeHtml {
  return html`<tr><td><strong>${change.title}</strong><div class="mono muted">${change.id}</div></td><td>${change.before ? statusBadge(change.before) : '—'}</td><td>${
    change.after ? statusBadge(change.after) : '—'
  }</td><td><ul class="plain">${details(change).map((line) => html`<li>${line}</li>`)}</ul></td></tr>`;
}

export function diffBody(diff: BillDiff, heading = 'Compared with the previous version'): SafeHtml {
  return html`<header><h1>${heading}</h1><p class="meta">${diff.old.file} → ${diff.new.file} · met ${diff.old.counts.met} → ${diff.new.counts.met}</p></header>
${SECTIONS.map((section) => {
  const changes = diff.changes.filter((c) => c.kind === section.kind);
  if (changes.length === 0) return '';
  return html`<section><h2>${section.title} (${changes.length})</h2><table><thead><tr><th>Element</th><th>Before</th><th>After</th><th>What changed</th></tr></thead><tbody>${changes.map(changeRow)}</tbody></table></section>`;
})}
<p class="muted">Unchanged: ${diff.summary.unchanged} element(s).</p>`;
}

export function renderDiffHtml(diff: BillDiff, options: { nonce: string; cspSource?: string; heading?: string }): string {
  return page({ title: 'Concordance: version comparison', nonce: options.nonce, ...(options.cspSource ? { cspSource: options.cspSource } : {}) }, html`<main id="content">${diffBody(diff, options.heading)}</main>`);
}
