/**
 * What the drafting-hygiene layer produces: findings about the bill's own drafting (defined terms,
 * cross-references, numbering, terminology), independent of the treaty analysis. Spans are offsets
 * into Bill.text like everywhere else; fixes are plain text edits, drafted lazily because some
 * (renumbering) re-parse the bill to prove they keep every reference pointing where it pointed.
 */
import type { Span } from '../parse/types.js';
import type { DraftingCode } from './codes.js';

export interface HygieneEdit {
  span: Span;
  newText: string;
}

export interface HygieneFix {
  title: string;
  edits: HygieneEdit[];
  /** Offered as the preferred quick-fix (only when it is the one obvious repair). */
  preferred: boolean;
}

export interface HygieneRelated {
  span: Span;
  message: string;
}

export interface HygieneFinding {
  code: DraftingCode;
  span: Span;
  message: string;
  related?: HygieneRelated[];
  /** Quick-fixes, computed on demand (the editor asks for them; the CLI never does). */
  fixes?: () => HygieneFix[];
  /** The span of a parse problem this finding reports better (the parser's duplicate-number warning). */
  supersedes?: Span;
}
