// CSV lines for the report export (RFC 4180 quoting). Cells that a
// spreadsheet would run as a formula are prefixed with an apostrophe (OWASP
// "CSV injection"): content titles and UTM values come from outside.

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
