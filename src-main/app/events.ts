/** An in-process event bus: services publish, the IPC and HTTP adapters forward to the renderer. */
import type { AppEvent, EventName, EventPayload } from '../contract/events';

export type EventListener = (event: AppEvent) => void;

export class EventBus {
  private listeners = new Set<EventListener>();

  /** `present` shapes every payload for the renderer (the runtime's feed-picture rewrite) */
  constructor(private readonly present: (payload: unknown) => unknown = (p) => p) {}

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    const event = { name, payload: this.present(payload) } as AppEvent;
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // a broken subscriber (closed socket) must not break the publisher
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
