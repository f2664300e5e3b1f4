// Trains the built-in intent model from app/core/intents/corpus (deterministic)
// and writes app/core/intents/model/builtin-model.json. Part of `npm run build`.
import { trainBuiltinModel, writeBuiltinModel } from "../app/core/intents/builtin-model.ts";

const started = performance.now();
const { file, bytes } = writeBuiltinModel(trainBuiltinModel());
console.log(`built-in intent model: ${file} (${(bytes / 1e6).toFixed(2)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
