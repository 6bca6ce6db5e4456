// Keeps the best `capacity` entries of a stream by an order, in O(capacity) memory: a binary heap
// whose root is the worst entry kept, so a new entry only has to beat the root.

export class TopK<T> {
  private readonly heap: T[] = [];

  /** `compare(a, b) < 0` when `a` ranks before (is better than) `b`. */
  constructor(
    private readonly capacity: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  offer(item: T): void {
    const heap = this.heap;
    if (heap.length < this.capacity) {
      heap.push(item);
      this.siftUp(heap.length - 1);
    } else if (heap.length > 0 && this.compare(item, heap[0] as T) < 0) {
      heap[0] = item;
      this.siftDown(0);
    }
  }

  /** The kept entries, best first. */
  sorted(): T[] {
    return [...this.heap].sort(this.compare);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(heap[parent] as T, heap[i] as T) >= 0) return;
      [heap[parent], heap[i]] = [heap[i] as T, heap[parent] as T];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      let worst = i;
      if (left < heap.length && this.compare(heap[left] as T, heap[worst] as T) > 0) worst = left;
      if (left + 1 < heap.length && this.compare(heap[left + 1] as T, heap[worst] as T) > 0) worst = left + 1;
      if (worst === i) return;
      [heap[worst], heap[i]] = [heap[i] as T, heap[worst] as T];
      i = worst;
    }
  }
}
