/// <reference lib="webworker" />
/**
 * The drift-report benchmark's worker: generates the seeded columns once per size (untimed),
 * then times `driftReport` over them — the same call the drift lab's worker makes.
 */
import { driftReport } from '$lib/core/drift/report';
import { driftBenchColumns } from '../driftColumns';
import type { DriftBenchResult } from './pageApi';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<{ rows: number; repetitions: number; warmup: number }>) => {
  try {
    const { rows, repetitions, warmup } = event.data;
    const g0 = performance.now();
    const columns = driftBenchColumns(rows);
    const generateMs = performance.now() - g0;
    const samples: number[] = [];
    let report = driftReport(columns);
    for (let i = 0; i < warmup + repetitions; i++) {
      const t0 = performance.now();
      report = driftReport(columns);
      if (i >= warmup) samples.push(performance.now() - t0);
    }
    const result: DriftBenchResult = {
      rows,
      columns: report.columnCount,
      samples,
      generateMs,
      driftedColumns: report.columns.filter((c) => c.drifted).map((c) => c.name),
      tests: Object.fromEntries(report.columns.map((c) => [c.name, c.test])),
      datasetDrift: report.datasetDrift,
    };
    scope.postMessage({ ok: true, result });
  } catch (error) {
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
