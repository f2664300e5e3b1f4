// Admin: import historical messages from a CSV or JSONL file (issue 5, item 2c).
// The file goes to the resource route app.import.upload.tsx, which imports it
// as it streams in; this page shows the running job's counts and the row report.
import { useEffect, useState } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Card, DataTable, DropZone, InlineStack, Layout, List, Page, ProgressBar, Text } from "@shopify/polaris";
import { authenticate } from "../shopify.server.ts";
import { listImportJobs, type ReportEntry } from "../models/imports.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const jobs = await listImportJobs({ shop: session.shop, take: 5 });
  return {
    jobs: jobs.map((job) => ({
      id: job.id,
      filename: job.filename,
      format: job.format,
      status: job.status,
      total: job.total,
      imported: job.imported,
      duplicates: job.duplicates,
      rejected: job.rejected,
      error: job.error,
      createdAt: job.createdAt.toISOString(),
      report: (JSON.parse(job.report) as ReportEntry[]).slice(0, 200),
    })),
  };
}

type Job = ReturnType<typeof useLoaderData<typeof loader>>["jobs"][number];

export default function ImportPage() {
  const { jobs } = useLoaderData<typeof loader>();
  const upload = useFetcher<{ jobId?: string; error?: string }>();
  const poll = useFetcher<typeof loader>();
  const [file, setFile] = useState<File | undefined>();
  const busy = upload.state !== "idle";

  // While the upload streams in, the running job's counts are read every second.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => poll.load("/app/import"), 1000);
    return () => clearInterval(timer);
  }, [busy, poll]);

  const shown = (busy ? poll.data?.jobs : undefined) ?? jobs;
  const latest = shown[0];

  const start = (files: File[]) => {
    const chosen = files[0];
    if (!chosen) return;
    setFile(chosen);
    const form = new FormData();
    form.append("file", chosen);
    upload.submit(form, { method: "post", encType: "multipart/form-data", action: "/app/import/upload" });
  };

  return (
    <Page title="Import messages" backAction={{ url: "/app" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="p">
                Bring in messages from another helpdesk or marketplace as CSV (with a header row) or JSONL (one JSON
                object per line). Columns: <code>external_id</code>, <code>channel</code>, <code>name</code>,{" "}
                <code>email</code>, <code>subject</code>, <code>body</code>, <code>received_at</code>. A row whose
                external id is already stored is counted as a duplicate and not stored again.
              </Text>
              <DropZone accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson" allowMultiple={false} onDrop={(accepted) => start(accepted)} disabled={busy} label="File">
                <DropZone.FileUpload actionTitle="Choose a file" actionHint="or drop a .csv or .jsonl file" />
              </DropZone>
              {busy && (
                <BlockStack gap="100">
                  <Text as="p">
                    Importing {file?.name}… {latest?.status === "running" ? `${latest.total.toLocaleString()} rows read` : ""}
                  </Text>
                  <ProgressBar progress={file && latest?.status === "running" ? Math.min(95, 5 + latest.total / 500) : 5} size="small" />
                </BlockStack>
              )}
              {upload.data?.error && <Banner tone="critical" title={upload.data.error} />}
            </BlockStack>
          </Card>
        </Layout.Section>
        {latest && (
          <Layout.Section>
            <JobReport job={latest} />
          </Layout.Section>
        )}
      </Layout>
    </Page>
  );
}

function JobReport({ job }: { job: Job }) {
  const tone = job.status === "done" ? "success" : job.status === "failed" ? "critical" : "info";
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {job.filename}
          </Text>
          <Badge tone={tone}>{job.status}</Badge>
        </InlineStack>
        {job.error && <Banner tone="critical" title={job.error} />}
        <List>
          <List.Item>{job.total.toLocaleString()} rows read</List.Item>
          <List.Item>{job.imported.toLocaleString()} imported</List.Item>
          <List.Item>{job.duplicates.toLocaleString()} duplicates</List.Item>
          <List.Item>{job.rejected.toLocaleString()} rejected</List.Item>
        </List>
        {job.report.length > 0 && (
          <DataTable
            columnContentTypes={["numeric", "text", "text"]}
            headings={["Row", "Result", "Reason"]}
            rows={job.report.map((entry) => [entry.row, entry.status, entry.reason])}
            footerContent="The first 1,000 duplicate and rejected rows are kept; the first 200 are shown."
          />
        )}
      </BlockStack>
    </Card>
  );
}
