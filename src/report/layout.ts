/**
 * Lays a diagram out as SVG with Graphviz compiled to WebAssembly (@viz-js/viz): in-process, no
 * system binary. The module is loaded on first use, so nothing else pays for it.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

interface Viz {
  renderString(src: string, options: { format: string; engine?: string }): string;
}

let viz: Promise<Viz> | undefined;

/** SVG markup for a DOT graph, without the XML prolog, ready to inline in HTML. */
export async function layoutSvg(dot: string): Promise<string> {
  viz ??= (require('@viz-js/viz') as { instance(): Promise<Viz> }).instance();
  const svg = (await viz).renderString(dot, { format: 'svg', engine: 'dot' });
  return svg.slice(svg.indexOf('<svg'));
}
