/**
 * Louis Dorard's Machine Learning Canvas: ten boxes that frame a prediction product before any
 * data is touched. The Frame stage counts how many are filled to judge its progress.
 */

export type CanvasBoxKey =
  | 'valueProposition'
  | 'predictionTask'
  | 'decisions'
  | 'dataCollection'
  | 'dataSources'
  | 'impactSimulation'
  | 'makingPredictions'
  | 'buildingModels'
  | 'features'
  | 'monitoring';

/** Free text per box; an empty (or whitespace-only) string means the box is not filled yet. */
export type CanvasFields = Record<CanvasBoxKey, string>;

export interface CanvasBox {
  key: CanvasBoxKey;
  title: string;
  /** The guiding question shown in the empty box. */
  prompt: string;
}

/** The boxes in the order we suggest filling them: the value first, monitoring last. */
export const CANVAS_BOXES: readonly CanvasBox[] = [
  {
    key: 'valueProposition',
    title: 'Value proposition',
    prompt: 'Who uses the predictions, and what can they do better with them than they can today?',
  },
  {
    key: 'predictionTask',
    title: 'Prediction task',
    prompt: 'What exactly is predicted, from which input, and what are the possible answers?',
  },
  {
    key: 'decisions',
    title: 'Decisions',
    prompt: 'How does a prediction turn into an action, and who or what takes that action?',
  },
  {
    key: 'dataCollection',
    title: 'Data collection',
    prompt: 'How will new examples and their true outcomes keep arriving to learn from?',
  },
  {
    key: 'dataSources',
    title: 'Data sources',
    prompt: 'Which internal and external data can we draw on, and who owns each source?',
  },
  {
    key: 'impactSimulation',
    title: 'Impact simulation',
    prompt: 'Before launch, how do we estimate what right and wrong predictions earn or cost?',
  },
  {
    key: 'makingPredictions',
    title: 'Making predictions',
    prompt: 'When are predictions made, how fast must they come back, and on what compute?',
  },
  {
    key: 'buildingModels',
    title: 'Building models',
    prompt: 'How often is the model retrained, on how much data, and how long may that take?',
  },
  {
    key: 'features',
    title: 'Features',
    prompt: 'Which input signals, computed from the data sources, describe each case?',
  },
  {
    key: 'monitoring',
    title: 'Monitoring',
    prompt: 'Which technical and business measures tell us the live system still delivers value?',
  },
];

/** Number of boxes on a complete canvas (10). */
export const CANVAS_BOX_COUNT = CANVAS_BOXES.length;

const CANVAS_KEYS: ReadonlySet<string> = new Set(CANVAS_BOXES.map((b) => b.key));

export function isCanvasBoxKey(value: unknown): value is CanvasBoxKey {
  return typeof value === 'string' && CANVAS_KEYS.has(value);
}

/** A canvas with every box blank. */
export function emptyCanvas(): CanvasFields {
  const canvas = {} as CanvasFields;
  for (const box of CANVAS_BOXES) canvas[box.key] = '';
  return canvas;
}

/** How many boxes hold text other than whitespace (0..10). */
export function filledBoxCount(canvas: CanvasFields): number {
  return CANVAS_BOXES.filter((box) => (canvas[box.key] ?? '').trim() !== '').length;
}

/**
 * Loose input (an import, an older snapshot) → a complete canvas: unknown keys are dropped,
 * missing or non-string boxes become blank.
 */
export function restoreCanvas(input: unknown): CanvasFields {
  const canvas = emptyCanvas();
  if (typeof input !== 'object' || input === null) return canvas;
  const record = input as Record<string, unknown>;
  for (const box of CANVAS_BOXES) {
    const value = record[box.key];
    if (typeof value === 'string') canvas[box.key] = value;
  }
  return canvas;
}
