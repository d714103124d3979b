#!/usr/bin/env node
// Entry point of the `concordance` CLI; the code lives in server/src/cli (compiled to out/).
import { main } from '../out/server/src/cli/main.js';

// main() returns a promise for the asynchronous exports (DOCX); awaiting a number is a no-op.
process.exitCode = await main(process.argv.slice(2));
