/**
 * Reference profiles of national models (definitions/profiles/*.yaml): how a real statute stands on
 * each element, with the provision it rests on, a short note, the source and whether the entry was
 * checked against the statute's text. They are data for comparison ("how others drafted it", the
 * matrix) — never detector input and never drafting templates. Pure: callers pass the file texts.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Catalogue, CatalogueProblem } from '../catalogue/load.js';
import { ElementIdSchema } from '../catalogue/schema.js';

const YearsSchema = z.union([z.number().positive(), z.literal('life'), z.null()]);

export const ProfileEntrySchema = z
  .object({
    /** `unknown`: the sources at hand do not show it either way (a retrieved extract, no translation). */
    status: z.enum(['met', 'partial', 'missing', 'unknown']),
    /** Pinpoint citation of the provision(s), e.g. "18 U.S.C. § 2252A(a)(5)(B)". */
    provision: z.string().min(1).optional(),
    /** One or two sentences: what the provision does, or why the status. */
    note: z.string().min(1),
    /** Where this entry was read: a stored text with line numbers, or a secondary source. */
    source: z.string().min(1),
    /** true only when the entry was checked against the statute's own text. */
    verified: z.boolean(),
    figures: z
      .object({
        age: z.number().int().positive().optional(),
        /** Maximum imprisonment in years per offence element id (first offence). */
        maxYears: z.record(ElementIdSchema, YearsSchema).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const ProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'profile ids are lower-case words joined by hyphens'),
    jurisdiction: z.string().min(1),
    /** The Act(s) profiled, as cited in that jurisdiction. */
    act: z.string().min(1),
    source: z.string().min(1),
    url: z.url().optional(),
    /** How far the profile goes (e.g. "sections 5-9 not retrieved"). */
    coverage: z.string().min(1),
    elements: z.record(ElementIdSchema, ProfileEntrySchema),
  })
  .strict();

export type ProfileEntry = z.infer<typeof ProfileEntrySchema>;
export type Profile = z.infer<typeof ProfileSchema>;

export interface ProfileFile {
  path: string;
  text: string;
}

/**
 * Parses and validates profile files. A broken file is reported (file, path, reason) and skipped;
 * an element id the catalogue does not know is a problem too, since it could never be shown.
 */
export function parseProfiles(files: readonly ProfileFile[], catalogue?: Catalogue): { profiles: Profile[]; problems: CatalogueProblem[] } {
  const profiles: Profile[] = [];
  const problems: CatalogueProblem[] = [];
  for (const file of files) {
    const doc = parseDocument(file.text);
    if (doc.errors.length > 0) {
      for (const error of doc.errors) problems.push({ file: file.path, path: '', message: `invalid YAML: ${error.message.split('\n')[0]}` });
      continue;
    }
    const parsed = ProfileSchema.safeParse(doc.toJS());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ file: file.path, path: issue.path.map(String).join('.'), message: issue.message });
      continue;
    }
    const profile = parsed.data;
    if (profiles.some((p) => p.id === profile.id)) {
      problems.push({ file: file.path, path: 'id', message: `profile "${profile.id}" is defined twice` });
      continue;
    }
    if (catalogue) {
      for (const id of Object.keys(profile.elements)) {
        if (!catalogue.elementsById.has(id)) problems.push({ file: file.path, path: `elements.${id}`, message: `unknown element "${id}"` });
      }
    }
    profiles.push(profile);
  }
  profiles.sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction));
  return { profiles, problems };
}

/** Selects profiles by id list ("all", "none", or "us,my"); unknown ids are returned for the caller to report. */
export function selectProfiles(profiles: readonly Profile[], selector: string | undefined): { selected: Profile[]; unknown: string[] } {
  if (selector === undefined || selector === 'all') return { selected: [...profiles], unknown: [] };
  if (selector === 'none' || selector === '') return { selected: [], unknown: [] };
  const ids = selector.split(',').map((s) => s.trim()).filter(Boolean);
  return { selected: profiles.filter((p) => ids.includes(p.id)), unknown: ids.filter((id) => !profiles.some((p) => p.id === id)) };
}
