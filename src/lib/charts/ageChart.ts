/**
 * Accuracy over a model's age, for the retrain-or-retire calculator: one dot per week with
 * outcomes (its size grows with how many), the fitted decay as a dashed line from age 0 to the
 * horizon, and level lines labelled at the right (where retraining pays, the fallback). Reads
 * with a single week: the x axis always spans at least one week either side.
 */
import { axisBottom, axisLeft, scaleLinear, scaleSqrt, select, type Selection } from 'd3';
import { spreadLabels, tickCount, valueDomain } from './layout';
import { measureText } from './measure';
import { PALETTE } from './lineChart';

export interface AgeChartData {
  weeks: readonly { week: number; accuracy: number | null; labelled: number }[];
  /** The fitted line: accuracy at age 0 and lost per week; null when no decay was fitted. */
  fit: { start: number; decayPerWeek: number } | null;
  /** The model's age now, weeks; the x axis reaches at least here plus the horizon. */
  ageWeeks: number;
  horizonWeeks: number;
  /** Horizontal lines, e.g. "retraining pays below" and "fallback". */
  levels: readonly { name: string; value: number }[];
}

const WIDTH = 560;
const HEIGHT = 240;

export class AgeChart {
  readonly #svg: Selection<SVGSVGElement, unknown, null, undefined>;

  constructor(container: HTMLElement) {
    this.#svg = select(container).append('svg').attr('role', 'img').attr('class', 'chart age-chart').attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`).attr('width', WIDTH).attr('height', HEIGHT);
    for (const c of ['x-axis', 'y-axis', 'levels', 'fit', 'dots']) this.#svg.append('g').attr('class', c);
    this.#svg.append('text').attr('class', 'axis-label x-label').attr('text-anchor', 'middle');
    this.#svg.append('text').attr('class', 'axis-label y-label').attr('text-anchor', 'start');
  }

  update(d: AgeChartData): void {
    const svg = this.#svg.node()!;
    const known = d.weeks.filter((w) => w.accuracy !== null);
    const values = [...known.map((w) => w.accuracy!), ...d.levels.map((l) => l.value), ...(d.fit ? [d.fit.start] : [])];
    const y = scaleLinear().domain(valueDomain(values.length ? values : [0, 1], [0, 1])).nice();
    const yLabel = 'accuracy (%)';
    const unit = measureText(svg, [yLabel], 'axis-label');
    const names = measureText(svg, d.levels.map((l) => l.name), 'series-label');
    const margin = { top: unit.fontSize + 12, right: Math.min(WIDTH * 0.35, Math.max(24, ...names.widths) + 12), bottom: unit.fontSize * 2 + 20, left: 44 };
    y.range([HEIGHT - margin.bottom, margin.top]);
    const lastWeek = Math.max(1, d.ageWeeks + d.horizonWeeks, ...known.map((w) => w.week + 1));
    const x = scaleLinear().domain([0, lastWeek]).range([margin.left, WIDTH - margin.right]);
    const ticks = x.ticks(tickCount(WIDTH - margin.left - margin.right, measureText(svg, [String(Math.ceil(lastWeek))], '', 'tick').widths[0])).filter(Number.isInteger);
    this.#svg.attr(
      'aria-label',
      `Accuracy per week of the model's age: ${known.map((w) => `week ${w.week} ${Math.round(w.accuracy! * 1000) / 10} % (${w.labelled} outcomes)`).join(', ') || 'no outcomes yet'}` +
        `${d.fit ? `; fitted decay ${Math.round(d.fit.decayPerWeek * 1000) / 10} points a week` : ''}${d.levels.map((l) => `; ${l.name} ${Math.round(l.value * 1000) / 10} %`).join('')}.`,
    );
    this.#svg.select<SVGGElement>('g.x-axis').attr('transform', `translate(0,${HEIGHT - margin.bottom})`).call(axisBottom(x).tickValues(ticks).tickFormat((t) => String(t)));
    this.#svg.select<SVGGElement>('g.y-axis').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(5).tickFormat((t) => `${Math.round(Number(t) * 100)}`));
    this.#svg.select('text.x-label').attr('x', (margin.left + WIDTH - margin.right) / 2).attr('y', HEIGHT - 6).text('weeks since training');
    this.#svg.select('text.y-label').attr('x', 4).attr('y', unit.fontSize).text(yLabel);

    const labelY = spreadLabels(d.levels.map((l) => y(l.value)), names.fontSize * 1.15, margin.top, HEIGHT - margin.bottom);
    const levels = this.#svg.select('g.levels').selectAll<SVGGElement, (typeof d.levels)[number]>('g.level').data(d.levels, (l) => l.name)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'level');
        g.append('line').attr('stroke-width', 1.5).attr('stroke-dasharray', '2 3');
        g.append('text').attr('class', 'series-label').attr('dy', '0.35em');
        return g;
      });
    levels.each(function (l, i) {
      const colour = PALETTE[(i + 1) % PALETTE.length];
      const g = select(this);
      g.select('line').attr('x1', x(0)).attr('x2', x(lastWeek)).attr('y1', y(l.value)).attr('y2', y(l.value)).attr('stroke', colour);
      g.select('text').attr('x', x(lastWeek) + 6).attr('y', labelY[i]).style('fill', colour).text(l.name);
    });

    const fit = d.fit ? [d.fit] : [];
    this.#svg.select('g.fit').selectAll('line').data(fit).join('line')
      .attr('x1', x(0)).attr('y1', (f) => y(f.start))
      .attr('x2', x(lastWeek)).attr('y2', (f) => y(Math.max(0, f.start - f.decayPerWeek * lastWeek)))
      .attr('stroke', PALETTE[0]).attr('stroke-width', 2).attr('stroke-dasharray', '6 4');
    const size = scaleSqrt().domain([0, Math.max(1, ...known.map((w) => w.labelled))]).range([3, 8]);
    this.#svg.select('g.dots').selectAll('circle').data(known).join('circle')
      .attr('cx', (w) => x(w.week + 0.5)).attr('cy', (w) => y(w.accuracy!)).attr('r', (w) => size(w.labelled)).attr('fill', PALETTE[0]);
  }

  destroy(): void {
    this.#svg.remove();
  }
}
