/**
 * The debrief of any mission, built from `checkMission`'s verdicts (never from what the page
 * shows): which steps passed with the learner's own evidence, which were missed with what was
 * missing and the hint, the mission's own sections, and the written answers. The same debrief
 * is shown on the mission page and exported as Markdown, so the two never disagree.
 */
import type { MissionProgress } from './catalogue';
import type { DebriefSection, MissionPrompt } from './mission';
import { inlineText, lineText, paragraphs } from '../registry/markdownText';

export interface DebriefStep {
  title: string;
  /** Passed: the evidence; missed: what is missing (or why the app cannot check it). */
  detail: string;
  /** For a missed step: how to do it in this app. */
  hint?: string;
}

export interface DebriefAnswer {
  label: string;
  /** '' when the learner wrote nothing. */
  text: string;
}

export interface Debrief {
  title: string;
  level: string;
  goal: string;
  /** "Attempt 2, started 2026-12-05 09:00 UTC" — passed in, the core has no clock. */
  attemptLine: string;
  done: number;
  total: number;
  complete: boolean;
  passed: DebriefStep[];
  missed: DebriefStep[];
  /** Steps the app cannot check yet, said plainly. */
  unavailable: DebriefStep[];
  sections: DebriefSection[];
  answers: DebriefAnswer[];
}

export function buildDebrief(
  progress: MissionProgress,
  notes: Readonly<Record<string, string>>,
  attemptLine: string,
): Debrief {
  const { mission } = progress;
  const passed: DebriefStep[] = [];
  const missed: DebriefStep[] = [];
  const unavailable: DebriefStep[] = [];
  for (const s of progress.steps) {
    if (s.unavailable) unavailable.push({ title: s.step.title, detail: s.missing ?? 'Not available in this app yet.' });
    else if (s.done) passed.push({ title: s.step.title, detail: s.evidence ?? 'Done.' });
    else missed.push({ title: s.step.title, detail: s.missing ?? 'Not done yet.', hint: s.step.hint });
  }
  const prompts: readonly MissionPrompt[] = mission.prompts ?? [];
  return {
    title: mission.title,
    level: mission.level,
    goal: mission.goal,
    attemptLine,
    done: progress.done,
    total: progress.total,
    complete: progress.complete,
    passed,
    missed,
    unavailable,
    sections: progress.sections,
    answers: prompts.map((p) => ({ label: p.label, text: (notes[p.key] ?? '').trim() })),
  };
}

const stepLine = (s: DebriefStep) => `- **${inlineText(s.title)}**: ${inlineText(s.detail)}${s.hint ? ` _Hint: ${inlineText(s.hint)}_` : ''}`;

/** The debrief as a Markdown document; every text from data is escaped so it stays text. */
export function debriefMarkdown(d: Debrief): string {
  const out: string[] = [`# Debrief: ${inlineText(d.title)}`, '', lineText(`${d.level} mission. ${d.attemptLine}.`), '', paragraphs(d.goal), ''];
  out.push(`**${d.done} of ${d.total} steps done**${d.complete ? ' — mission complete.' : '.'}`, '');
  const list = (heading: string, steps: DebriefStep[]) => {
    if (steps.length === 0) return;
    out.push(`## ${heading}`, '', ...steps.map(stepLine), '');
  };
  list('What passed', d.passed);
  list('What you might have missed', d.missed);
  list('Not checked by the app', d.unavailable);
  for (const section of d.sections) {
    out.push(`## ${inlineText(section.heading)}`, '', ...(section.lines.length ? section.lines.map((l) => `- ${inlineText(l)}`) : ['- (nothing yet)']), '');
  }
  if (d.answers.length) {
    out.push('## Your written answers', '');
    for (const a of d.answers) out.push(`### ${inlineText(a.label)}`, '', a.text ? paragraphs(a.text) : '_(not written)_', '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
