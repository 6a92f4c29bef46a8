import { declare, empty, int, many, obj, ref, str, enumOf, type SchemaFragment } from '../declaration.js';
import { PROCESS_SLOTS } from './slots.js';
import { described, scriptSettings } from './shapes.js';
import { buildCsvWriter, writerBuilder } from './writers.runtime.js';

/** Processes that write seismograms to files. */

/** The settings every writer shares (the grammar's seisWriterBase). */
export function writerBaseProps(): Record<string, SchemaFragment> {
  return {
    workingDir: str('folder the files go under (default "seismograms")'),
    location: str('template for the file path below workingDir, with event, channel, station, network and site variables'),
    name: str('a name other processes (legacyExecute) use to find the files this writer wrote'),
    storeSeismogramsInDB: empty('also record the written files in the run database'),
  };
}

/** Which SAC header a predicted arrival goes into: t0..t9 (with its ray parameter in user0..9) or a. */
export const T_HEADERS = ['a', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export const sacSettings = obj({
  ...writerBaseProps(),
  phaseTimeHeader: described(many(
    obj(
      {
        model: ref('model', 'earth model for the travel time'),
        phaseName: ref('phaseName', 'phase whose predicted arrival is written'),
        tHeader: enumOf(T_HEADERS, 'SAC time marker to fill: a, or 0-9 for t0-t9'),
        arrivalIndex: int('which arrival when the phase is multiple: 1 the first, 2 the second, -1 the last'),
      },
      { required: ['phaseName', 'tHeader'] },
    ),
  ), 'writes the predicted arrival time of a phase into a SAC time marker'),
  sacHeaderScript: described(
    many(scriptSettings('code that sees `event`, `channel` and `sac` and may change any header before writing')),
    'a script run on each SAC file just before it is written',
  ),
  littleEndian: empty('write little-endian (Intel order) files instead of the default big-endian'),
});

export const sacWriter = declare({
  name: 'sacWriter',
  build: writerBuilder('sacWriter'),
  slots: PROCESS_SLOTS,
  settings: sacSettings,
  summary:
    'Writes each seismogram as a SAC file at a templated path, filling event and station headers; can also mark predicted phase arrivals in the t/a headers, run a script on the header, and write little-endian. Extra pieces for one channel get .1, .2 ... appended.',
  example: `<sacWriter>
  <workingDir>seismograms</workingDir>
  <location>\${network.code}.\${station.code}/\${event.filizedTime}/\${site.code}.\${channel.code}.sac</location>
  <phaseTimeHeader>
    <model>prem</model>
    <phaseName>ttp</phaseName>
    <tHeader>1</tHeader>
  </phaseTimeHeader>
</sacWriter>`,
});

export const mseedWriter = declare({
  name: 'mseedWriter',
  build: writerBuilder('mseedWriter'),
  slots: PROCESS_SLOTS,
  settings: obj(writerBaseProps()),
  summary: 'Writes each seismogram as a miniSEED file at a templated path; further pieces of the same channel get .1, .2 ... appended.',
  example: `<mseedWriter>
  <workingDir>seismograms</workingDir>
  <location>\${event.filizedTime}/\${network.code}.\${station.code}.\${site.code}.\${channel.code}.mseed</location>
</mseedWriter>`,
});

export const asciiWriter = declare({
  name: 'asciiWriter',
  build: writerBuilder('asciiWriter'),
  slots: PROCESS_SLOTS,
  settings: obj(writerBaseProps()),
  summary: 'Writes each seismogram as a plain text file of samples at a templated path.',
  example: `<asciiWriter>
  <workingDir>text</workingDir>
</asciiWriter>`,
});

export const wavWriter = declare({
  name: 'wavWriter',
  slots: PROCESS_SLOTS,
  settings: obj({ ...writerBaseProps(), speedup: int('factor by which playback is faster than real time, e.g. 2000') }),
  summary:
    'Writes each seismogram as a WAV sound file played back faster by the speedup factor so that the waves become audible.',
  example: `<wavWriter>
  <workingDir>sounds</workingDir>
  <speedup>2000</speedup>
</wavWriter>`,
});

/** sod's own writer (not in SOD 3): one CSV row per seismogram, for spreadsheets and scripts. */
export const csvWriter = declare({
  name: 'csvWriter',
  build: buildCsvWriter,
  slots: PROCESS_SLOTS,
  settings: obj({
    workingDir: str('folder the CSV files go under, below the run folder (default: the run folder itself)'),
    location: str('template for the CSV file path below workingDir, with event, channel, station, network and site variables (default "seismograms.csv")'),
  }),
  summary:
    'sod\'s addition: appends one row per seismogram to a CSV file: the event and station, distance and azimuths, the requested window, the data\'s identity, ' +
    'sample rate, npts, start, end, delta, calib and gap count, the statistics min, max, mean, std, rms, peak-to-peak and the fraction of finite samples ' +
    '(gap-filled samples left out), and the files earlier writers made of the same samples. A row already in the file is not written twice, so a resumed run lists each seismogram once.',
  example: `<csvWriter>
  <location>\${event.filizedTime}/seismograms.csv</location>
</csvWriter>`,
});

export const writerDeclarations = [sacWriter, mseedWriter, asciiWriter, wavWriter, csvWriter];
