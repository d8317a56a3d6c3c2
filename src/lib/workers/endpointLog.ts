/**
 * The endpoint's named log buffer: what it answered (prediction logs, one per text), every
 * request it answered (request logs, errors included) and its `/metrics` counters, written
 * together by `EndpointLog.#write` — the one place the endpoint stores anything.
 *
 * A burst of requests is gathered for `GATHER_MS` and written in one transaction. Writes run one
 * after another, and `counters()` runs in the same queue: the stored counters plus the
 * increments not yet written are then exactly what has been answered, with nothing counted twice
 * or missed while a write is under way. A write that fails keeps its counter increments and
 * (up to `MAX_PENDING_LOGS`) its logs for the next attempt.
 *
 * A `LogRoom` (logRoom.ts) guards the write against a full disk: while it finds no room, nothing
 * is written and the batch waits in memory like a failed one.
 */
import type { LifecycleDatabase } from '$lib/db/database';
import { endpointCounters, recordEndpointTraffic } from '$lib/db/monitoring';
import type { PredictionLogRecord, RequestLogRecord } from '$lib/db/records';
import type { LogRoom } from './logRoom';
import { emptyEndpointCounters, mergeEndpointCounters, recordRequest, type EndpointCounters } from '$lib/core/serving/prometheus';

/** How long a burst of requests is gathered before one write, ms. */
export const GATHER_MS = 50;
/** Logs kept in memory while the database refuses writes; older ones beyond this are dropped (and counted). */
export const MAX_PENDING_LOGS = 20_000;

/** One answered request, as the endpoint reports it. */
export interface AnsweredRequest {
  /** Route label for `/metrics`: an endpoint path or `other`. */
  route: string;
  status: number;
  durationSeconds: number;
  /** Served predictions, for `lifecycle_lab_predictions_total`. */
  predictions?: readonly { label: string; modelVersion: number | string }[];
  /** The field a `contract_violation` answer named, for `lifecycle_lab_contract_violations_total`. */
  violatedField?: string;
  /** The segment route the request took, for `lifecycle_lab_routed_predictions_total`. */
  segmentRoute?: string;
  /** The request's log line, when it belongs to a project (not for `/metrics` scrapes or when no project is known). */
  request?: RequestLogRecord;
  /** Its answers, one per text (and shadow scores). */
  answers?: readonly PredictionLogRecord[];
}

/** What waits to be written: the argument of `recordEndpointTraffic`, with arrays to add to. */
interface PendingWrite {
  predictions: PredictionLogRecord[];
  requests: RequestLogRecord[];
  counters: EndpointCounters;
}

const nothingPending = (): PendingWrite => ({ predictions: [], requests: [], counters: emptyEndpointCounters() });

export class EndpointLog {
  #pending = nothingPending();
  #queue: Promise<void> = Promise.resolve();
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** The counters as last read from the database, for `/metrics` while it cannot be read. */
  #lastStored: EndpointCounters = emptyEndpointCounters();
  /** Logs dropped because the database refused writes for too long. */
  dropped = 0;
  /** The last write error, null after a write succeeds. */
  lastError: unknown = null;

  constructor(
    private readonly db: LifecycleDatabase,
    private readonly room: LogRoom | null = null,
  ) {}

  /** Why logging is paused (a full disk), or null while it runs. */
  get pausedBecause(): string | null {
    return this.room?.pausedBecause ?? null;
  }

  /** Counts an answered request and queues its logs; they are written within `GATHER_MS`. */
  add(answered: AnsweredRequest): void {
    const { route, status, durationSeconds, predictions, violatedField, segmentRoute } = answered;
    recordRequest(this.#pending.counters, { route, status, durationSeconds, predictions, violatedField, segmentRoute });
    if (answered.request) this.#pending.requests.push(answered.request);
    if (answered.answers) this.#pending.predictions.push(...answered.answers);
    this.#timer ??= setTimeout(() => void this.flush(), GATHER_MS);
  }

  /** Writes everything added so far; resolves when it is stored (or the write failed and was kept for later). */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    return this.#enqueue(() => this.#write());
  }

  /** The counters since the database was created: stored plus not yet written. */
  counters(): Promise<EndpointCounters> {
    return this.#enqueue(async () => {
      try {
        this.#lastStored = await endpointCounters(this.db);
      } catch {
        // The database cannot be read: the last counters read still hold, plus what came since.
      }
      return mergeEndpointCounters(structuredClone(this.#lastStored), this.#pending.counters);
    });
  }

  /** Stores the pending logs and counter increments in one transaction (db/monitoring.ts). */
  async #write(): Promise<void> {
    const batch = this.#pending;
    this.#pending = nothingPending();
    if (this.room && !(await this.room.allows(JSON.stringify(batch.predictions).length + JSON.stringify(batch.requests).length))) {
      // No room: nothing is written; the batch waits (within the memory bound) for room to return.
      this.#keep(batch);
      return;
    }
    try {
      await recordEndpointTraffic(this.db, batch);
      this.lastError = null;
    } catch (error) {
      this.lastError = error;
      this.room?.failed(error);
      this.#keep(batch);
    }
  }

  /** Puts a failed batch back in front of what arrived since, within the memory bound. */
  #keep(batch: PendingWrite): void {
    const next = this.#pending;
    mergeEndpointCounters(batch.counters, next.counters);
    batch.predictions.push(...next.predictions);
    batch.requests.push(...next.requests);
    const over = batch.predictions.length + batch.requests.length - MAX_PENDING_LOGS;
    if (over > 0) {
      const fromRequests = Math.min(over, batch.requests.length);
      batch.requests.splice(0, fromRequests);
      batch.predictions.splice(0, over - fromRequests);
      this.dropped += over;
    }
    this.#pending = batch;
  }

  #enqueue<T>(job: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(job);
    this.#queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
