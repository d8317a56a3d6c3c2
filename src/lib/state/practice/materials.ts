/** Files a mission hands the learner on its page (e.g. the data to import), built from its seeded generator. */
import type { MissionId } from '$lib/core/practice/mission';
import { BEGINNER_TICKETS, beginnerTicketsCsv } from '$lib/core/practice/beginnerTickets';

export interface MissionMaterial {
  /** The download button's words. */
  label: string;
  /** What the file is and what to do with it. */
  note: string;
  fileName: string;
  mimeType: string;
  contents(): string;
}

export const MISSION_MATERIALS: Partial<Record<MissionId, readonly MissionMaterial[]>> = {
  beginner: [
    {
      label: 'Download the tickets (CSV)',
      note: `${BEGINNER_TICKETS.count.toLocaleString('en')} historical support tickets, each labelled with the queue that resolved it. Import the file on the Data stage of the mission’s project.`,
      fileName: BEGINNER_TICKETS.fileName,
      mimeType: 'text/csv',
      contents: beginnerTicketsCsv,
    },
  ],
};
