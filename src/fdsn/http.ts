/**
 * The one way sod talks HTTP to data centres: undici underneath, with what every FDSN client needs
 * on top (user agent, gzip, a per-host concurrency cap, timeouts, retries with backoff that honour
 * Retry-After, "no data" as a result rather than an error, a response size cap, typed errors that
 * name the URL). Bodies come whole (`fetch`) or as a byte stream (`stream`) that survives a reset
 * mid-body by asking again and checking the bytes already handed on are unchanged.
 */
import { createHash } from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { systemClock, type Clock } from './clock.js';
import { FdsnError } from './errors.js';
import { HostLimiter } from './host-limiter.js';
import { errorText, failureFromError, failureFromStatus, headerValue, tooLarge } from './http-failures.js';
import { skipVerified } from './resume.js';
import { backoffDelay, DEFAULT_BACKOFF, DEFAULT_RETRIES, NO_DATA_STATUSES, type BackoffSettings } from './retry-policy.js';
import { sodUserAgent } from './user-agent.js';

export interface HttpClientOptions {
  /** default `sod/<version>` */
  userAgent?: string;
  /** concurrent requests per origin (scheme://host:port); default 4 */
  maxConcurrentPerHost?: number;
  /** exceptions to the per-host cap, keyed by origin ("https://service.iris.edu") or host ("service.iris.edu:443") */
  perHostConcurrency?: Record<string, number>;
  /** ms to establish the TCP/TLS connection; default 10 s */
  connectTimeoutMs?: number;
  /** ms from sending the request to the end of the response headers; default 120 s (a big station query is slow to start) */
  headersTimeoutMs?: number;
  /** ms allowed between two pieces of the body; default 60 s */
  bodyIdleTimeoutMs?: number;
  /** retries after the first attempt for retryable failures; default 3. Map a recipe's value with retriesFromRecipe (SOD's -1 is bounded). */
  retries?: number;
  backoff?: Partial<BackoffSettings>;
  /** largest response accepted, decoded bytes; default 2 GiB */
  maxResponseBytes?: number;
  /** whether a body that fails its reader (HTML instead of QuakeML, ...) is fetched again; default true */
  retryBadContent?: boolean;
  clock?: Clock;
  /** an undici dispatcher to use instead of the client's own Agent (the client then does not close it) */
  dispatcher?: Dispatcher;
  /** told about every retry before its wait: for progress lines and logs */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  url: string;
  /** the attempt that failed (1 = the first) */
  attempt: number;
  error: FdsnError;
  waitMs: number;
}

export interface HttpRequest {
  url: string | URL;
  method?: 'GET' | 'POST';
  /** POST body (FDSN bulk selection lines) */
  body?: string;
  /** default text/plain for POST */
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
  /** overrides the client's cap for this request */
  maxResponseBytes?: number;
  /**
   * Ask for a gzip/deflate-encoded body (default true). Off for miniSEED: Steim records shrink
   * only 5-30% more under gzip, while inflating costs the client more CPU than the rest of a
   * small record's handling, and the server more still to deflate.
   */
  compressed?: boolean;
}

/** 204 or 404: the service has nothing matching the request. */
export interface NoData {
  kind: 'nodata';
  status: number;
  url: string;
}

export interface DataResponse<Body> {
  kind: 'data';
  status: number;
  url: string;
  /** Content-Type without parameters, lower case ('' when absent) */
  contentType: string;
  body: Body;
}

/** What `fetch`'s reader sees besides the bytes. */
/** A streamed response: iterate `body`, or call `cancel()` if it will not be read. */
export interface StreamResponse extends DataResponse<AsyncIterable<Uint8Array>> {
  cancel(): void;
}

export interface ResponseMeta {
  url: string;
  status: number;
  contentType: string;
}

interface Exchange {
  status: number;
  contentType: string;
  /** decoded bytes; iterating it to the end (or breaking out) frees the host permit */
  body: AsyncIterable<Uint8Array>;
  /** drops the body unread and frees the permit (for a body that will never be iterated) */
  cancel(): void;
}

interface Budget {
  attempts: number;
}

/** How long before the server's announced keep-alive timeout an idle socket stops being reused. */
export const KEEP_ALIVE_MARGIN_MS = 500;

export class HttpClient {
  readonly userAgent: string;
  private readonly limiter: HostLimiter;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly clock: Clock;
  private readonly retries: number;
  private readonly backoff: BackoffSettings;
  private readonly maxResponseBytes: number;
  readonly headersTimeoutMs: number;
  readonly bodyIdleTimeoutMs: number;
  readonly retryBadContent: boolean;
  private readonly onRetry: ((info: RetryInfo) => void) | undefined;

  constructor(options: HttpClientOptions = {}) {
    this.userAgent = options.userAgent ?? sodUserAgent();
    const perHost = options.maxConcurrentPerHost ?? 4;
    this.limiter = new HostLimiter(perHost, options.perHostConcurrency);
    this.clock = options.clock ?? systemClock;
    this.retries = options.retries ?? DEFAULT_RETRIES;
    if (!(this.retries >= 0)) throw new RangeError(`retries must be 0 or more, got ${options.retries}`);
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.maxResponseBytes = options.maxResponseBytes ?? 2 * 1024 ** 3;
    this.headersTimeoutMs = options.headersTimeoutMs ?? 120_000;
    this.bodyIdleTimeoutMs = options.bodyIdleTimeoutMs ?? 60_000;
    this.retryBadContent = options.retryBadContent ?? true;
    this.onRetry = options.onRetry;
    if (options.dispatcher) {
      this.dispatcher = options.dispatcher;
      this.ownsDispatcher = false;
    } else {
      this.dispatcher = new Agent({
        connect: { timeout: options.connectTimeoutMs ?? 10_000 },
        headersTimeout: this.headersTimeoutMs,
        bodyTimeout: this.bodyIdleTimeoutMs,
        // undici keeps an idle socket for the server's 'Keep-Alive: timeout=N' less this margin,
        // and not at all when that is <= 0: with its 2 s default, a server announcing timeout=1
        // or 2 (Node's http server with a short keepAliveTimeout) got a new connection per request
        keepAliveTimeoutThreshold: KEEP_ALIVE_MARGIN_MS,
        // sockets per origin, no more than the largest per-host cap: a request that comes the
        // moment its permit is freed, before undici has put the finished socket back (a 204
        // answer is the usual case), then waits for that socket instead of opening another
        connections: Math.max(perHost, ...Object.values(options.perHostConcurrency ?? {})),
      });
      this.ownsDispatcher = true;
    }
  }

  /** retries after the first attempt, as configured */
  get retryCount(): number {
    return this.retries;
  }

  /** Closes idle connections; requests still running are allowed to finish. */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  /**
   * The whole body, handed to `read` (a format reader). A reader that throws marks the body as bad
   * content: fetched again while retries last, then an FdsnError naming the URL and the reader's
   * complaint.
   */
  async fetch<T>(req: HttpRequest, read: (body: Uint8Array, meta: ResponseMeta) => T): Promise<NoData | DataResponse<T>> {
    const url = toUrl(req);
    const method = req.method ?? 'GET';
    return this.withRetries(req, url, { attempts: 0 }, async () => {
      const ex = await this.exchange(req, url);
      if ('kind' in ex) return ex;
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of ex.body) {
        chunks.push(chunk);
        size += chunk.length;
      }
      const bytes = concat(chunks, size);
      const meta: ResponseMeta = { url: url.href, status: ex.status, contentType: ex.contentType };
      let value: T;
      try {
        value = read(bytes, meta);
      } catch (e) {
        if (e instanceof FdsnError) throw e;
        throw new FdsnError(`the response is not what was asked for: ${describe(e)}`, {
          kind: 'bad-content',
          url: url.href,
          method,
          status: ex.status,
          bytesReceived: size,
          retryable: this.retryBadContent,
          cause: e,
        });
      }
      return { kind: 'data', status: ex.status, url: url.href, contentType: ex.contentType, body: value };
    });
  }

  /** The whole body as bytes. */
  fetchBytes(req: HttpRequest): Promise<NoData | DataResponse<Uint8Array>> {
    return this.fetch(req, (b) => b);
  }

  /** The whole body as UTF-8 text. */
  fetchText(req: HttpRequest): Promise<NoData | DataResponse<string>> {
    return this.fetch(req, (b) => new TextDecoder('utf-8').decode(b));
  }

  /**
   * The body as it arrives. Failures before the first byte are retried like `fetch`. A retryable
   * failure mid-body (reset, idle timeout) is retried too: the request is sent again, the bytes
   * already delivered are skipped after checking they are the same (SHA-256 of the prefix), and
   * the stream goes on; a server that answers differently the second time gives 'response-changed'.
   * Stop iterating early (break) to abandon the download; the host permit is freed either way.
   */
  async stream(req: HttpRequest): Promise<NoData | StreamResponse> {
    const url = toUrl(req);
    const budget: Budget = { attempts: 0 };
    const first = await this.withRetries(req, url, budget, () => this.exchange(req, url));
    if ('kind' in first) return first;
    return {
      kind: 'data',
      status: first.status,
      url: url.href,
      contentType: first.contentType,
      body: this.resumable(req, url, budget, first),
      cancel: () => first.cancel(),
    };
  }

  private async *resumable(req: HttpRequest, url: URL, budget: Budget, first: Exchange): AsyncGenerator<Uint8Array> {
    const method = req.method ?? 'GET';
    const delivered = createHash('sha256');
    let deliveredBytes = 0;
    let body = first.body;
    for (;;) {
      try {
        for await (const chunk of body) {
          delivered.update(chunk);
          deliveredBytes += chunk.length;
          yield chunk;
        }
        return;
      } catch (e) {
        const err = failureFromError(e, url, method, this, deliveredBytes);
        await this.waitBeforeRetry(err, budget, url, req.signal);
        const again = await this.withRetries(req, url, budget, () => this.exchange(req, url));
        if ('kind' in again) {
          throw new FdsnError(`the download broke after ${deliveredBytes} bytes and asking again gave "no data" (HTTP ${again.status})`, {
            kind: 'response-changed',
            url: url.href,
            method,
            attempts: budget.attempts,
            bytesReceived: deliveredBytes,
          });
        }
        body = skipVerified(again.body, deliveredBytes, delivered.copy().digest('hex'), url.href, method, () => budget.attempts);
      }
    }
  }

  /** Runs `op` until it succeeds, fails for good, or the retry budget is spent. */
  private async withRetries<T>(req: HttpRequest, url: URL, budget: Budget, op: () => Promise<T>): Promise<T> {
    const method = req.method ?? 'GET';
    for (;;) {
      budget.attempts++;
      try {
        return await op();
      } catch (e) {
        const err = failureFromError(e, url, method, this);
        await this.waitBeforeRetry(err, budget, url, req.signal);
      }
    }
  }

  /** Throws the final error if `err` must not or can no longer be retried; otherwise waits. */
  private async waitBeforeRetry(err: FdsnError, budget: Budget, url: URL, signal: AbortSignal | undefined): Promise<void> {
    if (!err.retryable || budget.attempts > this.retries || signal?.aborted) throw err.withAttempts(budget.attempts);
    let waitMs: number;
    if (err.retryAfterMs !== undefined) {
      if (err.retryAfterMs > this.backoff.maxRetryAfterMs) {
        throw new FdsnError(
          `${err.what}; the server asks to wait ${Math.round(err.retryAfterMs / 1000)} s before retrying, longer than the ${Math.round(this.backoff.maxRetryAfterMs / 1000)} s sod waits`,
          { kind: err.kind, url: err.url, method: err.method, status: err.status, attempts: budget.attempts, retryAfterMs: err.retryAfterMs, retryable: false },
        );
      }
      waitMs = err.retryAfterMs;
    } else {
      waitMs = backoffDelay(budget.attempts, this.backoff, this.clock.random);
    }
    this.onRetry?.({ url: url.href, attempt: budget.attempts, error: err, waitMs });
    try {
      await this.clock.sleep(waitMs, signal);
    } catch (e) {
      throw new FdsnError('aborted while waiting to retry', { kind: 'aborted', url: url.href, method: err.method, attempts: budget.attempts, cause: e });
    }
  }

  /** One HTTP exchange: a permit, the request, the status sorted into data / no data / error. */
  private async exchange(req: HttpRequest, url: URL): Promise<Exchange | NoData> {
    const method = req.method ?? 'GET';
    const release = await this.limiter.for(url).acquire(req.signal);
    let res: Dispatcher.ResponseData;
    try {
      const headers: Record<string, string> = {
        'user-agent': this.userAgent,
        'accept-encoding': req.compressed === false ? 'identity' : 'gzip, deflate',
      };
      // a service whose content type differs a little from the one preferred must still answer, not 406
      if (req.accept) headers['accept'] = req.accept.includes('*/*') ? req.accept : `${req.accept}, */*;q=0.1`;
      if (req.body !== undefined) headers['content-type'] = req.contentType ?? 'text/plain';
      res = await undiciRequest(url, {
        method,
        headers,
        body: req.body,
        dispatcher: this.dispatcher,
        headersTimeout: this.headersTimeoutMs,
        bodyTimeout: this.bodyIdleTimeoutMs,
        signal: req.signal,
      });
    } catch (e) {
      release();
      throw failureFromError(e, url, method, this);
    }
    const status = res.statusCode;
    const contentType = headerValue(res.headers['content-type']).split(';')[0]!.trim().toLowerCase();
    try {
      if (NO_DATA_STATUSES.has(status)) {
        await res.body.dump();
        // undici settles a body-less answer (204) before it has put the socket back in its pool;
        // a request sent in that same turn would open a new connection, so let that happen first
        await new Promise<void>((resolve) => setImmediate(resolve));
        // no body will be read: the host permit is free now (not freeing it starved later requests)
        release();
        return { kind: 'nodata', status, url: url.href };
      }
      if (status >= 200 && status < 300) {
        const cap = req.maxResponseBytes ?? this.maxResponseBytes;
        const declared = Number(headerValue(res.headers['content-length']));
        if (headerValue(res.headers['content-encoding']) === '' && declared > cap) {
          res.body.destroy();
          throw tooLarge(url, method, cap, `the server announces ${declared} bytes`);
        }
        const body = res.body;
        return {
          status,
          contentType,
          body: this.decodedBody(res, url, method, cap, release),
          cancel: () => {
            if (!body.destroyed) {
              // undici turns the destroy of an unread body into an AbortError 'error' event; the
              // caller asked for it, so it is not a failure to surface.
              body.on('error', () => {});
              body.destroy();
            }
            release();
          },
        };
      }
      throw await failureFromStatus(res, url, method, this.clock.now());
    } catch (e) {
      release();
      throw e;
    }
  }

  /** Bytes after gzip/deflate decoding, counted against the cap; frees the permit when done. */
  private async *decodedBody(res: Dispatcher.ResponseData, url: URL, method: string, cap: number, release: () => void): AsyncGenerator<Uint8Array> {
    const encoding = headerValue(res.headers['content-encoding']).toLowerCase();
    let source: Readable = res.body;
    if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate') {
      const decoder = encoding === 'deflate' ? createInflate() : createGunzip();
      source = pipeline(res.body, decoder, () => {
        // errors surface through the decoder's iteration below
      });
    }
    let size = 0;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > cap) throw tooLarge(url, method, cap, `more than ${cap} bytes arrived`);
        yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      }
    } catch (e) {
      throw failureFromError(e, url, method, this, size);
    } finally {
      const whole = res.body.readableEnded;
      if (!res.body.destroyed) res.body.destroy();
      if (source !== res.body && !source.destroyed) source.destroy();
      // as for a 204: undici puts the socket back in its pool a turn after the body's end, and a
      // request sent before that would open a new connection
      if (whole) await new Promise<void>((resolve) => setImmediate(resolve));
      release();
    }
  }

}

function toUrl(req: HttpRequest): URL {
  try {
    return req.url instanceof URL ? req.url : new URL(req.url);
  } catch (e) {
    throw new FdsnError(`not a valid URL: ${errorText(e)}`, { kind: 'bad-request', url: String(req.url), method: req.method });
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
