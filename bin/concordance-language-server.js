#!/usr/bin/env node
// Entry point of `concordance-language-server --stdio` for any LSP editor (Neovim, Emacs, Helix…);
// the code lives in server/src/lsp (compiled to out/). The VS Code extension ships its own bundle.
import '../out/server/src/lsp/main.js';
