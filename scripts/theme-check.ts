// Lints every theme app extension with Shopify's theme-check (app-extension rules).
//   node scripts/theme-check.ts     prints each offence; exits 1 on any error-severity one
import { createRequire } from "node:module";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { check, Severity } from "@shopify/theme-check-node";
import { fileURLToPath } from "node:url";

// Use the Liquid docs bundled with theme-check instead of fetching them from
// GitHub: the build machines have no network, and a check must be repeatable.
process.env.SHOPIFY_TLD_ROOT ??= path.dirname(
  createRequire(import.meta.url).resolve("@shopify/theme-check-docs-updater/package.json"),
);

const root = path.resolve(import.meta.dirname, "..");

export type ThemeOffence = {
  file: string;
  line: number;
  check: string;
  message: string;
  severity: "error" | "warning" | "info";
};

const severityNames = {
  [Severity.ERROR]: "error",
  [Severity.WARNING]: "warning",
  [Severity.INFO]: "info",
} as const;

// theme-check given a relative path globs nothing and reports zero offences (PLATFORM-NOTES.md),
// so a relative path is refused rather than silently passing.
export async function runThemeCheck(absRoot: string): Promise<ThemeOffence[]> {
  if (!path.isAbsolute(absRoot)) {
    throw new Error(`theme-check: pass an absolute path (got "${absRoot}"); with a relative one it checks nothing`);
  }
  if (!existsSync(path.join(absRoot, "shopify.extension.toml"))) {
    throw new Error(`theme-check: ${absRoot} has no shopify.extension.toml, so the app-extension rules would not apply`);
  }
  const offences = await check(absRoot);
  return offences.map((offence) => ({
    file: path.relative(absRoot, fileURLToPath(offence.uri)),
    line: offence.start.line + 1, // theme-check's Position.line is 0-based despite its doc comment
    check: offence.check,
    message: offence.message,
    severity: severityNames[offence.severity],
  }));
}

export function listThemeExtensions(repoRoot: string) {
  const extensionsDir = path.join(repoRoot, "extensions");
  if (!existsSync(extensionsDir)) return [];
  return readdirSync(extensionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(extensionsDir, entry.name))
    .filter((dir) => {
      const toml = path.join(dir, "shopify.extension.toml");
      return existsSync(toml) && /^\s*type\s*=\s*"theme"\s*$/m.test(readFileSync(toml, "utf8"));
    });
}

async function main() {
  const extensions = listThemeExtensions(root);
  if (extensions.length === 0) {
    console.error("theme-check: no extensions/* folder with type = \"theme\" found");
    process.exit(1);
  }
  let errors = 0;
  for (const dir of extensions) {
    const offences = await runThemeCheck(dir);
    const name = path.relative(root, dir);
    for (const o of offences) {
      console.log(`${name}/${o.file}:${o.line}  ${o.severity}  ${o.check}  ${o.message}`);
    }
    const count = offences.filter((o) => o.severity === "error").length;
    errors += count;
    console.log(`${name}: ${offences.length} offence(s), ${count} error(s)`);
  }
  if (errors > 0) process.exit(1);
}

if (import.meta.filename === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
