import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Handlers, type CallContext } from '../../../src-main/app/dispatch';
import { createHandlers, createServices } from '../../../src-main/app/services';
import { EventBus } from '../../../src-main/app/events';
import { AppError } from '../../../src-main/contract/errors';
import { testRuntime } from '../../support/runtime';
import { loadCatalogFixture } from '../../support/catalog-fixture';

const ctx = (over: Partial<CallContext> = {}): CallContext => ({
  actor: null,
  transport: 'test',
  events: new EventBus(),
  ...over,
});

describe('the dispatcher', () => {
  const rt = testRuntime({ storeId: 'S1' });
  loadCatalogFixture(rt);
  const handlers = createHandlers(createServices(rt));
  const dispatch = createDispatcher(handlers, { validateOutput: true });

  it('answers a valid call with data that satisfies the contract', async () => {
    const r = await dispatch('catalog.search', { query: 'jacket' }, ctx());
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.data as { total: number }).total).toBe(2);
  });

  it('names the field when the input is invalid, and never calls the handler', async () => {
    const r = await dispatch('catalog.search', { query: 'x', limit: 5000 }, ctx());
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!r.ok) expect(r.error.message).toContain('"limit"');
  });

  it('refuses a call that is not in the contract', async () => {
    const r = await dispatch('db.dropEverything', {}, ctx());
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('passes a service AppError through with its code and message', async () => {
    const r = await dispatch('catalog.product', { productId: 999999 }, ctx());
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Product 999999 is not in the catalog.' },
    });
  });

  it('turns an unexpected error into INTERNAL without leaking its message, and reports it to main', async () => {
    const onInternalError = vi.fn();
    const broken = {
      ...handlers,
      'app.status': () => {
        throw new Error('SQLITE_CORRUPT at /home/secret/path');
      },
    } as Handlers;
    const d = createDispatcher(broken, { onInternalError });
    const r = await d('app.status', {}, ctx());
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!r.ok) expect(r.error.message).not.toContain('secret');
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('catches a handler that breaks its own output contract when output validation is on', async () => {
    const bad = { ...handlers, 'app.status': () => ({ version: 1 }) } as unknown as Handlers;
    const onInternalError = vi.fn();
    const d = createDispatcher(bad, { validateOutput: true, onInternalError });
    const r = await d('app.status', {}, ctx());
    expect(r.ok).toBe(false);
    expect(String(onInternalError.mock.calls[0]![1])).toContain('breaks the contract');
  });

  it('app.status reports the store here, counts and freshness', async () => {
    const r = await dispatch('app.status', {}, ctx());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.data as {
      store: { id: string; name: string };
      counts: { products: number; variants: number };
      catalogSyncedAt: string;
      engine: { active: string };
    };
    expect(s.store).toEqual({ id: 'S1', name: 'Edinburgh' });
    expect(s.counts.products).toBe(6);
    expect(s.counts.variants).toBe(15);
    expect(s.catalogSyncedAt).toBe('2026-11-25T09:14:00.000Z');
    expect(s.engine.active).toBe('local');
  });

  it('AppError keeps code and details for callers', () => {
    const e = new AppError('CONFLICT', 'busy', { runId: 3 });
    expect(e.code).toBe('CONFLICT');
    expect(e.details).toEqual({ runId: 3 });
  });
});
