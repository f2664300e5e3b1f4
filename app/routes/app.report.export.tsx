// GET /app/report/export?from&to&group: the report as CSV, streamed (issue 8).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server.ts";
import { parseReportQuery, streamReportCsv } from "../models/report.server.ts";
import { shopTimeZone } from "../models/shop-time-zone.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const { range, groupBy } = parseReportQuery(new URL(request.url), await shopTimeZone(session.shop));
  return new Response(streamReportCsv({ shop: session.shop, range, groupBy }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="replyreel-report-${range.from}-${range.to}-${groupBy}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
