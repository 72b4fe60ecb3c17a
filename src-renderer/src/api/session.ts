/**
 * Who is signed in at this screen: the opaque session token main hands out at sign-in, sent with every
 * call (HTTP: X-Aisle-Session; IPC: an argument). Held in memory only, on purpose: a reload or a
 * closed window signs the associate out, the safe default on a shared store laptop.
 */
type Listener = () => void;

export class SessionHolder {
  private token: string | null = null;
  private readonly listeners = new Set<Listener>();

  get(): string | null {
    return this.token;
  }
  set(token: string | null): void {
    if (token === this.token) return;
    this.token = token;
    for (const l of [...this.listeners]) l();
  }
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
