/**
 * The document shell shared by every HTML view (compliance report, matrix, diff): a strict Content
 * Security Policy, the stylesheet under a nonce, and at most one script under the same nonce.
 *
 * The same pages are shown in a VS Code webview (where `cspSource` lets the webview's own resource
 * origin through) and saved by the CLI as a self-contained file (no script at all: `<details>` needs
 * none). Nothing is loaded from anywhere: no fonts, images or scripts from a network.
 */
import { html, trusted, type SafeHtml } from './safe.js';
import { STYLES } from './style.js';

export interface PageOptions {
  title: string;
  /** A fresh random value per page (the host makes it: the core has no randomness of its own). */
  nonce: string;
  /** webview.cspSource, in VS Code. */
  cspSource?: string;
  /** Script body (code from this repository only), run under the nonce. */
  script?: string;
}

export function contentSecurityPolicy(options: Pick<PageOptions, 'nonce' | 'cspSource' | 'script'>): string {
  const nonce = `'nonce-${options.nonce}'`;
  const source = options.cspSource ? ` ${options.cspSource}` : '';
  return [
    "default-src 'none'",
    `style-src ${nonce}${source}`,
    options.script ? `script-src ${nonce}` : "script-src 'none'",
    `img-src data:${source}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function page(options: PageOptions, body: SafeHtml): string {
  if (!/^[A-Za-z0-9+/=_-]{8,}$/.test(options.nonce)) throw new Error('page(): the nonce must be at least 8 base64/hex characters');
  const csp = contentSecurityPolicy(options);
  const script = options.script ? html`<script nonce="${options.nonce}">${trusted(options.script)}</script>` : '';
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<style nonce="${options.nonce}">${trusted(STYLES)}</style>
</head>
<body>
${body}
${script}
</body>
</html>
`.value;
}
