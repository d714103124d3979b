/**
 * Version comparison of one bill: what an amendment newly meets, what it newly breaks (an element
 * that was met and is not any more), what changes status otherwise, and where only the evidence
 * (provisions, figures, per-instrument statuses) moved. Works on two report models, so it compares
 * any two texts: a draft against the last committed one, or two fixture files.
 */
import type { ElementStatus } from '../analysis/types.js';
import type { BillReport, ReportElement, StatusCounts } from '../report/model.js';

export type ChangeKind = 'newly-met' | 'newly-broken' | 'status-changed' | 'evidence-changed' | 'unchanged' | 'added' | 'removed';

export interface ElementChange {
  id: string;
  title: string;
  kind: ChangeKind;
  before?: ElementStatus;
  after?: ElementStatus;
  /** better / worse / same, by how far the status is from met. */
  direction: 'better' | 'worse' | 'same';
  perInstrument: { instrument: string; before?: ElementStatus; after?: ElementStatus }[];
  provisions: { added: string[]; removed: string[] };
  figures: { what: string; before: string; after: string }[];
  reasonBefore?: string;
  reasonAfter?: string;
}

export interface BillDiff {
  version: 1;
  old: { file: string; counts: StatusCounts };
  new: { file: string; counts: StatusCounts };
  summary: Record<ChangeKind, number>;
  changes: ElementChange[];
}

/** Distance from met: reserved and not-applicable satisfy the standard as much as met does. */
const RANK: Record<ElementStatus, number> = { met: 0, reserved: 0, 'not-applicable': 0, partial: 1, conflict: 2, missing: 2 };

function labels(element: ReportElement | undefined): string[] {
  return [...new Set((element?.provisions ?? []).map((p) => p.label))];
}

function figureList(element: ReportElement | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!element) return out;
  const f = element.figures;
  if (f.age !== undefined) out.set('age threshold', String(f.age));
  if (f.otherAges?.length) out.set('other ages', f.otherAges.join(', '));
  if (f.maxYears !== undefined) out.set('maximum penalty (years)', String(f.maxYears ?? 'not found'));
  for (const p of f.penalties ?? []) out.set(`maximum penalty for ${p.elementId} (years)`, String(p.maxYears ?? 'not found'));
  return out;
}

function compareElement(before: ReportElement | undefined, after: ReportElement | undefined): ElementChange {
  const id = (after ?? before)!.id;
  const oldLabels = labels(before);
  const newLabels = labels(after);
  const provisions = { added: newLabels.filter((l) => !oldLabels.includes(l)), removed: oldLabels.filter((l) => !newLabels.includes(l)) };
  const oldFigures = figureList(before);
  const newFigures = figureList(after);
  const figures = [...new Set([...oldFigures.keys(), ...newFigures.keys()])]
    .filter((k) => oldFigures.get(k) !== newFigures.get(k))
    .map((k) => ({ what: k, before: oldFigures.get(k) ?? '—', after: newFigures.get(k) ?? '—' }));
  const instruments = [...new Set([...Object.keys(before?.perInstrument ?? {}), ...Object.keys(after?.perInstrument ?? {})])];
  const perInstrument = instruments
    .filter((i) => before?.perInstrument[i] !== after?.perInstrument[i])
    .map((i) => ({ instrument: i, ...(before?.perInstrument[i] ? { before: before.perInstrument[i] } : {}), ...(after?.perInstrument[i] ? { after: after.perInstrument[i] } : {}) }));

  let kind: ChangeKind;
  if (!before) kind = 'added';
  else if (!after) kind = 'removed';
  else if (before.status === 'met' && after.status !== 'met' && RANK[after.status] > 0) kind = 'newly-broken';
  else if (before.status !== 'met' && after.status === 'met') kind = 'newly-met';
  else if (before.status !== after.status) kind = 'status-changed';
  else if (provisions.added.length || provisions.removed.length || figures.length || perInstrument.length || before.reason !== after.reason) kind = 'evidence-changed';
  else kind = 'unchanged';

  const b = before ? RANK[before.status] : 2;
  const a = after ? RANK[after.status] : 2;
  return {
    id,
    title: (after ?? before)!.title,
    kind,
    ...(before ? { before: before.status, reasonBefore: before.reason } : {}),
    ...(after ? { after: after.status, reasonAfter: after.reason } : {}),
    direction: a < b ? 'better' : a > b ? 'worse' : 'same',
    perInstrument,
    provisions,
    figures,
  };
}

export function diffReports(oldReport: BillReport, newReport: BillReport): BillDiff {
  const ids = [...newReport.elements.map((e) => e.id), ...oldReport.elements.map((e) => e.id).filter((id) => !newReport.elements.some((e) => e.id === id))];
  const changes = ids.map((id) =>
    compareElement(
      oldReport.elements.find((e) => e.id === id),
      newReport.elements.find((e) => e.id === id),
    ),
  );
  const summary: Record<ChangeKind, number> = { 'newly-met': 0, 'newly-broken': 0, 'status-changed': 0, 'evidence-changed': 0, unchanged: 0, added: 0, removed: 0 };
  for (const change of changes) summary[change.kind]++;
  return { version: 1, old: { file: oldReport.file, counts: oldReport.counts }, new: { file: newReport.file, counts: newReport.counts }, summary, changes };
}
