// Reading labelled JSONL files ({"text": ..., "label": ...} per line) with
// errors that name the file and line, for the command line and the benchmark.
import { readFileSync } from "node:fs";
import type { Example } from "./train.ts";

export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataError";
  }
}

export type ReadOptions = {
  /** Lines without a label are allowed (texts to classify). */
  labelOptional?: boolean;
};

export function parseJsonl(content: string, source: string, options: ReadOptions = {}): Example[] {
  const examples: Example[] = [];
  const lines = content.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `${source} line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new DataError(`${where}: bad JSON (${(error as Error).message})`);
    }
    const record = value as { text?: unknown; label?: unknown } | null;
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      throw new DataError(`${where}: expected an object like {"text": "...", "label": "..."}`);
    }
    if (typeof record.text !== "string") throw new DataError(`${where}: "text" must be a string`);
    if (record.label === undefined && options.labelOptional) {
      examples.push({ text: record.text, label: "" });
      return;
    }
    if (typeof record.label !== "string" || record.label.trim() === "") {
      throw new DataError(`${where}: "label" must be a non-empty string`);
    }
    examples.push({ text: record.text, label: record.label });
  });
  return examples;
}

export function readJsonl(path: string, options: ReadOptions = {}): Example[] {
  let content: string;
  try {
    content = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new DataError(`${path}: no such file`);
    if (code === "EISDIR") throw new DataError(`${path}: is a folder, expected a JSONL file`);
    throw new DataError(`${path}: cannot read (${(error as Error).message})`);
  }
  return parseJsonl(content, path, options);
}
