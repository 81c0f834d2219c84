/** One page of a list read from the database. */
export interface LoadedPage<T> {
  rows: T[];
  total: number;
  page: number;
  pages: number;
}

/**
 * Loads page `requested` (clamped into range: a stale button may point past the end, and
 * then the last page is shown) of a list that `fetch` reads by offset.
 */
export async function loadPage<T>(
  requested: number,
  size: number,
  fetch: (range: { offset: number; limit: number }) => Promise<{ rows: T[]; total: number }>,
): Promise<LoadedPage<T>> {
  const wanted = Math.max(0, Math.trunc(requested) || 0);
  const first = await fetch({ offset: wanted * size, limit: size });
  const pages = Math.max(1, Math.ceil(first.total / size));
  const page = Math.min(wanted, pages - 1);
  if (page === wanted) return { ...first, page, pages };
  const last = await fetch({ offset: page * size, limit: size });
  return { ...last, page, pages };
}
