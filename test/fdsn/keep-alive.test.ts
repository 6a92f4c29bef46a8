/**
 * Connection reuse: requests made one after the other through one HttpClient share one TCP
 * connection, counted on the server side (its 'connection' events), whatever way the body was
 * taken (whole, streamed as miniSEED records, "no data").
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamDataselect } from '../../src/fdsn/dataselect.js';
import { HttpClient } from '../../src/fdsn/http.js';
import { parseInstant } from '../../src/seismogram/time.js';
import { startStandin, type Standin } from '../support/fdsn-standin/index.js';

const DATASELECT = '/fdsnws/dataselect/1/query';
const ANMO = 'network=IU&station=ANMO&location=00&channel=BHZ&starttime=2010-02-27T06:30:00&endtime=2010-02-27T06:40:00';
const NOTHING = 'network=XX&station=NONE&starttime=2010-01-01&endtime=2010-01-02';

describe('keep-alive against the FDSN stand-in', () => {
  let standin: Standin;
  let http: HttpClient;
  beforeAll(async () => {
    standin = await startStandin();
    http = new HttpClient();
  });
  afterAll(async () => {
    await http.close();
    await standin.close();
  });

  it('12 sequential requests (whole bodies, bulk POSTs streamed as records, no data) use one connection', async () => {
    standin.resetStats();
    const sel = {
      network: 'IU',
      station: 'ANMO',
      location: '00',
      channel: 'BHZ',
      start: parseInstant('2010-02-27T06:30:00'),
      end: parseInstant('2010-02-27T06:40:00'),
    };
    let records = 0;
    for (let i = 0; i < 4; i++) {
      const whole = await http.fetchBytes({ url: `${standin.origin}${DATASELECT}?${ANMO}` });
      expect(whole.kind).toBe('data');
      // two selections: a bulk POST, decoded record by record as it arrives
      for await (const r of streamDataselect(standin.origin, [sel, { ...sel, channel: 'BH1' }], {}, { http })) records += r.sampleCount > 0 ? 1 : 0;
      const none = await http.fetchBytes({ url: `${standin.origin}${DATASELECT}?${NOTHING}` });
      expect(none.kind).toBe('nodata');
    }
    expect(records).toBeGreaterThan(0);
    expect(standin.stats.requests.filter((r) => r.path === DATASELECT)).toHaveLength(12);
    // whole bodies gzipped (the client's default), the miniSEED POSTs plain (dataselect asks no gzip): both on one connection
    const asked = standin.stats.requests.filter((r) => r.path === DATASELECT);
    expect(asked.filter((r) => r.method === 'GET' && r.status !== 204).every((r) => r.gzipped)).toBe(true);
    expect(asked.filter((r) => r.method === 'POST').map((r) => r.gzipped)).toEqual([false, false, false, false]);
    expect(standin.stats.connections).toBe(1);
  });
});

describe('keep-alive with a server announcing a short timeout', () => {
  // Node's http server with keepAliveTimeout 1 s says 'Keep-Alive: timeout=1'; undici's own margin
  // (2 s) would have closed every socket after one request
  let server: Server;
  let origin: string;
  let connections = 0;
  let http: HttpClient;
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
        res.end('ok');
      });
    });
    server.keepAliveTimeout = 1000;
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    http = new HttpClient();
  });
  afterAll(async () => {
    await http.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reuses the connection for requests that follow each other closely', async () => {
    const n = 10;
    for (let i = 0; i < n; i++) {
      const res = await http.fetchText({ url: `${origin}/q?i=${i}`, method: i % 2 ? 'POST' : 'GET', ...(i % 2 ? { body: 'x' } : {}) });
      expect(res.kind === 'data' && res.body).toBe('ok');
    }
    const used = connections;
    // the server does announce the short timeout (otherwise this test would prove nothing)
    const probe = await fetch(`${origin}/probe`);
    await probe.text();
    expect(probe.headers.get('keep-alive')).toBe('timeout=1');
    // one, or two if the machine stalled more than half a second between two requests
    expect(used).toBeGreaterThanOrEqual(1);
    expect(used).toBeLessThanOrEqual(2);
  });
});
