import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

// Shopify opens the app with ?shop=…; send it to the embedded app. Anyone else
// installs ReplyReel from the Shopify App Store (Shopify-managed installation).
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) {
    throw redirect(`/app?${url.searchParams.toString()}`);
  }
  return null;
}

export default function Landing() {
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "4rem auto", lineHeight: 1.5 }}>
      <h1>ReplyReel</h1>
      <p>An intent-aware support inbox and shoppable content for Shopify stores.</p>
      <p>Install ReplyReel from your Shopify admin to get started.</p>
    </main>
  );
}
