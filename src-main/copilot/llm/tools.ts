/**
 * The tools a model may call, with strict JSON schemas (every field required, nullable where
 * optional, no extra properties), and their executor. Tool results are the model's only source of
 * product facts; every SKU a result names is recorded so the grounding gate can tell a real
 * suggestion from an invented one. Customer data leaves only as the pseudonymous profile.
 */
import type OpenAI from 'openai';
import type Database from 'better-sqlite3';
import type { LocalEngine, LocalCard } from '../local-engine';
import { money } from '../local-engine';
import type { CustomerProfile, PseudonymousProfile } from '../../customers/profile';
import { fenceText } from './fence';
import { variantCards, type VariantCardRow } from '../../catalog/queries';
import { productDescription, stockOfVariant } from '../queries';

type Tool = OpenAI.Chat.Completions.ChatCompletionTool;

const nullableString = { type: ['string', 'null'] } as const;

export const TOOL_DEFINITIONS: Tool[] = [
  {
    type: 'function',
    function: {
      name: 'search_catalog',
      description: 'Search the store catalog. Returns sellable SKUs with price, size, colour and stock in this store.',
      strict: true,
      parameters: {
        type: 'object',
        additionalProperties: false,
        required: ['query', 'filters', 'limit'],
        properties: {
          query: { type: 'string', description: 'words describing the product, e.g. "waterproof jacket"' },
          filters: {
            type: 'object',
            additionalProperties: false,
            required: ['category', 'brand', 'size', 'colour', 'price_max', 'gender', 'in_stock_here'],
            properties: {
              category: nullableString,
              brand: nullableString,
              size: nullableString,
              colour: nullableString,
              price_max: { type: ['number', 'null'], description: "in the store's currency, major units" },
              gender: { type: ['string', 'null'], enum: ['women', 'men', 'kids', null] },
              in_stock_here: { type: 'boolean' },
            },
          },
          limit: { type: 'integer', minimum: 1, maximum: 10 },
        },
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'get_product',
      description: 'Details of one SKU from the catalog: title, brand, description, price, size, colour, stock here.',
      strict: true,
      parameters: {
        type: 'object',
        additionalProperties: false,
        required: ['sku'],
        properties: { sku: { type: 'string' } },
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'check_inventory',
      description: 'Units of a SKU on hand: in this store, or in every store.',
      strict: true,
      parameters: {
        type: 'object',
        additionalProperties: false,
        required: ['sku', 'scope'],
        properties: { sku: { type: 'string' }, scope: { type: 'string', enum: ['here', 'all'] } },
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'recommend',
      description: 'Personalised suggestions for the customer in this consultation (or a walk-in), with reasons.',
      strict: true,
      parameters: {
        type: 'object',
        additionalProperties: false,
        required: ['customer', 'context_skus', 'constraints', 'k'],
        properties: {
          customer: {
            type: ['string', 'null'],
            description: 'the profile ref from get_customer_profile, or null for a walk-in',
          },
          context_skus: { type: 'array', items: { type: 'string' } },
          constraints: {
            type: 'object',
            additionalProperties: false,
            required: ['category', 'size', 'colour', 'exclude_colours', 'price_max', 'gender'],
            properties: {
              category: nullableString,
              size: nullableString,
              colour: nullableString,
              exclude_colours: { type: 'array', items: { type: 'string' } },
              price_max: { type: ['number', 'null'], description: "in the store's currency, major units" },
              gender: { type: ['string', 'null'], enum: ['women', 'men', 'kids', null] },
            },
          },
          k: { type: 'integer', minimum: 1, maximum: 10 },
        },
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'get_customer_profile',
      description:
        "The customer's sizes, preferred categories, brands and colours, and price band. No personal details.",
      strict: true,
      parameters: {
        type: 'object',
        additionalProperties: false,
        required: ['customer'],
        properties: { customer: { type: 'string' } },
      },
    },
  },
];

export interface ToolContext {
  sqlite: Database.Database;
  engine: LocalEngine;
  storeId: string;
  profile: CustomerProfile | null;
  pseudonymous: PseudonymousProfile | null;
  /** extra fields a loopback model may see when IT allowed it (first name, notes); null otherwise */
  loopbackExtras: Record<string, unknown> | null;
  /** SKUs that tool results named in this consultation: the grounding gate's evidence */
  seenSkus: Set<string>;
}

export interface ToolCallRecord {
  id: string;
  name: string;
  arguments: unknown;
  ok: boolean;
  /** SKUs the result named */
  skus: string[];
  error?: string;
}

interface SkuFacts {
  sku: string;
  title: string;
  brand: string | null;
  category: string | null;
  price: string;
  size: string | null;
  colour: string | null;
  stock_here: number;
}

function facts(c: LocalCard | VariantCardRow): SkuFacts {
  const price = c.price;
  return {
    sku: c.sku,
    title: fenceText(c.title, 120)!,
    brand: fenceText(c.brand, 60),
    category: fenceText(c.category, 60),
    price: money(price, c.currency),
    size: c.size,
    colour: c.color,
    stock_here: c.stockHere,
  };
}

export function executeTool(
  name: string,
  rawArgs: string,
  ctx: ToolContext,
): { content: unknown; record: Omit<ToolCallRecord, 'id'> } {
  let args: Record<string, unknown>;
  try {
    args = JSON.parse(rawArgs || '{}') as Record<string, unknown>;
  } catch {
    return {
      content: { error: 'arguments were not valid JSON' },
      record: { name, arguments: rawArgs, ok: false, skus: [], error: 'bad JSON' },
    };
  }
  const done = (content: unknown, skus: string[]) => {
    for (const s of skus) ctx.seenSkus.add(s);
    return { content, record: { name, arguments: args, ok: true, skus } };
  };
  const fail = (error: string) => ({
    content: { error },
    record: { name, arguments: args, ok: false, skus: [], error },
  });
  const skuRow = (sku: string): VariantCardRow | undefined =>
    variantCards(ctx.sqlite, { store: ctx.storeId, skus: [sku] })[0];

  switch (name) {
    case 'search_catalog':
    case 'recommend': {
      const f = (name === 'search_catalog' ? args.filters : args.constraints) as Record<string, unknown> | undefined;
      const query = name === 'search_catalog' ? String(args.query ?? '') : '';
      // the model's words and filters are read by the same engine as the associate's message: one
      // understanding of sizes, budgets, colours and people for both engines
      const words = [
        f?.category ? String(f.category) : '',
        query,
        f?.brand ? `by ${String(f.brand)}` : '',
        f?.gender === 'kids' ? 'for a child' : f?.gender === 'women' ? 'for her' : f?.gender === 'men' ? 'for him' : '',
        f?.size ? `size ${String(f.size)}` : '',
        f?.colour ? `in ${String(f.colour)}` : '',
        Array.isArray(f?.exclude_colours) && (f.exclude_colours as string[]).length
          ? `not ${(f.exclude_colours as string[]).join(' or ')}`
          : '',
        typeof f?.price_max === 'number'
          ? `up to ${ctx.engine.catalogIndex().currency === 'EUR' ? '€' : ctx.engine.catalogIndex().currency === 'USD' ? '$' : '£'}${f.price_max}`
          : '',
        f?.in_stock_here === false ? 'even if not in stock here' : '',
      ]
        .filter(Boolean)
        .join(', ');
      if (!words.trim()) return done({ results: [], note: 'no product kind recognised; try a category name' }, []);
      const k = Math.min(10, Math.max(1, Number(args.limit ?? args.k ?? 5)));
      const profile = name === 'recommend' && args.customer ? ctx.profile : null;
      const answer = ctx.engine.answer({ message: words, previous: null, profile, storeId: ctx.storeId });
      if (answer.vague && !answer.cards.length)
        return done(
          { results: [], note: 'no product kind recognised; try a category name', questions: answer.questions },
          [],
        );
      const cards = answer.cards.slice(0, k);
      const relaxed = answer.relaxed;
      const results = cards.map((card) => ({
        ...facts(card),
        ...(name === 'recommend' ? { reasons: card.reasons.map((r) => fenceText(r, 160)) } : {}),
      }));
      return done(
        { results, relaxed },
        cards.map((x) => x.sku),
      );
    }
    case 'get_product': {
      const r = skuRow(String(args.sku ?? ''));
      if (!r || !r.sellable) return fail(`no sellable product with SKU ${String(args.sku)}`);
      return done({ ...facts(r), description: fenceText(productDescription(ctx.sqlite, r.productId), 400) }, [r.sku]);
    }
    case 'check_inventory': {
      const r = skuRow(String(args.sku ?? ''));
      if (!r) return fail(`no product with SKU ${String(args.sku)}`);
      const rows = stockOfVariant(ctx.sqlite, r.variantId, args.scope === 'here' ? ctx.storeId : null);
      return done(
        {
          sku: r.sku,
          stock: rows.map((x) => ({
            store: fenceText(x.store, 60),
            here: x.storeId === ctx.storeId,
            quantity: x.quantity,
            as_of: x.asOf,
          })),
        },
        [r.sku],
      );
    }
    case 'get_customer_profile': {
      if (!ctx.pseudonymous) return done({ customer: null, note: 'walk-in customer: no profile' }, []);
      if (!ctx.pseudonymous.consent)
        return done({ ref: ctx.pseudonymous.ref, consent: false, note: 'personalisation withheld' }, []);
      return done({ ...ctx.pseudonymous, ...(ctx.loopbackExtras ?? {}) }, []);
    }
    default:
      return fail(`unknown tool ${name}`);
  }
}
