/**
 * What the analysis layer produces: one finding per catalogue element, with the evidence it rests
 * on. Adapters (CLI, report, language server) only read these; they never re-derive a status.
 */
import type { DocumentCache } from '../parse/chunks.js';
import type { Span } from '../parse/types.js';

export type ElementStatus = 'met' | 'partial' | 'missing' | 'reserved' | 'not-applicable' | 'conflict';

/** Words in the bill that implement (part of) an element. */
export interface Evidence {
  provisionId: string;
  label: string;
  /** The matched words (a conduct verb, a definition limb, "imprisonment for … 10 years"). */
  span: Span;
  /** The provision's whole span, for navigation. */
  provisionSpan: Span;
}

/** Something in the bill that narrows an element (a purpose clause, an age of 16, no penalty). */
export interface Weakening {
  /** Weakening id from the catalogue or the detector ("purpose-qualified", "age-below-18", "missing-limb:complicity"). */
  id: string;
  reason: string;
  /** Where the weakening words are; absent when it is an absence (no penalty found). */
  span?: Span;
  provisionId?: string;
  /** For ages: the age found, so an instrument's permitted lower age can be honoured. */
  age?: number;
  /** Weakening that matters only to this instrument (the Directive's minimum maxima). */
  onlyFor?: string;
  /** The figure the standard expects instead (minimum maximum term in years). */
  expected?: number;
}

/** One way the bill meets an element; the element is met for an instrument if any hit is clean for it. */
export interface Hit {
  evidence: Evidence[];
  weakenings: Weakening[];
}

export interface Citation {
  instrument: string;
  instrumentName: string;
  article: string;
  /** Verbatim treaty text of that pinpoint. */
  text: string;
  verified: boolean;
  url: string;
}

export interface KeyFigures {
  /** Governing age threshold found for the child. */
  age?: number;
  /** Other ages used for the material across the bill. */
  otherAges?: number[];
  /** Maximum imprisonment in years found per offence element (Infinity = life). */
  maxYears?: Record<string, number | null>;
}

export interface ElementFinding {
  elementId: string;
  title: string;
  category: 'definition' | 'offence' | 'general' | 'online';
  status: ElementStatus;
  perInstrument: Record<string, ElementStatus>;
  /** Instruments whose obligation is advisory (warnings rather than errors). */
  advisoryInstruments: string[];
  citations: Citation[];
  evidence: Evidence[];
  weakenings: Weakening[];
  /** One sentence a drafter can act on. */
  reason: string;
  figures: KeyFigures;
  /** Where a diagnostic for this finding belongs (weakening words, provision, or insertion point). */
  anchor: Span;
  /** Set when an annotation decided the status. */
  annotation?: { kind: 'implements' | 'ignore'; reason?: string; span: Span };
}

export interface AnalysisOptions {
  /** Instruments to check; overrides front matter. Undefined = front matter, else the defaults. */
  instruments?: readonly string[];
  /** The document's cache from its previous check: whole-text searches reuse unchanged pieces' results. */
  documentCache?: DocumentCache;
}

export interface AnalysisProblem {
  code: string;
  message: string;
  span: Span;
  severity: 'error' | 'warning' | 'info';
}

export interface Analysis {
  instruments: string[];
  /** What the bill calls the material and the child (its own defined terms), for drafting. */
  vocabulary: { materialTerm?: string; childTerm?: string };
  findings: ElementFinding[];
  problems: AnalysisProblem[];
}
