import { expect, test } from "vitest";
import { parseVideoUrl } from "./video.ts";

test.each([
  ["https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", "dQw4w9WgXcQ"],
  ["https://youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ"],
  ["https://m.youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"],
  ["https://www.youtube.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"],
  ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"],
])("YouTube %s", (url, id) => {
  const result = parseVideoUrl(url);
  expect(result).toMatchObject({ ok: true, video: { type: "youtube", id } });
  if (result.ok && result.video.type === "youtube") {
    expect(new URL(result.video.embedUrl).hostname).toBe("www.youtube-nocookie.com");
    expect(result.video.posterUrl).toContain(id);
  }
});

test.each([
  ["https://vimeo.com/76979871", "76979871"],
  ["https://player.vimeo.com/video/76979871?h=abc", "76979871"],
  ["https://vimeo.com/channels/staffpicks/76979871", "76979871"],
])("Vimeo %s", (url, id) => {
  const result = parseVideoUrl(url);
  expect(result).toMatchObject({ ok: true, video: { type: "vimeo", id } });
  if (result.ok && result.video.type === "vimeo") expect(result.video.embedUrl).toContain("dnt=1");
});

test.each([
  ["https://cdn.shopify.com/videos/c/o/v/abc.mp4", "mp4", "https://cdn.shopify.com/videos/c/o/v/abc.mp4"],
  ["https://cdn.example/clip.WEBM?x=1", "mp4", "https://cdn.example/clip.WEBM?x=1"],
  ["https://cdn.shopify.com/videos/c/vp/abc/abc.m3u8", "hls", "https://cdn.shopify.com/videos/c/vp/abc/abc.m3u8"],
  ["/cdn/shop/files/clip.mp4", "mp4", "/cdn/shop/files/clip.mp4"],
])("file %s is %s", (url, type, src) => {
  expect(parseVideoUrl(url)).toMatchObject({ ok: true, video: { type, src } });
});

test.each([
  ["not a url", "full URL"],
  ["ftp://example.com/a.mp4", "http"],
  ["https://www.youtube.com/watch?v=short", "YouTube"],
  ["https://vimeo.com/about", "Vimeo"],
  ["https://example.com/page.html", ".mp4"],
  ["//evil.example/a.mp4", "full URL"],
])("%s is refused with a reason", (url, reason) => {
  const result = parseVideoUrl(url);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toContain(reason);
});
