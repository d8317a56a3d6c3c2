import { describe, expect, it } from 'vitest';
import { STAGES, STAGE_INFO } from '$lib/core/lifecycle/stages';
import { validateCriterion, type SuccessCriterion } from '$lib/core/lifecycle/criteria';
import { emptyPlaybookFacts } from '$lib/core/playbooks/facts';
import { allPlaybookItems, PLAYBOOKS } from '$lib/core/playbooks/playbooks';
import { CRITERIA_PRESETS, applyCriteriaPreset, findCriteriaPreset, presetCriteria } from '$lib/core/playbooks/criteriaPresets';
import { FIELD_MAX_LENGTH, TEMPLATES, formTemplate, startingValues, type FormTemplate } from '$lib/core/playbooks/templates';
import { missingRequired, templateMarkdown, validateTemplateFill } from '$lib/core/playbooks/templateFill';
import { SAMPLE_CANVAS } from '$lib/core/scenarios/sampleProject';

const ID = /^[a-z]+(?:-[a-z]+)*$/;
const forms = TEMPLATES.filter((t): t is FormTemplate => t.kind === 'form');

describe('the playbook catalogue', () => {
  it('has one playbook per stage, each with ordered items, deliverables, app checks and mistakes', () => {
    expect(Object.keys(PLAYBOOKS).sort()).toEqual([...STAGES].sort());
    for (const stage of STAGES) {
      const p = PLAYBOOKS[stage];
      expect(p.stage).toBe(stage);
      for (const list of [p.items, p.deliverables, p.appChecks, p.mistakes]) expect(list.length).toBeGreaterThan(0);
    }
  });

  it('gives every item a unique id under its stage, a place in the app, and exactly one of a check or a reason to tick it', () => {
    const items = allPlaybookItems();
    expect(new Set(items.map((x) => x.item.id)).size).toBe(items.length);
    for (const { stage, item } of items) {
      expect(item.id.startsWith(`${stage}.`), item.id).toBe(true);
      expect(STAGE_INFO[item.where.stage], item.id).toBeDefined();
      expect(item.where.name.trim(), item.id).not.toBe('');
      expect(Boolean(item.check) !== Boolean(item.manual), `${item.id}: check xor manual`).toBe(true);
      if (item.check) expect(item.check(emptyPlaybookFacts()).done, `${item.id} on an empty project`).toBe(false);
    }
  });

  it('names the mistakes the source material warns about', () => {
    expect(PLAYBOOKS.monitor.mistakes.join(' ')).toMatch(/feedback loop.*retraining/);
    expect(PLAYBOOKS.model.mistakes.join(' ')).toMatch(/No baseline/);
    expect(PLAYBOOKS.data.mistakes.join(' ')).toMatch(/Leakage between splits/);
    expect(PLAYBOOKS.data.mistakes.join(' ')).toMatch(/column that leaks the label/);
    expect(PLAYBOOKS.deploy.mistakes.join(' ')).toMatch(/No rollback plan/);
    expect(PLAYBOOKS.govern.mistakes.join(' ')).toMatch(/Approvals never re-reviewed/);
  });

  it('says plainly which items the app cannot check yet', () => {
    const loop = allPlaybookItems().find((x) => x.item.id === 'monitor.loop')!.item;
    expect(loop.check).toBeUndefined();
    expect(loop.manual).toMatch(/cannot do this yet/);
  });
});

describe('the template catalogue', () => {
  it('has the templates of the issue, each on a stage, with unique ids', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual([
      'problem-statement', 'ml-canvas', 'success-criteria-presets', 'labelling-guidelines',
      'evaluation-plan', 'rollout-rollback', 'monitoring-plan', 'incident-review',
    ]);
    for (const t of TEMPLATES) {
      expect(t.id).toMatch(ID);
      expect(STAGES).toContain(t.stage);
      expect(t.title.trim()).not.toBe('');
      expect(t.purpose.trim()).not.toBe('');
    }
  });

  it('links the ML Canvas to the Frame editor instead of copying its boxes', () => {
    const canvas = TEMPLATES.find((t) => t.id === 'ml-canvas')!;
    expect(canvas).toMatchObject({ kind: 'editor', where: { stage: 'frame' } });
  });

  it('gives each form template fields with unique ids, labels, prompts and at least one required field', () => {
    for (const t of forms) {
      const ids = t.fields.map((f) => f.id);
      expect(new Set(ids).size, t.id).toBe(ids.length);
      for (const f of t.fields) {
        expect(f.id, t.id).toMatch(ID);
        expect(f.label.trim()).not.toBe('');
        expect(f.prompt.trim()).not.toBe('');
        expect(typeof (f.prefill?.(emptyPlaybookFacts()) ?? ''), `${t.id}/${f.id} prefill`).toBe('string');
      }
      expect(t.fields.some((f) => f.required), t.id).toBe(true);
    }
  });

  it('prefills fields from stored facts (canvas, criteria, classes, versions), and a stored fill wins', () => {
    const facts = {
      ...emptyPlaybookFacts(),
      canvas: SAMPLE_CANVAS,
      criteria: presetCriteria(findCriteriaPreset('quality-and-speed')!),
      dataset: { number: 2, classes: ['Billing', 'General Inquiry'], split: { train: 700, validation: 150, test: 150 }, checksRun: true, leakedRows: 0 },
      latestVersion: 'Ticket router v2',
      serving: 'Ticket router v1',
    };
    const problem = startingValues(formTemplate('problem-statement'), facts);
    expect(problem.users).toBe(SAMPLE_CANVAS.valueProposition);
    expect(problem.success).toBe('- Accuracy on test >= 0.9\n- p99 latency on production <= 200 ms');
    expect(startingValues(formTemplate('labelling-guidelines'), facts).labels).toBe('- Billing: \n- General Inquiry: ');
    const rollout = startingValues(formTemplate('rollout-rollback'), facts);
    expect(rollout).toMatchObject({ version: 'Ticket router v2', fallback: 'Ticket router v1', signals: '- p99 latency on production <= 200 ms', 'rollback-trigger': '' });
    expect(startingValues(formTemplate('evaluation-plan'), facts).data).toMatch(/^Dataset v2: 700 train, 150 validation, 150 test rows/);
    const stored = { ...facts, fills: { 'rollout-rollback': { fields: { version: 'mine' }, by: null, at: 'x' } } };
    expect(startingValues(formTemplate('rollout-rollback'), stored)).toMatchObject({ version: 'mine', fallback: '' });
  });

  it('refuses a template that is not filled in, with the known ones named', () => {
    expect(() => formTemplate('ml-canvas')).toThrow(/Known templates: problem-statement, labelling-guidelines/);
  });
});

describe('a template fill', () => {
  const fill = { templateId: 'rollout-rollback', fields: { version: 'Model v3', 'rollback-trigger': 'error rate > 2 % for 5 minutes\n“quoted” — ünïcode' } };

  it('round-trips through JSON and validates to every field of its template', () => {
    const checked = validateTemplateFill(JSON.parse(JSON.stringify(fill)));
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(Object.keys(checked.value.fields)).toEqual(formTemplate('rollout-rollback').fields.map((f) => f.id));
    expect(checked.value.fields['rollback-trigger']).toBe(fill.fields['rollback-trigger']);
    expect(validateTemplateFill(JSON.parse(JSON.stringify(checked.value)))).toEqual(checked);
  });

  it('refuses unknown templates, unknown fields, values that are not text and overlong text, naming where', () => {
    expect(validateTemplateFill({ ...fill, templateId: 'press-release' })).toEqual({ ok: false, problems: [{ path: '/templateId', message: 'is not a template that is filled in: "press-release"' }] });
    expect(validateTemplateFill({ ...fill, templateId: 'ml-canvas' }).ok).toBe(false);
    const bad = validateTemplateFill({ templateId: 'rollout-rollback', fields: { version: 3, 'go/live': 'x', steps: 'y'.repeat(FIELD_MAX_LENGTH + 1) } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.path)).toEqual(['/fields/version', '/fields/go~1live', '/fields/steps']);
    expect(bad.problems[1].message).toMatch(/^is not a field of “Rollout and rollback plan”/);
    expect(validateTemplateFill({ templateId: 'rollout-rollback', fields: ['x'] }).ok).toBe(false);
  });

  it('is complete once every required field holds more than whitespace', () => {
    const t = formTemplate('incident-review');
    expect(missingRequired(t, { summary: '  ' })).toEqual(['What happened', 'Timeline', 'Impact', 'How it was noticed', 'Cause', 'Follow-up actions']);
    const all = Object.fromEntries(t.fields.filter((f) => f.required).map((f) => [f.id, 'x']));
    expect(missingRequired(t, all)).toEqual([]);
  });

  it('writes Markdown with the project, who saved it, each field under its label and the empty ones marked', () => {
    const md = templateMarkdown(formTemplate('rollout-rollback'), validateTemplateFill(fill).ok ? fill.fields : {}, { projectName: 'Claims triage', by: 'Noor Haddad', at: '5 Dec 2026, 03:10' });
    expect(md).toMatch(/^# Rollout and rollback plan: Claims triage\n/);
    expect(md).toContain('Filled in by Noor Haddad, saved 5 Dec 2026, 03:10.');
    expect(md).toContain('## Version to roll out\n\n> Which registered model version, and why now?\n\nModel v3\n');
    expect(md).toContain('## Rollout steps\n\n> Shadow, canary share, full traffic: each step and how long it lasts.\n\n_Not filled in._\n');
    expect(md).toContain('Still to fill in: What serves now (the rollback target), Rollout steps, Signals watched during rollout, How to roll back.');
    expect(md.endsWith('\n')).toBe(true);
  });
});

describe('success-criteria presets', () => {
  const existing: SuccessCriterion[] = [
    { id: 'acc', metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.8 },
    { id: 'latency_p99_ms-production-lte-200', metric: 'macro_f1', split: 'validation', comparator: '>=', threshold: 0.7 },
  ];

  it('hold only targets the Frame editor accepts', () => {
    for (const p of CRITERIA_PRESETS) for (const c of presetCriteria(p)) expect(validateCriterion(c), `${p.id}: ${c.id}`).toEqual([]);
  });

  it('replace criteria on the same metric and split, keep the others, and keep ids unique', () => {
    const applied = applyCriteriaPreset(existing, findCriteriaPreset('quality-and-speed')!);
    expect(applied.map((c) => [c.id, c.metric, c.split, c.threshold])).toEqual([
      ['latency_p99_ms-production-lte-200', 'macro_f1', 'validation', 0.7],
      ['accuracy-test-gte-0.9', 'accuracy', 'test', 0.9],
      ['latency_p99_ms-production-lte-200-2', 'latency_p99_ms', 'production', 200],
    ]);
    expect(applyCriteriaPreset(applied, findCriteriaPreset('quality-and-speed')!)).toHaveLength(3);
  });
});
