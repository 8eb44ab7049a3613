// Answers "where in the file was this setting written?", following inheritance for host settings.
import type { SourceRef } from './types.js';
import type { Position } from './yaml-source.js';

const HOST_SETTING = /^racks\.([^.]+)\.hosts\.[^.]+\.(.+)$/;

/** The places a host setting may come from, most specific first: the host, its rack's defaults, the top-level defaults. */
export function inheritanceChain(path: string): string[] {
  const m = HOST_SETTING.exec(path);
  return m ? [path, `racks.${m[1]}.defaults.${m[2]}`, `defaults.${m[2]}`] : [path];
}

/** A locate() for one file: the line where the path was written, or where a host inherited it from. */
export function makeLocator(file: string, positions: ReadonlyMap<string, Position>): (path: string) => SourceRef | undefined {
  return (path) => {
    for (const candidate of inheritanceChain(path)) {
      const position = positions.get(candidate);
      if (position) return { file, line: position.line };
    }
    return undefined;
  };
}

/**
 * The dotted path a host setting was actually written at (the host's own, its rack's defaults or the
 * top-level defaults), found by matching the line locate() reports; undefined when it was not written.
 */
export function writtenPath(locate: (path: string) => SourceRef | undefined, path: string): string | undefined {
  const target = locate(path);
  if (!target) return undefined;
  // Most general first: a setting inherited from the defaults is located at the defaults' line.
  const chain = inheritanceChain(path).reverse();
  return chain.find((candidate) => locate(candidate)?.line === target.line) ?? path;
}
