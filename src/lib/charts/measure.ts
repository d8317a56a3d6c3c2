/**
 * Measures rendered text in a chart's SVG, so layout uses the real font and size (a projector
 * stylesheet may enlarge it). A probe `<g class=…><text class=…>` inherits the same CSS as the
 * chart's own labels; a chart not rendered yet (hidden, 0 px) falls back to the estimate.
 */
import { textWidth } from './layout';

export interface Measured {
  widths: number[];
  /** Font size in px of the probe: the line height labels need. */
  fontSize: number;
}

export function measureText(svg: SVGSVGElement, texts: readonly string[], textClass: string, groupClass = ''): Measured {
  const ns = 'http://www.w3.org/2000/svg';
  const group = svg.appendChild(document.createElementNS(ns, 'g'));
  if (groupClass) group.setAttribute('class', groupClass);
  const probe = group.appendChild(document.createElementNS(ns, 'text'));
  probe.setAttribute('class', textClass);
  const fontSize = parseFloat(getComputedStyle(probe).fontSize) || 13;
  const widths = texts.map((t) => {
    probe.textContent = t;
    const measured = probe.getComputedTextLength();
    return measured > 0 ? measured : textWidth(t, fontSize);
  });
  group.remove();
  return { widths, fontSize };
}
