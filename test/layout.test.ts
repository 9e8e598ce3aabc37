/**
 * The rooms (top-level folders of the product) depend on each other one way: an import cycle
 * between two rooms means neither can be understood, tested or moved alone. Read from the sources'
 * own import statements (TypeScript's pre-processor: static, re-exports, dynamic `import()`,
 * type-only included); test files are left out, since a test may reach anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const ROOMS = [
  'core',
  'replica',
  'parser',
  'archive',
  'crawler',
  'indexer',
  'queue',
  'registry',
  'api',
  'web',
  'cli',
];
/** Folders only tests, benchmarks and scripts may import. */
const NOT_PRODUCT = ['test', 'bench', 'scripts'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // web/public: browser modules, served as they are and checked by `tsc -p web`.
      if (entry.name !== 'public' && entry.name !== 'node_modules') out.push(...sourceFiles(file));
    } else if (/\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
      out.push(file);
    }
  }
  return out;
}

/** room → room it imports → the importing lines, as "file: specifier". */
function roomGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>(ROOMS.map((room) => [room, new Map()]));
  for (const room of ROOMS) {
    for (const file of sourceFiles(path.join(ROOT, room))) {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      for (const { fileName } of importedFiles) {
        if (!fileName.startsWith('.')) continue;
        const target = path.relative(ROOT, path.resolve(path.dirname(file), fileName)).split(path.sep)[0]!;
        if (target === room) continue;
        const edges = graph.get(room)!;
        edges.set(target, [...(edges.get(target) ?? []), `${path.relative(ROOT, file)}: ${fileName}`]);
      }
    }
  }
  return graph;
}

/** Strongly connected components with more than one room (Tarjan). */
function cycles(graph: Map<string, Map<string, string[]>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (room: string): void => {
    index.set(room, counter);
    low.set(room, counter++);
    stack.push(room);
    onStack.add(room);
    for (const next of graph.get(room)?.keys() ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(room, Math.min(low.get(room)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(room, Math.min(low.get(room)!, index.get(next)!));
      }
    }
    if (low.get(room) === index.get(room)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== room);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const room of graph.keys()) if (!index.has(room)) visit(room);
  return found;
}

describe('rooms', () => {
  const graph = roomGraph();

  it('import each other without a cycle', () => {
    const described = cycles(graph).map((component) =>
      component
        .flatMap((from) =>
          component.flatMap((to) =>
            (graph.get(from)?.get(to) ?? []).map((line) => `${from} → ${to} (${line})`),
          ),
        )
        .join('\n'),
    );
    expect(described).toEqual([]);
  });

  it('never import test support, benchmarks or scripts', () => {
    const reached = [...graph].flatMap(([from, edges]) =>
      NOT_PRODUCT.flatMap((to) => (edges.get(to) ?? []).map((line) => `${from} → ${to} (${line})`)),
    );
    expect(reached).toEqual([]);
  });

  it('reach web/ through its public face (web/index.ts) only', () => {
    const inside = [...graph].flatMap(([from, edges]) =>
      (edges.get('web') ?? [])
        .filter((line) => !line.endsWith('/web/index.js'))
        .map((line) => `${from} → web (${line})`),
    );
    expect(inside).toEqual([]);
    expect([...graph].some(([, edges]) => edges.has('web'))).toBe(true);
  });

  it('the checker sees a cycle when there is one', () => {
    const looped = new Map([
      ['parser', new Map([['crawler', ['parser/x.ts: ../crawler/y.js']]])],
      ['crawler', new Map([['parser', ['crawler/y.ts: ../parser/x.js']]])],
      ['core', new Map()],
    ]);
    expect(cycles(looped)).toEqual([['crawler', 'parser']]);
  });
});
