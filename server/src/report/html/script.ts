/**
 * The only script a report page ever runs, and only in the VS Code webview (the CLI's file has none).
 * It turns clicks on provision links into a message the extension answers with editor.revealRange,
 * and swaps in a new body when the bill changes while keeping the reader's open <details> and scroll.
 * The new body comes from the same escaping renderer as the first one; nothing else is inserted.
 */
export const WEBVIEW_SCRIPT = `(function () {
  'use strict';
  var vscode = acquireVsCodeApi();
  var state = vscode.getState() || { open: [] };
  function openKeys() {
    return Array.prototype.map.call(document.querySelectorAll('details[open][data-key]'), function (d) { return d.getAttribute('data-key'); });
  }
  function restore(keys) {
    var wanted = new Set(keys || []);
    Array.prototype.forEach.call(document.querySelectorAll('details[data-key]'), function (d) {
      if (wanted.has(d.getAttribute('data-key'))) d.open = true;
    });
  }
  restore(state.open);
  document.addEventListener('toggle', function () {
    vscode.setState({ open: openKeys() });
  }, true);
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('[data-reveal]') : null;
    if (!target) return;
    event.preventDefault();
    var parts = (target.getAttribute('data-reveal') || '').split(':').map(Number);
    if (parts.length !== 4 || parts.some(isNaN)) return;
    vscode.postMessage({
      type: 'reveal',
      uri: target.getAttribute('data-uri'),
      range: { start: { line: parts[0], character: parts[1] }, end: { line: parts[2], character: parts[3] } }
    });
  });
  window.addEventListener('message', function (event) {
    var message = event.data;
    if (!message || message.type !== 'update' || typeof message.body !== 'string') return;
    var content = document.getElementById('content');
    if (!content) return;
    var keys = openKeys();
    var y = window.scrollY;
    content.innerHTML = message.body;
    restore(keys);
    window.scrollTo(0, y);
  });
})();
`;
