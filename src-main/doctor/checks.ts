/**
 * The checks that reach outside the database: data sources, the LLM endpoint, the clock, versions.
 * Unreachable sources and LLMs are warnings, not failures: Aisle keeps working offline on the last
 * good data and the local engine.
 */
import { lastSyncRun, newestStockSync, sqliteVersion } from './queries';
import fs from 'node:fs';
import type { AppRuntime } from '../app/runtime';
import type { DoctorCheck } from './doctor';
import { resolveApiKey, isLoopbackUrl } from '../settings/secrets';

const TIMEOUT_MS = 3000;

async function probe(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ ok: boolean; status?: number; body?: string; error?: string }> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
    const body = await res.text().catch(() => '');
    return { ok: res.ok, status: res.status, body };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    return {
      ok: false,
      error: err.name === 'TimeoutError' ? `no answer in ${TIMEOUT_MS} ms` : (err.cause?.code ?? err.message),
    };
  }
}

function lastRun(rt: AppRuntime, source: string): string {
  const r = lastSyncRun(rt.adb.sqlite, source);
  return r ? `last run ${r.status}${r.at ? ` at ${r.at}` : ''}` : 'never run';
}

export async function sourceChecks(rt: AppRuntime): Promise<DoctorCheck[]> {
  const out: DoctorCheck[] = [];
  for (const s of rt.config.sources) {
    const name = `source ${s.name}`;
    if (s.type === 'file') {
      if (/^https?:\/\//i.test(s.location)) {
        const r = await probe(s.location);
        out.push(
          r.ok
            ? { name, status: 'ok', message: `${s.location} reachable; ${lastRun(rt, s.name)}` }
            : {
                name,
                status: 'warn',
                message: `${s.location} unreachable (${r.error ?? `HTTP ${r.status}`}); working on the last good data; ${lastRun(rt, s.name)}`,
              },
        );
      } else {
        try {
          fs.accessSync(s.location, fs.constants.R_OK);
          out.push({ name, status: 'ok', message: `${s.location} readable; ${lastRun(rt, s.name)}` });
        } catch (e) {
          out.push({
            name,
            status: 'warn',
            message: `${s.location} cannot be read (${(e as NodeJS.ErrnoException).code}); ${lastRun(rt, s.name)}`,
          });
        }
      }
    } else {
      const token = s.tokenEnv
        ? process.env[s.tokenEnv]
        : s.tokenFile && fs.existsSync(s.tokenFile)
          ? fs.readFileSync(s.tokenFile, 'utf8').trim()
          : undefined;
      const url = new URL('v1/products?limit=1', s.baseUrl.endsWith('/') ? s.baseUrl : s.baseUrl + '/').toString();
      const r = await probe(url, token ? { authorization: `Bearer ${token}` } : {});
      if (r.ok) out.push({ name, status: 'ok', message: `HQ API at ${s.baseUrl} answers; ${lastRun(rt, s.name)}` });
      else if (r.status === 401 || r.status === 403)
        out.push({
          name,
          status: 'warn',
          message: `HQ API at ${s.baseUrl} refused the token (HTTP ${r.status})${token ? '' : '; no token is configured'}; ${lastRun(rt, s.name)}`,
        });
      else
        out.push({
          name,
          status: 'warn',
          message: `HQ API at ${s.baseUrl} unreachable (${r.error ?? `HTTP ${r.status}`}); working on the last good data; ${lastRun(rt, s.name)}`,
        });
    }
  }
  return out;
}

export async function llmChecks(rt: AppRuntime): Promise<DoctorCheck[]> {
  const llm = rt.config.llm;
  if (!llm.enabled) return [{ name: 'llm', status: 'ok', message: 'off: the built-in offline engine answers' }];
  if (!llm.providers.length)
    return [
      { name: 'llm', status: 'warn', message: 'enabled but no provider is configured; the offline engine answers' },
    ];
  const out: DoctorCheck[] = [];
  for (const p of llm.providers) {
    const name = `llm ${p.name}`;
    const key = resolveApiKey(p, { env: process.env, store: rt.secrets });
    if (!isLoopbackUrl(p.baseUrl) && !key.key) {
      out.push({
        name,
        status: 'warn',
        message: `no API key for ${p.baseUrl}${key.problem ? `: ${key.problem}` : ''}`,
      });
      continue;
    }
    const url = p.baseUrl.replace(/\/+$/, '') + '/models';
    const r = await probe(url, key.key ? { authorization: `Bearer ${key.key}` } : {});
    if (!r.ok) {
      out.push({
        name,
        status: 'warn',
        message: `${url} ${r.error ? `unreachable (${r.error})` : `answered HTTP ${r.status}`}; the offline engine will answer`,
      });
      continue;
    }
    let ids: string[] = [];
    try {
      ids = ((JSON.parse(r.body ?? '{}') as { data?: { id: string }[] }).data ?? []).map((m) => m.id);
    } catch {
      out.push({ name, status: 'warn', message: `${url} did not return a model list` });
      continue;
    }
    out.push(
      ids.includes(p.model)
        ? { name, status: 'ok', message: `${p.baseUrl} reachable, model ${p.model} present` }
        : {
            name,
            status: 'warn',
            message: `${p.baseUrl} reachable but model ${p.model} is not offered (offered: ${ids.slice(0, 8).join(', ') || 'none'})`,
          },
    );
  }
  return out;
}

/** The clock matters for "as of" times, 14-day conversion windows and schedules. */
export function clockCheck(rt: AppRuntime): DoctorCheck {
  const now = Date.now();
  if (now < Date.parse('2026-01-01T00:00:00Z'))
    return {
      name: 'clock',
      status: 'fail',
      message: `the system clock says ${new Date(now).toISOString()}, before this version was built`,
    };
  const newest = newestStockSync(rt.adb.sqlite);
  if (newest && Date.parse(newest) > now + 24 * 3600 * 1000)
    return {
      name: 'clock',
      status: 'warn',
      message: `stock was synced at ${newest}, in the future by this clock (${new Date(now).toISOString()})`,
    };
  return { name: 'clock', status: 'ok', message: new Date(now).toISOString() };
}

export function versions(rt: AppRuntime): Record<string, string> {
  const sqlite = sqliteVersion(rt.adb.sqlite);
  const v: Record<string, string> = {
    aisle: rt.version,
    node: process.versions.node,
    sqlite,
    schema: String(rt.adb.schemaVersion),
  };
  if (process.versions.electron) v.electron = process.versions.electron;
  if (process.versions.chrome) v.chrome = process.versions.chrome;
  return v;
}
