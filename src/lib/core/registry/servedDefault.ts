import { championOf } from './champion';

/**
 * Which version the Deploy form offers to serve: the person's own choice while it may be
 * deployed, else the champion, else the first version that may be. Until the person chooses, the
 * form follows the champion alias, so "Set" a new champion and then "Deploy" serves that new
 * champion, not the version the form showed before the alias moved.
 */
export function servedDefault<V extends { id: string; aliases: readonly string[]; archived?: boolean; createdAt: string }>(
  versions: readonly V[],
  chosenId: string | null,
  mayDeploy: (v: V) => boolean,
): string | null {
  const chosen = versions.find((v) => v.id === chosenId);
  if (chosen && mayDeploy(chosen)) return chosen.id;
  const champion = championOf(versions);
  return [champion, ...versions].find((v): v is V => !!v && mayDeploy(v))?.id ?? null;
}
