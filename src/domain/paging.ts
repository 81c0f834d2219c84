/** One page of a list, with its position. */
export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
}

/** Cuts `items` into pages of `size`; an out-of-range page number is clamped. */
export function paginate<T>(items: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(0, Math.trunc(page) || 0), pages - 1);
  return { items: items.slice(current * size, current * size + size), page: current, pages };
}
