// The real CLI, spawned as a user runs it (node bin/concordance.js, built by `npm test` first).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { DRAFTING_CODE_IDS } from '../../server/src/hygiene/codes.js';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/catalogue.js';

const BIN = path.join(ROOT, 'bin', 'concordance.js');
const SAMPLE = path.join(ROOT, 'examples', 'bills', 'sample.bill.md');
const ELEMENT_COUNT = 25;

function run(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('concordance check', () => {
  it('lists every element with its status for the sample bill and exits 1 on error findings', () => {
    const { code, stdout } = run(['check', 'examples/bills/sample.bill.md']);
    expect(code).toBe(1);
    const statusLines = stdout.split('\n').filter((l) => /^\s{2}(met|partial|missing|reserved|conflict|not-applicable)\s+\S+\//.test(l));
    expect(statusLines).toHaveLength(ELEMENT_COUNT);
    expect(stdout).toMatch(/^examples\/bills\/sample\.bill\.md:\d+:\d+ {2}error {2}.+ {2}offence\/\S+ {2}.*Art|^examples\/bills\/sample\.bill\.md:\d+:\d+ {2}error/m);
    expect(stdout).toMatch(/\d+ of 25 elements met/);
  });

  it('writes JSON version 1 with 0-based LSP ranges', () => {
    const { code, stdout } = run(['check', '--format', 'json', SAMPLE]);
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.version).toBe(1);
    expect(json.files).toHaveLength(1);
    const file = json.files[0];
    expect(file.elements).toHaveLength(ELEMENT_COUNT);
    const text = readFileSync(SAMPLE, 'utf8').split('\n');
    const withEvidence = file.elements.find((e: { provisions: unknown[] }) => e.provisions.length > 0);
    const provision = withEvidence.provisions[0];
    const line = text[provision.range.start.line]!;
    expect(line.slice(provision.range.start.character, provision.range.start.character + provision.text.length)).toBe(provision.text);
    for (const d of file.diagnostics) expect(d.source).toBe('concordance');
    expect(file.elements[0]).toMatchObject({ id: 'definition/child-under-18', perInstrument: expect.any(Object), citations: expect.any(Array) });
  });

  it('writes SARIF 2.1.0 that validates against the official schema', () => {
    const { stdout } = run(['check', '--format', 'sarif', 'examples/bills/sample.bill.md']);
    const require = createRequire(import.meta.url);
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    // The official SARIF 2.1.0 schema is JSON Schema draft-04 (hence ajv-draft-04), and one of its
    // patterns is not valid in Unicode mode (hence unicodeRegExp: false).
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const log = JSON.parse(stdout);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const rules: Array<{ id: string; shortDescription: { text: string } }> = log.runs[0].tool.driver.rules;
    expect(rules.slice(0, ELEMENT_COUNT).every((r) => !r.id.includes('drafting/'))).toBe(true);
    expect(rules.filter((r) => r.id.startsWith('drafting/'))).toHaveLength(DRAFTING_CODE_IDS.length);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    // Every result's rule is described, and its index points at it.
    for (const result of log.runs[0].results) expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('examples/bills/sample.bill.md');
  });

  it('exits 0 when nothing is at error severity (advisory instrument only)', () => {
    const { code, stdout } = run(['check', '--instruments', 'icmec', '--quiet', SAMPLE]);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/ error /);
  });

  it('walks a directory for bills, skipping README and node_modules', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'concordance-'));
    mkdirSync(path.join(dir, 'bills'));
    mkdirSync(path.join(dir, 'node_modules', 'bills'), { recursive: true });
    copyFileSync(SAMPLE, path.join(dir, 'bills', 'draft.md'));
    copyFileSync(SAMPLE, path.join(dir, 'node_modules', 'bills', 'vendored.md'));
    writeFileSync(path.join(dir, 'README.md'), '---\nconcordance: {}\n---\n# Readme\n');
    writeFileSync(path.join(dir, 'declared.md'), '---\nconcordance:\n  jurisdiction: Testland\n---\n# A Bill\n');
    writeFileSync(path.join(dir, 'notes.md'), '# Meeting notes\n');
    const { stdout } = run(['check', '--format', 'json', dir]);
    const files = JSON.parse(stdout).files.map((f: { file: string }) => path.basename(f.file)).sort();
    expect(files).toEqual(['declared.md', 'draft.md']);
  });

  it('reports a bad definitions file on stderr and still checks with the built-ins', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'concordance-defs-'));
    writeFileSync(path.join(dir, 'broken.yaml'), 'id: [unclosed\n');
    const { code, stdout, stderr } = run(['check', '--definitions', dir, SAMPLE]);
    expect(stderr).toMatch(/broken\.yaml:\d+:\d+: invalid YAML: Flow sequence/);
    expect(code).toBe(1);
    expect(stdout).toMatch(/of 25 elements met/);
  });

  it('reports a bill over --max-size as too large (one diagnostic at 1:1 naming size, limit and flag) instead of checking it', () => {
    const { code, stdout } = run(['check', '--max-size', '0.001', SAMPLE]);
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/elements met/);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/sample\.bill\.md:1:1 {2}error {2}This file is too large to check: [\d.]+ KB \(\d+ bytes\), over the limit of 1 KB\..*--max-size MB.* {2}file\/too-large$/);
    const json = JSON.parse(run(['check', '--format', 'json', '--max-size', '0.001', SAMPLE]).stdout) as { files: { diagnostics: { code: string }[]; elements: unknown[] }[] };
    expect(json.files[0]!.diagnostics.map((d) => d.code)).toEqual(['file/too-large']);
    expect(json.files[0]!.elements).toEqual([]);
  });

  it('does not read a file over the default 20 MB limit, and fix refuses it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'concordance-huge-'));
    const file = path.join(dir, 'huge.bill.md');
    writeFileSync(file, '# A Bill\n\n' + 'A person who possesses material commits an offence. '.repeat(420_000));
    const { code, stdout } = run(['check', file]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/huge\.bill\.md:1:1 {2}error {2}This file is too large to check: 20\.8 MB \(\d+ bytes\), over the limit of 20 MB/);
    const fixed = run(['fix', file]);
    expect(fixed.code).toBe(2);
    expect(fixed.stderr).toMatch(/huge\.bill\.md: This file is too large to check/);
    expect(run(['check', '--max-size', '25', '--quiet', file]).stdout).not.toMatch(/too large/);
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [['check', '--max-size', 'big', 'examples'], /bad --max-size "big"/],
    [['check', '--max-size', '0', 'examples'], /bad --max-size "0"/],
    [['check', 'no/such/bill.md'], /no\/such\/bill\.md: no such file or directory/],
    [['check', '--format', 'xml', 'examples'], /unknown format "xml"/],
    [['check', '--instruments', 'opsc,nonsense', 'examples'], /unknown instrument\(s\) nonsense/],
    [['check'], /no FILE or DIR given/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('exits 2 with a clear message for bad usage: %j', (args, message) => {
    const { code, stderr } = run(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('the size limit in report, matrix and diff', () => {
  it.each([
    ['report', ['report', '--format', 'json', '--max-size', '0.001', SAMPLE]],
    ['matrix', ['matrix', '--format', 'json', '--max-size', '0.001', SAMPLE]],
    ['diff', ['diff', '--format', 'json', '--max-size', '0.001', SAMPLE, SAMPLE]],
  ])('%s names a bill over --max-size as too large on stderr instead of checking it', (_command, args) => {
    const { code, stdout, stderr } = run(args);
    expect(code).toBe(0);
    expect(stderr).toMatch(/sample\.bill\.md: This file is too large to check: [\d.]+ KB \(\d+ bytes\), over the limit of 1 KB\..*--max-size MB/);
    expect(stdout.length).toBeGreaterThan(0);
  });

  it('keeps the reason in the JSON report, whose bill has no findings', () => {
    const json = JSON.parse(run(['report', '--format', 'json', '--max-size', '0.001', SAMPLE]).stdout) as { reports: { elements: unknown[]; problems: { message: string; severity: string; line: number }[] }[] };
    expect(json.reports[0]!.elements).toEqual([]);
    expect(json.reports[0]!.problems[0]).toMatchObject({ severity: 'error', line: 1, message: expect.stringMatching(/too large to check/) });
    // Under the limit the same bill is checked as usual.
    const checked = JSON.parse(run(['report', '--format', 'json', '--max-size', '5', SAMPLE]).stdout) as { reports: { elements: unknown[] }[] };
    expect(checked.reports[0]!.elements).toHaveLength(ELEMENT_COUNT);
  });

  it.each([['report'], ['matrix']])('%s exits 2 on a bad --max-size', (command) => {
    const { code, stderr } = run([command, '--max-size', 'big', SAMPLE]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad --max-size "big"/);
  });
});

describe('concordance fix', () => {
  it('--dry-run prints a unified diff and leaves the file alone', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'concordance-fix-'));
    const file = path.join(dir, 'bill.md');
    copyFileSync(SAMPLE, file);
    const before = readFileSync(file, 'utf8');
    const { stdout } = run(['fix', '--dry-run', file]);
    expect(stdout).toMatch(/^--- .*bill\.md\tbefore\n\+\+\+ .*bill\.md\tafter fixes\n@@/m);
    expect(stdout).toMatch(/^\+<!-- concordance: implements \S+ \(/m);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('applies the fixes, after which fewer findings remain', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'concordance-fix-'));
    const file = path.join(dir, 'bill.md');
    copyFileSync(SAMPLE, file);
    const before = JSON.parse(run(['check', '--format', 'json', file]).stdout).files[0].diagnostics.length;
    const { stdout } = run(['fix', file]);
    expect(stdout).toMatch(/applied \d+ fix\(es\)/);
    const after = JSON.parse(run(['check', '--format', 'json', file]).stdout).files[0].diagnostics.length;
    expect(after).toBeLessThan(before);
  });
});
