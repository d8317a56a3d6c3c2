/**
 * Traffic routing between the champion (the version under the serving alias) and a challenger,
 * in one of two modes — they are exclusive:
 * - **canary**: the challenger *answers* `canaryPercent` % of the requests, the champion the rest;
 *   real users see the challenger's answers, so a regression is limited to that share.
 * - **shadow**: the champion answers every request; the challenger also scores each one and its
 *   answer is only logged, to compare the two on live traffic at no risk. A shadow split has
 *   `canaryPercent` 0 (`trafficErrors` says so; `routeRequest` ignores the percent in shadow mode).
 * Without a challenger the champion answers everything.
 *
 * Routing is deterministic: a request key (a user or session id, or a request counter) is hashed
 * with the deployment's seed to a point u in [0, 1); the challenger serves when
 * u < canaryPercent / 100. So the same key always gets the same version (a user does not flip
 * between versions), different seeds give independent assignments, raising the percentage only
 * moves keys from the champion to the challenger, and over many keys the share is close to
 * `canaryPercent` (checked to ±2 points over 10,000 keys in the tests).
 */
import { fmix } from '../data/murmur3';
import { hashSeed } from '../random';

export interface TrafficSplit {
  /** Version id of the champion (answers by default). */
  champion: string;
  /** Version id of the challenger, if any. */
  challenger?: string;
  /** Share of requests the challenger answers, 0–100 (canary mode; 0 in shadow mode). */
  canaryPercent: number;
  /** Shadow mode: the challenger scores every request but never answers. */
  shadow: boolean;
}

export interface RouteDecision {
  /** Which version's prediction is returned. */
  served: 'champion' | 'challenger';
  /** Whether the challenger must also score this request (its result is only logged). */
  shadow: boolean;
}

/** 32-bit FNV-1a of the UTF-16 code units of `text`, then MurmurHash3's finaliser for avalanche. */
/** FNV-1a of the text, finalized with MurmurHash3's mixer: uniform 32-bit values. */
function hash32(text: string): number {
  return fmix(hashSeed(text)) >>> 0;
}

/** The key's point in [0, 1) for this seed: a uniform, deterministic draw. */
export function routingPoint(requestKey: string | number, seed: string | number): number {
  // U+001F between the parts: seed "1" + key "23" must not hash like seed "12" + key "3".
  return hash32(`${seed}\u001f${requestKey}`) / 4294967296;
}

/** Which version answers the request with key `requestKey`, and whether the challenger shadows it. */
export function routeRequest(traffic: TrafficSplit, requestKey: string | number, seed: string | number): RouteDecision {
  const { canaryPercent } = traffic;
  if (!(Number.isFinite(canaryPercent) && canaryPercent >= 0 && canaryPercent <= 100)) {
    throw new RangeError(`canaryPercent must be a number from 0 to 100 (got ${canaryPercent})`);
  }
  if (!traffic.challenger) return { served: 'champion', shadow: false };
  if (traffic.shadow) return { served: 'champion', shadow: true };
  if (canaryPercent === 0) return { served: 'champion', shadow: false };
  return { served: routingPoint(requestKey, seed) * 100 < canaryPercent ? 'challenger' : 'champion', shadow: false };
}

/** What is wrong with a split (empty when it is valid), in words for the Deploy page. */
export function trafficErrors(traffic: TrafficSplit): string[] {
  const errors: string[] = [];
  const { canaryPercent } = traffic;
  if (!traffic.champion) errors.push('A deployment needs a champion version.');
  if (!(Number.isFinite(canaryPercent) && canaryPercent >= 0 && canaryPercent <= 100)) errors.push('The canary share must be from 0 to 100 %.');
  if (traffic.challenger !== undefined && traffic.challenger === traffic.champion) errors.push('The challenger must be another version than the champion.');
  if (!traffic.challenger && (traffic.shadow || canaryPercent > 0)) errors.push('Canary and shadow modes need a challenger version.');
  if (traffic.shadow && canaryPercent > 0) errors.push('Canary and shadow are exclusive: in shadow mode the champion answers every request (canary share 0 %).');
  return errors;
}

/**
 * The split of a stored deployment's traffic list (`{ modelVersionId, percent, mode }` entries:
 * one 'serve', at most one 'canary' or 'shadow'), as the database's deployment record keeps it.
 */
export function trafficFromDeployment(traffic: readonly { modelVersionId: string; percent: number; mode: 'serve' | 'canary' | 'shadow' }[]): TrafficSplit {
  const served = traffic.find((t) => t.mode === 'serve');
  if (!served) throw new Error('The deployment has no served version.');
  const other = traffic.find((t) => t.mode !== 'serve');
  if (!other) return { champion: served.modelVersionId, canaryPercent: 0, shadow: false };
  return other.mode === 'shadow'
    ? { champion: served.modelVersionId, challenger: other.modelVersionId, canaryPercent: 0, shadow: true }
    : { champion: served.modelVersionId, challenger: other.modelVersionId, canaryPercent: other.percent, shadow: false };
}
