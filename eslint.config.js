// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "tmp/", "test-results/", ".cache/", "bench/results/", "bench/datasets/"] },
  // Built and minified from extensions/theme-blocks-src (scripts/build-storefront.ts); the sources are linted.
  { ignores: ["extensions/theme-blocks/assets/{rr-events,shoppable-videos,ugc-gallery}.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The classifier and text core stay pure TypeScript (STYLE.md): no Remix, Prisma or Shopify.
    files: ["app/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@remix-run/*", "@shopify/*", "@prisma/*", "prisma", "react", "react-dom"], message: "app/core is pure TypeScript: no Remix, Shopify, Prisma or React imports." },
            { group: ["**/*.server", "**/*.server.ts", "../models/*", "../routes/*"], message: "app/core must not import server modules." },
          ],
        },
      ],
    },
  },
  {
    // Storefront scripts run in shoppers' browsers as plain scripts.
    files: ["extensions/**/*.js", "scripts/demo/public/**/*.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.browser } },
    rules: { "@typescript-eslint/no-unused-expressions": "off" },
  },
  {
    // The web pixel is an ES module that Shopify's CLI bundles (issue 7).
    files: ["extensions/web-pixel/src/**/*.js"],
    languageOptions: { sourceType: "module" },
  },
);
