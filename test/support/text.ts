/** How many times `part` stands in `text`: a write that must land once, found once, even after a retry. */
export function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}
