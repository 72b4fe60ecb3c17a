/** Contract handlers of the catalog feature. */
import type { AppRuntime } from '../app/runtime';
import type { Handlers } from '../contract/handlers';
import { findVariantByCode } from './queries';
import type { CatalogService } from './service';

type Names = 'catalog.search' | 'catalog.product' | 'catalog.searchVariants' | 'catalog.lookupCode';

export function catalogHandlers(rt: AppRuntime, catalog: CatalogService): Pick<Handlers, Names> {
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
