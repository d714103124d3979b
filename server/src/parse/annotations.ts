/**
 * `<!-- concordance: implements offence/access -->` and
 * `<!-- concordance: ignore offence/access — reason -->` (also "-" or ":" before the reason).
 */
import type { Annotation, ParseProblem, Provision } from './types.js';
import type { HtmlBlock } from './structure.js';
import type { TreeBuilder } from './tree.js';
import { innermostAt } from './locate.js';

const COMMENT = /<!--([\s\S]*?)(?:-->|$)/g;
const HEAD = /^\s*concordance\b\s*(:?)\s*([\s\S]*?)\s*$/i;
// An optional parenthesised note after the id carries the citations of a provenance comment:
// `<!-- concordance: implements offence/access (Lanzarote 20(1)(f)) -->`.
const BODY = /^(implements|ignore)\s+([a-z0-9][a-z0-9._/-]*)(?:\s+\((.*)\))?(?:\s*(?:—|–|-{1,2}|:)\s*([\s\S]*?))?\s*$/i;

export function findAnnotations(text: string, plain: string, html: HtmlBlock[], builder: TreeBuilder, problems: ParseProblem[]): Annotation[] {
  const out: Annotation[] = [];
  if (text.indexOf('<!--') === -1) return out;
  let blockIdx = 0;
  COMMENT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = COMMENT.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0].length === 0) {
      COMMENT.lastIndex++;
      continue;
    }
    // Only real HTML comments: Markdown blanks them in `plain` (a "<!--" inside code stays readable).
    if (plain.charCodeAt(start) !== 32) {
      COMMENT.lastIndex = start + 4;
      continue;
    }
    const head = HEAD.exec(m[1] as string);
    if (!head) continue;
    const span = { start, end };
    if (!m[0].endsWith('-->')) {
      problems.push({ code: 'annotation/invalid', message: 'Concordance annotation comment is not closed with "-->".', severity: 'error', span });
      continue;
    }
    while (blockIdx < html.length && (html[blockIdx] as HtmlBlock).span.end <= start) blockIdx++;
    const block = html[blockIdx];
    const inBlock = block !== undefined && block.span.start <= start && end <= block.span.end;
    const anchor = inBlock && block.nextBlockStart !== undefined ? block.nextBlockStart : start;
    const provision: Provision = innermostAt(builder, anchor);
    const body = BODY.exec(head[2] as string);
    if (!head[1] || !body) {
      problems.push({
        code: 'annotation/invalid',
        message: 'Unrecognised Concordance annotation; expected "<!-- concordance: implements <element-id> -->" or "<!-- concordance: ignore <element-id> — <reason> -->".',
        severity: 'error',
        span,
      });
      continue;
    }
    const kind = (body[1] as string).toLowerCase() as 'implements' | 'ignore';
    const elementId = (body[2] as string).toLowerCase();
    const reason = body[4]?.replace(/\s+/g, ' ').trim();
    if (kind === 'ignore' && !reason) {
      problems.push({
        code: 'annotation/missing-reason',
        message: `"ignore ${elementId}" needs a reason: <!-- concordance: ignore ${elementId} — why it does not apply -->.`,
        severity: 'error',
        span,
      });
    }
    out.push({ kind, elementId, ...(reason ? { reason } : {}), span, provisionId: provision.id });
  }
  return out;
}
