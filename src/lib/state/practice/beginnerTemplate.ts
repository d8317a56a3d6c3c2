/** The beginner mission's starting point. */
import type { MissionTemplate } from './template';

export const beginnerTemplate: MissionTemplate = async () => ({ projectId: null });
