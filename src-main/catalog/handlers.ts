/** Contract handlers of the catalog feature. */
import type { AppRuntime } from '../app/runtime';
import type { Handlers } from '../app/dispatch';
import { CatalogService } from './service';

export function catalogHandlers(rt: AppRuntime, catalog = new CatalogService(rt)): Pick<Handlers, 'catalog.search' | 'catalog.product' | 'catalog.searchVariants'> {
  return {
    'catalog.search': (input) => catalog.search(input),
    'catalog.product': (input) => catalog.product(input.productId),
    'catalog.searchVariants': (input) => catalog.searchVariants(input),
  };
}
