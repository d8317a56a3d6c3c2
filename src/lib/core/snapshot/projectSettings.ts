/**
 * A project's settings as a snapshot carries them: the endpoint's log keeping, the business value
 * of automatic decisions, the promotion, canary and retraining rules and the request contract.
 * Each is optional (absent: the defaults, read through its `…Of` reader) and checked on import by
 * the same rule that checks it when saved in the app, so a copy cannot hold a setting the app
 * would refuse.
 */
import { logSettingsProblem, type LogSettings } from '../monitor/logSettings';
import { businessProblem, type BusinessSettings } from '../monitor/businessValue';
import { promotionRuleProblems, type PromotionRule } from '../loop/promotionRule';
import { canaryRuleProblems, type CanaryRule } from '../loop/canaryRule';
import { retrainPolicyProblems, type RetrainPolicy } from '../loop/retrainPolicy';
import { requestContractProblem, type RequestContract } from '../serving/requestContract';

export interface ProjectSettings {
  logging?: LogSettings;
  business?: BusinessSettings;
  promotionRule?: PromotionRule;
  canaryRule?: CanaryRule;
  retrainPolicy?: RetrainPolicy;
  requestContract?: RequestContract;
}

export const PROJECT_SETTING_KEYS = ['logging', 'business', 'promotionRule', 'canaryRule', 'retrainPolicy', 'requestContract'] as const satisfies readonly (keyof ProjectSettings)[];

/** Why each setting present cannot be right, keyed by its name (schema-valid shapes assumed). */
export function projectSettingsProblems(settings: ProjectSettings): { key: keyof ProjectSettings; message: string }[] {
  const out: { key: keyof ProjectSettings; message: string }[] = [];
  const add = (key: keyof ProjectSettings, messages: (string | null)[]) => {
    for (const message of messages) if (message) out.push({ key, message });
  };
  if (settings.logging) add('logging', [logSettingsProblem(settings.logging)]);
  if (settings.business) add('business', [businessProblem(settings.business)]);
  if (settings.promotionRule) add('promotionRule', promotionRuleProblems(settings.promotionRule));
  if (settings.canaryRule) add('canaryRule', canaryRuleProblems(settings.canaryRule));
  if (settings.retrainPolicy) add('retrainPolicy', retrainPolicyProblems(settings.retrainPolicy));
  if (settings.requestContract) add('requestContract', [requestContractProblem(settings.requestContract)]);
  return out;
}

/** The settings of `source` that are set, deep-copied (JSON values only). */
export function pickProjectSettings(source: ProjectSettings): ProjectSettings {
  const out: Record<string, unknown> = {};
  for (const key of PROJECT_SETTING_KEYS) if (source[key] !== undefined) out[key] = structuredClone(source[key]);
  return out as ProjectSettings;
}
