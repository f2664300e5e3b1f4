// Reply templates: plain text with {{variables}}, a default after a bar
// ({{first_name|there}}), and sections shown only when a variable has a value
// ({{#order_name}}…{{/order_name}}) or only when it has none
// ({{^order_name}}…{{/order_name}}). A deliberately small subset of Mustache:
// merchants edit these, and every construct must be obvious to them.

export const TEMPLATE_VARIABLES = {
  first_name: "The customer's first name (from the order, or the name they gave)",
  customer_name: "The customer's full name",
  shop_name: "Your shop's name (Settings → From name)",
  shop_url: "Your storefront's address",
  order_name: "The order number, e.g. #1043",
  order_status: "Where the order stands, in the customer's language",
  order_date: "The day the order was placed",
  items: "The order's items, one per line",
  tracking_number: "The first tracking number",
  carrier: "The carrier of the first parcel",
  tracking_link: "The carrier's tracking page",
  product_links: "Links to the ordered products, tagged with UTM parameters",
} as const satisfies Record<string, string>;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;
export type TemplateValues = Partial<Record<TemplateVariable, string | null | undefined>>;

export type RenderResult = {
  text: string;
  /** Variables used outside a section that guards them, without a default, and without a value. */
  missing: string[];
};

export type TemplateProblem = { message: string };

const SECTION = /\{\{([#^])\s*(\w+)\s*\}\}((?:(?!\{\{[#^])[\s\S])*?)\{\{\/\s*\2\s*\}\}/;
const VARIABLE = /\{\{\s*(\w+)\s*(?:\|([^}]*))?\}\}/g;

function has(values: TemplateValues, name: string): boolean {
  const value = (values as Record<string, string | null | undefined>)[name];
  return typeof value === "string" && value.trim() !== "";
}

export function renderTemplate(body: string, values: TemplateValues): RenderResult {
  let text = body;
  // Innermost sections first, so sections nest.
  for (let match = SECTION.exec(text); match; match = SECTION.exec(text)) {
    const [whole, kind, name, inner] = match;
    const show = kind === "#" ? has(values, name) : !has(values, name);
    text = text.slice(0, match.index) + (show ? inner : "") + text.slice(match.index + whole.length);
  }
  const missing = new Set<string>();
  text = text.replace(VARIABLE, (_whole, name: string, fallback: string | undefined) => {
    if (has(values, name)) return (values as Record<string, string>)[name].trim();
    if (fallback !== undefined) return fallback;
    missing.add(name);
    return "";
  });
  text = text
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { text, missing: [...missing] };
}

/** What is wrong with a template a merchant wrote (unknown variables, unbalanced sections). */
export function checkTemplate(body: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (body.trim() === "") problems.push({ message: "The template is empty." });
  const known = new Set(Object.keys(TEMPLATE_VARIABLES));
  for (const match of body.matchAll(/\{\{\s*[#^/]?\s*(\w+)/g)) {
    if (!known.has(match[1])) problems.push({ message: `Unknown variable {{${match[1]}}}: use one of ${[...known].join(", ")}.` });
  }
  const stack: string[] = [];
  for (const match of body.matchAll(/\{\{\s*([#^/])\s*(\w+)\s*\}\}/g)) {
    const [, kind, name] = match;
    if (kind !== "/") stack.push(name);
    else if (stack.pop() !== name) problems.push({ message: `{{/${name}}} closes a section that is not open.` });
  }
  for (const name of stack) problems.push({ message: `The section {{#${name}}} (or {{^${name}}}) is never closed with {{/${name}}}.` });
  const unique = new Map(problems.map((p) => [p.message, p]));
  return [...unique.values()];
}
