/**
 * The results of a pure function, remembered by argument: for work asked for again and again
 * (the folding of each character of the search texts; the kinds of names and the Simplified
 * spelling of titles in the listing data, which the listing thread also keeps between builds:
 * src/loader/listing-memo.ts). Bounded, so that no input grows it without end: past the bound,
 * results are computed and not remembered.
 */
export class Remembered<T> {
  private readonly results = new Map<string, T>();
  private readonly compute: (argument: string) => T;
  private readonly limit: number;

  constructor(compute: (argument: string) => T, limit: number) {
    this.compute = compute;
    this.limit = limit;
  }

  get(argument: string): T {
    let result = this.results.get(argument);
    if (result === undefined) {
      result = this.compute(argument);
      if (this.results.size < this.limit) this.results.set(argument, result);
    }
    return result;
  }

  get size(): number {
    return this.results.size;
  }

  /** Every result remembered, to keep. */
  entries(): [string, T][] {
    return [...this.results];
  }

  /** Takes results kept from an earlier run as known: only results of the same code, which the caller checks. */
  remember(entries: Iterable<readonly [string, T]>): void {
    for (const [argument, result] of entries) if (this.results.size < this.limit) this.results.set(argument, result);
  }
}
