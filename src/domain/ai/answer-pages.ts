/**
 * Splits an answer into pages of at most `size` characters, cutting at a paragraph or line
 * break in the later part of the page, else at the last space, so words stay whole; only a
 * word longer than a page is cut. Joined back, the pages give the text (whitespace at cuts
 * aside).
 */
export function splitPages(text: string, size: number): string[] {
  const pages: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const window = rest.slice(0, size);
    const floor = Math.floor(size * 0.6);
    let cut = -1;
    for (const [separator, from] of [
      ["\n\n", floor],
      ["\n", floor],
      [" ", 1],
    ] as const) {
      const at = window.lastIndexOf(separator);
      if (at >= from) {
        cut = at;
        break;
      }
    }
    if (cut <= 0) cut = size;
    pages.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  pages.push(rest);
  return pages;
}
