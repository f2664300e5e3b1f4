import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { formatMoney, listBlocks, renderStorefrontPage, STOREFRONT_PROXY_PATH } from "./render.ts";
import type { RenderStorefrontOptions } from "./render.ts";

type Tag = { name: string; attrs: Record<string, string> };

// Start tags with their attributes. Enough for the preview's own output, where every
// attribute value is quoted and escaped, so it holds no ">".
function startTags(html: string): Tag[] {
  return [...html.matchAll(/<([a-z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/gi)].map((m) => ({
    name: m[1].toLowerCase(),
    attrs: Object.fromEntries([...m[2].matchAll(/([^\s=>]+)(?:="([^"]*)")?/g)].map((a) => [a[1], a[2] ?? ""])),
  }));
}

function render(options: Partial<RenderStorefrontOptions> = {}) {
  return renderStorefrontPage({
    page: "contact",
    blocks: [{ type: "contact-form" }],
    assetBase: "/demo/assets",
    proxyBase: "/demo/proxy",
    ...options,
  });
}

test("the form posts to the app proxy without JavaScript", async () => {
  const html = await render();
  const forms = startTags(html).filter((t) => t.name === "form" && t.attrs.class === "replyreel-contact__form");
  expect(forms).toHaveLength(1);
  expect(forms[0].attrs).toMatchObject({ method: "post", action: "/demo/proxy/contact" });
});

test("the block's proxy path is the one shopify.app.toml declares", () => {
  const toml = readFileSync(path.resolve(import.meta.dirname, "../../../shopify.app.toml"), "utf8");
  const section = toml.split("[app_proxy]")[1] ?? "";
  const prefix = /^prefix\s*=\s*"([^"]+)"/m.exec(section)?.[1];
  const subpath = /^subpath\s*=\s*"([^"]+)"/m.exec(section)?.[1];
  expect(`/${prefix}/${subpath}`).toBe(STOREFRONT_PROXY_PATH);
  const block = readFileSync(path.resolve(import.meta.dirname, "../../../extensions/theme-blocks/blocks/contact-form.liquid"), "utf8");
  expect(block).toContain(`action="${STOREFRONT_PROXY_PATH}/contact"`);
});

test("has a hidden, unfocusable honeypot named website", async () => {
  const html = await render();
  const honeypot = startTags(html).find((t) => t.name === "input" && t.attrs.name === "website");
  expect(honeypot?.attrs).toMatchObject({ tabindex: "-1", autocomplete: "off", type: "text" });
  expect(html).toMatch(/<div class="replyreel-contact__hp" aria-hidden="true">\s*<label[^>]*>[^<]+<\/label>\s*<input[^>]*name="website"/);
  expect(readFileSync(path.resolve(import.meta.dirname, "../../../extensions/theme-blocks/assets/contact-form.css"), "utf8")).toMatch(
    /\.replyreel-contact__hp\s*\{[^}]*position:\s*absolute;[^}]*clip-path:\s*inset\(50%\)/,
  );
});

test("every visible field has a label pointing at it", async () => {
  const tags = startTags(await render());
  const fields = tags.filter(
    (t) => (t.name === "input" && t.attrs.type !== "hidden") || t.name === "textarea" || t.name === "select",
  );
  const blockFields = fields.filter((t) => t.attrs.id?.startsWith("ReplyReelContact-"));
  expect(blockFields.map((t) => t.attrs.name)).toEqual(["name", "email", "order_number", "message", "website"]);
  const labelled = new Set(tags.filter((t) => t.name === "label").map((t) => t.attrs.for));
  for (const field of blockFields) expect(labelled, `label for ${field.attrs.name}`).toContain(field.attrs.id);
  const ids = tags.map((t) => t.attrs.id).filter(Boolean);
  expect(new Set(ids).size).toBe(ids.length);
  const required = blockFields.filter((t) => "required" in t.attrs).map((t) => t.attrs.name);
  expect(required).toEqual(["name", "email", "message"]);
  const message = blockFields.find((t) => t.attrs.name === "message");
  expect(ids).toContain(message?.attrs["aria-describedby"]);
  expect(tags.find((t) => t.attrs.role === "status")?.attrs["aria-live"]).toBe("polite");
});

test("the t filter resolves storefront texts, with interpolation, instead of printing keys", async () => {
  const html = await render();
  expect(html).not.toMatch(/translation missing|contact_form\./);
  for (const text of ["Name</label>", "Email</label>", "Order number (optional)</label>", "Message</label>", "Up to 5000 characters."]) {
    expect(html).toContain(text);
  }
  expect(html).toContain('data-error="Your message could not be sent. Please try again in a moment."');
});

test("renders in the shopper's locale, falling back from region to language", async () => {
  const zh = await render({ locale: "zh-CN" });
  expect(zh).toContain('<html lang="zh-CN">');
  expect(zh).toContain("姓名</label>");
  expect(zh).toContain(">联系我们</h2>");
  const es = await render({ locale: "es-MX" });
  expect(es).toContain("Correo electrónico</label>");
  expect(es).toContain(">Enviar mensaje</button>");
});

test("uses the schema's defaults when no settings are given, and given settings over them", async () => {
  const defaults = await render();
  expect(defaults).toContain(">Contact us</h2>");
  expect(defaults).toContain(">Send message</button>");
  expect(defaults).toContain('data-success="Thanks for your message. We&#39;ll get back to you soon."');
  expect(defaults).toContain('name="order_number"');
  expect(defaults).not.toMatch(/\{%-?\s*schema|"target"/);

  const custom = await render({
    blocks: [{ type: "contact-form", settings: { heading: "<b>Ask us</b>", show_order_number: false } }],
  });
  expect(custom).toContain(">&lt;b&gt;Ask us&lt;/b&gt;</h2>");
  expect(custom).not.toContain('name="order_number"');
  expect(custom).toContain(">Send message</button>");
});

test("rejects a setting the block does not declare", async () => {
  await expect(render({ blocks: [{ type: "contact-form", settings: { heading_text: "x" } }] })).rejects.toThrow(
    /no setting "heading_text"/,
  );
});

test("loads the block's assets once, the script deferred", async () => {
  const html = await render({ blocks: [{ type: "contact-form" }, { type: "contact-form" }] });
  const head = html.slice(0, html.indexOf("</head>"));
  const scripts = startTags(head).filter((t) => t.name === "script");
  expect(scripts).toEqual([{ name: "script", attrs: { src: "/demo/assets/contact-form.js", defer: "" } }]);
  expect(startTags(head).filter((t) => t.name === "link" && t.attrs.rel === "stylesheet")).toEqual([
    { name: "link", attrs: { rel: "stylesheet", href: "/demo/assets/contact-form.css" } },
  ]);
  expect(html.match(/<replyreel-contact-form/g)).toHaveLength(2);
});

test("renders a product page with the product and the blocks below it", async () => {
  const html = await render({ page: "product" });
  expect(html).toContain('<h1 class="product__title">Tidewater stoneware mug</h1>');
  expect(html).toContain('<p class="product__price">$32.00</p>');
  expect(html).toMatch(/<button class="button" type="submit">Add to cart<\/button>/);
  expect(html.indexOf("product__title")).toBeLessThan(html.indexOf("<replyreel-contact-form"));
});

test("formats money with the shop's format", () => {
  expect(formatMoney(123456, "${{amount}}")).toBe("$1,234.56");
  expect(formatMoney(123456, "{{amount_with_comma_separator}} €")).toBe("1.234,56 €");
  expect(formatMoney(123456, "¥{{ amount_no_decimals }}")).toBe("¥1,235");
});

test("lists each block's schema with its texts resolved", () => {
  expect(listBlocks().map((b) => b.type)).toEqual(["contact-form", "shoppable-videos", "ugc-gallery"]);
  expect(listBlocks().find((b) => b.type === "shoppable-videos")).toMatchObject({ name: "Shoppable videos", javascript: "shoppable-videos.js" });
  expect(listBlocks().filter((b) => b.type === "contact-form")).toEqual([
    expect.objectContaining({
      type: "contact-form",
      name: "Contact form",
      javascript: "contact-form.js",
      settings: [
        expect.objectContaining({ id: "heading", label: "Heading", default: "Contact us" }),
        expect.objectContaining({ id: "button_label", default: "Send message" }),
        expect.objectContaining({ id: "success_message", type: "textarea" }),
        expect.objectContaining({ id: "show_order_number", type: "checkbox", default: true }),
      ],
    }),
  ]);
  expect(listBlocks(undefined, "fr")[0].name).toBe("Formulaire de contact");
});

test("accepts Admin API-shaped products and a shop domain", async () => {
  const adminProduct = (handle: string, title: string, price: string) => ({
    handle,
    title,
    price,
    image: `/storefront/fixtures/${handle}.svg`,
    variants: [{ id: "gid://shopify/ProductVariant/901", title: "S", price }],
  });
  const mug = adminProduct("ceramic-mug", "Ceramic mug", "34.00");
  const html = await render({
    page: "product",
    shop: "replyreel-demo.myshopify.com",
    product: mug,
    products: [mug, adminProduct("linen-dress", "Linen dress", "1089.50")],
  });
  expect(html).toContain('<a class="site-header__logo" href="/">Replyreel Demo</a>');
  expect(html).toContain('<p class="product__price">$34.00</p>');
  expect(html).toContain('src="/storefront/fixtures/ceramic-mug.svg?width=1200"');
  expect(html).toContain('<option value="901">S – $34.00</option>');
  const more = html.slice(html.indexOf('class="more-products"'));
  expect(more).toContain("Linen dress</span>");
  expect(more).toContain("$1,089.50");
  expect(more).not.toContain("Ceramic mug");
});
