// Entry point of the training threads started by train-async.ts.
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { trainOneVsRest } from "./svm.ts";
import type { OvrJob } from "./svm.ts";
import { runPipelineWithPool } from "./train-async.ts";
import type { CoordinatorData, SolverData, WorkerReply } from "./train-async.ts";

function failure(error: unknown): WorkerReply {
  const e = error instanceof Error ? error : new Error(String(error));
  return { ok: false, message: e.message, name: e.name };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const data = workerData as CoordinatorData | SolverData;
  if (data.role === "coordinator") {
    runPipelineWithPool(data).then(
      (value) => port.postMessage({ ok: true, value } satisfies WorkerReply),
      (error: unknown) => port.postMessage(failure(error)),
    );
  } else {
    port.on("message", (job: OvrJob) => {
      try {
        const result = trainOneVsRest(job);
        port.postMessage({ ok: true, value: result } satisfies WorkerReply, [result.weights.buffer as ArrayBuffer]);
      } catch (error) {
        port.postMessage(failure(error));
      }
    });
  }
}
