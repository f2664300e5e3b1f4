// The command line as a user runs it: a separate Node 22 process.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";
import { builtinModelPath } from "./builtin-model.ts";
import { SUPPORT_EXAMPLES } from "./test-fixtures.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
// The Node that npm scripts use (the "node" devDependency), whatever runs the tests.
const node = existsSync(join(root, "node_modules/.bin/node")) ? join(root, "node_modules/.bin/node") : process.execPath;
const cli = join(root, "app/core/classifier/cli.ts");
const dir = mkdtempSync(join(tmpdir(), "intent-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  return runWith({}, ...args);
}

function runWith(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(node, [cli, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const jsonl = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";

test("train then classify prints one JSON line per message", () => {
  const train = join(dir, "train.jsonl");
  const model = join(dir, "model.json");
  writeFileSync(train, jsonl(SUPPORT_EXAMPLES));
  execFileSync(node, [cli, "train", "--train", train, "--out", model], { cwd: root });
  const messages = join(dir, "messages.jsonl");
  writeFileSync(messages, jsonl([{ text: "where is my parcel" }, { text: "我的包裹在哪里" }]));
  const { code, stdout } = run("classify", "--model", model, "--jsonl", messages);
  expect(code).toBe(0);
  const lines = stdout.trim().split("\n").map((l) => JSON.parse(l));
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatchObject({ text: "where is my parcel", label: "order_status", language: "en" });
  expect(lines[1]).toMatchObject({ label: "order_status", language: "zh" });
  expect(lines[0].alternatives[0]).toEqual({ label: expect.any(String), confidence: expect.any(Number) });
});

test("train --naive-bayes folds naive Bayes into the model and says so in it", () => {
  const train = join(dir, "train-nb.jsonl");
  writeFileSync(train, jsonl(SUPPORT_EXAMPLES));
  const plain = join(dir, "plain.json");
  const withNb = join(dir, "nb.json");
  execFileSync(node, [cli, "train", "--train", train, "--out", plain, "--workers", "1"], { cwd: root });
  execFileSync(node, [cli, "train", "--train", train, "--out", withNb, "--workers", "1", "--naive-bayes", "0.05"], { cwd: root });
  const a = JSON.parse(readFileSync(plain, "utf8"));
  const b = JSON.parse(readFileSync(withNb, "utf8"));
  expect(a.training.naiveBayes).toBeUndefined();
  expect(b.training.naiveBayes).toEqual({ weight: 0.05, alpha: 0.01 });
  expect(b.weights.values).not.toBe(a.weights.values);
});

test("eval --json ends with one JSON object of metrics", () => {
  const train = join(dir, "train-eval.jsonl");
  writeFileSync(train, jsonl(SUPPORT_EXAMPLES));
  const test = join(dir, "test-eval.jsonl");
  writeFileSync(test, jsonl([{ text: "cancel my order please", label: "cancel_order" }, { text: "thanks a lot", label: "greeting_thanks" }]));
  const oos = join(dir, "oos.jsonl");
  writeFileSync(oos, jsonl([{ text: "zxqv wprt", label: "oos" }]));
  const { code, stdout } = run("eval", "--train", train, "--test", test, "--oos-test", oos, "--json", "--workers", "1");
  expect(code).toBe(0);
  const last = JSON.parse(stdout.trim().split("\n").pop() ?? "");
  expect(Object.keys(last)).toEqual(
    expect.arrayContaining(["accuracy", "macroF1", "inScopeAccuracy", "oosRecall", "trainMs", "p50Ms", "p99Ms", "modelBytes"]),
  );
  expect(last.oosRecall).toBe(1);
});

test.each([
  ["a missing file", () => ["train", "--train", join(dir, "nope.jsonl"), "--out", join(dir, "m.json")], /nope\.jsonl: no such file/],
  [
    "bad JSON on line 2",
    () => {
      const file = join(dir, "bad.jsonl");
      writeFileSync(file, '{"text": "hi", "label": "a"}\n{"text": oops}\n');
      return ["train", "--train", file, "--out", join(dir, "m.json")];
    },
    /bad\.jsonl line 2: bad JSON/,
  ],
  [
    "a line without a label",
    () => {
      const file = join(dir, "nolabel.jsonl");
      writeFileSync(file, '{"text": "hi"}\n');
      return ["train", "--train", file, "--out", join(dir, "m.json")];
    },
    /nolabel\.jsonl line 1: "label" must be a non-empty string/,
  ],
  ["a missing option", () => ["eval", "--train", join(dir, "train.jsonl")], /--test is required/],
  ["a negative naive Bayes weight", () => ["train", "--train", join(dir, "train.jsonl"), "--naive-bayes", "lots", "--out", join(dir, "m.json")], /--naive-bayes must be a number ≥ 0, got "lots"/],
  ["an unknown command", () => ["fly"], /unknown command "fly"/],
  [
    "a damaged model",
    () => {
      const file = join(dir, "damaged.json");
      writeFileSync(file, '{"version": "classifier/1"}');
      return ["classify", "--model", file, "hello"];
    },
    /invalid model/,
  ],
])("bad input: %s gives a clear message and a non-zero exit", (_name, args, message) => {
  const { code, stderr } = run(...args());
  expect(code).not.toBe(0);
  expect(stderr).toMatch(message);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
});

test("classify --model builtin says when the built-in model is not built yet", () => {
  const { code, stderr } = runWith({ REPLYREEL_BUILTIN_MODEL: join(dir, "absent.json") }, "classify", "--model", "builtin", "hello");
  expect(code).not.toBe(0);
  expect(stderr).toMatch(/built-in model is not built yet/);
});

test("classify --model builtin answers with the model `npm run build` trained", () => {
  expect(existsSync(builtinModelPath()), "run `npm run build` first").toBe(true);
  const { code, stdout } = run("classify", "--model", "builtin", "我的包裹到哪了？订单号1043");
  expect(code).toBe(0);
  const line = JSON.parse(stdout.trim()) as { label: string; language: string; alternatives: unknown[] };
  expect(line.label).toBe("order_status");
  expect(line.language).toBe("zh");
});
