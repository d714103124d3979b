/* eslint-disable @typescript-eslint/no-require-imports -- the extension host require()s this CommonJS file, and it require()s vscode */
// Runs inside VS Code's extension host (loaded by test/e2e/electron/run.mjs through
// @vscode/test-electron) with the Concordance extension under development. Plain node:assert, no
// test framework: each check is recorded in CONCORDANCE_E2E_RESULTS, and run() rejects when one fails.
const assert = require('node:assert/strict');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');
const { parse: parseYaml } = require('yaml');

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through test/e2e/electron/run.mjs`);
  return value;
};

async function poll(what, probe, timeout = 60000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const codes = (diagnostics) => diagnostics.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)).sort();
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'concordance');
const squash = (text) => text.replace(/\s+/g, ' ').trim();

async function run() {
  const bill = vscode.Uri.file(env('CONCORDANCE_E2E_BILL'));
  const expected = JSON.parse(readFileSync(env('CONCORDANCE_E2E_EXPECTED'), 'utf8')).files[0];
  const definitions = env('CONCORDANCE_E2E_DEFINITIONS');
  const passed = [];
  const failed = [];
  const check = async (name, body) => {
    try {
      await body();
      passed.push(name);
      console.log(`  ✓ ${name}`);
    } catch (error) {
      failed.push({ name, error: error && error.stack ? error.stack : String(error) });
      console.log(`  ✗ ${name}: ${error && error.message}`);
    }
  };

  const document = await vscode.workspace.openTextDocument(bill);
  const editor = await vscode.window.showTextDocument(document);

  await check('diagnostics are the findings the CLI reports', async () => {
    const want = codes(expected.diagnostics);
    await poll('the diagnostics', () => (JSON.stringify(codes(ours(bill))) === JSON.stringify(want) ? true : undefined)).catch(() => undefined);
    assert.deepEqual(codes(ours(bill)), want);
  });

  await check('a section heading hovers with the treaty text', async () => {
    const lines = document.getText().split(/\r?\n/);
    const element = expected.elements.find((e) => e.status === 'met' && e.citations.length > 0 && e.provisions.some((p) => /^Section \d+/.test(p.label)));
    assert.ok(element, 'a met element in a numbered section');
    const number = /^Section (\d+)/.exec(element.provisions.find((p) => /^Section \d+/.test(p.label)).label)[1];
    const line = lines.findIndex((l) => new RegExp(`^#{1,6}\\s+${number}\\.\\s`).test(l));
    assert.ok(line >= 0, `the heading of section ${number}`);
    const citation = element.citations[0];
    const instrument = parseYaml(readFileSync(join(definitions, 'instruments', `${citation.instrument}.yaml`), 'utf8'));
    const text = instrument.articles.find((a) => a.article === citation.article).text;
    const snippet = squash(text.includes('…') ? text.slice(text.lastIndexOf('…') + 1) : text).slice(0, 60);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', bill, new vscode.Position(line, lines[line].indexOf(number)));
    const shown = squash(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'));
    assert.ok(shown.includes(snippet), `the hover quotes "${snippet}"`);
  });

  await check('a quick-fix drafts the missing provision and the finding goes', async () => {
    const missing = expected.diagnostics.filter((d) => d.code.startsWith('offence/') && expected.elements.find((e) => e.id === d.code).status === 'missing');
    const diagnostic = missing.find((d) => d.code === 'offence/import-export') || missing[0];
    assert.ok(diagnostic, 'the sample has a missing offence');
    const element = expected.elements.find((e) => e.id === diagnostic.code);
    const range = new vscode.Range(diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character);
    editor.selection = new vscode.Selection(range.start, range.start);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', bill, range, vscode.CodeActionKind.QuickFix.value);
    const title = `Add a provision: ${element.title.toLowerCase()}`;
    const action = actions.find((a) => a.title.startsWith(title));
    assert.ok(action && action.edit, `a quick-fix "${title}…" among ${actions.map((a) => a.title).join('; ')}`);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    assert.ok(await document.save());
    assert.match(readFileSync(bill.fsPath, 'utf8'), new RegExp(`concordance: implements ${element.id.replace('/', '\\/')}`));
    await poll(`${element.id} to leave the diagnostics`, () => (codes(ours(bill)).includes(element.id) ? undefined : true));
  });

  writeFileSync(env('CONCORDANCE_E2E_RESULTS'), JSON.stringify({ passed, failed }));
  if (failed.length > 0) throw new Error(`${failed.length} check(s) failed: ${failed.map((f) => f.name).join('; ')}`);
}

module.exports = { run };
