// A message's text with the entities the pipeline found marked up. The spans
// are UTF-16 offsets into `subject + "\n" + body` (what the pipeline read).
import type { ReactNode } from "react";

export type Span = { start: number; end: number; type: string; label: string };

export function highlight(text: string, spans: Span[], offset: number): ReactNode[] {
  const inText = spans
    .map((s) => ({ ...s, start: s.start - offset, end: s.end - offset }))
    .filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const span of inText) {
    if (span.start < at) continue; // overlapping: keep the first
    if (span.start > at) parts.push(text.slice(at, span.start));
    parts.push(
      <mark
        key={`${span.start}-${span.end}`}
        title={span.label}
        data-entity={span.type}
        style={{
          background: "var(--p-color-bg-fill-warning-secondary, #ffe8a3)",
          borderRadius: 3,
          padding: "0 2px",
        }}
      >
        {text.slice(span.start, span.end)}
      </mark>
    );
    at = span.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

export function HighlightedText({ text, spans, offset = 0 }: { text: string; spans: Span[]; offset?: number }) {
  return <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{highlight(text, spans, offset)}</span>;
}
