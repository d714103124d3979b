/**
 * Which Markdown files are bills: front matter with a `concordance:` key, or a path matching the
 * include globs — never README/CHANGELOG-style files. Shared by the CLI walker and the server.
 */
export const DEFAULT_INCLUDE = ['**/bills/**/*.md', '**/*.bill.md'];

const ORDINARY_DOCS = /(^|\/)(readme|changelog|changes|history|license|licence|contributing|code_of_conduct|security|authors|notice)(\.[^/]*)?$/i;

/** True when the front matter (the first `---` block) has a top-level `concordance:` key. */
export function declaresConcordance(text: string): boolean {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (!/^---\r?\n/.test(body)) return false;
  const end = body.search(/\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/);
  const front = end < 0 ? body : body.slice(0, end);
  return /^concordance\s*:/m.test(front);
}

export function isBillCandidate(relativePath: string, text: string, includeMatches: (path: string) => boolean): boolean {
  if (ORDINARY_DOCS.test(relativePath)) return false;
  return declaresConcordance(text) || includeMatches(relativePath);
}
