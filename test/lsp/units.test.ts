// The language server's pure helpers: settings validation, which documents are bills, rename case.
import { describe, expect, it } from 'vitest';
import { isBillDocument, relativePathFor } from '../../server/src/lsp/files.js';
import { DEFAULT_SETTINGS, parseSettings, reconcileSettings } from '../../server/src/lsp/settings.js';
import { renamedText } from '../../server/src/lsp/terms.js';

describe('settings', () => {
  it('takes defaults for missing, null and non-object settings', () => {
    expect(parseSettings(undefined)).toEqual({ settings: { ...DEFAULT_SETTINGS }, problems: [] });
    expect(parseSettings(null).problems).toEqual([]);
    expect(parseSettings({ run: null }).settings.run).toBe('onType');
    expect(parseSettings('onSave').problems[0]).toMatch(/must be an object/);
  });

  it('keeps the valid keys and replaces each invalid one by its default, saying which', () => {
    const { settings, problems } = parseSettings({ run: 'onSave', severity: { 'offence/access': 'loud' }, include: [''], instruments: 'opsc', definitionsPath: 3 });
    expect(settings.run).toBe('onSave');
    expect(settings.severity).toEqual({});
    expect(settings.include).toEqual(DEFAULT_SETTINGS.include);
    expect(settings.instruments).toBeUndefined();
    expect(settings.definitionsPath).toBe('');
    expect(problems).toHaveLength(4);
    for (const key of ['severity', 'include', 'instruments', 'definitionsPath']) expect(problems.join('\n')).toContain(`"concordance.${key}"`);
  });

  it('rejects severity keys that are not element ids', () => {
    expect(parseSettings({ severity: { possession: 'off' } }).problems[0]).toMatch(/element ids/);
  });

  it('drops unknown instruments and elements against the loaded catalogue', () => {
    const known = { instruments: new Set(['opsc', 'budapest']), elements: new Set(['offence/access']) };
    const base = parseSettings({ instruments: ['opsc', 'mars'], severity: { 'offence/access': 'off', 'offence/teleportation': 'off' } }).settings;
    const { settings, problems } = reconcileSettings(base, known);
    expect(settings.instruments).toEqual(['opsc']);
    expect(settings.severity).toEqual({ 'offence/access': 'off' });
    expect(problems).toHaveLength(2);
    expect(reconcileSettings(parseSettings({ instruments: ['mars'] }).settings, known).settings.instruments).toBeUndefined();
  });
});

describe('which documents are bills', () => {
  const folders = ['/ws'];
  const include = DEFAULT_SETTINGS.include;
  it('matches include globs on the workspace-relative path', () => {
    expect(relativePathFor('file:///ws/bills/2025/a.md', folders)).toBe('bills/2025/a.md');
    expect(isBillDocument('file:///ws/bills/2025/a.md', '# A', folders, include)).toBe(true);
    expect(isBillDocument('file:///ws/drafts/a.bill.md', '# A', folders, include)).toBe(true);
    expect(isBillDocument('file:///ws/drafts/a.md', '# A', folders, include)).toBe(false);
    expect(isBillDocument('file:///elsewhere/x.bill.md', '# A', folders, include)).toBe(true);
  });
  it('accepts front matter with concordance:, never README-style files', () => {
    const declared = '---\nconcordance:\n  jurisdiction: X\n---\n# A\n';
    expect(isBillDocument('file:///ws/notes/a.md', declared, folders, include)).toBe(true);
    expect(isBillDocument('file:///ws/bills/README.md', declared, folders, include)).toBe(false);
    expect(isBillDocument('untitled:Untitled-1', declared, folders, include)).toBe(true);
    expect(isBillDocument('untitled:Untitled-1', '# A', folders, include)).toBe(false);
  });
});

describe('rename keeps the case of case variants', () => {
  it('uses the new name as typed for exact matches and adapts capitalised or upper-case uses', () => {
    expect(renamedText('image', 'image', 'picture')).toBe('picture');
    expect(renamedText('Image', 'image', 'picture')).toBe('Picture');
    expect(renamedText('IMAGE', 'image', 'picture')).toBe('PICTURE');
    expect(renamedText('Relevant Authority', 'Relevant Authority', 'competent body')).toBe('competent body');
    expect(renamedText('relevant authority', 'Relevant Authority', 'Competent Body')).toBe('competent Body');
    expect(renamedText('child  sexual\nabuse material', 'child sexual abuse material', 'CSAM')).toBe('CSAM');
  });
});
