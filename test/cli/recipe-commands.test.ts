import { Chalk } from 'chalk';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { registry } from '../../src/ingredients/registry.js';
import { xmlToCanonical } from '../../src/recipe/canonical/from-xml.js';
import { parseXml } from '../../src/recipe/xml/reader.js';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'recipes');
const work = mkdtempSync(join(tmpdir(), 'sod-cli-test-'));

async function run(args: string[], color = false) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    color: new Chalk({ level: color ? 1 : 0 }),
    isTTY: false,
    cwd: root,
  };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function write(name: string, text: string): string {
  const p = join(work, name);
  writeFileSync(p, text);
  return p;
}

const NO_STACK = /\n\s+at |Error:/;

describe('sod validate', () => {
  it('exits 0 on valid recipes, says so, and names ingredients the engine cannot run yet', async () => {
    const r = await run(['validate', 'recipes/event-catalog.xml', 'recipes/station-inventory.json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('recipes/event-catalog.xml: valid');
    expect(r.out).toContain('recipes/station-inventory.json: valid');
    expect(r.out).toContain('all 2 recipes are valid');
    const notRunnable = [...registry.ingredients.values()].filter((d) => !d.build).map((d) => d.name);
    if (notRunnable.includes('fdsnEvent')) expect(r.out).toMatch(/recipes\/event-catalog\.xml: note: the engine cannot run these ingredients yet: .*fdsnEvent/);
  });

  it('exits 1 on an invalid recipe with file:line:col messages and no stack trace', async () => {
    const bad = write('bad.xml', '<sod>\n  <eventArm>\n    <fdsnEvnt/>\n  </eventArm>\n</sod>\n');
    const r = await run(['validate', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${bad}:3:5: error: unknown ingredient <fdsnEvnt> in <eventArm>; did you mean <fdsnEvent>?`);
    expect(r.err).not.toMatch(NO_STACK);
  });

  it('exits 1 when any one of several recipes is invalid, and checks them all', async () => {
    const bad = write('bad2.json', '{"eventArm": [}');
    const r = await run(['validate', 'recipes/event-catalog.xml', bad, 'recipes/three-component.xml']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${bad}:1:15: error: /eventArm: malformed JSON: unexpected "}"; expected a value (object, array, string, number, true, false or null)`.replace('/eventArm:', '/eventArm/0:'));
    expect(r.out).toContain('recipes/three-component.xml: valid');
    expect(r.out).toContain('1 of 3 recipes are invalid');
  });

  it('a missing file is an invalid recipe (1), a missing argument a usage error (2)', async () => {
    const missing = await run(['validate', 'no/such/recipe.xml']);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('no/such/recipe.xml: error: cannot read recipe: no such file');
    const none = await run(['validate']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('sod validate: name at least one recipe file');
    expect(none.err).toContain('Usage: sod validate <recipe>...');
    const option = await run(['validate', '--strict', 'recipes/event-catalog.xml']);
    expect(option.code).toBe(2);
    expect(option.err).toContain('unknown option --strict');
  });

  it('colours only when asked', async () => {
    const bad = write('bad3.xml', '<sod><eventArm><fdsnEvnt/></eventArm></sod>');
    expect((await run(['validate', bad], true)).err).toContain('\u001b[');
    expect((await run(['validate', bad], false)).err).not.toContain('\u001b[');
  });
});

describe('sod convert', () => {
  it('XML to JSON on stdout gives the canonical form', async () => {
    const r = await run(['convert', 'recipes/p-to-s-waveforms.xml', '--to', 'json']);
    expect(r.code).toBe(0);
    const xml = readFileSync(join(root, 'recipes/p-to-s-waveforms.xml'), 'utf8');
    expect(JSON.parse(r.out)).toEqual(xmlToCanonical(parseXml(xml), registry, 'x').recipe);
  });

  it('JSON to XML to JSON through files is lossless, and leaves no temporary file', async () => {
    const xmlOut = join(work, 'tc.xml');
    const jsonOut = join(work, 'tc.json');
    expect((await run(['convert', 'recipes/three-component.json', '--to', 'xml', '-o', xmlOut])).code).toBe(0);
    expect((await run(['convert', xmlOut, '-o', jsonOut])).code).toBe(0);
    expect(JSON.parse(readFileSync(jsonOut, 'utf8'))).toEqual(JSON.parse(readFileSync(join(root, 'recipes/three-component.json'), 'utf8')));
    expect(readdirSync(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--upgrade rewrites the CORBA-era sources, says what it kept and dropped, and the result validates', async () => {
    const out = join(work, 'upgraded.xml');
    const r = await run(['convert', join(fixtures, 'legacy', 'corba-era.xml'), '--upgrade', '--to', 'xml', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('/eventArm/0: <eventFinder> became <fdsnEvent>, keeping <originTimeRange>, <magnitudeRange>; dropped <name>, <dns> (no FDSN equivalent)');
    expect(r.err).toContain('/networkArm/0: <channelLimitedNetworkFinder> became <fdsnStation>, keeping <channelCode>; dropped <name>, <dns> (no FDSN equivalent)');
    expect(r.err).toContain('/waveformArm/1: <fixedDataCenter> became <fdsnDataSelect>; dropped <name>, <dns> (no FDSN equivalent)');
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(/eventFinder|NetworkFinder|fixedDataCenter|IRIS_/);
    expect(text).toContain('<startTime>20030101T00:00:00.000Z</startTime>');
    expect((await run(['validate', out])).code).toBe(0);
    const before = await run(['validate', join(fixtures, 'legacy', 'corba-era.xml')]);
    expect(before.code).toBe(1);
    expect(before.err.split('\n')).toHaveLength(3);
  });

  it('usage errors exit 2; unreadable input exits 1', async () => {
    expect((await run(['convert'])).code).toBe(2);
    expect((await run(['convert', 'recipes/event-catalog.xml', '--to', 'yaml'])).code).toBe(2);
    expect((await run(['convert', 'a.xml', 'b.xml'])).code).toBe(2);
    const bad = write('bad.json', '{"eventArm": [1, 2,]}');
    const r = await run(['convert', bad, '--to', 'xml']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${bad}:1:20: error: /eventArm: malformed JSON: trailing comma before "]" (not allowed in JSON)`);
  });
});

describe('sod list, explain, schema', () => {
  it('list shows every slot with its ingredients and summaries', async () => {
    const r = await run(['list']);
    expect(r.code).toBe(0);
    for (const slot of ['eventSource', 'originSubsetter', 'waveformProcess', 'waveformVectorProcess']) expect(r.out).toMatch(new RegExp(`^${slot} \\(`, 'm'));
    const mr = registry.get('magnitudeRange')!;
    expect(r.out).toContain(mr.summary.split(/(?<=\.)\s/)[0]!);
    expect(r.out).not.toMatch(/^\s+eventFinder\s/m);
  });

  it('list --slot narrows to one slot; an unknown slot is a usage error with a suggestion', async () => {
    const r = await run(['list', '--slot', 'seismogramSource']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^seismogramSource /);
    expect(r.out).toContain('fdsnDataSelect');
    expect(r.out).not.toContain('originSubsetter');
    const bad = await run(['list', '--slot', 'seismogramSorce']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown slot seismogramSorce; did you mean seismogramSource?');
  });

  it('explain shows summary, slots, settings and the example in both forms', async () => {
    const r = await run(['explain', 'distanceRange']);
    expect(r.code).toBe(0);
    const d = registry.get('distanceRange')!;
    expect(r.out).toContain(d.summary);
    expect(r.out).toContain('eventStationSubsetter (in waveformArm and waveformVectorArm)');
    expect(r.out).toContain(d.example.trim().split('\n')[0]!);
    expect(r.out).toContain('"distanceRange": {');
    const bad = await run(['explain', 'distanceRang']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('unknown ingredient distanceRang; did you mean distanceRange?');
  });

  it('schema prints the registry schema', async () => {
    const r = await run(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(registry.schema());
  });

  it('every recipe command has --help', async () => {
    for (const c of ['validate', 'convert', 'list', 'explain', 'schema']) {
      const r = await run([c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.out, c).toContain(`Usage: sod ${c}`);
    }
  });
});

describe('the installed command (bin/sod.js on the built dist/)', () => {
  it('exits 0, 1 and 2 as documented', () => {
    expect(existsSync(join(root, 'dist', 'sod.js')), 'dist/sod.js is built by `npm run build` (npm test builds first)').toBe(true);
    const sod = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'sod.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const ok = sod('validate', 'recipes/event-catalog.xml', 'recipes/p-to-s-waveforms.json');
    expect(ok.status).toBe(0);
    const bad = sod('validate', join(fixtures, 'legacy', 'corba-era.xml'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).not.toMatch(NO_STACK);
    expect(sod('validate').status).toBe(2);
  });
});
