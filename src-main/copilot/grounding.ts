/**
 * The grounding gate. A model's reply names products as [SKU]; a SKU reaches the screen only if a
 * tool result or the local engine produced it in this consultation AND it is a sellable SKU in the
 * database. Everything on the card (title, price, stock) is then read from the database — never
 * from the model's text. Blocked SKUs are returned so they can be logged (grounded=false).
 */
import { isSellableSku } from './queries';
import type Database from 'better-sqlite3';

export interface GateResult {
  grounded: string[];
  blocked: { sku: string; reason: string }[];
  /** the reply with blocked [SKU] markers replaced */
  content: string;
}

const CITED = /\[([A-Za-z0-9][A-Za-z0-9._\-/]{1,63})\]/g;

export function citedSkus(content: string): string[] {
  const out: string[] = [];
  for (const m of content.matchAll(CITED)) if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

export function groundingGate(sqlite: Database.Database, content: string, allowed: Set<string>): GateResult {
  const grounded: string[] = [];
  const blocked: { sku: string; reason: string }[] = [];
  for (const sku of citedSkus(content)) {
    if (!allowed.has(sku))
      blocked.push({
        sku,
        reason: isSellableSku(sqlite, sku)
          ? 'not produced by a tool result in this consultation'
          : 'not in the catalog',
      });
    else if (!isSellableSku(sqlite, sku)) blocked.push({ sku, reason: 'not sellable (hidden or discontinued)' });
    else grounded.push(sku);
  }
  const bad = new Set(blocked.map((b) => b.sku));
  const cleaned = content.replace(CITED, (m, sku: string) => (bad.has(sku) ? '[not in our catalog]' : m));
  return { grounded, blocked, content: cleaned };
}
