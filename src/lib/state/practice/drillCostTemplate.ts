/** The drillCost mission's starting point. */
import type { MissionTemplate } from './template';

export const drillCostTemplate: MissionTemplate = async () => ({ projectId: null });
