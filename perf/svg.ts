/** Just enough SVG to draw the bench chart without a plotting dependency. */

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type Attributes = Record<string, string | number | undefined>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}="${escapeXml(String(value))}"`)
    .join(' ');
}

export function element(name: string, attrs: Attributes, content?: string): string {
  return content === undefined
    ? `<${name} ${attributes(attrs)}/>`
    : `<${name} ${attributes(attrs)}>${content}</${name}>`;
}

export function text(x: number, y: number, content: string, attrs: Attributes = {}): string {
  return element('text', { x: fixed(x), y: fixed(y), ...attrs }, escapeXml(content));
}

export function line(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  attrs: Attributes = {},
): string {
  return element('line', {
    x1: fixed(x1),
    y1: fixed(y1),
    x2: fixed(x2),
    y2: fixed(y2),
    ...attrs,
  });
}

export function polyline(points: [number, number][], attrs: Attributes = {}): string {
  const path = points.map(([x, y]) => `${fixed(x)},${fixed(y)}`).join(' ');
  return element('polyline', { points: path, fill: 'none', ...attrs });
}

export function rect(
  x: number,
  y: number,
  width: number,
  height: number,
  attrs: Attributes = {},
): string {
  return element('rect', {
    x: fixed(x),
    y: fixed(y),
    width: fixed(width),
    height: fixed(height),
    ...attrs,
  });
}

export function fixed(value: number): string {
  return value.toFixed(1);
}

export function circle(cx: number, cy: number, r: number, attrs: Attributes = {}): string {
  return element('circle', { cx: fixed(cx), cy: fixed(cy), r, ...attrs });
}
