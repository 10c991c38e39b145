/**
 * Top self-time functions of a V8 .cpuprofile (from `node --cpu-prof`), summed per function name
 * and file over all samples:
 *   node --cpu-prof --cpu-prof-dir .bench/profile --import tsx scripts/bench/run-one.ts ficbind .bench/corpus-scale-1 /tmp/out
 *   npx tsx scripts/bench/profile-summary.ts .bench/profile/*.cpuprofile [--top 25] [--by place]
 * `--by place` sums per package (dependencies) or source file instead of per function.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function lives, short: the package for dependencies, the path under the repo otherwise. */
function place(url: string): string {
  if (url === '') return '';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0)
    return url
      .slice(modules + 'node_modules/'.length)
      .split('/')
      .slice(0, 1)
      .join('/');
  if (url.startsWith('node:')) return url;
  const source = url.indexOf('/src/');
  return source >= 0 ? url.slice(source + 1) : path.basename(url);
}

const { values, positionals } = parseArgs({
  options: { top: { type: 'string' }, by: { type: 'string' } },
  allowPositionals: true,
});
const top = Number(values.top ?? 25);
const byPlace = values.by === 'place';
for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMicros = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const delta = profile.timeDeltas[i] ?? 0;
    total += delta;
    const where = place(frame?.url ?? '');
    const name = frame?.functionName || '(anonymous)';
    const key = byPlace ? where || name : `${name}  ${where}`.trim();
    selfMicros.set(key, (selfMicros.get(key) ?? 0) + delta);
  });
  console.log(`${path.basename(file)}: ${(total / 1e6).toFixed(2)} s sampled`);
  const rows = [...selfMicros.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [key, micros] of rows) {
    console.log(
      `${(micros / 1000).toFixed(0).padStart(7)} ms ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${key}`,
    );
  }
}
