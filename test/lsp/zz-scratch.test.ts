import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { fileUri, LspClient, ROOT } from './lspClient.js';
it('prints', async () => {
  const c = await LspClient.start({ pull: true });
  const p = `${ROOT}examples/bills/sample.bill.md`; const uri = fileUri(p); const text = readFileSync(p, 'utf8');
  await c.open(uri, text);
  for (const prefix of ['# Child', '# Part 2']) {
    const line = text.split('\n').findIndex((l) => l.startsWith(prefix));
    const h = await c.request<any>('textDocument/hover', { textDocument: { uri }, position: { line, character: 4 } });
    console.log(h.contents.value);
  }
  await c.stop();
});
