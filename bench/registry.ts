/**
 * Every benchmark, in run order (Node first, then browser). To add one: write a file under
 * bench/node/ or bench/browser/ that default-exports `defineBenchmark({ id, where, run })`,
 * and add one import and one entry here.
 */
import type { Benchmark } from './types';
import sampleGenerate from './node/sampleGenerate';
import sampleGenerate100k from './node/sampleGenerate100k';
import appLoad from './browser/appLoad';
import appLoadWarm from './browser/appLoadWarm';
import dbWrite100k from './browser/dbWrite100k';
import dbWrite10k from './browser/dbWrite10k';
import csvImport from './browser/csvImport';
import csvImport1m from './browser/csvImport1m';
import trainCpu from './node/trainCpu';
import train from './browser/train';
import kernel from './browser/kernel';
import monitorQuery from './node/monitorQuery';
import ks from './node/ks';
import textDrift from './node/textDrift';
import scenarioGenerate from './node/scenarioGenerate';
import snapshot from './node/snapshot';
import csvCore from './node/csvCore';
import logWrite from './browser/logWrite';
import logQuery from './browser/logQuery';
import endpointRoundtrip from './browser/endpointRoundtrip';
import driftReport from './browser/driftReport';
import retrain from './browser/retrain';
import loopCollect from './browser/loopCollect';

export const BENCHMARKS: readonly Benchmark[] = [
  sampleGenerate,
  sampleGenerate100k,
  trainCpu,
  monitorQuery,
  ks,
  textDrift,
  scenarioGenerate,
  snapshot,
  csvCore,
  appLoad,
  appLoadWarm,
  dbWrite10k,
  dbWrite100k,
  csvImport,
  csvImport1m,
  kernel,
  train,
  logWrite,
  logQuery,
  endpointRoundtrip,
  driftReport,
  retrain,
  loopCollect,
];
