import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { listThemeExtensions, runThemeCheck } from "./theme-check.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const extensionRoot = path.join(repoRoot, "extensions/theme-blocks");

function copyExtension() {
  const dir = mkdtempSync(path.join(tmpdir(), "replyreel-theme-check-"));
  cpSync(extensionRoot, dir, { recursive: true });
  return dir;
}

test("finds the theme extension by its toml type", () => {
  expect(listThemeExtensions(repoRoot)).toContain(extensionRoot);
});

test("reports a parser-blocking script in an app block as an error", async () => {
  const dir = copyExtension();
  try {
    writeFileSync(
      path.join(dir, "blocks/blocking.liquid"),
      `<script src="{{ 'contact-form.js' | asset_url }}"></script>
{% schema %}
{ "name": "Blocking", "target": "section", "settings": [] }
{% endschema %}
`,
    );
    const offences = await runThemeCheck(dir);
    expect(offences).toContainEqual(
      expect.objectContaining({ file: "blocks/blocking.liquid", line: 1, check: "ParserBlockingScript", severity: "error" }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("reports a storefront translation key missing from the locales", async () => {
  const dir = copyExtension();
  try {
    writeFileSync(
      path.join(dir, "blocks/untranslated.liquid"),
      `<p>{{ 'contact_form.no_such_key' | t }}</p>
{% schema %}
{ "name": "Untranslated", "target": "section", "settings": [] }
{% endschema %}
`,
    );
    const offences = await runThemeCheck(dir);
    expect(offences).toContainEqual(
      expect.objectContaining({ file: "blocks/untranslated.liquid", check: "TranslationKeyExists", severity: "error" }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the real extension has no error-severity offence", async () => {
  const offences = await runThemeCheck(extensionRoot);
  expect(offences.filter((o) => o.severity === "error")).toEqual([]);
});

test("refuses a relative path, with which theme-check would check nothing", async () => {
  await expect(runThemeCheck("extensions/theme-blocks")).rejects.toThrow(/absolute path/);
});
