/**
 * Runtime of the seismogram sources: fdsnDataSelect (bulk POSTs per data centre), the local
 * miniSEED archive, choiceSource (a source per case) and tryInOrder (the next source for the pairs
 * the previous one had nothing for).
 */
import { isAbsolute, resolve } from 'node:path';
import type { BuildContext } from '../declaration.js';
import { engineContext, type Occurrence, type RunContext } from '../../engine/context.js';
import type { EventChannelPair, RequestWindow, SeismogramSource } from '../../engine/contracts.js';
import type { ServiceLocation, ServiceTarget } from '../../fdsn/endpoint.js';
import { FdsnDataSelectSource } from '../../engine/waveform-fdsn-source.js';
import { LocalMseedArchive, type ArchiveLayout } from '../../engine/waveform-local-archive.js';
import { buildStep } from '../../engine/waveform-stages.js';
import type { ArmSeismogram, FetchedPair } from '../../engine/waveform-types.js';
import { SettingError } from '../../engine/quantities.js';
import { EVENT_CHANNEL_PLUS } from './slots.js';

type Batch = readonly { pair: EventChannelPair; requests: RequestWindow[] }[];
type Source = SeismogramSource<ArmSeismogram>;

interface FdsnDataSelectSettings extends ServiceLocation {
  fdsnStationAvailability?: boolean;
  dobulk?: boolean;
  name?: string;
}

const ADDRESS = ['baseurl', 'scheme', 'host', 'port', 'fdsnwsPath'] as const;

/**
 * With an address in its settings, every request goes there. Without one, each channel's data are
 * asked from the data centre whose station service listed it (falling back to SOD's default, the
 * IRIS/EarthScope DMC), so a batch becomes one bulk POST per data centre.
 */
export function buildFdsnDataSelect(settings: FdsnDataSelectSettings & { user?: string; password?: string; realm?: string }): Source {
  if (settings.user !== undefined || settings.password !== undefined || settings.realm !== undefined) {
    // refused rather than ignored: a run that silently got only the open data would look complete
    throw new SettingError('fdsnDataSelect: restricted data (user, password, realm) are not supported yet by this version of sod; remove them to fetch open data only');
  }
  const explicit = ADDRESS.some((k) => settings[k] !== undefined);
  const target: ServiceLocation = {};
  for (const k of ADDRESS) if (settings[k] !== undefined) (target as Record<string, unknown>)[k] = settings[k];
  const options = { bulk: settings.dobulk ?? true, askAvailability: settings.fdsnStationAvailability ?? false };
  const sources = new Map<string, FdsnDataSelectSource>();
  const sourceFor = (t: ServiceTarget | undefined): FdsnDataSelectSource => {
    const key = JSON.stringify(t ?? null);
    let s = sources.get(key);
    if (!s) {
      s = new FdsnDataSelectSource({ target: t, ...options });
      sources.set(key, s);
    }
    return s;
  };
  async function* fetchGroups(batch: Batch, ctx: RunContext): AsyncGenerator<FetchedPair[]> {
    if (explicit) {
      yield* sourceFor(target).fetchGroups(batch, ctx);
      return;
    }
    const byCentre = new Map<string, { target: ServiceTarget | undefined; items: Batch[number][] }>();
    for (const it of batch) {
      const t = it.pair.channel.dataCenter;
      const key = JSON.stringify(t ?? null);
      const g = byCentre.get(key) ?? { target: t, items: [] };
      g.items.push(it);
      byCentre.set(key, g);
    }
    for (const g of byCentre.values()) yield* sourceFor(g.target).fetchGroups(g.items, ctx);
  }
  return {
    async *fetch(batch: Batch, ctx: RunContext): AsyncGenerator<FetchedPair> {
      for await (const group of fetchGroups(batch, ctx)) yield* group;
    },
    fetchGroups,
  };
}

export function buildLocalMseedArchive(settings: { directory: string; layout?: ArchiveLayout }, context: BuildContext): Source {
  const ctx = engineContext(context);
  const dir = isAbsolute(settings.directory) ? settings.directory : resolve(ctx.recipeDir, settings.directory);
  return new LocalMseedArchive(dir, settings.layout ?? 'files');
}

export function buildChoiceSource(settings: { choice: Occurrence[][]; otherwise: Occurrence[] }, context: BuildContext): Source {
  const ctx = engineContext(context);
  const choices = settings.choice.map((c) => ({ test: buildStep(c[0]!, EVENT_CHANNEL_PLUS, ctx), source: ctx.buildChild<Source>(c[1]!, ['seismogramSource']) }));
  const otherwise = ctx.buildChild<Source>(settings.otherwise[0]!, ['seismogramSource']);
  const all = [...choices.map((c) => c.source), otherwise];
  return {
    async *fetch(batch: Batch, run: RunContext): AsyncGenerator<FetchedPair> {
      const routed = all.map(() => [] as Batch[number][]);
      for (const it of batch) {
        let i = 0;
        for (; i < choices.length; i++) if ((await choices[i]!.test({ pair: it.pair, requests: it.requests }, run)).verdict.pass) break;
        routed[i]!.push(it);
      }
      for (let i = 0; i < all.length; i++) if (routed[i]!.length > 0) yield* all[i]!.fetch(routed[i]!, run) as AsyncIterable<FetchedPair>;
    },
    close: async () => {
      for (const s of all) await s.close?.();
    },
  };
}

export function buildTryInOrder(settings: Occurrence[], context: BuildContext): Source {
  const ctx = engineContext(context);
  const sources = settings.map((o) => ctx.buildChild<Source>(o, ['seismogramSource']));
  return {
    async *fetch(batch: Batch, run: RunContext): AsyncGenerator<FetchedPair> {
      let left: Batch[number][] = [...batch];
      for (let i = 0; i < sources.length && left.length > 0; i++) {
        const last = i === sources.length - 1;
        const requests = new Map(left.map((it) => [it.pair, it.requests] as const));
        const next: Batch[number][] = [];
        try {
          for await (const f of sources[i]!.fetch(left, run) as AsyncIterable<FetchedPair>) {
            const r = requests.get(f.pair) ?? [];
            requests.delete(f.pair);
            if (f.seismograms.length > 0 || last) yield f;
            else next.push({ pair: f.pair, requests: r });
          }
        } catch (e) {
          // a failing source is passed over like an empty one, except the last, whose failure stands
          if (last) throw e;
          run.log.warn(`tryInOrder: source ${i + 1} failed (${(e as Error).message}); asking the next for ${requests.size} pair(s)`);
          for (const [pair, r] of requests) next.push({ pair, requests: r });
        }
        left = next;
      }
    },
    close: async () => {
      for (const s of sources) await s.close?.();
    },
  };
}
