/**
 * The `concordance.*` settings as the server sees them. Whatever the client sends is validated here
 * with zod, key by key: a bad value never crashes the server and never turns into a diagnostic in
 * the bill; it is reported once (window/showMessage) and that key falls back to its default.
 */
import { z } from 'zod';
import { DRAFTING_GROUP, isDraftingCode } from '../hygiene/codes.js';
import { DEFAULT_INCLUDE } from '../service/bills.js';
import type { Severity } from '../report/diagnostics.js';
import type { CheckOptions } from '../service/check.js';
import { DEFAULT_MAX_SIZE_MB } from '../service/limits.js';

export type RunMode = 'onType' | 'onSave' | 'manual';

export interface Settings {
  /** Instruments to check; undefined = the bill's front matter, else the catalogue's defaults. */
  instruments?: string[];
  /** Severity per element id or drafting code ("drafting" sets every drafting code; "off" hides it). */
  severity: Record<string, Severity>;
  /** Extra definitions folder or file (resolved against the workspace folder; trusted workspaces only). */
  definitionsPath: string;
  /** Globs (relative to the workspace folder) that mark Markdown files as bills. */
  include: string[];
  run: RunMode;
  /** Bills larger than this (MB) are reported as too large instead of being checked. */
  maxFileSizeMB: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  severity: {},
  definitionsPath: '',
  include: [...DEFAULT_INCLUDE],
  run: 'onType' as RunMode,
  maxFileSizeMB: DEFAULT_MAX_SIZE_MB,
});

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'] as const;

const FIELDS = {
  instruments: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'instrument ids are lower-case words joined by hyphens, e.g. "eu-2011-93"')),
  severity: z.record(
    z
      .string()
      .regex(/^(?:(?:definition|offence|general|online|drafting)\/[a-z0-9-]+|drafting)$/, 'keys are element ids such as "offence/access", drafting codes such as "drafting/unused-definition", or "drafting" for every drafting code'),
    z.enum(SEVERITIES, { message: `severity must be one of ${SEVERITIES.join(', ')}` }),
  ),
  definitionsPath: z.string(),
  include: z.array(z.string().min(1, 'a glob may not be empty')),
  run: z.enum(['onType', 'onSave', 'manual'], { message: 'run must be "onType", "onSave" or "manual"' }),
  maxFileSizeMB: z.number({ message: 'maxFileSizeMB must be a number of megabytes' }).positive('maxFileSizeMB must be greater than 0').finite(),
} as const;

type Field = keyof typeof FIELDS;

export interface ParsedSettings {
  settings: Settings;
  /** One sentence per rejected key, naming the setting, what is wrong and what is used instead. */
  problems: string[];
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      // A bad record key carries its reason in nested issues.
      const nested = 'issues' in issue && Array.isArray(issue.issues) ? (issue.issues as { message: string }[]).map((i) => i.message).join(', ') : '';
      const message = nested ? `"${issue.path.map(String).join('.')}": ${nested}` : issue.message;
      return issue.path.length > 0 && !nested ? `${issue.path.map(String).join('.')}: ${message}` : message;
    })
    .join('; ');
}

/**
 * Validates the raw `concordance` section (whatever workspace/configuration or didChangeConfiguration
 * returned). Missing or null keys take their defaults silently; invalid keys take their defaults and
 * are reported.
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const settings: Settings = { ...DEFAULT_SETTINGS, severity: {}, include: [...DEFAULT_SETTINGS.include] };
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, problems: ['The "concordance" settings must be an object; using the defaults.'] };
  }
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(FIELDS) as Field[]) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    const parsed = FIELDS[key].safeParse(value);
    if (!parsed.success) {
      problems.push(`Setting "concordance.${key}" is invalid (${describe(parsed.error)}); using the default.`);
      continue;
    }
    switch (key) {
      case 'instruments': {
        const list = [...new Set(parsed.data as string[])];
        if (list.length > 0) settings.instruments = list;
        break;
      }
      case 'severity':
        settings.severity = { ...(parsed.data as Record<string, Severity>) };
        break;
      case 'definitionsPath':
        settings.definitionsPath = (parsed.data as string).trim();
        break;
      case 'include':
        settings.include = parsed.data as string[];
        break;
      case 'run':
        settings.run = parsed.data as RunMode;
        break;
      case 'maxFileSizeMB':
        settings.maxFileSizeMB = parsed.data as number;
        break;
    }
  }
  return { settings, problems };
}

/**
 * Checks the settings against the catalogue actually loaded: unknown instruments and elements are
 * dropped (with a message) rather than passed on, so they never show up as diagnostics in a bill.
 */
export function reconcileSettings(
  settings: Settings,
  known: { instruments: ReadonlySet<string>; elements: ReadonlySet<string> },
): ParsedSettings {
  const problems: string[] = [];
  let instruments = settings.instruments;
  if (instruments) {
    const unknown = instruments.filter((id) => !known.instruments.has(id));
    if (unknown.length > 0) {
      problems.push(
        `Setting "concordance.instruments" names unknown instrument(s) ${unknown.map((id) => `"${id}"`).join(', ')}; known: ${[...known.instruments].join(', ')}. They are ignored.`,
      );
      instruments = instruments.filter((id) => known.instruments.has(id));
      if (instruments.length === 0) instruments = undefined;
    }
  }
  const severity: Record<string, Severity> = {};
  const unknownElements: string[] = [];
  for (const [id, value] of Object.entries(settings.severity)) {
    if (known.elements.has(id) || isDraftingCode(id) || id === DRAFTING_GROUP) severity[id] = value;
    else unknownElements.push(id);
  }
  if (unknownElements.length > 0) {
    problems.push(`Setting "concordance.severity" names unknown element(s) or drafting code(s) ${unknownElements.map((id) => `"${id}"`).join(', ')}; they are ignored.`);
  }
  const result: Settings = { ...settings, severity };
  if (instruments) result.instruments = instruments;
  else delete result.instruments;
  return { settings: result, problems };
}

/** What the core's checkText needs from the settings (instruments, severities, the size limit). */
export function checkOptions(settings: Settings): CheckOptions {
  return {
    ...(settings.instruments ? { instruments: settings.instruments } : {}),
    severities: settings.severity,
    maxSizeMB: settings.maxFileSizeMB,
    maxSizeHint: 'the "concordance.maxFileSizeMB" setting',
  };
}
