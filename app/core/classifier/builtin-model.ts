// Where the built-in intent model lives. Another part of the app builds it
// (app/core/intents); the classifier only knows the path.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** REPLYREEL_BUILTIN_MODEL overrides the location (tests, custom deployments). */
export function builtinModelPath(): string {
  if (process.env.REPLYREEL_BUILTIN_MODEL) return process.env.REPLYREEL_BUILTIN_MODEL;
  const beside = fileURLToPath(new URL("../intents/model/builtin-model.json", import.meta.url));
  // Bundled into the server build (build/server/index.js), this module's URL is the
  // bundle's: the model is then found in the source tree under the working directory.
  return existsSync(beside) ? beside : path.resolve(process.cwd(), "app/core/intents/model/builtin-model.json");
}

export class MissingModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MissingModelError";
  }
}

/** The built-in model's JSON text; throws a clear error when it has not been built. */
export function readBuiltinModel(): string {
  const path = builtinModelPath();
  if (!existsSync(path)) {
    throw new MissingModelError(
      `classifier: the built-in model is not built yet (expected ${path}); pass --model path/to/model.json or build the built-in model first`,
    );
  }
  return readFileSync(path, "utf8");
}
