/**
 * The load generator shared by the benchmarks: keep-alive HTTP POSTs from N concurrent loops for a
 * fixed time after a warm-up, reporting p50/p99 latency and throughput.
 */
import http from 'node:http';

export const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
export const WARMUP_MS = 2000;
export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface PostResult {
  body: { data?: unknown; errors?: unknown };
  headers: http.IncomingHttpHeaders;
}

/** POSTs JSON; rejects on a non-200 status or GraphQL errors (a benchmark must not time failures). */
export function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PostResult['body'];
          if (response.statusCode !== 200 || parsed.errors)
            reject(
              new Error(`HTTP ${response.statusCode}: ${JSON.stringify(parsed).slice(0, 300)}`),
            );
          else resolve({ body: parsed, headers: response.headers });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

export interface Stats {
  p50: number;
  p99: number;
  rps: number;
  count: number;
}

/** Runs `once` from `connections` concurrent loops: warm-up, then `durationMs` measured. */
export async function measure(
  connections: number,
  once: () => Promise<unknown>,
  durationMs = DURATION_MS,
): Promise<Stats> {
  const run = async (ms: number, latencies?: number[]) => {
    const until = Date.now() + ms;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (Date.now() < until) {
          const start = process.hrtime.bigint();
          await once();
          latencies?.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
      }),
    );
  };
  await run(WARMUP_MS);
  const latencies: number[] = [];
  const started = Date.now();
  await run(durationMs, latencies);
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pick = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    p50: pick(0.5),
    p99: pick(0.99),
    rps: latencies.length / elapsed,
    count: latencies.length,
  };
}

/** One aligned result line. */
export const line = (label: string, s: Stats) =>
  `${label.padEnd(38)} p50 ${s.p50.toFixed(2).padStart(7)} ms   p99 ${s.p99.toFixed(2).padStart(7)} ms   ${s.rps.toFixed(0).padStart(6)} req/s  (${s.count} requests)`;
