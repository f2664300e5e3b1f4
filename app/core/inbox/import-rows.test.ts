import { expect, test } from "vitest";
import { mapImportHeaders, mapImportRecord } from "./import-rows.ts";

test("documented headers and common aliases map, case and separators ignored", () => {
  const { columns, missing } = mapImportHeaders(["\uFEFFExternal ID", "Channel", "Customer-Name", "EMAIL", "Subject", "Message", "received_at", "extra"]);
  expect(Object.fromEntries(columns)).toEqual({
    "\uFEFFExternal ID": "externalId",
    Channel: "source",
    "Customer-Name": "customerName",
    EMAIL: "customerEmail",
    Subject: "subject",
    Message: "body",
    received_at: "receivedAt",
  });
  expect(missing).toEqual([]);
});

test("a header without a message column reports it missing", () => {
  expect(mapImportHeaders(["id", "email"]).missing).toEqual(["body"]);
});

test("the first matching column wins when two aliases are present", () => {
  const { columns } = mapImportHeaders(["body", "text"]);
  expect([...columns.entries()]).toEqual([["body", "body"]]);
});

test("a JSONL object maps by its own keys; blanks are dropped; numbers become text", () => {
  expect(mapImportRecord({ external_id: 17, source: "amazon", email: "", body: "Hola", received_at: "2026-01-02" })).toEqual({
    channel: "import",
    externalId: "17",
    source: "amazon",
    body: "Hola",
    receivedAt: "2026-01-02",
  });
});
