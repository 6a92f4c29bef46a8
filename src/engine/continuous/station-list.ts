/**
 * The station list behind a continuous run: its CSVStationList sources get continuous mode's
 * default channel pattern (BH?,HH?; locations default to all), and their rows are read again here
 * so every station-day's statistics row carries the station's own columns (Site, Latitude...).
 * Rows with problems are reported by the network arm itself; here they are simply left out.
 */
import { findDataCenter } from '../../fdsn/datacenters.js';
import { readStationList, type StationListRow } from '../../ingredients/network/csvStationList.runtime.js';
import type { Occurrence, RunContext } from '../context.js';
import { parseCsv, type CsvTable } from '../csv.js';
import { readResource } from '../resource.js';
import type { ChannelRecord } from '../contracts.js';
import { serviceBaseUrl } from '../../fdsn/endpoint.js';
import type { StationColumns } from './daily-statistics.js';

export const DEFAULT_CHANNEL_CODES = ['BH?', 'HH?'];

interface StationListSettings {
  stations?: string;
  filename?: string;
  channelCode?: string[];
}

/** The network arm with continuous mode's default channel codes set where a CSVStationList names none. */
export function withContinuousDefaults(arm: Occurrence[]): Occurrence[] {
  return arm.map((o) => {
    const s = o.CSVStationList as StationListSettings | undefined;
    if (s === undefined || (s.channelCode && s.channelCode.length > 0)) return o;
    return { CSVStationList: { ...s, channelCode: DEFAULT_CHANNEL_CODES } };
  });
}

/** NET.STA -> the station-list rows naming it (several rows: several date ranges), in list order. */
export async function readStationRows(arm: Occurrence[], run: RunContext): Promise<Map<string, StationListRow[]>> {
  const out = new Map<string, StationListRow[]>();
  for (const o of arm) {
    const s = o.CSVStationList as StationListSettings | undefined;
    if (!s) continue;
    let table: CsvTable | undefined;
    try {
      table = s.stations !== undefined ? parseCsv(s.stations, 'the <stations> list') : await readResource(s.filename!, run, (t, loc) => parseCsv(t, loc));
    } catch {
      // the network arm has reported it already
      continue;
    }
    if (!table) continue;
    for (const r of readStationList(table).rows) {
      const key = `${r.network}.${r.station}`;
      const list = out.get(key);
      if (list) list.push(r);
      else out.set(key, [r]);
    }
  }
  return out;
}

function dataCenterText(c: ChannelRecord): string {
  if (c.dataCenter === undefined) return '';
  if (typeof c.dataCenter === 'string') return findDataCenter(c.dataCenter)?.id ?? c.dataCenter;
  try {
    return serviceBaseUrl('dataselect', c.dataCenter).replace(/\/fdsnws\/dataselect\/1\/?$/, '');
  } catch {
    return JSON.stringify(c.dataCenter);
  }
}

/** The station's columns for a day: the list row covering that day, else the channel's metadata. */
export function stationColumns(rows: Map<string, StationListRow[]>, c: ChannelRecord, day: bigint): StationColumns {
  const key = `${c.network.code.toUpperCase()}.${c.station.code.toUpperCase()}`;
  const list = rows.get(key) ?? [];
  const row = list.find((r) => r.start <= day + 86_400_000_000_000n && (r.end === undefined || r.end >= day)) ?? list[0];
  if (row) {
    return {
      station: key,
      dataCenter: row.dataCenter,
      ...(row.site !== undefined ? { site: row.site } : {}),
      ...(row.latitude !== undefined ? { latitude: row.latitude } : {}),
      ...(row.longitude !== undefined ? { longitude: row.longitude } : {}),
      ...(row.elevation !== undefined ? { elevation: row.elevation } : {}),
    };
  }
  const st = c.station;
  const site = (st as { site?: { name?: string } }).site?.name;
  return {
    station: key,
    dataCenter: dataCenterText(c),
    ...(site !== undefined ? { site } : {}),
    latitude: st.latitude,
    longitude: st.longitude,
    elevation: st.elevation,
  };
}
