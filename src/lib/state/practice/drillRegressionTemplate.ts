/** The drillRegression mission's starting point. */
import type { MissionTemplate } from './template';

export const drillRegressionTemplate: MissionTemplate = async () => ({ projectId: null });
