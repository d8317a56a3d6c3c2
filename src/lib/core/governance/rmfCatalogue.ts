/**
 * The NIST AI RMF 1.0 subcategories this app can speak to, each with our own one-line summary
 * (never the framework's text: read NIST AI 100-1 for that) and the stored evidence that
 * covers it. Adding one is one entry: its id, function, summary and a judge built with `judged`.
 * Documents (datasheet, model card) count once approved; a draft counts as
 * partly. Until the documents feature stores any, their facts are null: "not covered yet".
 */
import { judged, type RmfFacts, type RmfSubcategory } from './rmfCoverage';
import { counted } from '$lib/core/words';

const documented = (state: RmfFacts['documents']['datasheet']) => state === 'approved';
const started = (state: RmfFacts['documents']['datasheet']) => state !== null;

export const RMF_CATALOGUE: readonly RmfSubcategory[] = [
  {
    id: 'GOVERN 1.1',
    fn: 'GOVERN',
    summary: 'The laws and rules that apply to the system are known and written down.',
    judge: (f) =>
      judged({ stage: 'govern', view: 'risk' }, [
        { ok: f.riskTier !== null, evidence: `Risk questionnaire answered: ${f.riskTier} tier`, todo: 'Answer the risk questionnaire (Govern → Risk tier).' },
      ]),
  },
  {
    id: 'GOVERN 1.2',
    fn: 'GOVERN',
    summary: 'What trustworthy means for this system is part of a written policy.',
    judge: (f) =>
      judged({ stage: 'govern', view: 'policy' }, [
        { ok: f.policy !== null, evidence: `${f.policy?.name} policy v${f.policy?.version} published`, todo: 'Publish a governance policy.' },
        { ok: (f.policy?.gates ?? 0) > 0, evidence: `${counted(f.policy?.gates ?? 0, 'gate')} in force`, todo: 'Give the policy at least one gate.' },
      ]),
  },
  {
    id: 'GOVERN 1.4',
    fn: 'GOVERN',
    summary: 'Risk is managed through controls that are transparent and recorded.',
    judge: (f) =>
      judged({ stage: 'govern', view: 'audit' }, [
        { ok: f.policy !== null, evidence: 'Gates enforced by the published policy', todo: 'Publish a policy so its gates block.' },
        { ok: f.auditEntries > 0, evidence: `${counted(f.auditEntries, 'audit entry', 'audit entries')} in the hash-chained trail`, todo: 'Act in the project: every change is audited.' },
      ]),
  },
  {
    id: 'GOVERN 1.5',
    fn: 'GOVERN',
    summary: 'Monitoring and periodic review are planned, with a review frequency.',
    judge: (f) =>
      judged({ stage: 'govern', view: 'policy' }, [
        { ok: f.policy !== null, evidence: `Re-review every ${f.policy?.reReviewDays} days`, todo: 'Publish a policy with a re-review period.' },
        { ok: f.decisions.approvals > 0, evidence: `${counted(f.decisions.approvals, 'approval')} with a due date`, todo: 'Approve a gate: each approval gets its re-review date.' },
      ]),
  },
  {
    id: 'GOVERN 1.6',
    fn: 'GOVERN',
    summary: 'The AI systems in use are kept in an inventory.',
    judge: (f) =>
      judged({ page: 'inventory' }, [
        { ok: f.registeredVersions > 0, evidence: `${counted(f.registeredVersions, 'registered version')} listed in the model inventory`, todo: 'Register a model version: it joins the inventory.' },
      ]),
  },
  {
    id: 'GOVERN 2.1',
    fn: 'GOVERN',
    summary: 'Roles and responsibilities for AI risk are written down and clear.',
    judge: (f) =>
      judged({ stage: 'govern', view: 'people' }, [
        { ok: f.policy !== null && f.people.decidingRoles > 0, evidence: `${counted(f.people.decidingRoles, 'deciding role')} named in the policy`, todo: 'Publish a policy naming who decides each gate.' },
        { ok: f.people.decidingRoles > 0 && f.people.rolesHeld === f.people.decidingRoles, evidence: `Every deciding role held (${counted(f.people.count, 'person', 'people')})`, todo: 'Give every deciding role to a person (Govern → People).' },
      ]),
  },
  {
    id: 'MAP 1.1',
    fn: 'MAP',
    summary: 'Intended purpose, setting and expectations of use are understood and documented.',
    judge: (f) =>
      judged({ stage: 'frame' }, [
        { ok: f.canvas.filled === f.canvas.boxes, evidence: `ML Canvas filled (${f.canvas.filled} of ${f.canvas.boxes} boxes)`, todo: `Fill the ML Canvas (${f.canvas.filled} of ${f.canvas.boxes} boxes so far).` },
        { ok: f.riskTier !== null, evidence: 'Intended use and domain stated in the risk questionnaire', todo: 'State the intended use in the risk questionnaire.' },
      ]),
  },
  {
    id: 'MAP 1.5',
    fn: 'MAP',
    summary: 'How much risk the organisation accepts is decided and documented.',
    judge: (f) =>
      judged({ stage: 'frame' }, [
        { ok: f.criteria > 0, evidence: `${counted(f.criteria, 'success criterion', 'success criteria')} with thresholds`, todo: 'Set success criteria with thresholds (Frame).' },
        { ok: f.riskTier !== null, evidence: `Risk tier: ${f.riskTier}`, todo: 'Answer the risk questionnaire to set the tier.' },
      ]),
  },
  {
    id: 'MAP 2.1',
    fn: 'MAP',
    summary: 'The tasks the system supports and the methods used are defined.',
    judge: (f) =>
      judged({ stage: 'model' }, [
        { ok: f.canvas.filled > 0, evidence: 'Prediction task described in the ML Canvas', todo: 'Describe the prediction task in the ML Canvas.' },
        { ok: f.runs.evaluated > 0, evidence: `${counted(f.runs.evaluated, 'evaluated run')} recording family and parameters`, todo: 'Train and evaluate a model (Model).' },
      ]),
  },
  {
    id: 'MAP 4.1',
    fn: 'MAP',
    summary: 'Legal and data risks of the components, including the data, are mapped.',
    judge: (f) =>
      judged({ stage: 'data', view: 'checks' }, [
        { ok: f.data.checkRuns > 0, evidence: 'Data checks run (personal data, balance, leakage)', todo: 'Run the data checks (Data → Checks).' },
        { ok: documented(f.documents.datasheet), evidence: 'Datasheet for the dataset approved', todo: started(f.documents.datasheet) ? 'Get the datasheet approved.' : 'Write a datasheet for the dataset (not covered yet).' },
      ]),
  },
  {
    id: 'MAP 5.1',
    fn: 'MAP',
    summary: 'Likely impacts, how probable and how severe, are identified and documented.',
    judge: (f) =>
      judged({ stage: 'data', view: 'checks' }, [
        { ok: f.data.ethicsAnswers > 0, evidence: 'Ethics questions answered (who could be harmed, consent)', todo: 'Answer the ethics questions of the Data Ethics Review.' },
        { ok: f.riskTier !== null, evidence: 'Affected people and scale answered in the risk questionnaire', todo: 'Answer the risk questionnaire.' },
      ]),
  },
  {
    id: 'MEASURE 1.1',
    fn: 'MEASURE',
    summary: 'Metrics for the most significant risks are chosen.',
    judge: (f) =>
      judged({ stage: 'frame' }, [
        { ok: f.criteria > 0, evidence: `${counted(f.criteria, 'success criterion', 'success criteria')} chosen`, todo: 'Choose success criteria (Frame).' },
      ]),
  },
  {
    id: 'MEASURE 2.3',
    fn: 'MEASURE',
    summary: 'Performance is measured, in conditions like deployment, and recorded.',
    judge: (f) =>
      judged({ stage: 'model' }, [
        { ok: f.runs.evaluated > 0, evidence: 'Held-out test evaluation with latency', todo: 'Train and evaluate a model on a split dataset.' },
        { ok: f.monitoring.predictions > 0, evidence: `${counted(f.monitoring.predictions, 'logged prediction')} from the endpoint`, todo: 'Deploy and send traffic to measure it in use.' },
      ]),
  },
  {
    id: 'MEASURE 2.4',
    fn: 'MEASURE',
    summary: 'What the system does is monitored while it is in production.',
    judge: (f) =>
      judged({ stage: 'monitor' }, [
        { ok: f.serving.deployed, evidence: 'A version is deployed behind the endpoint', todo: 'Deploy a version (Deploy).' },
        { ok: f.monitoring.healthChecks > 0, evidence: `${counted(f.monitoring.healthChecks, 'health probe')} recorded`, todo: 'Let the Monitor stage probe the endpoint.' },
      ]),
  },
  {
    id: 'MEASURE 2.5',
    fn: 'MEASURE',
    summary: 'The system is shown to be valid and reliable; its limits are documented.',
    judge: (f) =>
      judged({ stage: 'deploy' }, [
        { ok: f.runs.beatBaseline > 0, evidence: 'A run beats its baseline', todo: 'Compare a run with the baseline (Model).' },
        { ok: documented(f.documents.modelCard) || f.modelCardsWritten > 0, evidence: documented(f.documents.modelCard) ? 'Model card approved' : 'Model card written', todo: 'Write the model card’s limitations (Deploy).' },
      ]),
  },
  {
    id: 'MEASURE 2.11',
    fn: 'MEASURE',
    summary: 'Fairness and bias are evaluated and the results recorded.',
    judge: (f) =>
      judged({ stage: 'data', view: 'checks' }, [
        { ok: f.runs.withSlices > 0, evidence: 'Evaluation by slice (segment)', todo: 'Define slices (Data → Checks) and evaluate a run on them.' },
        { ok: f.data.checkRuns > 0 && f.data.ethicsAnswers > 0, evidence: 'Data checks and ethics review on record', todo: 'Run the data checks and answer the ethics questions.' },
      ]),
  },
  {
    id: 'MEASURE 3.1',
    fn: 'MEASURE',
    summary: 'Existing and emerging risks are tracked over time in use.',
    judge: (f) =>
      judged({ stage: 'monitor', view: 'drift' }, [
        { ok: f.monitoring.driftReports > 0, evidence: `${counted(f.monitoring.driftReports, 'drift report')} on logged traffic`, todo: 'Run a drift report on the logged traffic (Monitor → Drift).' },
      ]),
  },
  {
    id: 'MANAGE 1.1',
    fn: 'MANAGE',
    summary: 'Someone decides whether the system meets its purpose and may go ahead.',
    judge: (f) =>
      judged({ stage: 'govern' }, [
        { ok: f.decisions.approvals + f.decisions.rejectionsOrChanges > 0, evidence: `${counted(f.decisions.approvals + f.decisions.rejectionsOrChanges, 'gate decision')} recorded`, todo: 'Request a review and decide a gate (Govern → Gates).' },
      ]),
  },
  {
    id: 'MANAGE 2.2',
    fn: 'MANAGE',
    summary: 'There are ways to keep a deployed system delivering its value.',
    judge: (f) =>
      judged({ stage: 'monitor' }, [
        { ok: f.serving.deployed && f.monitoring.healthChecks > 0, evidence: 'Deployed and monitored', todo: 'Deploy and monitor a version.' },
        { ok: f.registeredVersions > 1, evidence: `${counted(f.registeredVersions, 'registered version')}: retraining and champion–challenger possible`, todo: 'Register a retrained version to compare with the champion.' },
      ]),
  },
  {
    id: 'MANAGE 2.4',
    fn: 'MANAGE',
    summary: 'A system that misbehaves can be replaced, switched off or retired, by someone named.',
    judge: (f) =>
      judged({ stage: 'deploy' }, [
        { ok: f.serving.canRollBack || f.serving.rollbacks > 0, evidence: f.serving.rollbacks > 0 ? `${counted(f.serving.rollbacks, 'rollback')} done` : 'A previous deployment to roll back to', todo: 'Deploy a second time so a rollback is possible.' },
        { ok: f.people.rolesHeld > 0, evidence: 'Deciding roles held by named people', todo: 'Name the people who decide (Govern → People).' },
      ]),
  },
  {
    id: 'MANAGE 4.1',
    fn: 'MANAGE',
    summary: 'After deployment: monitoring, incident response, recovery and change management run.',
    judge: (f) =>
      judged({ stage: 'monitor' }, [
        { ok: f.monitoring.healthChecks > 0, evidence: 'Endpoint monitored', todo: 'Monitor the deployed endpoint.' },
        { ok: f.serving.canRollBack || f.serving.rollbacks > 0, evidence: 'Recovery by rollback available', todo: 'Keep a previous deployment to roll back to.' },
        { ok: f.policy !== null && f.decisions.approvals > 0, evidence: 'Changes pass the gates and are re-reviewed', todo: 'Approve changes through the gates.' },
      ]),
  },
  {
    id: 'MANAGE 4.3',
    fn: 'MANAGE',
    summary: 'Incidents and errors are tracked, answered and recovered from, with records.',
    judge: (f) =>
      judged({ stage: 'govern', view: 'audit' }, [
        { ok: f.serving.rollbacks > 0 || f.serving.deprecatedOrRetired > 0, evidence: 'Rollbacks or retirements recorded with their reasons', todo: 'When something goes wrong, roll back or retire with a reason: it is recorded.' },
        { ok: f.auditEntries > 0, evidence: 'Audit trail of every change', todo: 'Act in the project: every change is audited.' },
      ]),
  },
];
