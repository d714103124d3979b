/** Innermost provision at an offset, for queries in non-decreasing offset order (one linear sweep). */
import type { Provision } from './types.js';
import type { TreeBuilder } from './tree.js';

export class ProvisionLocator {
  private next = 1;
  private readonly stack: Provision[];
  private last = -1;

  constructor(private readonly builder: TreeBuilder) {
    this.stack = [builder.root];
  }

  at(offset: number): Provision {
    if (offset < this.last) return innermostAt(this.builder, offset);
    this.last = offset;
    const list = this.builder.provisions;
    while (this.next < list.length && (list[this.next] as Provision).span.start <= offset) {
      const p = list[this.next++] as Provision;
      const parent = this.builder.parentOf(p);
      while (this.stack.length > 1 && this.stack[this.stack.length - 1] !== parent) this.stack.pop();
      this.stack.push(p);
    }
    while (this.stack.length > 1 && (this.stack[this.stack.length - 1] as Provision).span.end < offset) this.stack.pop();
    // Half-open spans: an offset equal to the end belongs to the parent, except for empty-text provisions.
    while (this.stack.length > 1) {
      const top = this.stack[this.stack.length - 1] as Provision;
      if (top.span.end > offset || (top.span.end === offset && top.span.start === offset)) break;
      this.stack.pop();
    }
    return this.stack[this.stack.length - 1] as Provision;
  }
}

/** Innermost provision containing `offset` (walks down from the root; for occasional queries). */
export function innermostAt(builder: TreeBuilder, offset: number): Provision {
  let cur = builder.root;
  for (;;) {
    let next: Provision | undefined;
    for (const id of cur.childIds) {
      const c = builder.byId.get(id) as Provision;
      if (c.span.start <= offset && offset < c.span.end) {
        next = c;
        break;
      }
      if (c.span.start > offset) break;
    }
    if (!next) return cur;
    cur = next;
  }
}
