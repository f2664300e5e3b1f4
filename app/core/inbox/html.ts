// Shopper and merchant text goes into HTML email escaped (SPEC §8): a reply's
// HTML part is its plain text, escaped, with links made clickable (a tracked
// reply link shows the product URL it leads to).
import { readableReplyUrl } from "./utm.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const LINK = /\bhttps?:\/\/[^\s<>"]+/g;

/** Plain text → a small HTML document body: paragraphs, line breaks, escaped text, clickable http(s) links. */
export function textToHtml(text: string): string {
  const paragraphs = text.replace(/\r\n?/g, "\n").split(/\n{2,}/);
  const html = paragraphs.map((paragraph) => {
    const parts: string[] = [];
    let last = 0;
    for (const match of paragraph.matchAll(LINK)) {
      const trailing = /[.,;:!?)]+$/.exec(match[0])?.[0] ?? "";
      const url = trailing ? match[0].slice(0, -trailing.length) : match[0];
      const start = match.index;
      parts.push(escapeHtml(paragraph.slice(last, start)));
      parts.push(`<a href="${escapeHtml(url)}">${escapeHtml(readableReplyUrl(url))}</a>`);
      last = start + url.length;
    }
    parts.push(escapeHtml(paragraph.slice(last)));
    return `<p>${parts.join("").replace(/\n/g, "<br>\n")}</p>`;
  });
  return `<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">\n${html.join("\n")}\n</body></html>`;
}
