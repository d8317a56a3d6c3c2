/** Each mission's template. */
import type { MissionId } from '$lib/core/practice/mission';
import type { MissionTemplate } from './template';
import { beginnerTemplate } from './beginnerTemplate';
import { intermediateTemplate } from './intermediateTemplate';
import { advancedTemplate } from './advancedTemplate';
import { drillRegressionTemplate } from './drillRegressionTemplate';
import { drillCostTemplate } from './drillCostTemplate';

export const TEMPLATES: Record<MissionId, MissionTemplate> = {
  beginner: beginnerTemplate,
  intermediate: intermediateTemplate,
  advanced: advancedTemplate,
  'drill-regression': drillRegressionTemplate,
  'drill-cost': drillCostTemplate,
};
