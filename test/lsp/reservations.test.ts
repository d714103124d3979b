// "Record reservation" through a real LSP client over stdio: for a finding on an element the
// treaty lets a Party reserve, the quick-fix writes the reservation into the front matter (and only
// there: every other character stays), and the re-check reports the element as reserved.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillReport } from '../../server/src/report/model.js';
import { findings, fileUri, LspClient, ROOT } from './lspClient.js';

const BODY = [
  '# Reservations Test Bill',
  '',
  '## 1. Interpretation',
  '',
  'In this Act, “child sexual abuse material” means any visual depiction of a person under 18 years engaged in sexually explicit conduct.',
  '',
  '## 2. Production',
  '',
  'A person who produces child sexual abuse material commits an offence and is liable to imprisonment for a term not exceeding 10 years.',
  '',
].join('\n');

const ENTRY = '{ instrument: budapest, article: "9(1)(e)" }';
const TITLE = 'Record reservation under Budapest 9(4) for offence/possession (Art 9(1)(e))';

/** Front matter before → after the quick-fix (the body follows unchanged). */
const CASES: Array<{ name: string; before: string; after: string }> = [
  {
    name: 'no front matter: a new block',
    before: '',
    after: `---\nconcordance:\n  reservations:\n    - ${ENTRY}\n---\n`,
  },
  {
    name: 'front matter without concordance: the key is added, the comment kept',
    before: '---\ntitle: Reservations Test  # working title\n---\n',
    after: `---\ntitle: Reservations Test  # working title\nconcordance:\n  reservations:\n    - ${ENTRY}\n---\n`,
  },
  {
    name: 'an empty concordance key',
    before: '---\nconcordance:   # marks the file as a bill\n---\n',
    after: `---\nconcordance:   # marks the file as a bill\n  reservations:\n    - ${ENTRY}\n---\n`,
  },
  {
    name: 'settings without reservations (four-space indentation)',
    before: '---\nconcordance:\n    jurisdiction: Republic of Arcadia  # where\n---\n',
    after: `---\nconcordance:\n    jurisdiction: Republic of Arcadia  # where\n    reservations:\n      - ${ENTRY}\n---\n`,
  },
  {
    name: 'a reservation list: appended',
    before: '---\nconcordance:\n  reservations:\n    - "lanzarote 20(1)(f)"  # access\n  jurisdiction: Arcadia\n---\n',
    after: `---\nconcordance:\n  reservations:\n    - "lanzarote 20(1)(f)"  # access\n    - ${ENTRY}\n  jurisdiction: Arcadia\n---\n`,
  },
  {
    name: 'flow style',
    before: '---\nconcordance: { jurisdiction: Arcadia, reservations: [] }\n---\n',
    after: `---\nconcordance: { jurisdiction: Arcadia, reservations: [${ENTRY}] }\n---\n`,
  },
  {
    name: 'CRLF line ends',
    before: '---\r\nconcordance:\r\n  jurisdiction: Arcadia\r\n---\r\n',
    after: `---\r\nconcordance:\r\n  jurisdiction: Arcadia\r\n  reservations:\r\n    - ${ENTRY}\r\n---\r\n`,
  },
];

async function actionsFor(client: LspClient, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
}

describe('"Record reservation" quick-fix', () => {
  let client: LspClient;
  beforeAll(async () => {
    // Only the Budapest Convention is checked, so that a reservation under it settles the element.
    client = await LspClient.start({ pull: false, settings: { instruments: ['budapest'] } });
  });
  afterAll(async () => {
    await client?.stop();
  });

  for (const [index, { name, before, after }] of CASES.entries()) {
    it(`writes the reservation into the front matter only — ${name}`, async () => {
      const uri = fileUri(`${ROOT}test/artifacts/lsp/reservation-${index}.bill.md`);
      const body = before.includes('\r\n') ? BODY.replace(/\n/g, '\r\n') : BODY;
      await client.open(uri, before + body);
      const diagnostic = findings(await client.waitForDiagnostics(uri, { version: 1 })).find((d) => d.code === 'offence/possession');
      expect(diagnostic, 'offence/possession is missing from the bill').toBeDefined();

      const actions = await actionsFor(client, uri, diagnostic!);
      const reservations = actions.filter((a) => a.title.startsWith('Record reservation'));
      expect(reservations.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([[TITLE, 'quickfix', false]]);
      expect(reservations[0]!.diagnostics).toEqual([diagnostic]);

      const published = client.published.length;
      const version = await client.applyWorkspaceEdit(reservations[0]!.edit!);
      expect(client.text(uri)).toBe(after + body);

      const recheck = await client.waitForDiagnostics(uri, { version, after: published });
      expect(findings(recheck).map((d) => d.code)).not.toContain('offence/possession');
      expect(recheck.filter((d) => String(d.code).startsWith('frontmatter/'))).toEqual([]);
      const { report } = await client.request<{ report: BillReport }>('workspace/executeCommand', { command: 'concordance.server.reportData', arguments: [uri] });
      const possession = report.elements.find((e) => e.id === 'offence/possession');
      expect([possession?.status, possession?.perInstrument]).toEqual(['reserved', { budapest: 'reserved' }]);
      await client.close(uri);
    });
  }

  it('is offered only where the treaty permits the reservation', async () => {
    const uri = fileUri(`${ROOT}test/artifacts/lsp/reservation-offers.bill.md`);
    await client.open(uri, CASES[3]!.before + BODY);
    const diagnostics = findings(await client.waitForDiagnostics(uri, { version: 1 }));
    const offered: Record<string, string[]> = {};
    for (const diagnostic of diagnostics) {
      const titles = (await actionsFor(client, uri, diagnostic)).map((a) => a.title).filter((t) => t.startsWith('Record reservation'));
      if (titles.length > 0) offered[String(diagnostic.code)] = titles;
    }
    // Budapest 9(4) permits reserving procuring (9(1)(d)), possession (9(1)(e)) and the definition's
    // limbs for persons appearing to be minors and realistic images (9(2)(b), (c)) — never producing,
    // offering or distributing (9(1)(a)-(c)); 11(3) permits reserving attempt (11(2)), 22(2)
    // jurisdiction over nationals abroad (22(1)(d)).
    expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['offence/offering', 'offence/distribution']));
    expect(offered).toEqual({
      'definition/appearing-minor': ['Record reservation under Budapest 9(4) for definition/appearing-minor (Art 9(2)(b))'],
      'definition/realistic-images': ['Record reservation under Budapest 9(4) for definition/realistic-images (Art 9(2)(c))'],
      'offence/procuring': ['Record reservation under Budapest 9(4) for offence/procuring (Art 9(1)(d))'],
      'offence/possession': [TITLE],
      'general/attempt-complicity': ['Record reservation under Budapest 11(3) for general/attempt-complicity (Art 11(2))'],
      'general/jurisdiction': ['Record reservation under Budapest 22(2) for general/jurisdiction (Art 22(1)(d))'],
    });
    await client.close(uri);
  });

  it('is not offered when the front matter cannot take it (invalid YAML)', async () => {
    const uri = fileUri(`${ROOT}test/artifacts/lsp/reservation-invalid.bill.md`);
    await client.open(uri, '---\nconcordance: [\n---\n' + BODY);
    const diagnostic = findings(await client.waitForDiagnostics(uri, { version: 1 })).find((d) => d.code === 'offence/possession')!;
    expect(diagnostic).toBeDefined();
    expect((await actionsFor(client, uri, diagnostic)).filter((a) => a.title.startsWith('Record reservation'))).toEqual([]);
    await client.close(uri);
  });
});
