// Video URL parsing for the content library: which player a URL needs and the
// URL the storefront loads. YouTube and Vimeo play in their privacy-friendly
// embeds (youtube-nocookie, dnt=1); files play in <video> (HLS natively where
// the browser can, e.g. Safari, else the mp4 fallback the merchant gives).

export type ParsedVideo =
  | { type: "youtube"; id: string; embedUrl: string; posterUrl: string }
  | { type: "vimeo"; id: string; embedUrl: string; posterUrl: null }
  | { type: "mp4" | "hls"; id: null; embedUrl: null; posterUrl: null; src: string };

export type VideoParseResult = { ok: true; video: ParsedVideo } | { ok: false; reason: string };

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

function youtubeId(url: URL): string | null {
  const host = url.hostname.replace(/^(www|m|music)\./, "");
  let id: string | null = null;
  if (host === "youtu.be") id = url.pathname.slice(1).split("/")[0];
  else if (host === "youtube.com" || host === "youtube-nocookie.com") {
    if (url.pathname === "/watch") id = url.searchParams.get("v");
    else {
      const match = /^\/(?:embed|shorts|live|v)\/([^/?#]+)/.exec(url.pathname);
      id = match?.[1] ?? null;
    }
  }
  return id && YOUTUBE_ID.test(id) ? id : null;
}

function vimeoId(url: URL): string | null {
  const host = url.hostname.replace(/^www\./, "");
  if (host !== "vimeo.com" && host !== "player.vimeo.com") return null;
  const match = /^\/(?:video\/|channels\/[^/]+\/|groups\/[^/]+\/videos\/)?(\d{6,12})(?:\/|$)/.exec(url.pathname);
  return match?.[1] ?? null;
}

export function parseVideoUrl(input: string): VideoParseResult {
  let url: URL;
  const value = input.trim();
  // A root-relative path is a file on the shop's own domain (e.g. /cdn/shop/files/…).
  const relative = /^\/(?!\/)/.test(value);
  try {
    url = new URL(value, relative ? "https://shop.invalid" : undefined);
  } catch {
    return { ok: false, reason: "Enter a full URL starting with https://" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, reason: "Only http(s) video URLs can be played on the storefront" };
  }
  const yt = youtubeId(url);
  if (yt) {
    return {
      ok: true,
      video: {
        type: "youtube",
        id: yt,
        embedUrl: `https://www.youtube-nocookie.com/embed/${yt}?playsinline=1&rel=0`,
        posterUrl: `https://i.ytimg.com/vi/${yt}/hqdefault.jpg`,
      },
    };
  }
  if (/(^|\.)youtube(-nocookie)?\.com$|^youtu\.be$/.test(url.hostname)) {
    return { ok: false, reason: "This YouTube URL has no video id (use a watch, shorts or youtu.be link)" };
  }
  const vimeo = vimeoId(url);
  if (vimeo) {
    return { ok: true, video: { type: "vimeo", id: vimeo, embedUrl: `https://player.vimeo.com/video/${vimeo}?dnt=1&playsinline=1`, posterUrl: null } };
  }
  if (/(^|\.)vimeo\.com$/.test(url.hostname)) return { ok: false, reason: "This Vimeo URL has no video id" };
  const file = url.pathname.toLowerCase();
  const src = relative ? url.pathname + url.search : url.toString();
  if (file.endsWith(".m3u8")) return { ok: true, video: { type: "hls", id: null, embedUrl: null, posterUrl: null, src } };
  if (/\.(mp4|m4v|webm|mov)$/.test(file)) return { ok: true, video: { type: "mp4", id: null, embedUrl: null, posterUrl: null, src } };
  return { ok: false, reason: "Use a YouTube or Vimeo link, or a direct .mp4, .webm or .m3u8 (HLS) file URL" };
}
