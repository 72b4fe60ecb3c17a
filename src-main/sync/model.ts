/**
 * What a parser hands to the merge: plain records keyed the way the database is keyed
 * (products by externalId, variants by SKU, customers and orders by externalId). Parsers never
 * touch the database; the merge never reads files. That split is what makes one import one
 * transaction.
 */

import { BoundedRejects, DEFAULT_INPUT_LIMITS, type InputLimits } from '../shared/input-limits';
import { slug } from './values';

export interface Reject {
  line: number;
  field: string;
  message: string;
}

export interface StagedProduct {
  externalId: string;
  title: string;
  brand: string | null;
  category: string | null;
  categoryPath: string | null;
  gender: string | null;
  tags: string;
  descriptionHtml: string | null;
  descriptionText: string | null;
  searchText: string;
  imageUrl: string | null;
  status: string;
  attributes: Record<string, unknown> | null;
  line: number;
  /** made up from an inventory row: inserted when missing, never overwrites a real product */
  placeholder?: boolean;
}

export interface StagedVariant {
  sku: string;
  productExternalId: string;
  title: string | null;
  size: string | null;
  color: string | null;
  material: string | null;
  options: Record<string, string> | null;
  price: number;
  salePrice: number | null;
  currency: string;
  gtin: string | null;
  availability: string | null;
  imageUrl: string | null;
  status: string;
  line: number;
  placeholder?: boolean;
}

export interface StagedStore {
  id: string;
  name: string;
}

export interface StagedInventory {
  /** resolved to a variant by SKU at merge time */
  sku: string;
  storeId: string;
  quantity: number;
  line: number;
}

export interface StagedCustomer {
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  country: string | null;
  acceptsEmail: boolean;
  acceptsSms: boolean;
  tags: string;
  note: string | null;
  line: number;
  /** made up from an order's e-mail: only inserted when no customer has that e-mail yet */
  fromOrder?: boolean;
}

export interface StagedOrderLine {
  sku: string | null;
  title: string | null;
  quantity: number;
  unitPrice: number;
}

export interface StagedOrder {
  externalId: string;
  /** resolved at merge time: by externalId, else by email */
  customerExternalId: string | null;
  customerEmail: string | null;
  storeId: string | null;
  placedAt: string;
  currency: string;
  subtotal: number | null;
  total: number;
  status: string | null;
  lines: StagedOrderLine[];
  line: number;
}

export interface Staged {
  products: Map<string, StagedProduct>;
  variants: Map<string, StagedVariant>;
  stores: Map<string, StagedStore>;
  inventory: StagedInventory[];
  customers: Map<string, StagedCustomer>;
  orders: Map<string, StagedOrder>;
  /**
   * Full-snapshot feeds (GMC): products/variants of this source absent from the file are
   * discontinued. Upsert formats (Shopify exports, which can be filtered) leave others alone.
   */
  snapshot: boolean;
  /** inventory rows may name variants the catalog does not have yet: create hidden placeholders */
  placeholderVariants: boolean;
  rejected: Reject[];
  warnings: string[];
  /** extra figures a format wants in the report (e.g. UCI cleaning counts) */
  extra: Record<string, unknown>;
  /** data rows read (for "no data rows") */
  dataRows: number;
}

/**
 * A Shopify location named in a file becomes a store whose id is the slug of its name, so the
 * inventory and the orders exports of the same shop land on the same store. Returns the store id.
 */
export function stageStore(staged: Staged, locationName: string): string {
  const id = slug(locationName);
  if (!staged.stores.has(id)) staged.stores.set(id, { id, name: locationName });
  return id;
}

/** `limits` bounds the reject list (maxRejectedRows); the HQ client, which pages, passes none. */
export function emptyStaged(limits?: InputLimits): Staged {
  return {
    products: new Map(),
    variants: new Map(),
    stores: new Map(),
    inventory: [],
    customers: new Map(),
    orders: new Map(),
    snapshot: false,
    placeholderVariants: false,
    rejected: BoundedRejects.bounded<Reject>(limits?.maxRejectedRows ?? DEFAULT_INPUT_LIMITS.maxRejectedRows),
    warnings: [],
    extra: {},
    dataRows: 0,
  };
}

export interface ParseOptions {
  encoding?: string;
  /** currency for prices that carry none */
  defaultCurrency: string;
  signal?: AbortSignal;
  onProgress?: (done: number) => void;
  /** bounds on bytes, lines, cells and columns (shared/input-limits.ts); defaults when absent */
  limits?: InputLimits;
}

export type FormatParser = (file: string, opts: ParseOptions) => Promise<Staged>;
