/** Contract handlers of the catalog feature. */
import type { AppRuntime } from '../app/runtime';
import type { Handlers } from '../app/dispatch';
import { findVariantByCode } from './queries';
import { CatalogService } from './service';

export function catalogHandlers(rt: AppRuntime, catalog = new CatalogService(rt)): Pick<Handlers, 'catalog.search' | 'catalog.product' | 'catalog.searchVariants' | 'catalog.lookupCode'> {
  return {
    'catalog.search': (input) => catalog.search(input),
    'catalog.product': (input) => catalog.product(input.productId),
    'catalog.searchVariants': (input) => catalog.searchVariants(input),
    'catalog.lookupCode': ({ code }) => {
      const match = findVariantByCode(rt.adb.sqlite, code);
      return { code, match, message: match ? null : `No product with the code ${code} in this store's catalog.` };
    },
  };
}
