/**
 * The HTTP side of sod's FDSN server: node:http on a chosen address (127.0.0.1 and an ephemeral
 * port by default), routing `/<fdsnwsPath>/<service>/1/<operation>` to the service handlers,
 * gzip when the client accepts it, FDSN-style error texts, the fault switches, counters of what
 * was asked (so tests can check "nothing fetched twice", "never more than 4 at once") and an
 * admin API under /admin. `close()` ends everything, stalled connections included.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants, gzipSync } from 'node:zlib';
import { FaultSet, validateFault, type Fault } from './faults.js';
import { QueryError } from './params.js';

export interface ServiceRequest {
  method: 'GET' | 'POST';
  url: URL;
  /** the POST body as text ('' for GET) */
  body: string;
}

export interface ServiceReply {
  status: number;
  contentType?: string;
  body?: string | Uint8Array;
}

export type Operation = (req: ServiceRequest) => ServiceReply | Promise<ServiceReply>;

/** One FDSN web service: its name in the path and its operations (query, version, ...). */
export interface Service {
  name: 'event' | 'station' | 'dataselect' | 'availability';
  version: string;
  operations: Record<string, Operation>;
  /** operations that accept POST */
  postable?: readonly string[];
}

export interface RequestRecord {
  method: string;
  path: string;
  /** the query string without '?' */
  query: string;
  /** POST body */
  body: string;
  status: number;
  /** the fault applied, if any */
  fault?: Fault;
  gzipped: boolean;
  /** bytes of body sent (after gzip) */
  bytes: number;
  userAgent: string;
}

export interface ServerStats {
  requests: RequestRecord[];
  /** requests being served now */
  inFlight: number;
  /** the most requests ever served at the same time */
  maxInFlight: number;
  /** TCP connections accepted (a client that keeps its connections alive opens few) */
  connections: number;
}

export interface FdsnHttpServerOptions {
  services: Service[];
  /** default 127.0.0.1 */
  host?: string;
  /** default 0 (an ephemeral port) */
  port?: number;
  /** default 'fdsnws' */
  fdsnwsPath?: string;
  faults?: Fault[];
  /** gzip answers for clients that accept it; default true */
  gzip?: boolean;
  /** whether /admin (faults, stats) is served; default true */
  admin?: boolean;
  /** one line per request, for `sod serve` */
  log?: (line: string) => void;
}

export class FdsnHttpServer {
  readonly faults: FaultSet;
  readonly stats: ServerStats = { requests: [], inFlight: 0, maxInFlight: 0, connections: 0 };
  private readonly server: Server;
  private readonly services = new Map<string, Service>();
  private readonly fdsnwsPath: string;
  private readonly gzip: boolean;
  private readonly admin: boolean;
  private readonly log: ((line: string) => void) | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  private address: AddressInfo | undefined;

  constructor(private readonly options: FdsnHttpServerOptions) {
    for (const s of options.services) this.services.set(s.name, s);
    this.fdsnwsPath = (options.fdsnwsPath ?? 'fdsnws').replace(/^\/+|\/+$/g, '');
    this.faults = new FaultSet(options.faults);
    this.gzip = options.gzip ?? true;
    this.admin = options.admin ?? true;
    this.log = options.log;
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server.on('connection', () => this.stats.connections++);
    // Node's default, announced as 'Keep-Alive: timeout=5'. Clients reuse a socket only for that
    // long minus a margin (undici's is 2 s), so a short timeout here made every request open a
    // new connection. close() ends idle keep-alive sockets itself.
    this.server.keepAliveTimeout = 5000;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.address = this.server.address() as AddressInfo;
    return this;
  }

  /** http://127.0.0.1:<port> */
  get origin(): string {
    if (!this.address) throw new Error('the FDSN server is not listening yet');
    const host = this.address.family === 'IPv6' ? `[${this.address.address}]` : this.address.address;
    return `http://${host}:${this.address.port}`;
  }

  get port(): number {
    if (!this.address) throw new Error('the FDSN server is not listening yet');
    return this.address.port;
  }

  /** http://127.0.0.1:<port>/fdsnws/<service>/1 */
  serviceUrl(service: Service['name']): string {
    return `${this.origin}/${this.fdsnwsPath}/${service}/1`;
  }

  addFault(fault: Fault): void {
    this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  resetStats(): void {
    this.stats.requests.length = 0;
    this.stats.maxInFlight = this.stats.inFlight;
    this.stats.connections = 0;
  }

  /** Requests seen for a path (exact, or a prefix ending in '*'), optionally only those whose query or body contains `containing`. */
  count(path: string, containing?: string): number {
    return this.stats.requests.filter(
      (r) =>
        (path.endsWith('*') ? r.path.startsWith(path.slice(0, -1)) : r.path === path) &&
        (containing === undefined || r.query.includes(containing) || r.body.includes(containing)),
    ).length;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await done;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (this.admin && url.pathname.startsWith('/admin/')) {
      await this.handleAdmin(req, res, url);
      return;
    }
    this.stats.inFlight++;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight);
    let counted = true;
    const leave = (): void => {
      if (counted) {
        counted = false;
        this.stats.inFlight--;
      }
    };
    res.once('close', leave);
    const record: RequestRecord = { method: req.method ?? 'GET', path: url.pathname, query: url.search.slice(1), body: '', status: 0, gzipped: false, bytes: 0, userAgent: String(req.headers['user-agent'] ?? '') };
    this.stats.requests.push(record);
    try {
      record.body = await readBody(req);
      const fault = this.faults.take(url.pathname);
      if (fault) record.fault = fault;
      if (fault?.delayMs) await this.sleep(fault.delayMs);
      if (this.closed) return;
      if (fault?.stall === 'silent') return; // never answer; close() ends the socket
      if (fault?.status !== undefined) {
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
        this.send(req, res, record, { status: fault.status, contentType: 'text/plain', body: fault.message ?? `Error ${fault.status}` }, headers, fault);
        return;
      }
      if (fault?.stall === 'headers') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.flushHeaders();
        record.status = 200;
        return;
      }
      let reply = await this.route(req, url, record.body);
      if (fault?.replaceBody && reply.status === 200) reply = { status: 200, contentType: fault.replaceBody.contentType, body: fault.replaceBody.text };
      this.send(req, res, record, reply, {}, fault);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (!res.headersSent) this.send(req, res, record, errorReply(500, `internal error: ${message}`, url), {}, undefined);
      else res.destroy();
    } finally {
      this.log?.(`${record.method} ${record.path}${record.query ? '?' + record.query : ''} -> ${record.status}${record.fault ? ' (fault)' : ''}`);
      if (res.writableEnded) leave();
    }
  }

  private async route(req: IncomingMessage, url: URL, body: string): Promise<ServiceReply> {
    const parts = url.pathname.split('/').filter((p) => p !== '');
    const prefix = this.fdsnwsPath === '' ? [] : this.fdsnwsPath.split('/');
    const head = parts.slice(0, prefix.length);
    if (head.join('/') !== prefix.join('/') || parts.length < prefix.length + 2) {
      return errorReply(404, `no such path; services are under /${this.fdsnwsPath}/<event|station|dataselect|availability>/1/`, url);
    }
    const [serviceName, major, operation = ''] = parts.slice(prefix.length);
    const service = this.services.get(serviceName ?? '');
    if (!service || major !== '1') return errorReply(404, `no service at ${url.pathname}`, url);
    const op = service.operations[operation === '' ? 'index' : operation];
    if (!op) return errorReply(404, `${service.name} has no operation '${operation}'; it has ${Object.keys(service.operations).join(', ')}`, url);
    const method = req.method === 'POST' ? 'POST' : req.method === 'GET' || req.method === 'HEAD' ? 'GET' : undefined;
    if (!method || (method === 'POST' && !(service.postable ?? []).includes(operation))) {
      return errorReply(405, `${req.method} is not accepted at ${url.pathname}`, url);
    }
    try {
      return await op({ method, url, body });
    } catch (e) {
      if (e instanceof QueryError) return errorReply(400, e.message, url);
      throw e;
    }
  }

  private send(req: IncomingMessage, res: ServerResponse, record: RequestRecord, reply: ServiceReply, headers: Record<string, string>, fault: Fault | undefined): void {
    let body: Uint8Array = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : (reply.body ?? new Uint8Array(0));
    // a truncated answer is cut before any gzip: the content itself is short, the transfer is clean
    if (fault?.truncateToBytes !== undefined && body.length > fault.truncateToBytes) body = body.subarray(0, fault.truncateToBytes);
    const out: Record<string, string> = { ...headers };
    if (reply.contentType && body.length > 0) out['content-type'] = reply.contentType;
    if (this.gzip && body.length > 0 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      // the fastest level: on 127.0.0.1 the server's CPU, not the bytes, is what holds clients up
      body = gzipSync(body, { level: constants.Z_BEST_SPEED });
      out['content-encoding'] = 'gzip';
      record.gzipped = true;
    }
    record.status = reply.status;
    if (fault?.resetAfterBytes !== undefined && reply.status === 200) {
      // chunked, so the client cannot tell from a length that the end is missing: only the reset says so
      res.writeHead(reply.status, out);
      const part = body.subarray(0, Math.min(fault.resetAfterBytes, body.length));
      record.bytes = part.length;
      const cut = (): void => {
        res.socket?.destroy();
        res.destroy();
      };
      if (part.length > 0) res.write(part, () => setImmediate(cut));
      else {
        res.flushHeaders();
        setImmediate(cut);
      }
      return;
    }
    out['content-length'] = String(body.length);
    res.writeHead(reply.status, out);
    record.bytes = body.length;
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private async handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const json = (status: number, value: unknown): void => {
      const text = JSON.stringify(value, null, 2);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    };
    try {
      const body = await readBody(req);
      if (url.pathname === '/admin/stats' && req.method === 'GET') return json(200, this.stats);
      if (url.pathname === '/admin/stats' && req.method === 'DELETE') {
        this.resetStats();
        return json(200, this.stats);
      }
      if (url.pathname === '/admin/faults' && req.method === 'GET') return json(200, this.faults.list());
      if (url.pathname === '/admin/faults' && req.method === 'DELETE') {
        this.clearFaults();
        return json(200, []);
      }
      if (url.pathname === '/admin/faults' && req.method === 'POST') {
        const parsed = JSON.parse(body) as Fault | Fault[];
        const list = Array.isArray(parsed) ? parsed : [parsed];
        list.forEach(validateFault);
        list.forEach((f) => this.addFault(f));
        return json(200, this.faults.list());
      }
      return json(404, { error: `no admin operation ${req.method} ${url.pathname}; try GET/DELETE /admin/stats, GET/POST/DELETE /admin/faults` });
    } catch (e) {
      return json(400, { error: e instanceof Error ? e.message : String(e) });
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }
}

/** The FDSN error text: code, description, the request, the time (spec section "Error conditions"). */
export function errorReply(status: number, detail: string, url: URL): ServiceReply {
  const names: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 413: 'Request Too Large', 500: 'Internal Server Error' };
  const body = [
    `Error ${status}: ${names[status] ?? 'Error'}`,
    '',
    detail,
    '',
    'Request:',
    url.pathname + url.search,
    '',
    'Request Submitted:',
    new Date().toISOString(),
    '',
  ].join('\n');
  return { status, contentType: 'text/plain', body };
}

const MAX_POST_BYTES = 16 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_POST_BYTES) {
        reject(new QueryError(`POST body larger than ${MAX_POST_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
