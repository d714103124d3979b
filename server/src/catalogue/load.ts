/**
 * Turns the YAML files of definitions/ (and any user definitions folder) into a typed, cross-checked
 * Catalogue. Pure: the caller reads the files (see cli/fsWorkspace.ts) and passes their text in.
 *
 * A bad file never takes the catalogue down: its problems are reported with file, YAML path and
 * reason (and line/column where the YAML parser knows them), and every other file still loads.
 */
import { parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import {
  ElementsFileSchema,
  InstrumentSchema,
  LexiconSchema,
  ElementSchema,
  type Element,
  type Instrument,
  type Lexicon,
} from './schema.js';

export interface CatalogueFile {
  /** Path as shown to the user (relative or absolute). */
  path: string;
  text: string;
  origin: 'builtin' | 'user';
}

export interface CatalogueProblem {
  file: string;
  /** YAML path to the offending value, e.g. "elements[3].detector.conduct[0]"; "" for the file. */
  path: string;
  message: string;
  /** 0-based, where known. */
  line?: number;
  character?: number;
}

export interface Catalogue {
  instruments: ReadonlyMap<string, Instrument>;
  elements: readonly Element[];
  elementsById: ReadonlyMap<string, Element>;
  lexicon: Lexicon;
}

/** Files whose name starts with "elements" hold elements (and optionally lexicon additions). */
function isElementsFile(path: string): boolean {
  return /(^|[\\/])elements[^\\/]*\.ya?ml$/i.test(path);
}

function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

/** Position of the YAML node at `segments`, or of its nearest existing ancestor. */
function locate(doc: Document, text: string, segments: readonly PropertyKey[]): { line?: number; character?: number } {
  for (let length = segments.length; length >= 0; length--) {
    const node = doc.getIn(segments.slice(0, length) as unknown[], true);
    if (isNode(node) && node.range) {
      return positionOf(text, node.range[0]);
    }
  }
  return {};
}

function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

function parseYaml(file: CatalogueFile, problems: CatalogueProblem[]): { doc: Document; value: unknown } | undefined {
  const doc = parseDocument(file.text);
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.push({
        file: file.path,
        path: '',
        message: `invalid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
        ...positionOf(file.text, error.pos[0]),
      });
    }
    return undefined;
  }
  return { doc, value: doc.toJS() };
}

function schemaProblems(file: CatalogueFile, doc: Document, error: z.ZodError, prefix: PropertyKey[] = []): CatalogueProblem[] {
  return error.issues.map((issue) => {
    const segments = [...prefix, ...issue.path];
    return { file: file.path, path: formatPath(segments), message: issue.message, ...locate(doc, file.text, segments) };
  });
}

/**
 * Builds the catalogue. Built-in files come first; user files may add instruments, elements and
 * lexicon entries but may not redefine an id that already exists (that would silently change
 * what a built-in finding means).
 */
export function buildCatalogue(files: readonly CatalogueFile[]): { catalogue: Catalogue; problems: CatalogueProblem[] } {
  const problems: CatalogueProblem[] = [];
  const instruments = new Map<string, Instrument>();
  const elements: Element[] = [];
  const elementFiles = new Map<string, CatalogueFile>();
  let lexicon: Lexicon | undefined;

  const ordered = [...files].sort((a, b) => (a.origin === b.origin ? 0 : a.origin === 'builtin' ? -1 : 1));
  for (const file of ordered) {
    const parsed = parseYaml(file, problems);
    if (!parsed) continue;
    if (isElementsFile(file.path)) {
      lexicon = loadElementsFile(file, parsed.doc, parsed.value, lexicon, elements, elementFiles, problems);
    } else {
      const result = InstrumentSchema.safeParse(parsed.value);
      if (!result.success) {
        problems.push(...schemaProblems(file, parsed.doc, result.error));
        continue;
      }
      if (instruments.has(result.data.id)) {
        problems.push({ file: file.path, path: 'id', message: `instrument "${result.data.id}" is already defined; ids must be unique`, ...locate(parsed.doc, file.text, ['id']) });
        continue;
      }
      instruments.set(result.data.id, result.data);
    }
  }

  if (!lexicon) {
    problems.push({ file: 'definitions/elements.yaml', path: 'lexicon', message: 'no lexicon was loaded; nothing can be detected' });
    lexicon = emptyLexicon();
  }

  const checked = elements.filter((element) => crossCheck(element, instruments, elementFiles.get(element.id), problems));
  return {
    catalogue: {
      instruments,
      elements: checked,
      elementsById: new Map(checked.map((element) => [element.id, element])),
      lexicon,
    },
    problems,
  };
}

function loadElementsFile(
  file: CatalogueFile,
  doc: Document,
  value: unknown,
  lexicon: Lexicon | undefined,
  elements: Element[],
  elementFiles: Map<string, CatalogueFile>,
  problems: CatalogueProblem[],
): Lexicon | undefined {
  if (file.origin === 'builtin') {
    const result = ElementsFileSchema.safeParse(value);
    if (!result.success) {
      problems.push(...schemaProblems(file, doc, result.error));
      return lexicon;
    }
    addElements(file, doc, result.data.elements, 0, elements, elementFiles, problems);
    return result.data.lexicon;
  }
  // A user file: validate element by element so one bad entry does not hide the good ones.
  const record = (value ?? {}) as { elements?: unknown; lexicon?: unknown };
  if (typeof value !== 'object' || value === null || (!('elements' in record) && !('lexicon' in record))) {
    problems.push({ file: file.path, path: '', message: 'an elements file needs an "elements" list and/or a "lexicon" map' });
    return lexicon;
  }
  let merged = lexicon;
  if (record.lexicon !== undefined) {
    const result = LexiconSchema.partial().safeParse(record.lexicon);
    if (!result.success) problems.push(...schemaProblems(file, doc, result.error, ['lexicon']));
    else if (merged) merged = mergeLexicon(merged, result.data);
  }
  if (record.elements !== undefined) {
    if (!Array.isArray(record.elements)) {
      problems.push({ file: file.path, path: 'elements', message: 'expected a list of elements', ...locate(doc, file.text, ['elements']) });
    } else {
      record.elements.forEach((raw, index) => {
        const result = ElementSchema.safeParse(raw);
        if (!result.success) problems.push(...schemaProblems(file, doc, result.error, ['elements', index]));
        else addElements(file, doc, [result.data], index, elements, elementFiles, problems);
      });
    }
  }
  return merged;
}

function addElements(
  file: CatalogueFile,
  doc: Document,
  candidates: readonly Element[],
  firstIndex: number,
  elements: Element[],
  elementFiles: Map<string, CatalogueFile>,
  problems: CatalogueProblem[],
): void {
  candidates.forEach((element, offset) => {
    if (elementFiles.has(element.id)) {
      const segments = ['elements', firstIndex + offset, 'id'];
      problems.push({ file: file.path, path: formatPath(segments), message: `element "${element.id}" is already defined in ${elementFiles.get(element.id)?.path}`, ...locate(doc, file.text, segments) });
      return;
    }
    elementFiles.set(element.id, file);
    elements.push(element);
  });
}

function mergeLexicon(base: Lexicon, extra: Partial<Lexicon>): Lexicon {
  const merged: Lexicon = { ...base, numberWords: { ...base.numberWords, ...(extra.numberWords ?? {}) } };
  for (const key of ['materialTerms', 'materialAnaphora', 'sexualContext', 'childTerms', 'offenceMarkers', 'exclusionMarkers', 'negationMarkers', 'definitionSectionHeadings', 'offenceSectionHeadings'] as const) {
    merged[key] = [...base[key], ...(extra[key] ?? [])];
  }
  return merged;
}

function emptyLexicon(): Lexicon {
  return {
    materialTerms: [],
    materialAnaphora: [],
    sexualContext: [],
    childTerms: [],
    offenceMarkers: [],
    exclusionMarkers: [],
    negationMarkers: [],
    definitionSectionHeadings: [],
    offenceSectionHeadings: [],
    numberWords: {},
  };
}

/** Every obligation must point at an instrument and articles that exist; otherwise drop the element. */
function crossCheck(element: Element, instruments: ReadonlyMap<string, Instrument>, file: CatalogueFile | undefined, problems: CatalogueProblem[]): boolean {
  let ok = true;
  const where = file?.path ?? 'definitions';
  const check = (instrumentId: string, article: string, path: string): void => {
    const instrument = instruments.get(instrumentId);
    if (!instrument) {
      problems.push({ file: where, path, message: `element "${element.id}" cites unknown instrument "${instrumentId}"` });
      ok = false;
    } else if (!instrument.articles.some((a) => a.article === article)) {
      problems.push({ file: where, path, message: `element "${element.id}" cites ${instrument.shortName} Art ${article}, which is not in the instrument file` });
      ok = false;
    }
  };
  element.obligations.forEach((obligation, index) => {
    obligation.articles.forEach((article) => check(obligation.instrument, article, `${element.id}.obligations[${index}]`));
    obligation.related.forEach((related) => check(related.instrument, related.article, `${element.id}.obligations[${index}].related`));
  });
  return ok;
}
