/**
 * One stylesheet for every report page. Colours come from the VS Code theme variables
 * (--vscode-*), with light fallbacks so the CLI's saved file reads well in a browser and on paper;
 * @media print turns everything black on white and drops what only makes sense on screen.
 * No inline style attributes anywhere: the CSP allows styles only under the page's nonce.
 */
export const STYLES = `
:root {
  --fg: var(--vscode-foreground, #1f1f1f);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #5f6368);
  --border: var(--vscode-panel-border, var(--vscode-widget-border, #d0d7de));
  --head: var(--vscode-editorWidget-background, #f3f4f6);
  --link: var(--vscode-textLink-foreground, #0b5cad);
  --quote-bg: var(--vscode-textBlockQuote-background, #f6f8fa);
  --quote-border: var(--vscode-textBlockQuote-border, #c6cbd1);
  --met: var(--vscode-testing-iconPassed, #1a7f37);
  --partial: var(--vscode-editorWarning-foreground, #9a6700);
  --missing: var(--vscode-editorError-foreground, #cf222e);
  --conflict: var(--vscode-charts-purple, #8250df);
  --reserved: var(--vscode-charts-blue, #0969da);
  --na: var(--vscode-disabledForeground, #8c959f);
}
* { box-sizing: border-box; }
body { margin: 0; padding: 16px 20px 40px; color: var(--fg); background: var(--bg);
  font-family: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  font-size: var(--vscode-font-size, 14px); line-height: 1.45; }
h1 { font-size: 1.5em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05em; margin: 16px 0 6px; }
a { color: var(--link); }
a:focus { outline: 1px solid var(--vscode-focusBorder, #0969da); }
.muted, .meta { color: var(--muted); }
.meta { margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid var(--border); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--head); font-weight: 600; }
tbody tr:target, dt:target { outline: 2px solid var(--link); }
code, .mono { font-family: var(--vscode-editor-font-family, ui-monospace, "SFMono-Regular", Menlo, monospace); font-size: 0.92em; }
blockquote { margin: 6px 0; padding: 6px 10px; background: var(--quote-bg); border-left: 3px solid var(--quote-border); white-space: pre-wrap; }
details { margin: 4px 0; }
summary { cursor: pointer; color: var(--link); }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.plain li { margin: 2px 0; }
.status { display: inline-block; min-width: 6.5em; padding: 0 6px; border: 1px solid currentColor; border-radius: 3px;
  font-size: 0.85em; font-weight: 600; text-align: center; white-space: nowrap; }
.met { color: var(--met); }
.partial { color: var(--partial); }
.missing { color: var(--missing); }
.conflict { color: var(--conflict); }
.reserved { color: var(--reserved); }
.not-applicable, .unknown { color: var(--na); }
.unverified { color: var(--partial); font-style: italic; font-size: 0.9em; }
.below { color: var(--missing); font-weight: 600; }
.ok { color: var(--met); }
.notfound { color: var(--missing); font-style: italic; }
.figures { white-space: nowrap; }
.figures div { margin: 1px 0; }
.summary-grid { display: grid; grid-template-columns: minmax(10em, max-content) 1fr max-content; gap: 4px 12px; align-items: center; max-width: 760px; }
svg.bar { width: 100%; height: 12px; display: block; border: 1px solid var(--border); }
svg.bar rect.met { fill: var(--met); }
svg.bar rect.partial { fill: var(--partial); }
svg.bar rect.missing { fill: var(--missing); }
svg.bar rect.conflict { fill: var(--conflict); }
svg.bar rect.reserved { fill: var(--reserved); }
svg.bar rect.not-applicable { fill: var(--na); }
nav.toc { margin: 8px 0 4px; }
nav.toc a { margin-right: 14px; }
.peers li { margin: 4px 0; }
.minimum { background: var(--head); }
td.cell .status { min-width: 0; }
td.cell div { font-size: 0.9em; }
.legend span { margin-right: 12px; }
table.matrix { table-layout: fixed; font-size: 0.92em; }
table.matrix th, table.matrix td { overflow-wrap: anywhere; }
table.matrix thead th.element { width: 14em; }
table.matrix thead th.minimum { width: 17em; }
.problems li { color: var(--partial); }
.reveal { cursor: pointer; }
table.elements { table-layout: fixed; }
table.elements th:nth-child(1) { width: 8em; }
table.elements th:nth-child(2) { width: 24%; }
table.elements th:nth-child(3) { width: 22%; }
table.elements th:nth-child(5) { width: 15em; }
table.elements td { overflow-wrap: anywhere; }
table.penalties { margin: 4px 0; font-size: 0.9em; }
table.penalties td, table.penalties th { padding: 2px 4px; white-space: normal; }
@media print {
  :root { --fg: #000; --bg: #fff; --link: #000; --head: #eee; --border: #999; --quote-bg: #fff; }
  body { padding: 0; font-size: 10.5pt; }
  nav.toc, .no-print { display: none; }
  a { text-decoration: none; }
  tr, dt, dd, blockquote { break-inside: avoid; }
  h2 { break-after: avoid; }
  summary { color: #000; }
}
`;
