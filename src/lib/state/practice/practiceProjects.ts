/** The ids of the projects practice missions made, live (the home page badges them and keeps them apart from the sample). */
import { listMissions } from '$lib/db';
import { db } from '$lib/state/database.svelte';
import { Live } from '$lib/state/live.svelte';

export const practiceProjectIds = new Live<ReadonlySet<string>>(
  async () => new Set((await listMissions(db)).flatMap((m) => (m.projectId ? [m.projectId] : []))),
  new Set(),
);
