/**
 * Consultation export: CSV (one row per consultation, the KPI fields) or JSONL (one consultation
 * per line with its full transcript). Customer contact details (email, phone, name) stay out unless
 * privacy.exportContactDetails is on; then they are added as columns. With it off, e-mail addresses
 * and phone numbers typed into messages are masked too. Each export is recorded in access_log.
 */
import type { Sqlite } from '../db/statements';
import type { AppRuntime } from '../app/runtime';
import type { ViewScope } from '../auth/scope';
import { associateLabel, outcomeLabel, type ConsultationFilter } from '../contract/review';
import { storeTimeZone } from './consultation-filter';
import { recordAccess } from './access-log';
import { coachingNoteCount, exportMessages, exportRows, exportSuggestions } from './queries';

export const CSV_COLUMNS = [
  'consultation_id',
  'store_id',
  'associate_id',
  'associate_name',
  'customer_external_id',
  'walk_in',
  'started_at',
  'ended_at',
  'duration_sec',
  'outcome',
  'outcome_label',
  'basket_value_minor',
  'basket_units',
  'currency',
  'satisfaction',
  'turns',
  'replies',
  'suggestions_shown',
  'suggestions_accepted',
  'suggestions_bought',
  'suggestions_blocked',
  'engine_local_replies',
  'engine_llm_replies',
  'fallbacks',
  'stopped_replies',
  'first_suggestion_ms_median',
  'full_reply_ms_median',
  'coaching_notes',
  'transcript_purged',
] as const;
const CONTACT_COLUMNS = ['customer_name', 'customer_email', 'customer_phone'] as const;

/** RFC 4180 quoting, plus a leading apostrophe for cells a spreadsheet would run as a formula. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
  // Digits-only values (numbers, "+44 7700 900123") cannot call functions, so they stay as they are.
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?[\d ()./-]+$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const PHONE = /\+?\d[\d ()-]{7,}\d/g;
export function maskContacts(text: string, known: string[] = []): string {
  let out = text;
  for (const k of known) if (k && k.length >= 5) out = out.split(k).join('[contact removed]');
  return out.replace(EMAIL, '[email removed]').replace(PHONE, '[phone removed]');
}

/** Masks strings anywhere inside a parsed JSON value (numbers are left alone). */
export function maskDeep(v: unknown, known: string[]): unknown {
  if (typeof v === 'string') return maskContacts(v, known);
  if (Array.isArray(v)) return v.map((x) => maskDeep(x, known));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskDeep(x, known)]));
  return v;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(0.5 * s.length) - 1)]!;
}

export interface ExportResult {
  filename: string;
  mimeType: string;
  content: string;
  rows: number;
  contactDetailsIncluded: boolean;
}

export class ExportService {
  private readonly sqlite: Sqlite;
  constructor(private readonly rt: AppRuntime) {
    this.sqlite = rt.adb.sqlite;
  }

  export(filter: ConsultationFilter & { format: 'csv' | 'jsonl' }, scope: ViewScope, now = new Date()): ExportResult {
    const { format, ...f } = filter;
    const contacts = this.rt.config.privacy.exportContactDetails;
    const rows = exportRows(this.sqlite, {
      filter: f,
      scope,
      timeZone: storeTimeZone(this.rt.adb.sqlite, scope.storeId),
    });

    const lines: string[] = [];
    if (format === 'csv') lines.push([...CSV_COLUMNS, ...(contacts ? CONTACT_COLUMNS : [])].join(','));
    for (const r of rows) {
      const messages = exportMessages(this.sqlite, r.id);
      const suggestions = exportSuggestions(this.sqlite, r.id);
      const replies = messages.filter((m) => m.role === 'assistant');
      const turns = new Set(messages.map((m) => m.turn)).size;
      const shown = suggestions.filter((s) => s.shown && s.grounded);
      const known = [r.customerEmail ?? '', r.customerPhone ?? ''];
      if (format === 'csv') {
        const durationSec = r.endedAt
          ? Math.max(0, Math.round((Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000))
          : null;
        const cells: unknown[] = [
          r.id,
          r.storeId,
          r.associateId,
          associateLabel(r.associateId, r.associateName),
          r.customerExternalId,
          r.customerId === null,
          r.startedAt,
          r.endedAt,
          durationSec,
          r.outcome,
          outcomeLabel(r.outcome),
          r.basketValue,
          r.basketUnits,
          r.currency,
          r.satisfaction,
          turns,
          replies.length,
          shown.length,
          shown.filter((s) => s.shortlisted || s.bought).length,
          shown.filter((s) => s.bought).length,
          suggestions.filter((s) => !s.grounded).length,
          replies.filter((m) => m.engine === 'local').length,
          replies.filter((m) => m.engine === 'llm').length,
          replies.filter((m) => m.fallback !== null).length,
          replies.filter((m) => m.status === 'stopped').length,
          median(replies.map((m) => m.firstSuggestionMs).filter((x): x is number => typeof x === 'number')),
          median(
            replies
              .filter((m) => m.status === 'complete')
              .map((m) => m.fullReplyMs)
              .filter((x): x is number => typeof x === 'number'),
          ),
          coachingNoteCount(this.sqlite, r.id),
          r.transcriptPurgedAt !== null,
        ];
        if (contacts) cells.push(r.customerName || null, r.customerEmail, r.customerPhone);
        lines.push(cells.map(csvCell).join(','));
      } else {
        const text = (s: unknown) => (typeof s === 'string' ? (contacts ? s : maskContacts(s, known)) : s);
        const parse = (v: unknown): unknown => {
          if (typeof v !== 'string') return v;
          try {
            return JSON.parse(v);
          } catch {
            return v;
          }
        };
        const doc = {
          id: r.id,
          storeId: r.storeId,
          associate: { id: r.associateId, name: associateLabel(r.associateId, r.associateName) },
          customer:
            r.customerId === null
              ? null
              : {
                  externalId: r.customerExternalId,
                  ...(contacts ? { name: r.customerName, email: r.customerEmail, phone: r.customerPhone } : {}),
                },
          startedAt: r.startedAt,
          endedAt: r.endedAt,
          outcome: r.outcome,
          outcomeLabel: outcomeLabel(r.outcome),
          basket: { value: r.basketValue, units: r.basketUnits, currency: r.currency },
          satisfaction: r.satisfaction,
          transcriptPurgedAt: r.transcriptPurgedAt,
          customerContext:
            r.customerContext === null
              ? null
              : contacts
                ? parse(r.customerContext)
                : maskDeep(parse(r.customerContext), known),
          notes: text(r.notes),
          messages: messages.map((m) => ({
            ...m,
            content: text(m.content),
            constraints: parse(m.constraints),
            goodExample: !!m.goodExample,
          })),
          suggestions: suggestions.map((s) => ({
            ...s,
            reasons: parse(s.reasons),
            rejectReason: text(s.rejectReason),
            grounded: !!s.grounded,
            shown: !!s.shown,
            liked: !!s.liked,
            rejected: !!s.rejected,
            shortlisted: !!s.shortlisted,
            bought: !!s.bought,
          })),
        };
        lines.push(JSON.stringify(doc));
      }
    }
    const stamp = now.toISOString().slice(0, 10);
    const range = `${f.from ?? 'start'}_to_${f.to ?? stamp}`;
    const filename = `aisle-consultations-${scope.storeId}-${range}.${format}`;
    recordAccess(this.sqlite, {
      viewerId: scope.viewerId,
      action: 'export',
      detail: { format, filter: f, rows: rows.length, contactDetails: contacts },
    });
    return {
      filename,
      mimeType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      content: lines.length ? lines.join('\n') + '\n' : '',
      rows: rows.length,
      contactDetailsIncluded: contacts,
    };
  }
}
