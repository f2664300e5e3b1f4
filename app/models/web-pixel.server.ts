// Turning the web pixel extension on for a shop (issue 7): Shopify runs an app's
// pixel only after the app creates its web pixel record with settings that match
// extensions/web-pixel/shopify.extension.toml.
type Graphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;

export const WEB_PIXEL_SETTINGS = { proxyPath: "/apps/replyreel" };

export async function activateWebPixel({ graphql }: { graphql: Graphql }): Promise<{ status: "created" | "already_on"; id: string | null }> {
  const response = await graphql(
    `#graphql
    mutation WebPixelCreate($webPixel: WebPixelInput!) {
      webPixelCreate(webPixel: $webPixel) {
        userErrors { code field message }
        webPixel { id settings }
      }
    }`,
    { variables: { webPixel: { settings: JSON.stringify(WEB_PIXEL_SETTINGS) } } },
  );
  const body = (await response.json()) as {
    errors?: { message: string }[];
    data?: { webPixelCreate?: { userErrors: { code: string | null; message: string }[]; webPixel: { id: string } | null } };
  };
  if (body.errors?.length) throw new Error(`WebPixelCreate: ${body.errors.map((e) => e.message).join("; ")}`);
  const result = body.data?.webPixelCreate;
  if (!result) throw new Error("WebPixelCreate: no result");
  if (result.userErrors.some((e) => e.code === "TAKEN")) return { status: "already_on", id: null };
  if (result.userErrors.length > 0) throw new Error(result.userErrors.map((e) => e.message).join("; "));
  return { status: "created", id: result.webPixel?.id ?? null };
}
