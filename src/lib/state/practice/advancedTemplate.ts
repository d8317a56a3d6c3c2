/** The advanced mission's starting point. */
import type { MissionTemplate } from './template';

export const advancedTemplate: MissionTemplate = async () => ({ projectId: null });
