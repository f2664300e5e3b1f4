// POST /app/import/upload (multipart, field "file"): the import page's upload,
// a resource route so it answers JSON to the page, the tests and the benchmark.
// The file part is streamed into the importer as it arrives
// (unstable_parseMultipartFormData with our own handler); nothing buffers it whole.
import type { ActionFunctionArgs } from "@remix-run/node";
import { unstable_parseMultipartFormData } from "@remix-run/node";
import { authenticate } from "../shopify.server.ts";
import { importFormatOf, importMessages } from "../models/imports.server.ts";

/** Bytes of one upload; the importer streams, this only bounds a single request's duration. */
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

async function* limited(data: AsyncIterable<Uint8Array>, max: number) {
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > max) throw new Error(`the file is larger than ${max / 1024 / 1024} MB: split it`);
    yield chunk;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    return Response.json({ error: "send the file as multipart/form-data in the field “file”" }, { status: 400 });
  }
  let jobId: string | undefined;
  let problem: string | undefined;
  await unstable_parseMultipartFormData(request, async ({ name, filename, data }) => {
    if (name !== "file" || !filename) {
      for await (const _chunk of data) void _chunk; // drain other parts
      return undefined;
    }
    const format = importFormatOf(filename);
    if (!format) {
      problem = `“${filename}” is neither .csv nor .jsonl`;
      for await (const _chunk of data) void _chunk;
      return undefined;
    }
    const job = await importMessages({ shop: session.shop, filename, format, data: limited(data, MAX_UPLOAD_BYTES) });
    jobId = job.id;
    return job.id;
  });
  if (problem) return Response.json({ error: problem }, { status: 400 });
  if (!jobId) return Response.json({ error: "no file: send it in the field “file”" }, { status: 400 });
  return Response.json({ jobId });
}
