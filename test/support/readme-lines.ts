import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const PREFIX = "npm run interact -- ";

/**
 * The README's text from `heading` up to `end` (default: the next `### ` heading, or the end
 * of the file). Throws if the README has no such heading.
 */
export function readmeSection(heading: string, end?: string): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf(heading);
  if (start < 0) throw new Error(`README has no '${heading}' section`);
  const stop = end === undefined ? readme.indexOf("\n### ", start + 1) : readme.indexOf(end, start);
  return readme.slice(start, stop < 0 ? undefined : stop);
}

/** The `npm run interact -- …` lines of a README text, in order, comments cut, as argv. */
export function interactLines(section: string): string[][] {
  return section
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith(PREFIX))
    .map((line) => shellWords(line.slice(PREFIX.length).replace(/\s+#\s.*$/, "")));
}

/** Splits a command line as a shell would for these lines: words, double-quoted parts joined. */
export function shellWords(line: string): string[] {
  return (line.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []).map((word) => word.replace(/"/g, ""));
}
