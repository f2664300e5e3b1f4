// Storefront asset budget (SPEC §7): every file in extensions/*/assets, raw and gzipped.
//   node scripts/storefront-size.ts   exits 1 when all JS together is over 6 KB gzipped or CSS over 4 KB
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");

export const BUDGET = { js: 6144, css: 4096 } as const;

export type AssetSize = { file: string; raw: number; gzip: number };
export type SizeReport = {
  files: AssetSize[];
  totals: { js: { raw: number; gzip: number }; css: { raw: number; gzip: number } };
  overBudget: string[];
};

export function gzipSize(content: Buffer | string) {
  return gzipSync(content, { level: 9 }).length;
}

// Each file is gzipped on its own, as the storefront serves them one by one.
export function measureStorefrontAssets(repoRoot: string): SizeReport {
  const extensionsDir = path.join(repoRoot, "extensions");
  const files: AssetSize[] = [];
  const extensions = existsSync(extensionsDir) ? readdirSync(extensionsDir, { withFileTypes: true }) : [];
  for (const extension of extensions.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const assetsDir = path.join(extensionsDir, extension.name, "assets");
    if (!existsSync(assetsDir)) continue;
    for (const entry of readdirSync(assetsDir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const absolute = path.join(entry.parentPath, entry.name);
      const content = readFileSync(absolute);
      files.push({ file: path.relative(repoRoot, absolute), raw: content.length, gzip: gzipSize(content) });
    }
  }
  files.sort((a, b) => a.file.localeCompare(b.file));
  const total = (ext: string) =>
    files
      .filter((f) => f.file.endsWith(ext))
      .reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip }), { raw: 0, gzip: 0 });
  const totals = { js: total(".js"), css: total(".css") };
  const overBudget: string[] = [];
  if (totals.js.gzip > BUDGET.js) overBudget.push(`JS ${totals.js.gzip} B gzipped > ${BUDGET.js} B`);
  if (totals.css.gzip > BUDGET.css) overBudget.push(`CSS ${totals.css.gzip} B gzipped > ${BUDGET.css} B`);
  return { files, totals, overBudget };
}

function formatReport(report: SizeReport) {
  const width = Math.max(10, ...report.files.map((f) => f.file.length));
  const row = (name: string, raw: number | string, gzip: number | string) =>
    `${name.padEnd(width)}  ${String(raw).padStart(8)}  ${String(gzip).padStart(8)}`;
  return [
    row("file", "raw B", "gzip B"),
    ...report.files.map((f) => row(f.file, f.raw, f.gzip)),
    row(`total .js (budget ${BUDGET.js} gzip)`, report.totals.js.raw, report.totals.js.gzip),
    row(`total .css (budget ${BUDGET.css} gzip)`, report.totals.css.raw, report.totals.css.gzip),
  ].join("\n");
}

if (import.meta.filename === process.argv[1]) {
  const report = measureStorefrontAssets(root);
  console.log(formatReport(report));
  if (report.overBudget.length > 0) {
    console.error(`storefront budget exceeded: ${report.overBudget.join("; ")}`);
    process.exit(1);
  }
}
