/**
 * Splits an answer into pages of at most `size` characters, cutting at a paragraph, then a
 * line, then a space when one is in the last fifth of the page, so words and code lines stay
 * whole. The pages joined back give the text (whitespace at cuts aside).
 */
export function splitPages(text: string, size: number): string[] {
  const pages: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const window = rest.slice(0, size);
    const floor = Math.floor(size * 0.8);
    let cut = -1;
    for (const separator of ["\n\n", "\n", " "]) {
      const at = window.lastIndexOf(separator);
      if (at >= floor) {
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
