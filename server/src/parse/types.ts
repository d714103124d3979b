/**
 * The legislative structure of a bill: what the parse layer produces and every later layer reads.
 *
 * Invariants (relied on by analysis, the CLI and the language server):
 * - every `Span` is a pair of UTF-16 offsets into `Bill.text` with 0 <= start <= end <= text.length;
 * - `Bill.provisions` is in document order and each provision's `span` contains its children's spans;
 * - provision ids are stable for unchanged structure (derived from the numbering path, not from offsets);
 * - the parser never throws: anything it cannot read becomes a `ParseProblem`.
 */

/** Half-open range of UTF-16 code-unit offsets into the bill text. */
export interface Span {
  start: number;
  end: number;
}

/** 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type ProvisionKind =
  | 'document'
  | 'title'
  | 'part'
  | 'chapter'
  | 'division'
  | 'subpart'
  | 'schedule'
  | 'section'
  | 'article'
  /** A heading that is not a numbered provision (cross-heading, marginal note, "Preliminary"). */
  | 'heading'
  /** (1), (a), (i), (A), (aa), 1., a) — subsection, paragraph, sub-paragraph, clause … */
  | 'subdivision';

/** How a subdivision level is numbered; used to settle (i)/(v)/(x) and to draft the next number. */
export type NumberingScheme =
  | 'arabic' // 1 2 3
  | 'lower-alpha' // a b c
  | 'upper-alpha' // A B C
  | 'lower-roman' // i ii iii
  | 'upper-roman' // I II III
  | 'double-lower-alpha' // aa bb
  | 'none';

/** How the subdivision number was written: "(1)", "1.", "a)", "1)", or a Markdown list item. */
export type NumberStyle = 'paren' | 'dot' | 'close-paren' | 'list' | 'heading';

export interface Provision {
  /** Stable id from the numbering path, e.g. "part-2/s-4/1/b"; unique within the bill. */
  id: string;
  kind: ProvisionKind;
  /** The number as written without punctuation: "4", "2252A", "1", "b", "ii"; undefined if unnumbered. */
  number?: string;
  /** Printed label a drafter recognises: "Section 4(1)(b)", "§ 2252A(a)(5)(B)", "Article 5(2)", "Part 2". */
  label: string;
  /** Heading text after the number ("Possession of child sexual abuse material"), if any. */
  heading?: string;
  /** Markdown heading depth (1-6) for divisions; undefined for subdivisions. */
  headingDepth?: number;
  scheme?: NumberingScheme;
  style?: NumberStyle;
  /** Whole extent: from the heading / number to the end of the last child. */
  span: Span;
  /** The heading line, or the number token of a subdivision ("(1)"). */
  headSpan: Span;
  /**
   * The provision's own text spans, excluding its children: for a subdivision with children this is
   * the chapeau ("A person who—") and, separately, any closing words ("commits an offence.").
   */
  ownSpans: Span[];
  /** Text before the first child (chapeau), if the provision has children. */
  chapeau?: Span;
  /** Text after the last child (closing words), if any. */
  closingWords?: Span;
  parentId?: string;
  childIds: string[];
  /** Nesting depth below the document root (document = 0). */
  depth: number;
}

export type DefinitionScope =
  | { kind: 'act' }
  /** "In this Part", "In this section", "for the purposes of this Article": limited to that provision. */
  | { kind: 'provision'; provisionId: string };

export type DefinitionForm = 'means' | 'includes' | 'colon' | 'table' | 'has-meaning';

export interface Definition {
  /** Unique within the bill: "def:" + normalised term + (":" + n if repeated). */
  id: string;
  /** The term as written, without quotes or emphasis: "child sexual abuse material". */
  term: string;
  /** Lower-cased, quote/whitespace-normalised term used for matching. */
  normalizedTerm: string;
  form: DefinitionForm;
  /** The provision holding the definition (a definitions section or its paragraph). */
  provisionId: string;
  scope: DefinitionScope;
  /** The whole definition (term + body), the term itself, and the body after "means"/"includes"/":". */
  span: Span;
  termSpan: Span;
  bodySpan: Span;
}

export type ReferenceTargetKind =
  | 'part'
  | 'chapter'
  | 'section'
  | 'article'
  | 'subsection'
  | 'paragraph'
  | 'subparagraph'
  | 'clause'
  | 'schedule'
  /** "this Act", "this Code", "this Law" (added by the parser; always `self: true`). */
  | 'act';

export interface CrossReference {
  span: Span;
  /** The reference as written: "section 4(2)(b)", "paragraph (a) of subsection (3)". */
  text: string;
  kind: ReferenceTargetKind;
  /**
   * Number path relative to the kind: section 4(2)(b) → ["4","2","b"]; subsection (1) → ["1"].
   * For a range ("sections 4 to 6") one reference per member is emitted with `rangeOf` set.
   */
  path: string[];
  /** True for "this section"/"this Part"/"this Act" style references. */
  self?: boolean;
  /** True when the reference names another instrument ("of the Criminal Code", "of title 18"). */
  external: boolean;
  /** Provision ids the reference resolves to (empty when unresolved or external). */
  targetIds: string[];
  /** Provision in which the reference stands. */
  fromProvisionId: string;
  rangeOf?: string;
}

export type ProblemSeverity = 'error' | 'warning' | 'info';

export interface ParseProblem {
  code: string;
  message: string;
  severity: ProblemSeverity;
  span: Span;
}

/** Per-bill settings from YAML front matter under the `concordance:` key. */
export interface BillSettings {
  jurisdiction?: string;
  /** Instrument ids to check against; undefined = the defaults. */
  instruments?: string[];
  reservations: DeclaredReservation[];
  /** True when the front matter has a `concordance:` key (marks the file as a bill). */
  declared: boolean;
}

export interface DeclaredReservation {
  instrument: string;
  /** The article whose obligation is reserved, e.g. "9(1)(e)". */
  article: string;
  /** Where in the front matter it was declared. */
  span: Span;
}

export interface Bill {
  uri: string;
  text: string;
  /** Same length as `text`; Markdown syntax, HTML and front matter blanked to spaces, newlines kept. */
  plain: string;
  title?: string;
  settings: BillSettings;
  frontMatterSpan?: Span;
  /** Root of the provision tree (kind 'document'). */
  root: Provision;
  /** All provisions, document order, root first. */
  provisions: Provision[];
  byId: ReadonlyMap<string, Provision>;
  definitions: Definition[];
  references: CrossReference[];
  /** `<!-- concordance: … -->` annotations. */
  annotations: Annotation[];
  problems: ParseProblem[];
  /** The division pieces the text was parsed in, when it was parsed through a DocumentCache (parse/chunks.ts). */
  pieces?: Array<Span & { id?: number }>;
}

export interface Annotation {
  kind: 'implements' | 'ignore';
  elementId: string;
  reason?: string;
  span: Span;
  /** Provision the annotation sits in (or just precedes). */
  provisionId: string;
}
