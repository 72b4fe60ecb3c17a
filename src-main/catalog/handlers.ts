/** Contract handlers of the catalog feature. */
import type { Handlers } from '../contract/handlers';
import type { CatalogService } from './service';

export function catalogHandlers(catalog: CatalogService): Pick<Handlers, 'catalog.search' | 'catalog.product' | 'catalog.searchVariants'> {
  return {
    'catalog.search': (input) => catalog.search(input),
    'catalog.product': (input) => catalog.product(input.productId),
    'catalog.searchVariants': (input) => catalog.searchVariants(input),
  };
}
