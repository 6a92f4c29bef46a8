import { bool, declare, enumOf, int, obj, ref, str } from '../declaration.js';
import { PROCESS_SLOTS, REQUEST_GENERATOR_SLOTS, SOURCE_SLOTS } from './slots.js';
import { buildDailyStatisticsWriter, buildDayRequest, buildDayVolumeWriter, buildIncomingFolder } from './continuous.runtime.js';

/**
 * Continuous mode (a recipe with a network arm and a waveform arm but no event arm): every day of
 * every channel, in windows aligned to UTC midnight. These are sod's own additions to SOD's set.
 */

export const dayRequest = declare({
  name: 'dayRequest',
  build: buildDayRequest,
  slots: REQUEST_GENERATOR_SLOTS,
  settings: obj({
    windowLength: ref('timeInterval', 'length of each window (default one day); a whole number of days or a whole fraction of a day'),
    overlap: ref('timeInterval', 'how far each window reaches past its end into the next one (default none)'),
    maxRequestBytes: int('largest request to send, estimated at 4 bytes a sample (default 20000000); a bigger day is split into several requests', { minimum: 1000 }),
    concurrencyPerDataCenter: int('requests in flight at once to one data centre (default 4)', { minimum: 1 }),
  }),
  summary:
    'Continuous mode: cuts each channel\'s time range into windows aligned to UTC midnight (one day by default, optionally overlapping the next), clipped to the channel\'s dates and to the --start/--end of the run; each day\'s channels go to their data centre in one bulk request, split when it would exceed maxRequestBytes.',
  example: `<dayRequest>
  <overlap>
    <unit>MINUTE</unit>
    <value>5</value>
  </overlap>
</dayRequest>`,
});

export const dailyStatisticsWriter = declare({
  name: 'dailyStatisticsWriter',
  build: buildDailyStatisticsWriter,
  slots: PROCESS_SLOTS,
  settings: obj({
    filename: str('CSV file to write, relative to the run folder (default "daily-statistics.csv")'),
    traces: enumOf(['first', 'every'], "'first' (default): one row per station-day from its first trace; 'every': a row per trace of every channel"),
    mergeGaps: bool('merge each channel\'s pieces into one trace first, gaps left out of the figures (default true)'),
  }),
  summary:
    'Continuous mode: one CSV row per station-day (or per trace with traces=every) with the station list\'s columns, the day and request window, the trace\'s codes, start, end, rate and sample count, and its min, max, mean, std, rms, peak-to-peak and finite fraction; a day without data gets a row saying so.',
  example: `<dailyStatisticsWriter>
  <filename>daily-statistics.csv</filename>
  <traces>first</traces>
  <mergeGaps>true</mergeGaps>
</dailyStatisticsWriter>`,
});

export const dayVolumeWriter = declare({
  name: 'dayVolumeWriter',
  build: buildDayVolumeWriter,
  slots: PROCESS_SLOTS,
  settings: obj({
    directory: str('archive folder, relative to the run folder (default "archive")'),
    layout: str("'sds' (default: YYYY/NET/STA/CHA.D/NET.STA.LOC.CHA.D.YYYY.DDD), 'observed' (YYYY/NET/STA/CHA/NET.STA.LOC.CHA.YYYY.DDD) or a location template over $seismogram"),
  }),
  summary:
    'Files the seismograms into day volumes of an archive layout: pieces that cross midnight are split, and a day file already there is merged with (samples it holds are not written twice), never overwritten blindly.',
  example: `<dayVolumeWriter>
  <directory>sds</directory>
  <layout>sds</layout>
</dayVolumeWriter>`,
});

export const incomingFolder = declare({
  name: 'incomingFolder',
  build: buildIncomingFolder,
  slots: SOURCE_SLOTS,
  settings: obj(
    {
      folder: str('the folder other programs drop miniSEED files into (relative to the recipe)'),
      archive: str('the SDS archive the files are filed into and the data are read from, relative to the run folder (default "archive")'),
      marker: str("take a file only once a file of its name plus this suffix exists (e.g. '.done'); default: once it no longer changes"),
    },
    { required: ['folder'] },
  ),
  summary:
    'Files every finished miniSEED file of a folder into the day volumes of an SDS archive (merged with what they hold; the file then moved to done/, or to failed/ with the reason beside it, crash-safely) and answers the requests from that archive.',
  example: `<incomingFolder>
  <folder>incoming</folder>
  <archive>sds</archive>
</incomingFolder>`,
});

export const continuousDeclarations = [dayRequest, dailyStatisticsWriter, dayVolumeWriter, incomingFolder];
