#!/usr/bin/env node
// Entry point of the `concordance` CLI; the code lives in server/src/cli (compiled to out/).
import { main } from '../out/server/src/cli/main.js';

process.exitCode = main(process.argv.slice(2));
