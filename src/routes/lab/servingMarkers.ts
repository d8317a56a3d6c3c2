/**
 * The events the facilitator's chart marks: where each model version started serving and where a
 * remedy was applied (a rollback serves an older version again). Pure: from the snapshot's versions
 * and the scenario's actions.
 */
import type { ScenarioAction } from '$lib/core/scenarios/ctr';
import type { LabModelVersion } from '$lib/workers/labProtocol';
import { VERSION_REASONS } from './weeks';

export interface ServingMarker {
  /** x on the week axis: between the last week before the change and the first after it (v1: week 0). */
  x: number;
  /** Short, for a projector: "v2 retrained", "back to v1". */
  label: string;
  kind: 'version' | 'rollback';
}


/** An action at week w applies before week w is simulated: its marker sits at w − 0.5. */
const between = (week: number) => (week === 0 ? 0 : week - 0.5);

export function servingMarkers(versions: readonly Pick<LabModelVersion, 'version' | 'deployedAtWeek' | 'reason'>[], actions: readonly ScenarioAction[]): ServingMarker[] {
  const markers: ServingMarker[] = versions.map((v) => ({ x: between(v.deployedAtWeek), label: `v${v.version} ${VERSION_REASONS[v.reason]}`, kind: 'version' }));
  // Replay the deployment stack to name the version a rollback brings back.
  const deployed = [1];
  let next = 2;
  for (const action of actions) {
    if (action.type === 'deploy') deployed.push(next++);
    else {
      deployed.pop();
      markers.push({ x: between(action.atWeek), label: `back to v${deployed.at(-1)}`, kind: 'rollback' });
    }
  }
  return markers.sort((a, b) => a.x - b.x);
}
