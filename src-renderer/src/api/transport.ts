/**
 * How the renderer reaches main. Two implementations behind one interface, chosen once at start-up:
 * IPC when the Electron preload exposed `window.aisle`, HTTP over the loopback bridge otherwise
 * (browser mode, e2e tests). Everything above this file is transport-agnostic.
 */
import type { Result } from '../../../src-main/contract';

export interface RawEvent {
  name: string;
  payload: unknown;
}

/** Whether main is reachable: IPC is always "connected"; HTTP follows its event stream and calls. */
export type BridgeState = 'connecting' | 'connected' | 'unreachable';

export interface Transport {
  readonly kind: 'ipc' | 'http';
  invoke(name: string, input: unknown, sessionToken: string | null): Promise<Result<unknown>>;
  /** Push events from main; returns an unsubscribe function. */
  subscribe(listener: (event: RawEvent) => void): () => void;
  bridgeState(): BridgeState;
  onBridgeState(listener: (state: BridgeState) => void): () => void;
}

/** What src-main/electron/preload.ts exposes. */
export interface PreloadBridge {
  transport: 'ipc';
  invoke(name: string, input: unknown, sessionToken: string | null): Promise<Result<unknown>>;
  on(listener: (event: RawEvent) => void): () => void;
}

declare global {
  interface Window {
    aisle?: PreloadBridge;
  }
}

/** A tiny listener set, so both transports announce events and state the same way. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(fn: (value: T) => void): () => void {
    this.set.add(fn);
    return () => this.set.delete(fn);
  }
  emit(value: T): void {
    for (const fn of [...this.set]) {
      try {
        fn(value);
      } catch (e) {
        // One broken listener must not silence the others; surface it for developers.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }
  get size(): number {
    return this.set.size;
  }
}
