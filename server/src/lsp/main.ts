/**
 * Entry point of the Concordance language server: `concordance-language-server --stdio` (any
 * editor), or `--node-ipc` (the VS Code extension starts the bundled copy of this file).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer, VERSION } from './server.js';

const USAGE = `Usage: concordance-language-server --stdio
       (also --node-ipc, --socket=PORT or --pipe=NAME, as vscode-languageserver accepts)

Checks Markdown draft bills against the international standards on child sexual abuse material.
Configure through workspace/configuration, section "concordance" (see README "Editor").`;

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${VERSION}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
} else if (!args.some((a) => a === '--stdio' || a.startsWith('--node-ipc') || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write(`concordance-language-server: say how to talk to the editor.\n${USAGE}\n`);
  process.exitCode = 2;
} else {
  const connection = createConnection(ProposedFeatures.all);
  // A bug in one request must not take the editor's server down: log it and carry on.
  process.on('uncaughtException', (error) => connection.console.error(`Concordance: uncaught ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Concordance: unhandled rejection ${String((reason as Error)?.stack ?? reason)}`));
  startServer(connection);
}
