/**
 * Which registered version is the project's champion: the one holding the serving alias. A
 * project with several models can have a champion per model; then the most recently registered
 * holder is meant. Retraining, the labelling queue's suggestions and the Deploy form all ask here,
 * so they never name different champions.
 */

/** The alias the endpoint serves by. */
export const CHAMPION_ALIAS = 'champion';

export function championOf<V extends { aliases: readonly string[]; archived?: boolean; createdAt: string }>(versions: readonly V[]): V | undefined {
  let best: V | undefined;
  for (const v of versions) if (!v.archived && v.aliases.includes(CHAMPION_ALIAS) && (!best || v.createdAt > best.createdAt)) best = v;
  return best;
}
