import { describe, it, expect } from 'vitest';
import {
  CANVAS_BOXES,
  CANVAS_BOX_COUNT,
  emptyCanvas,
  filledBoxCount,
  isCanvasBoxKey,
  restoreCanvas,
} from '$lib/core/lifecycle/canvas';
import { CRISP_DM_INFO, CRISP_DM_PHASES, CRISP_DM_STAGE } from '$lib/core/lifecycle/crispDm';
import { STAGES } from '$lib/core/lifecycle/stages';

describe('ML Canvas', () => {
  it('has ten distinct boxes, each with a title and a question', () => {
    expect(CANVAS_BOX_COUNT).toBe(10);
    expect(new Set(CANVAS_BOXES.map((b) => b.key)).size).toBe(10);
    for (const box of CANVAS_BOXES) {
      expect(box.title).not.toBe('');
      expect(box.prompt.endsWith('?')).toBe(true);
    }
  });

  it('starts empty', () => {
    const canvas = emptyCanvas();
    expect(Object.keys(canvas).sort()).toEqual(CANVAS_BOXES.map((b) => b.key).sort());
    expect(Object.values(canvas).every((v) => v === '')).toBe(true);
    expect(filledBoxCount(canvas)).toBe(0);
  });

  it('counts only boxes with non-blank text', () => {
    const canvas = emptyCanvas();
    canvas.valueProposition = 'Agents answer faster';
    canvas.predictionTask = '  \n\t ';
    canvas.monitoring = ' accuracy weekly ';
    expect(filledBoxCount(canvas)).toBe(2);
  });

  it('counts ten for a full canvas', () => {
    const canvas = emptyCanvas();
    for (const box of CANVAS_BOXES) canvas[box.key] = 'x';
    expect(filledBoxCount(canvas)).toBe(10);
  });

  it('recognises box keys', () => {
    expect(isCanvasBoxKey('features')).toBe(true);
    expect(isCanvasBoxKey('valuePropositions')).toBe(false);
    expect(isCanvasBoxKey(3)).toBe(false);
  });

  it('restores loose input to a complete canvas', () => {
    const restored = restoreCanvas({ features: 'ticket text', decisions: 42, extra: 'dropped' });
    expect(restored).toEqual({ ...emptyCanvas(), features: 'ticket text' });
    expect(restoreCanvas(null)).toEqual(emptyCanvas());
    expect(restoreCanvas('nope')).toEqual(emptyCanvas());
  });
});

describe('CRISP-DM', () => {
  it('lists the six phases in order, each described and mapped to a stage', () => {
    expect(CRISP_DM_PHASES).toEqual([
      'business-understanding',
      'data-understanding',
      'data-preparation',
      'modeling',
      'evaluation',
      'deployment',
    ]);
    for (const phase of CRISP_DM_PHASES) {
      expect(CRISP_DM_INFO[phase].title).not.toBe('');
      expect(CRISP_DM_INFO[phase].summary).not.toBe('');
      expect(STAGES).toContain(CRISP_DM_STAGE[phase]);
    }
    expect(CRISP_DM_STAGE['business-understanding']).toBe('frame');
    expect(CRISP_DM_STAGE.deployment).toBe('deploy');
  });
});
