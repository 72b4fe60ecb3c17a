/**
 * An associate cannot read another associate's consultation, whatever the transport: the HTTP bridge
 * (X-Aisle-Session header) and the Electron IPC adapter (its real `aisle:call` handler, with
 * `electron` replaced by a stand-in that captures it) both resolve the session the same way.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
      ipcHandlers.set(channel, fn),
    removeHandler: (channel: string) => ipcHandlers.delete(channel),
  },
}));

import { registerIpc } from '../../../src-main/electron/ipc';
import { createDispatcher } from '../../../src-main/app/dispatch';
import { createHandlers, createServices } from '../../../src-main/app/services';
import { startBrowserMode } from '../../../src-main/server/serve';
import type { HttpBridge } from '../../../src-main/server/http';
import type { AppRuntime } from '../../../src-main/app/runtime';
import { testRuntime } from '../../support/runtime';
import { loadReviewFixture, PINS } from '../../support/review-fixture';

type Res = { ok: boolean; data?: any; error?: { code: string; message: string } };

describe('consultation access through both adapters', () => {
  let rt: AppRuntime;
  let bridge: HttpBridge;

  const rpc = (name: string, body: unknown, session?: string): Promise<Res> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = {
        host: `127.0.0.1:${bridge.port}`,
        authorization: `Bearer ${bridge.token}`,
        'content-type': 'application/json',
      };
      if (session) headers['x-aisle-session'] = session;
      const req = http.request(
        { host: '127.0.0.1', port: bridge.port, method: 'POST', path: `/rpc/${name}`, headers },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve(JSON.parse(text)));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });

  const ipc = (name: string, input: unknown, session?: string): Promise<Res> =>
    ipcHandlers.get('aisle:call')!(
      { senderFrame: { url: 'app://aisle/index.html' } },
      name,
      input,
      session,
    ) as Promise<Res>;

  beforeAll(async () => {
    rt = testRuntime({ storeId: 'S1' });
    loadReviewFixture(rt);
    bridge = await startBrowserMode(rt, { rendererDir: null });
    registerIpc(rt, createDispatcher(createHandlers(createServices(rt))), () => true);
  });
  afterAll(async () => {
    await bridge.close();
    rt.close();
  });

  const transports = [
    ['HTTP bridge', (n: string, i: unknown, s?: string) => rpc(n, i, s)],
    ['IPC adapter', (n: string, i: unknown, s?: string) => ipc(n, i, s)],
  ] as const;

  for (const [label, call] of transports) {
    describe(label, () => {
      it('an associate reads their own consultation but not a colleague’s', async () => {
        const signIn = await call('auth.signIn', { associateId: 'ana', pin: PINS.ana });
        expect(signIn.ok).toBe(true);
        const ana = signIn.data.sessionToken as string;
        const own = await call('review.replay', { consultationId: 'C1' }, ana);
        expect(own.ok).toBe(true);
        expect(own.data.consultation.associate.id).toBe('ana');
        const other = await call('review.replay', { consultationId: 'C4' }, ana);
        expect(other).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        expect(JSON.stringify(other)).not.toContain('Trail shoes');
        const list = await call('review.list', {}, ana);
        expect(list.data.rows.map((r: { id: string }) => r.id).sort()).toEqual(['C1', 'C2', 'C6']);
        // Asking for ben's consultations by filter gives nothing, not ben's.
        const sneaky = await call('review.list', { associateIds: ['ben'] }, ana);
        expect(sneaky.data.total).toBe(0);
        const kpis = await call('review.kpis', { from: '2025-03-01', to: '2025-03-31', associateIds: ['ben'] }, ana);
        expect(kpis.data.totals.consultations.value).toBe(0);
      });

      it('manager-only calls are refused for an associate and without a session', async () => {
        const ben = (await call('auth.signIn', { associateId: 'ben', pin: PINS.ben })).data.sessionToken as string;
        expect(await call('review.export', { format: 'csv' }, ben)).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' },
        });
        expect(await call('review.addCoachingNote', { consultationId: 'C4', body: 'nice' }, ben)).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' },
        });
        expect(await call('review.replay', { consultationId: 'C4' })).toMatchObject({
          ok: false,
          error: { code: 'UNAUTHENTICATED' },
        });
        expect(await call('review.replay', { consultationId: 'C4' }, 'forged-token')).toMatchObject({
          ok: false,
          error: { code: 'UNAUTHENTICATED' },
        });
      });

      it('a manager reads any consultation of the store, and each read is in the access log', async () => {
        const mia = (await call('auth.signIn', { associateId: 'mia', pin: PINS.mia })).data.sessionToken as string;
        const before = (
          rt.adb.sqlite
            .prepare("SELECT COUNT(*) AS n FROM access_log WHERE associate_id = 'mia' AND consultation_id = 'C4'")
            .get() as { n: number }
        ).n;
        const r = await call('review.replay', { consultationId: 'C4' }, mia);
        expect(r.ok).toBe(true);
        const after = rt.adb.sqlite
          .prepare(
            "SELECT action, at FROM access_log WHERE associate_id = 'mia' AND consultation_id = 'C4' ORDER BY id",
          )
          .all() as { action: string; at: string }[];
        expect(after).toHaveLength(before + 1);
        expect(after[after.length - 1]!.action).toBe('view');
        // Another store's consultation stays invisible even to a manager here.
        expect(await call('review.replay', { consultationId: 'C7' }, mia)).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND' },
        });
      });
    });
  }
});
