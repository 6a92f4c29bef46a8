/**
 * Runtime of the seismogram combinators and printline, following SOD's grammar:
 *  - seismogramAND runs its children as a chain, each getting the previous one's seismograms, and
 *    stops at the first refusal; what the last child left goes on to the next step.
 *  - seismogramOR runs the chain until one child passes; what the data are as they leave goes on.
 *  - seismogramNOT runs its child and reverses the verdict; the data it was given go on.
 *  - forkProcess runs its children as a chain on a copy: the main line goes on with the
 *    seismograms as they entered the fork, and only if the fork's chain passed.
 * Children may be any seismogram process or test (availableDataPlus). Files written by writers
 * inside are handed up for the run report.
 */
import type { BuildContext } from '../declaration.js';
import { engineContext, occurrenceName, type Occurrence, type RunContext } from '../../engine/context.js';
import { PASS, reject, type EventChannelPair, type RequestWindow, type Verdict } from '../../engine/contracts.js';
import { renderTemplate } from '../../engine/template.js';
import { eventView, networkVars } from '../../engine/views.js';
import { buildSteps, type PairStep } from '../../engine/waveform-stages.js';
import { formatInstant } from '../../seismogram/time.js';
import { describeSeismogram } from '../../writers/context.js';
import { outputPath } from '../event/eventProcesses.runtime.js';
import { isFlippedChannel } from '../network/channelSubsetters.runtime.js';
import { mul } from '../../seismogram/processing.js';
import { NO_EXTRAS, type ArmProcess, type ArmSeismogram, type ProcessExtras, type ProcessOutput } from './seismogramProcess.runtime.js';
import { cookiesOf, shareCookies } from './seismogramStatistics.runtime.js';
import { SEISMOGRAM_PLUS } from './slots.js';

interface ChainEnd {
  verdict: Verdict;
  seismograms: ArmSeismogram[];
  files: string[];
  /** the child that gave the verdict */
  last?: string;
}

/** A child that throws fails the pair: its name goes in the message (the arm names the combinator). */
async function runChild(step: PairStep, pair: EventChannelPair, seismograms: ArmSeismogram[], extras: ProcessExtras, ctx: RunContext) {
  try {
    return await step({ pair, requests: [...extras.requests], available: [...extras.available], seismograms }, ctx);
  } catch (e) {
    throw new Error(`${step.ingredient}: ${(e as Error).message}`, { cause: e });
  }
}

/** Runs steps as a chain until `stop(verdict)`; each passing child's seismograms feed the next. */
async function chain(steps: readonly PairStep[], stop: (v: Verdict) => boolean, pair: EventChannelPair, input: ArmSeismogram[], extras: ProcessExtras, ctx: RunContext): Promise<ChainEnd> {
  let seismograms = input;
  const files: string[] = [];
  let verdict: Verdict = PASS;
  let last: string | undefined;
  for (const step of steps) {
    const out = await runChild(step, pair, seismograms, extras, ctx);
    verdict = out.verdict;
    last = step.ingredient;
    if (out.files) files.push(...out.files);
    if (out.verdict.pass && out.seismograms) seismograms = out.seismograms;
    if (stop(out.verdict)) break;
  }
  return { verdict, seismograms, files, ...(last ? { last } : {}) };
}

function withClose(f: ArmProcess, steps: readonly PairStep[]): ArmProcess {
  f.close = async () => {
    for (const s of steps) await s.close?.();
  };
  return f;
}

const output = (verdict: Verdict, seismograms: ArmSeismogram[], files: string[]): ProcessOutput => (files.length > 0 ? { verdict, seismograms, files } : { verdict, seismograms });
const children = (settings: Occurrence[], context: BuildContext) => buildSteps(settings, SEISMOGRAM_PLUS, engineContext(context));

export function buildSeismogramAND(settings: Occurrence[], context: BuildContext): ArmProcess {
  const steps = children(settings, context);
  return withClose(async (pair, seismograms, ctx, extras = NO_EXTRAS) => {
    const end = await chain(steps, (v) => !v.pass, pair, seismograms, extras, ctx);
    return output(end.verdict, end.seismograms, end.files);
  }, steps);
}

export function buildSeismogramOR(settings: Occurrence[], context: BuildContext): ArmProcess {
  const steps = children(settings, context);
  return withClose(async (pair, seismograms, ctx, extras = NO_EXTRAS) => {
    const reasons: string[] = [];
    let current = seismograms;
    const files: string[] = [];
    for (const step of steps) {
      const out = await runChild(step, pair, current, extras, ctx);
      if (out.files) files.push(...out.files);
      if (out.verdict.pass) return output(PASS, out.seismograms ?? current, files);
      reasons.push(`${out.verdict.by}: ${out.verdict.reason}`);
    }
    return output(reject('seismogramOR', `no alternative passed (${reasons.join('; ')})`), current, files);
  }, steps);
}

export function buildSeismogramNOT(settings: Occurrence[], context: BuildContext): ArmProcess {
  const steps = children(settings, context);
  const child = steps[0]!;
  const childName = occurrenceName(settings[0]!);
  return withClose(async (pair, seismograms, ctx, extras = NO_EXTRAS) => {
    const out = await runChild(child, pair, seismograms, extras, ctx);
    const verdict = out.verdict.pass ? reject('seismogramNOT', `${childName} passed it`) : PASS;
    return output(verdict, seismograms, out.files ?? []);
  }, steps);
}

/** A deep copy: the branch's processes may do as they like with it, the main line keeps its own. */
function copyOf(s: ArmSeismogram): ArmSeismogram {
  const c: ArmSeismogram = { ...s, samples: s.samples.slice() };
  if (s.gaps) c.gaps = s.gaps.map((g) => ({ ...g }));
  if (s.filled) c.filled = s.filled.map((f) => ({ ...f }));
  return c;
}

export function buildForkProcess(settings: Occurrence[], context: BuildContext): ArmProcess {
  const steps = children(settings, context);
  return withClose(async (pair, seismograms, ctx, extras = NO_EXTRAS) => {
    const end = await chain(steps, (v) => !v.pass, pair, seismograms.map(copyOf), extras, ctx);
    return output(end.verdict, seismograms, end.files);
  }, steps);
}

// ---- printline ----------------------------------------------------------------------------------

const DEFAULT_TEMPLATE = '$event.time $channel $seismograms';

const windows = (ws: readonly RequestWindow[]) => ws.map((w) => `${formatInstant(w.start, 3)}/${formatInstant(w.end, 3)}`).join(',');

/** $seismograms: prints as the pieces' descriptions; size() and the samples count as Velocity calls. */
function seismogramsView(seismograms: readonly ArmSeismogram[]) {
  return {
    size: () => seismograms.length,
    samples: seismograms.reduce((n, s) => n + s.samples.length, 0),
    toString: () => (seismograms.length === 0 ? 'no seismograms' : seismograms.map((s) => `${describeSeismogram(s)} (${s.samples.length} samples at ${s.sampleRate} sps)`).join('; ')),
  };
}

export function buildPrintlineSeismogramProcess(settings: { template?: string; filename?: string }): ArmProcess {
  const template = settings.template ?? DEFAULT_TEMPLATE;
  return (pair, seismograms, ctx, extras = NO_EXTRAS) => {
    const vars: Record<string, unknown> = {
      event: eventView(pair.event),
      ...networkVars(pair.channel),
      distance: pair.distanceDeg.toFixed(3),
      azimuth: pair.azimuth.toFixed(3),
      backAzimuth: pair.backAzimuth.toFixed(3),
      request: windows(extras.requests),
      available: windows(extras.available),
      seismograms: seismogramsView(seismograms),
      cookies: cookiesOf(pair),
    };
    const line = renderTemplate(template, vars);
    if (settings.filename === undefined) ctx.log.data(line);
    else ctx.files.get(outputPath(ctx.runDir, settings.filename, vars)).write(line + '\n');
    return { verdict: PASS, seismograms };
  };
}

/**
 * <alwaysSuccess> in a waveform arm (waveformProcess.rng's seismogramAlwaysSuccess): runs the
 * enclosed processes as a chain until one refuses, then passes anyway with the data as they left
 * the chain. The element is declared once, by the network vocabulary; its build() can hand the
 * waveform use to this function.
 */
export function buildSeismogramAlwaysSuccess(settings: Occurrence[], context: BuildContext): ArmProcess {
  const steps = children(settings, context);
  return withClose(async (pair, seismograms, ctx, extras = NO_EXTRAS) => {
    const end = await chain(steps, (v) => !v.pass, pair, seismograms, extras, ctx);
    if (!end.verdict.pass) ctx.log.debug(`alwaysSuccess: ${end.verdict.by} refused (${end.verdict.reason}); going on anyway`);
    return output(PASS, end.seismograms, end.files);
  }, steps);
}

/**
 * invertFlippedChannels: when the channel's orientation is opposite to what its code says (a BHZ
 * pointing down, a BHN pointing south), the enclosed processes get the samples negated and the
 * channel turned the right way round (azimuth + 180, dip negated). SOD says later processes that
 * want the corrected data must sit inside it, so the main line goes on with the data as they came
 * in, and only if the enclosed chain passed.
 */
export function buildInvertFlippedChannels(settings: Occurrence[], context: BuildContext): ArmProcess {
  const steps = children(settings, context);
  return withClose(async (pair, seismograms, ctx, extras = NO_EXTRAS) => {
    const c = pair.channel.channel;
    let inner = pair;
    let data = seismograms;
    if (isFlippedChannel(c)) {
      const turned = { ...c, azimuth: ((c.azimuth ?? 0) + 180) % 360, dip: -(c.dip ?? 0) };
      inner = { ...pair, channel: { ...pair.channel, channel: turned } };
      shareCookies(pair, inner);
      data = seismograms.map((s) => mul(s, -1));
    }
    const end = await chain(steps, (v) => !v.pass, inner, data, extras, ctx);
    return output(end.verdict, seismograms, end.files);
  }, steps);
}
