/** The `WHERE` of a filtered query, built one condition at a time with its parameters. */
export class Conditions {
  readonly #clauses: string[] = [];
  readonly params: unknown[] = [];

  /** Adds `clause` (with one `?`) and its value, when the value is given. */
  add(clause: string, value: unknown): this {
    if (value === undefined) return this;
    this.#clauses.push(clause);
    this.params.push(value);
    return this;
  }

  /** `WHERE a AND b`, or nothing. */
  get sql(): string {
    return this.#clauses.length > 0 ? `WHERE ${this.#clauses.join(' AND ')}` : '';
  }
}

/** A page size from a caller's `limit`: 1 to 1000, default 100. */
export function pageSize(limit: number | undefined): number {
  return Math.min(1000, Math.max(1, Math.floor(limit ?? 100)));
}

/**
 * A page from rows read with `LIMIT size + 1`: the first `size` mapped, and `next` (the last
 * entry's id, for `after`) when there was one more.
 */
export function pageOf<R, E extends { id: number }>(
  rows: R[],
  size: number,
  map: (row: R) => E,
): { entries: E[]; next?: number } {
  const entries = rows.slice(0, size).map(map);
  return rows.length > size ? { entries, next: (entries[entries.length - 1] as E).id } : { entries };
}
