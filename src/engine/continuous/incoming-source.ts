/**
 * The incoming folder as a seismogram source (recipe ingredient incomingFolder): at the first
 * request of the run, every finished file in the folder is filed into the SDS day volumes of the
 * archive (src/archive/incoming.ts: crash-safe, moved to done/ or failed/ with the reason), and
 * then every request is answered from those day volumes (the local SDS reader of the waveform
 * arm). A file that cannot be filed is reported as a failure of the run with its reason; the
 * others are filed all the same.
 */
import { DayVolumeArchive } from '../../archive/day-volume.js';
import { IncomingFolder } from '../../archive/incoming.js';
import type { RunContext } from '../context.js';
import type { EventChannelPair, RequestWindow, SeismogramSource } from '../contracts.js';
import { LocalMseedArchive } from '../waveform-local-archive.js';
import type { ArmSeismogram, FetchedPair } from '../waveform-types.js';

export interface IncomingSourceOptions {
  /** the folder other programs drop miniSEED files into */
  folder: string;
  /** the SDS archive the files are filed into and requests are answered from */
  archive: string;
  /** take a file only once `<name><marker>` exists; default: unchanged over two looks */
  marker?: string;
}

export class IncomingSource implements SeismogramSource<ArmSeismogram> {
  private readonly local: LocalMseedArchive;
  private filing: Promise<void> | undefined;
  private inbox: IncomingFolder | undefined;
  /** inputs filed into the archive, and inputs moved to failed/ */
  filed = 0;
  failed = 0;

  constructor(readonly options: IncomingSourceOptions) {
    this.local = new LocalMseedArchive(options.archive, 'sds');
  }

  async *fetch(batch: readonly { pair: EventChannelPair; requests: RequestWindow[] }[], ctx: RunContext): AsyncGenerator<FetchedPair> {
    // concurrent requests wait for the one filing
    this.filing ??= this.fileIncoming(ctx);
    await this.filing;
    yield* this.local.fetch(batch, ctx) as AsyncIterable<FetchedPair>;
  }

  private async fileIncoming(ctx: RunContext): Promise<void> {
    const o = this.options;
    this.inbox = await IncomingFolder.open({ folder: o.folder, archive: new DayVolumeArchive(o.archive), ...(o.marker !== undefined ? { marker: o.marker } : {}) });
    // two looks: without a marker, a file is taken once it did not change between them
    for (let look = 0; look < 2; look++) {
      for (const out of await this.inbox.poll()) {
        if (out.status === 'done') this.filed++;
        else if (out.status === 'failed') {
          this.failed++;
          ctx.fail({ where: 'incomingFolder', location: `${o.folder}/${out.name}`, message: `${out.reason} (moved to ${out.movedTo})` });
        } else ctx.log.warn(`incomingFolder: ${o.folder}/${out.name} left for later: ${out.reason}`);
      }
    }
    ctx.log.info(`incomingFolder: ${this.filed} file(s) from ${o.folder} filed into ${o.archive}${this.failed > 0 ? `, ${this.failed} moved to failed/` : ''}`);
  }

  async close(): Promise<void> {
    this.inbox?.close();
  }
}
