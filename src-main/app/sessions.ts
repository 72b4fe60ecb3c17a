/**
 * Who is working at a screen. A sign-in creates an opaque session token; both adapters send it with
 * every call (HTTP: X-Aisle-Session header; IPC: an argument) and resolve it here to an Actor, so the
 * dispatcher can enforce roles the same way whatever the transport.
 */
import crypto from 'node:crypto';
import type { Actor } from './dispatch';

export class SessionStore {
  private readonly sessions = new Map<string, { actor: Actor; lastSeen: number }>();

  constructor(private readonly idleMs = 12 * 60 * 60 * 1000) {}

  create(actor: Actor): string {
    const token = crypto.randomBytes(24).toString('base64url');
    this.sessions.set(token, { actor, lastSeen: Date.now() });
    return token;
  }

  resolve(token: string | null | undefined): Actor | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    if (Date.now() - s.lastSeen > this.idleMs) {
      this.sessions.delete(token);
      return null;
    }
    s.lastSeen = Date.now();
    return s.actor;
  }

  end(token: string): void {
    this.sessions.delete(token);
  }
}
