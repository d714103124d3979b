/**
 * The harmonisation matrix: elements as rows, one column per jurisdiction (a checked bill, or a
 * reference profile of a national model), and the common minimum standard beside them. Cells carry
 * the status and the key figures (age threshold, maximum penalty) and the provisions they rest on,
 * so "how others drafted it" is a matter of reading one row.
 */
import type { ElementStatus } from '../analysis/types.js';
import type { Catalogue } from '../catalogue/load.js';
import type { Range } from '../parse/types.js';
import { orderInstruments, type BillReport, type Peer, type PeersByElement, type Years } from '../report/model.js';
import { minimumStandards, type MinimumStandard } from './minimum.js';
import type { Profile } from './profiles.js';

export type CellStatus = ElementStatus | 'unknown';

export interface MatrixColumn {
  key: string;
  /** The jurisdiction (a bill without one is named by its file). */
  name: string;
  kind: 'bill' | 'profile';
  /** Bills: display path and URI. Profiles: the Act. */
  file?: string;
  uri?: string;
  act?: string;
}

export interface MatrixCell {
  status: CellStatus;
  age?: number;
  maxYears?: Years;
  minimumMaximum?: number;
  provisions: { label: string; text?: string; excerpt?: string; range?: Range }[];
  /** The bill's reason, or the profile's note. */
  note?: string;
  verified: boolean;
  source?: string;
}

export interface MatrixRow {
  id: string;
  title: string;
  category: string;
  minimum: MinimumStandard;
  cells: MatrixCell[];
}

export interface Matrix {
  version: 1;
  /** Instruments the minimum standard is computed over (every instrument any bill was checked against). */
  instruments: string[];
  columns: MatrixColumn[];
  rows: MatrixRow[];
}

/** Two bills for the same jurisdiction (an old and a new draft) get distinct column names. */
function columnNames(reports: readonly BillReport[]): string[] {
  const names = reports.map((r) => r.jurisdiction ?? r.file.split('/').pop() ?? r.file);
  return names.map((name, i) => (names.filter((n) => n === name).length > 1 ? `${name} (${reports[i]!.file})` : name));
}

function billCell(report: BillReport, elementId: string): MatrixCell {
  const element = report.elements.find((e) => e.id === elementId);
  if (!element) return { status: 'unknown', provisions: [], note: 'Not checked (element not in the catalogue used for this bill).', verified: true };
  const seen = new Set<string>();
  const provisions = element.provisions.filter((p) => (seen.has(p.label) ? false : (seen.add(p.label), true)));
  return {
    status: element.status,
    ...(element.figures.age !== undefined ? { age: element.figures.age } : {}),
    ...(element.figures.maxYears !== undefined ? { maxYears: element.figures.maxYears } : {}),
    ...(element.figures.minimumMaximum !== undefined ? { minimumMaximum: element.figures.minimumMaximum } : {}),
    provisions: provisions.map((p) => ({ label: p.label, text: p.text, excerpt: p.excerpt, range: p.range })),
    note: element.reason,
    verified: true,
  };
}

function profileCell(profile: Profile, elementId: string, minimumMaximum: number | undefined): MatrixCell {
  const entry = profile.elements[elementId];
  if (!entry) return { status: 'unknown', provisions: [], note: 'Not profiled.', verified: false };
  // Penalty figures live on the profile's penalties entry, keyed by offence element.
  const penalties = Object.values(profile.elements).find((e) => e.figures?.maxYears && elementId in e.figures.maxYears);
  const maxYears = penalties?.figures?.maxYears?.[elementId];
  return {
    status: entry.status,
    ...(entry.figures?.age !== undefined ? { age: entry.figures.age } : {}),
    ...(maxYears !== undefined ? { maxYears } : {}),
    ...(minimumMaximum !== undefined && elementId.startsWith('offence/') ? { minimumMaximum } : {}),
    provisions: entry.provision ? [{ label: entry.provision }] : [],
    note: entry.note,
    verified: entry.verified,
    source: entry.source,
  };
}

export function buildMatrix(reports: readonly BillReport[], profiles: readonly Profile[], catalogue: Catalogue): Matrix {
  const instruments = orderInstruments([...new Set(reports.flatMap((r) => r.instruments.map((i) => i.id)))]);
  const minima = minimumStandards(catalogue, instruments.length ? instruments : undefined);
  const names = columnNames(reports);
  const columns: MatrixColumn[] = [
    ...reports.map((r, i): MatrixColumn => ({ key: `bill:${r.file}`, name: names[i]!, kind: 'bill', file: r.file, uri: r.uri })),
    ...profiles.map((p): MatrixColumn => ({ key: `profile:${p.id}`, name: p.jurisdiction, kind: 'profile', act: p.act })),
  ];
  const rows = catalogue.elements.map((element): MatrixRow => {
    const minimum = minima.get(element.id)!;
    return {
      id: element.id,
      title: element.title,
      category: element.category,
      minimum,
      cells: [...reports.map((r) => billCell(r, element.id)), ...profiles.map((p) => profileCell(p, element.id, minimum.minimumMaximum))],
    };
  });
  return { version: 1, instruments, columns, rows };
}

/**
 * Peers for one bill's report: every other column of the matrix, per element. The bill itself is
 * left out by file; a profile always stays in.
 */
export function peersFromMatrix(matrix: Matrix, excludeFile?: string): PeersByElement {
  const out: Record<string, Peer[]> = {};
  for (const row of matrix.rows) {
    out[row.id] = matrix.columns
      .map((column, i) => ({ column, cell: row.cells[i]! }))
      .filter(({ column }) => column.kind === 'profile' || column.file !== excludeFile)
      .map(({ column, cell }): Peer => ({
        name: column.name,
        kind: column.kind,
        status: cell.status,
        provisions: cell.provisions.map((p) => ({ label: p.label, ...(p.excerpt ? { text: p.excerpt } : {}) })),
        ...(cell.note && (column.kind === 'profile' || cell.status !== 'met') ? { note: cell.note } : {}),
        verified: cell.verified,
        ...(cell.source ? { source: cell.source } : {}),
      }));
  }
  return out;
}
