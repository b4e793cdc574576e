/** One RFC 4180 record: every field quoted, quotes doubled, so commas and newlines in text survive. */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')}\r\n`;
}
