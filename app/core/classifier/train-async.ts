// Training off the event loop. A coordinator worker runs the whole pipeline
// (features, vocabulary, calibration: all CPU work), and each SVM request's
// classes are split over solver workers that read the training matrix from
// shared memory. Classes are trained independently with their own seeds, so
// the model is the same as trainModel()'s, whatever the number of workers.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ModelJson } from "./model.ts";
import type { OvrJob, OvrResult } from "./svm.ts";
import { checkExamples, resolveTrainOptions, runTrainRequest, trainPipeline } from "./train.ts";
import type { Example, TrainOptions, TrainRequest } from "./train.ts";

export type AsyncTrainOptions = TrainOptions & {
  /** Solver threads (default: up to 2, never more than the machine's cores). */
  workers?: number;
  /**
   * The worker entry (train-worker.ts) for builds that move it; by default the
   * file beside this one, which Node ≥ 22.18 runs as TypeScript.
   */
  workerUrl?: URL;
};

function defaultWorkerUrl(): URL {
  return new URL("./train-worker.ts", import.meta.url);
}

export type CoordinatorData = {
  role: "coordinator";
  examples: Example[];
  options: TrainOptions;
  workers: number;
  workerUrl: string;
};
export type SolverData = { role: "solver" };
export type WorkerReply = { ok: true; value: unknown } | { ok: false; message: string; name: string };

function defaultWorkers(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** Runs one message exchange with a worker and ends it. */
function runWorker<T>(data: CoordinatorData): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(new URL(data.workerUrl), { workerData: data });
    let settled = false;
    worker.once("message", (reply: WorkerReply) => {
      settled = true;
      void worker.terminate();
      if (reply.ok) resolve(reply.value as T);
      else reject(Object.assign(new Error(reply.message), { name: reply.name }));
    });
    worker.once("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`classifier: the training worker stopped (exit code ${code})`));
    });
  });
}

/** Trains a model in worker threads; resolves with the model JSON. */
export async function trainModelAsync(examples: readonly Example[], options: AsyncTrainOptions = {}): Promise<ModelJson> {
  // Option and data errors surface here, before any thread starts.
  resolveTrainOptions(options);
  checkExamples(examples, "training");
  const { workers, workerUrl, ...trainOptions } = options;
  const count = Math.max(1, Math.floor(workers ?? defaultWorkers()));
  return runWorker<ModelJson>({
    role: "coordinator",
    examples: examples.map((e) => ({ text: e.text, label: e.label })),
    options: trainOptions,
    workers: count,
    workerUrl: (workerUrl ?? defaultWorkerUrl()).href,
  });
}

type Solver = { worker: Worker };

/** Inside the coordinator: a pool of solver threads answering training requests. */
export function createSolverPool(size: number, workerUrl: string) {
  // With one thread the coordinator solves the requests itself.
  const solvers: Solver[] = Array.from({ length: size > 1 ? size : 0 }, () => ({
    worker: new Worker(new URL(workerUrl), { workerData: { role: "solver" } satisfies SolverData }),
  }));

  function solve(solver: Solver, job: OvrJob): Promise<OvrResult> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: WorkerReply) => {
        solver.worker.off("error", onError);
        if (reply.ok) resolve(reply.value as OvrResult);
        else reject(new Error(reply.message));
      };
      const onError = (error: Error) => {
        solver.worker.off("message", onMessage);
        reject(error);
      };
      solver.worker.once("message", onMessage);
      solver.worker.once("error", onError);
      solver.worker.postMessage(job);
    });
  }

  return {
    async run(request: TrainRequest): Promise<Float32Array> {
      if (size === 1) return runTrainRequest(request);
      // Interleaved classes balance the load (labels are sorted, sizes vary).
      const chunks: number[][] = Array.from({ length: size }, () => []);
      for (let c = 0; c < request.classCount; c++) chunks[c % size].push(c);
      const results = await Promise.all(
        chunks.map((classes, i) =>
          classes.length === 0
            ? Promise.resolve({ classes, weights: new Float32Array(0) })
            : solve(solvers[i], { ...request, classes, options: request.svm }),
        ),
      );
      const stride = request.matrix.cols + 1;
      const weights = new Float32Array(stride * request.classCount);
      for (const result of results) {
        result.classes.forEach((c, k) => weights.set(result.weights.subarray(k * stride, (k + 1) * stride), c * stride));
      }
      return weights;
    },
    async close(): Promise<void> {
      await Promise.all(solvers.map((s) => s.worker.terminate()));
    },
  };
}

/** Inside the coordinator: the pipeline with requests answered by the pool. */
export async function runPipelineWithPool(data: CoordinatorData): Promise<ModelJson> {
  const pool = createSolverPool(data.workers, data.workerUrl);
  try {
    const pipeline = trainPipeline(data.examples, data.options);
    let step = pipeline.next();
    while (!step.done) step = pipeline.next(await pool.run(step.value));
    return step.value;
  } finally {
    await pool.close();
  }
}
