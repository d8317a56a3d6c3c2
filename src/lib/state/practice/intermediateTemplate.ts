/** The intermediate mission's starting point. */
import type { MissionTemplate } from './template';

export const intermediateTemplate: MissionTemplate = async () => ({ projectId: null });
