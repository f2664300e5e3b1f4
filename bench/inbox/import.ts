// npm run bench:inbox (with contact-form.ts): a 50,000-row CSV (and a JSONL of
// the same rows) uploaded to the admin import route of the real built server
// as a streamed multipart body; prints rows/s and the server's peak RSS
// (VmHWM) against its RSS before the upload, so a file held in memory shows.
//   node bench/inbox/import.ts [--rows=50000]
import { createReadStream, createWriteStream, readFileSync, statSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { mintSessionToken } from "../../scripts/demo/session-token.ts";
import { DEMO_SHOP } from "../../tests/fixtures/shop.ts";
import { root, startBenchServer } from "./server.ts";

const rows = Number(process.argv.find((a) => a.startsWith("--rows="))?.split("=")[1] ?? 50_000);
// The server's V8 heap is capped well below what holding the file and its rows would need, so
// an import that buffered the file would fail here; RSS alone would not show it (V8 collects lazily).
const heapMb = Number(process.argv.find((a) => a.startsWith("--heap="))?.split("=")[1] ?? 192);
const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

const bodies = [
  "Where is my order #10{n}? The tracking has not moved for days.",
  "你好，我想退货，订单号 #10{n}，尺码不合适。",
  "Hola, ¿hacen envíos a México? ¿Cuánto tarda? ({n})",
  "Bonjour, le colis #10{n} est arrivé abîmé, je voudrais un remboursement.",
  'Do you have the "linen midi dress" in size M, and is it true to size? ({n})',
];

async function writeFile(file: string, format: "csv" | "jsonl") {
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, "drain");
  };
  if (format === "csv") await write("external_id,channel,name,email,subject,body,received_at\n");
  for (let i = 0; i < rows; i++) {
    const row = {
      external_id: `${format}-hist-${i}`,
      channel: i % 2 ? "amazon" : "tiktok_shop",
      name: `Shopper ${i}`,
      email: `shopper${i}@example.com`,
      subject: `Question ${i}`,
      body: bodies[i % bodies.length].replace("{n}", String(40 + (i % 12))),
      received_at: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    };
    if (format === "jsonl") await write(`${JSON.stringify(row)}\n`);
    else await write(`${Object.values(row).map((v) => `"${v.replace(/"/g, '""')}"`).join(",")}\n`);
  }
  out.end();
  await once(out, "finish");
}

function rssKb(pid: number, field: "VmRSS" | "VmHWM") {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0);
}

/** multipart/form-data around a file read from disk as a stream: the client does not hold it either. */
function multipartStream(file: string, filename: string, boundary: string) {
  async function* parts() {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n`);
    for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) yield chunk as Buffer;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return Readable.toWeb(Readable.from(parts())) as ReadableStream<Uint8Array>;
}

// The pipeline's run over the imported rows is measured by bench:inbox; here only the import.
const server = await startBenchServer({ name: "import", env: { REPLYREEL_IMPORT_CLASSIFY: "off" }, nodeOptions: `--max-old-space-size=${heapMb}` });
console.log(`# Import: ${rows.toLocaleString()} rows, streamed multipart upload to /app/import/upload (real built server, V8 heap capped at ${heapMb} MB)`);
console.log(`${new Date().toISOString()} · ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length} · Node ${process.version} · SQLite\n`);
try {
  for (const format of ["csv", "jsonl"] as const) {
    const file = path.join(root, "tmp/bench", `import-${process.pid}.${format}`);
    await writeFile(file, format);
    const size = statSync(file).size;
    const pid = server.child.pid as number;
    const before = rssKb(pid, "VmRSS");
    const token = await mintSessionToken({ shop: DEMO_SHOP, apiKey: "replyreel-bench-api-key", secret: server.secret });
    const boundary = `----replyreel${Date.now()}`;
    const started = performance.now();
    const res = await fetch(`${server.baseUrl}/app/import/upload`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "User-Agent": UA, "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: multipartStream(file, `history.${format}`, boundary),
      duplex: "half",
    } as RequestInit);
    const text = await res.text();
    const answer = (text ? JSON.parse(text) : { error: `empty answer (${res.status}); server exit code ${server.child.exitCode}` }) as { jobId?: string; error?: string };
    const seconds = (performance.now() - started) / 1000;
    const peak = rssKb(pid, "VmHWM");
    Object.assign(process.env, server.env);
    const { getPrisma } = await import("../../app/db.server.ts");
    const job = answer.jobId ? await getPrisma().importJob.findFirst({ where: { shop: DEMO_SHOP, id: answer.jobId } }) : null;
    console.log(`## ${format.toUpperCase()} (${(size / 1024 / 1024).toFixed(1)} MB)`);
    console.log(`status          ${res.status} ${job ? `${job.status}: ${job.imported} imported, ${job.duplicates} duplicates, ${job.rejected} rejected of ${job.total}` : JSON.stringify(answer)}`);
    console.log(`time            ${seconds.toFixed(1)} s → ${Math.round(rows / seconds).toLocaleString()} rows/s stored (REPLYREEL_IMPORT_CLASSIFY=off)`);
    console.log(`server RSS      ${(before / 1024).toFixed(0)} MB before, peak ${(peak / 1024).toFixed(0)} MB (VmHWM, whole process life) for a ${(size / 1024 / 1024).toFixed(1)} MB file\n`);
  }
} finally {
  await server.stop();
}
