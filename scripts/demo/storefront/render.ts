// Storefront preview for the local demo: renders our theme app extension's blocks with liquidjs
// inside a small product or contact page, with the Shopify objects and filters our blocks use.
// Shopify's storefront is unreachable offline (PLATFORM-NOTES.md); this is its stand-in, not a
// full Liquid implementation — a block that needs more must add it here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Liquid, Tag, TypeGuards } from "liquidjs";
import type { TagToken, TopLevelToken } from "liquidjs";
import { demoProduct, demoShop } from "./demo-store.ts";

export const defaultExtensionRoot = path.resolve(import.meta.dirname, "../../../extensions/theme-blocks");
const themeDir = path.join(import.meta.dirname, "theme");

// The path Shopify gives our app proxy on every storefront ([app_proxy] in shopify.app.toml).
// Blocks post there; the preview maps it to `proxyBase`, as Shopify maps it to the app.
export const STOREFRONT_PROXY_PATH = "/apps/replyreel";

export type StorefrontImage = { src: string; alt: string; width: number; height: number };
export type StorefrontVariant = { id: number; title: string; price: number; available: boolean };
export type StorefrontProduct = {
  title: string;
  handle: string;
  vendor?: string;
  price: number; // in the shop currency's minor unit, as Shopify's Liquid `product.price`
  description?: string;
  featured_image: StorefrontImage;
  variants: StorefrontVariant[];
};
export type StorefrontShop = {
  name: string;
  url?: string;
  currency: string;
  money_format: string;
  money_with_currency_format?: string;
};
// What callers may pass: Liquid's shape, or the Admin API's (decimal string prices, an image
// URL, string ids) as tests/fixtures/shop.ts holds it. A number price is in minor units.
export type ProductInput = {
  title: string;
  handle: string;
  vendor?: string;
  description?: string;
  price: number | string;
  featured_image?: StorefrontImage;
  image?: string;
  variants?: { id: number | string; title: string; price: number | string; available?: boolean }[];
};
export type BlockInstance = { type: string; id?: string; settings?: Record<string, unknown> };
export type RenderStorefrontOptions = {
  page: "product" | "contact";
  blocks: BlockInstance[];
  assetBase: string;
  proxyBase: string;
  product?: ProductInput;
  products?: ProductInput[]; // shown as "More to explore" on the product page
  shop?: StorefrontShop | string; // a string is the shop's myshopify domain
  locale?: string;
  extensionRoot?: string;
};

type SchemaSetting = { type: string; id?: string; label?: string; info?: string; default?: unknown };
type BlockSchema = {
  name: string;
  target?: string;
  javascript?: string;
  stylesheet?: string;
  settings?: SchemaSetting[];
};
export type BlockInfo = {
  type: string;
  name: string;
  target: string | undefined;
  javascript: string | undefined;
  stylesheet: string | undefined;
  settings: { id: string; type: string; label: string; info: string | undefined; default: unknown }[];
};

type LocaleTree = { [key: string]: string | LocaleTree };
type Locales = { locale: string; storefront: LocaleTree[]; schema: LocaleTree[] };

const schemaTag = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/;

function readBlock(extensionRoot: string, type: string) {
  const file = path.join(extensionRoot, "blocks", `${type}.liquid`);
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    throw new Error(`storefront preview: no block "${type}" (expected ${file})`);
  }
  const match = schemaTag.exec(source);
  if (!match) throw new Error(`storefront preview: ${file} has no {% schema %}`);
  return { liquid: source.replace(match[0], ""), schema: JSON.parse(match[1]) as BlockSchema };
}

function readJson(file: string): LocaleTree | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LocaleTree;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

// Shopify's order: the exact locale ("zh-CN"), its language ("zh"), then the default file.
function loadLocales(extensionRoot: string, locale: string): Locales {
  const dir = path.join(extensionRoot, "locales");
  const defaultName = readdirSync(dir).find((f) => /^[\w-]+\.default\.json$/.test(f));
  if (!defaultName) throw new Error(`storefront preview: ${dir} has no <locale>.default.json`);
  const defaultLocale = defaultName.replace(".default.json", "");
  const chain = (suffix: string) => {
    const names = [locale, locale.split("-")[0]].filter((n) => n !== defaultLocale);
    const trees = names.map((n) => readJson(path.join(dir, `${n}${suffix}`)));
    trees.push(readJson(path.join(dir, `${defaultLocale}.default${suffix}`)));
    return trees.filter((t): t is LocaleTree => t !== undefined);
  };
  return { locale, storefront: chain(".json"), schema: chain(".schema.json") };
}

function lookup(trees: LocaleTree[], key: string): string | LocaleTree | undefined {
  for (const tree of trees) {
    let node: string | LocaleTree | undefined = tree;
    for (const part of key.split(".")) {
      node = typeof node === "object" ? node[part] : undefined;
    }
    if (node !== undefined) return node;
  }
  return undefined;
}

function resolveSchemaText(locales: Locales, value: unknown) {
  if (typeof value !== "string" || !value.startsWith("t:")) return value;
  const text = lookup(locales.schema, value.slice(2));
  if (typeof text !== "string") throw new Error(`storefront preview: schema translation missing for "${value}"`);
  return text;
}

function escapeHtml(value: unknown) {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function formatAmount(cents: number, decimals: number, thousands: string, decimal: string) {
  const [whole, fraction] = (Math.abs(cents) / 100).toFixed(decimals).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  return (cents < 0 ? "-" : "") + (fraction ? `${grouped}${decimal}${fraction}` : grouped);
}

export function formatMoney(cents: unknown, format: string) {
  const value = Number(cents);
  if (!Number.isFinite(value)) return "";
  return format.replace(/\{\{\s*(\w+)\s*\}\}/, (_, kind: string) => {
    if (kind === "amount_no_decimals") return formatAmount(value, 0, ",", ".");
    if (kind === "amount_with_comma_separator") return formatAmount(value, 2, ".", ",");
    if (kind === "amount_no_decimals_with_comma_separator") return formatAmount(value, 0, ".", ",");
    if (kind === "amount_with_apostrophe_separator") return formatAmount(value, 2, "'", ".");
    return formatAmount(value, 2, ",", ".");
  });
}

function keywordArgs(args: unknown[]) {
  const pairs = args.filter((a): a is [string, unknown] => Array.isArray(a) && a.length === 2 && typeof a[0] === "string");
  return Object.fromEntries(pairs);
}

function imageSource(image: unknown) {
  if (typeof image === "string") return image;
  if (image && typeof image === "object" && "src" in image) return String(image.src);
  return "";
}

function sizedUrl(src: string, width: unknown, height: unknown) {
  if (!src || src.startsWith("data:")) return src;
  const params = [width && `width=${Number(width)}`, height && `height=${Number(height)}`].filter(Boolean);
  return params.length ? `${src}${src.includes("?") ? "&" : "?"}${params.join("&")}` : src;
}

// LiquidDoc headers ({% doc %}…{% enddoc %}) document snippet parameters; they render nothing.
class DocTag extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    while (remainTokens.length) {
      const next = remainTokens.shift();
      if (next && TypeGuards.isTagToken(next) && next.name === "enddoc") return;
    }
    throw new Error(`tag ${token.getText()} not closed`);
  }
  render() {}
}

function createEngine(options: { extensionRoot: string; locales: Locales; assetBase: string; shop: StorefrontShop }) {
  const { locales, shop } = options;
  const assetBase = options.assetBase.replace(/\/+$/, "");
  const engine = new Liquid({
    root: [path.join(options.extensionRoot, "snippets"), themeDir],
    extname: ".liquid",
    relativeReference: false,
    strictFilters: true,
  });
  engine.registerTag("doc", DocTag);
  engine.registerFilter("asset_url", (file: unknown) => `${assetBase}/${String(file)}`);
  engine.registerFilter("t", (key: unknown, ...args: unknown[]) => {
    const vars = keywordArgs(args);
    let text = lookup(locales.storefront, String(key));
    if (text && typeof text === "object" && typeof vars.count === "number") {
      text = (vars.count === 0 && text.zero) || (vars.count === 1 ? text.one : text.other);
    }
    if (typeof text !== "string") return `translation missing: ${locales.locale}.${String(key)}`;
    const raw = String(key).endsWith("_html");
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) =>
      name in vars ? (raw ? String(vars[name]) : escapeHtml(vars[name])) : "",
    );
  });
  engine.registerFilter("handleize", (value: unknown) =>
    String(value ?? "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, ""),
  );
  engine.registerFilter("money", (cents: unknown) => formatMoney(cents, shop.money_format));
  engine.registerFilter("money_with_currency", (cents: unknown) =>
    formatMoney(cents, shop.money_with_currency_format ?? `${shop.money_format} ${shop.currency}`),
  );
  // Unlike JSON.stringify, safe inside <script> (Shopify's json output is used there too).
  engine.registerFilter("json", (value: unknown) =>
    (JSON.stringify(value) ?? "null").replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026"),
  );
  engine.registerFilter("image_url", (image: unknown, ...args: unknown[]) => {
    const { width, height } = keywordArgs(args);
    return sizedUrl(imageSource(image), width, height);
  });
  engine.registerFilter("img_url", (image: unknown, size: unknown) => {
    const [width, height] = /^(\d*)x(\d*)$/.exec(String(size ?? ""))?.slice(1) ?? [];
    return sizedUrl(imageSource(image), width, height);
  });
  engine.registerFilter("stylesheet_tag", (url: unknown) =>
    `<link href="${escapeHtml(url)}" rel="stylesheet" type="text/css" media="all" />`,
  );
  engine.registerFilter("script_tag", (url: unknown) => `<script src="${escapeHtml(url)}" type="text/javascript"></script>`);
  return engine;
}

function toMinorUnits(price: number | string) {
  return typeof price === "number" ? price : Math.round(Number.parseFloat(price) * 100);
}

export function toStorefrontProduct(input: ProductInput): StorefrontProduct {
  const price = toMinorUnits(input.price);
  return {
    title: input.title,
    handle: input.handle,
    vendor: input.vendor,
    description: input.description,
    price,
    featured_image: input.featured_image ?? { src: input.image ?? "", alt: input.title, width: 800, height: 800 },
    variants: (input.variants ?? [{ id: 1, title: "Default Title", price }]).map((v) => ({
      id: typeof v.id === "number" ? v.id : Number(/\d+$/.exec(v.id)?.[0] ?? 0),
      title: v.title,
      price: toMinorUnits(v.price),
      available: v.available ?? true,
    })),
  };
}

function toStorefrontShop(shop: StorefrontShop | string): StorefrontShop {
  if (typeof shop !== "string") return shop;
  const name = shop.replace(/\.myshopify\.com$/, "").replace(/[-_]+/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());
  return { ...demoShop, name, url: `https://${shop}` };
}

function settingsFor(type: string, schema: BlockSchema, locales: Locales, given: Record<string, unknown> = {}) {
  const settings: Record<string, unknown> = {};
  for (const setting of schema.settings ?? []) {
    if (!setting.id) continue; // header and paragraph entries hold no value
    const fallback = setting.type === "checkbox" ? false : null;
    settings[setting.id] = resolveSchemaText(locales, setting.default ?? fallback);
  }
  for (const [id, value] of Object.entries(given)) {
    if (!(id in settings)) throw new Error(`storefront preview: block "${type}" has no setting "${id}"`);
    settings[id] = value;
  }
  return settings;
}

export async function renderStorefrontPage(options: RenderStorefrontOptions): Promise<string> {
  const extensionRoot = options.extensionRoot ?? defaultExtensionRoot;
  const locale = options.locale ?? "en";
  const shop = toStorefrontShop(options.shop ?? demoShop);
  const product = toStorefrontProduct(options.product ?? demoProduct);
  const products = (options.products ?? []).map(toStorefrontProduct).filter((p) => p.handle !== product.handle);
  const assetBase = options.assetBase.replace(/\/+$/, "");
  const proxyBase = options.proxyBase.replace(/\/+$/, "");
  const locales = loadLocales(extensionRoot, locale);
  const engine = createEngine({ extensionRoot, locales, assetBase, shop });
  const template = options.page === "product" ? "product" : "page.contact";
  const templateFile = `${template}.liquid`;
  const globals = {
    shop,
    product,
    template,
    request: {
      locale: { iso_code: locale, primary: locale === "en", root_url: "/" },
      page_type: options.page === "product" ? "product" : "page",
      design_mode: false,
    },
    routes: { root_url: "/", cart_url: "/cart", cart_add_url: "/cart/add", all_products_collection_url: "/collections/all" },
  };

  const headAssets = new Set<string>();
  const appBlocks: { id: string; html: string }[] = [];
  for (const [index, instance] of options.blocks.entries()) {
    const { liquid, schema } = readBlock(extensionRoot, instance.type);
    const id = instance.id ?? `${instance.type.replace(/\W/g, "_")}_${index + 1}`;
    const block = {
      id,
      type: `shopify://apps/replyreel/blocks/${instance.type}/${id}`,
      settings: settingsFor(instance.type, schema, locales, instance.settings),
      shopify_attributes: "", // only filled in the theme editor
    };
    const source = liquid.replaceAll(`"${STOREFRONT_PROXY_PATH}/`, `"${escapeHtml(proxyBase)}/`);
    appBlocks.push({ id, html: await engine.parseAndRender(source, { block }, { globals }) });
    // Shopify loads a block's schema assets once per page: the stylesheet and a deferred script in <head>.
    if (schema.stylesheet) headAssets.add(`<link rel="stylesheet" href="${escapeHtml(`${assetBase}/${schema.stylesheet}`)}">`);
    if (schema.javascript) headAssets.add(`<script src="${escapeHtml(`${assetBase}/${schema.javascript}`)}" defer></script>`);
  }

  const content = await engine.renderFile(templateFile, { app_blocks: appBlocks, more_products: products.slice(0, 4) }, { globals });
  const pageTitle = options.page === "product" ? product.title : "Contact";
  return engine.renderFile(
    "layout.liquid",
    { content_for_layout: content, content_for_header: [...headAssets].join("\n    "), page_title: pageTitle },
    { globals },
  );
}

export function listBlocks(extensionRoot: string = defaultExtensionRoot, locale = "en"): BlockInfo[] {
  const locales = loadLocales(extensionRoot, locale);
  return readdirSync(path.join(extensionRoot, "blocks"))
    .filter((file) => file.endsWith(".liquid"))
    .sort()
    .map((file) => {
      const type = file.replace(/\.liquid$/, "");
      const { schema } = readBlock(extensionRoot, type);
      return {
        type,
        name: String(resolveSchemaText(locales, schema.name)),
        target: schema.target,
        javascript: schema.javascript,
        stylesheet: schema.stylesheet,
        settings: (schema.settings ?? [])
          .filter((s): s is SchemaSetting & { id: string } => typeof s.id === "string")
          .map((s) => ({
            id: s.id,
            type: s.type,
            label: String(resolveSchemaText(locales, s.label ?? s.id)),
            info: s.info === undefined ? undefined : String(resolveSchemaText(locales, s.info)),
            default: resolveSchemaText(locales, s.default ?? (s.type === "checkbox" ? false : null)),
          })),
      };
    });
}

/**
 * An app-proxy answer with Content-Type application/liquid, rendered inside the
 * theme layout as Shopify renders it (the contact form's no-JavaScript answer).
 * The app escapes what it puts there; this only runs the Liquid.
 */
export async function renderProxyLiquid({
  liquid,
  shop,
  locale = "en",
  assetBase,
  extensionRoot = defaultExtensionRoot,
}: {
  liquid: string;
  shop?: StorefrontShop | string;
  locale?: string;
  assetBase: string;
  extensionRoot?: string;
}): Promise<string> {
  const storefrontShop = toStorefrontShop(shop ?? demoShop);
  const locales = loadLocales(extensionRoot, locale);
  const engine = createEngine({ extensionRoot, locales, assetBase, shop: storefrontShop });
  const globals = {
    shop: storefrontShop,
    request: { locale: { iso_code: locale, primary: locale === "en", root_url: "/" }, page_type: "page", design_mode: false },
    routes: { root_url: "/", cart_url: "/cart", cart_add_url: "/cart/add", all_products_collection_url: "/collections/all" },
  };
  const layoutNone = /\{%-?\s*layout\s+none\s*-?%\}/.test(liquid);
  const content = await engine.parseAndRender(liquid.replace(/\{%-?\s*layout\s+none\s*-?%\}/, ""), {}, { globals });
  if (layoutNone) return content;
  const head = `<link rel="stylesheet" href="${escapeHtml(`${assetBase.replace(/\/+$/, "")}/contact-form.css`)}">`;
  return engine.renderFile("layout.liquid", { content_for_layout: content, content_for_header: head, page_title: "Contact" }, { globals });
}
