// Default shop and product for the storefront preview. The image is an inline SVG so the
// preview needs no network (PLATFORM-NOTES.md: no CDN on the build machines).
import type { StorefrontProduct, StorefrontShop } from "./render.ts";

const mugSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">
<defs>
<linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f3ede4"/><stop offset="1" stop-color="#e4d9c8"/></linearGradient>
<linearGradient id="glaze" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#2f5d62"/><stop offset=".55" stop-color="#4f8a8b"/><stop offset="1" stop-color="#2f5d62"/></linearGradient>
</defs>
<rect width="800" height="800" fill="url(#bg)"/>
<ellipse cx="390" cy="640" rx="210" ry="26" fill="#000" opacity=".12"/>
<path d="M530 330c95 0 110 150 10 170" fill="none" stroke="#2f5d62" stroke-width="34" stroke-linecap="round"/>
<path d="M210 260h350v330c0 35-30 55-65 55H275c-35 0-65-20-65-55z" fill="url(#glaze)"/>
<ellipse cx="385" cy="260" rx="175" ry="30" fill="#24484c"/>
<ellipse cx="385" cy="256" rx="160" ry="22" fill="#3b2a20"/>
<path d="M330 200c-20-30 20-50 0-80M400 205c-20-30 20-50 0-80M470 200c-20-30 20-50 0-80" fill="none" stroke="#fff" stroke-width="10" stroke-linecap="round" opacity=".7"/>
</svg>`;

export const demoShop: StorefrontShop = {
  name: "Harbour & Kiln",
  url: "https://harbour-and-kiln.myshopify.com",
  currency: "USD",
  money_format: "${{amount}}",
  money_with_currency_format: "${{amount}} USD",
};

export const demoProduct: StorefrontProduct = {
  title: "Tidewater stoneware mug",
  handle: "tidewater-stoneware-mug",
  vendor: "Harbour & Kiln",
  price: 3200,
  description:
    "<p>Wheel-thrown stoneware with a sea-green glaze. Holds 350 ml, dishwasher and microwave safe.</p>",
  featured_image: {
    src: `data:image/svg+xml,${encodeURIComponent(mugSvg)}`,
    alt: "Sea-green stoneware mug with steam rising",
    width: 800,
    height: 800,
  },
  variants: [
    { id: 4610001, title: "350 ml", price: 3200, available: true },
    { id: 4610002, title: "450 ml", price: 3600, available: true },
    { id: 4610003, title: "Set of 4 × 350 ml", price: 11500, available: false },
  ],
};
