/**
 * Where a service lives: from a data centre short name, a base URL, or SOD's settings (`baseurl`,
 * or `scheme` + `host` + `port` + `fdsnwsPath`), to `https://host/fdsnws/<service>/1`; and query
 * strings built from typed parameters (times written as FDSN wants them).
 */
import { formatInstant, type Instant } from '../seismogram/time.js';
import { dataCenterNames, findDataCenter, type ServiceName } from './datacenters.js';
import { FdsnError } from './errors.js';

/** SOD's settings for a service's address, all optional (as in its fdsnEvent/fdsnStation/fdsnDataSelect). */
export interface ServiceLocation {
  /** the full service URL, for servers that do not follow the FDSN URL layout */
  baseurl?: string;
  scheme?: string;
  /** a host name, or a data centre short name (IRIS, GEOFON...) */
  host?: string;
  port?: number | string;
  /** first path part, default 'fdsnws' */
  fdsnwsPath?: string;
  /** a data centre short name, used when neither baseurl nor host is given */
  dataCenter?: string;
}

/** A service address: a data centre short name, an http(s) URL (origin or full service URL), or SOD's settings. */
export type ServiceTarget = string | ServiceLocation;

const DEFAULT_FOR: Record<ServiceName, string> = {
  // SOD's defaults: events from the USGS, everything else from the IRIS (now EarthScope) DMC
  event: 'USGS',
  station: 'EARTHSCOPE',
  dataselect: 'EARTHSCOPE',
  availability: 'EARTHSCOPE',
};

/** The service's base URL without a trailing slash, e.g. `https://geofon.gfz.de/fdsnws/station/1`. */
export function serviceBaseUrl(service: ServiceName, target: ServiceTarget | undefined): string {
  const loc: ServiceLocation = typeof target === 'string' ? fromString(target) : (target ?? {});
  if (loc.baseurl) return trimServiceUrl(loc.baseurl, service);
  const path = (loc.fdsnwsPath ?? 'fdsnws').replace(/^\/+|\/+$/g, '');
  const tail = `${path === '' ? '' : '/' + path}/${service}/1`;
  if (loc.host) {
    const named = /^[A-Za-z][A-Za-z_-]*$/.test(loc.host) ? findDataCenter(loc.host) : undefined;
    if (named && loc.port === undefined && loc.scheme === undefined) return checkOffers(named.id, named.baseUrl, service) + tail;
    const host = loc.host.replace(/\/+$/, '');
    const local = /^(localhost|127\.|\[?::1\]?)/.test(host);
    const scheme = (loc.scheme ?? (local ? 'http' : 'https')).replace(/:?\/*$/, '');
    const port = loc.port === undefined || String(loc.port) === '' ? '' : `:${loc.port}`;
    return validUrl(`${scheme}://${host}${port}${tail}`, service);
  }
  const name = loc.dataCenter ?? DEFAULT_FOR[service];
  const d = findDataCenter(name);
  if (!d) throw unknownDataCenter(name, service);
  return checkOffers(d.id, d.baseUrl, service) + tail;
}

function fromString(s: string): ServiceLocation {
  if (/^https?:\/\//i.test(s)) {
    const u = new URL(s);
    // a bare origin, or an origin and a path ending in 'fdsnws', gets the FDSN layout; anything else is a service URL
    const path = u.pathname.replace(/\/+$/, '');
    const origin = { scheme: u.protocol.replace(':', ''), host: u.hostname.includes(':') ? `[${u.hostname}]` : u.hostname, port: u.port || undefined };
    if (path === '') return origin;
    if (/(^|\/)fdsnws$/.test(path)) return { ...origin, fdsnwsPath: path };
    return { baseurl: s };
  }
  return { dataCenter: s };
}

function trimServiceUrl(url: string, service: ServiceName): string {
  const trimmed = url.trim().replace(/\/+$/, '').replace(/\/(query|extent)$/, '');
  return validUrl(trimmed, service);
}

function validUrl(url: string, service: ServiceName): string {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`scheme ${u.protocol} is not http or https`);
  } catch (e) {
    throw new FdsnError(`cannot make a ${service} service URL: ${(e as Error).message}`, { kind: 'bad-request', url });
  }
  return url;
}

function checkOffers(id: string, baseUrl: string, service: ServiceName): string {
  const d = findDataCenter(id)!;
  if (!d.services.includes(service)) {
    throw new FdsnError(`${d.id} (${d.name}) offers no fdsnws-${service} service; it offers ${d.services.join(', ')}`, {
      kind: 'bad-request',
      url: baseUrl,
    });
  }
  return baseUrl;
}

function unknownDataCenter(name: string, service: ServiceName): FdsnError {
  return new FdsnError(`unknown data centre '${name}'; give a base URL or one of ${dataCenterNames().join(', ')}`, {
    kind: 'bad-request',
    url: `(${service} service of '${name}')`,
  });
}

/** FDSN time parameter: ISO-8601 UTC, microseconds, without the 'Z' some older services refuse. */
export function fdsnTime(t: Instant): string {
  return formatInstant(t, 6).slice(0, -1);
}

export type ParamValue = string | number | boolean | bigint | readonly string[] | undefined;

/**
 * A query string from parameters in the order given. Instants (bigint) are FDSN times, arrays are
 * comma lists, undefined is left out. Wildcards and commas stay readable (not %-encoded).
 */
export function queryString(params: Record<string, ParamValue>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    let text: string;
    if (typeof v === 'bigint') text = fdsnTime(v);
    else if (Array.isArray(v)) {
      if (v.length === 0) continue;
      text = v.join(',');
    } else text = String(v);
    parts.push(`${k}=${encodeValue(text)}`);
  }
  return parts.join('&');
}

function encodeValue(v: string): string {
  return encodeURIComponent(v).replace(/%2C/gi, ',').replace(/%2A/gi, '*').replace(/%3A/gi, ':').replace(/%3F/gi, '?');
}

/** `base` + '/' + operation + '?' + query (no '?' when empty). */
export function operationUrl(base: string, operation: string, params: Record<string, ParamValue>): string {
  const q = queryString(params);
  return `${base}/${operation}${q ? '?' + q : ''}`;
}
