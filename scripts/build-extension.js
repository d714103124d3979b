// Bundles the language server and the VS Code extension with esbuild (CommonJS, as the extension
// host and `node server.js --stdio` load them), and copies the built-in catalogue next to the
// server bundle, where server/src/lsp/catalogue.ts looks for it:
//
//   client/out/extension.js     the extension (vscode external)
//   client/out/server.js        the language server (everything bundled)
//   client/out/indexWorker.js   its workspace index, run in a worker thread
//   client/out/definitions/     definitions/*.yaml
//
// Run by `npm run build` (a second or two); `npm run package` then makes the .vsix from client/.
// client/package.json is the extension's own manifest (no "type": "module", no dependencies): the
// bundles are CommonJS and self-contained, so `vsce package --no-dependencies` packs just client/out.
import { cpSync, existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const production = process.argv.includes('--production');
// --outdir DIR: build the bundles elsewhere (the bench measures a production build without touching client/out).
const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg > 0 ? path.resolve(process.argv[outdirArg + 1]) : path.join(root, 'client', 'out');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // ES2022 (what tsconfig compiles to; VS Code 1.90's Node 20 runs it), not a "nodeNN" target: for
  // those esbuild rewrites every regular expression with a Unicode property escape (\p{L}) as
  // `new RegExp("…")`, a lookup by source string each time one is evaluated, in the drafting
  // checks' inner loops too. UTF-8 output keeps literals with "“" or "§" as they are written.
  target: 'es2022',
  charset: 'utf8',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // The sources are ESM and use import.meta.url to find files beside them; in the CommonJS bundle
  // that is the bundle's own location.
  define: { 'import.meta.url': '__concordance_import_meta_url' },
  banner: { js: 'const __concordance_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
};

const started = Date.now();
await Promise.all([
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: path.join(outdir, 'server.js') }),
  // The workspace index runs in a worker thread; server/src/lsp/workspaceIndex.ts finds it beside server.js.
  build({ ...common, entryPoints: ['server/src/lsp/indexWorker.ts'], outfile: path.join(outdir, 'indexWorker.js') }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: path.join(outdir, 'extension.js'), external: ['vscode'] }),
]);

const target = path.join(outdir, 'definitions');
rmSync(target, { recursive: true, force: true });
cpSync(`${root}definitions`, target, {
  recursive: true,
  filter: (source) => statSync(source).isDirectory() || /\.ya?ml$/i.test(source),
});
if (!existsSync(`${target}/elements.yaml`)) throw new Error('build-extension: definitions/elements.yaml was not copied');
console.log(`build-extension: client/out/{server,indexWorker,extension}.js and definitions/ in ${Date.now() - started} ms`);
