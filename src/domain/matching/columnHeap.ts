/**
 * Binary min-heap of (key, column) in typed arrays. It starts small on purpose: it then grows during the first
 * searches, before V8 optimises the solver; starting at 1,024 entries, it first grew in optimised code, which
 * threw that code away (no feedback for the growing branch) and ran the rest of the first solve unoptimised.
 */
export class ColumnHeap {
  private keys = new Float64Array(16);
  private items = new Int32Array(16);
  size = 0;

  push(key: number, item: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const items = new Int32Array(this.size * 2);
      items.set(this.items);
      this.items = items;
    }
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if ((this.keys[parent] as number) <= key) break;
      this.keys[at] = this.keys[parent] as number;
      this.items[at] = this.items[parent] as number;
      at = parent;
    }
    this.keys[at] = key;
    this.items[at] = item;
  }

  topKey(): number {
    return this.keys[0] as number;
  }

  /** Removes the top; returns its item. */
  pop(): number {
    const top = this.items[0] as number;
    const last = --this.size;
    const key = this.keys[last] as number;
    const item = this.items[last] as number;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= last) break;
      const right = left + 1;
      const child = right < last && (this.keys[right] as number) < (this.keys[left] as number) ? right : left;
      if ((this.keys[child] as number) >= key) break;
      this.keys[at] = this.keys[child] as number;
      this.items[at] = this.items[child] as number;
      at = child;
    }
    this.keys[at] = key;
    this.items[at] = item;
    return top;
  }
}
