/**
 * The sections of the app: one entry per navigation item. A feature adds its page here; the frame
 * builds the navigation, keyboard shortcuts (Alt+1…) and titles from this list.
 */
import type { ComponentType } from 'react';
import {
  IconBuildingStore,
  IconBuildingWarehouse,
  IconMessages,
  IconReportAnalytics,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { CatalogPage } from '../features/catalog/CatalogPage';
import { ConsultPage } from '../features/consult/ConsultPage';
import { CustomersPage } from '../features/customers/CustomersPage';
import { ReviewPage } from '../features/review/ReviewPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { StoreComparisonPage } from '../features/hq/StoreComparisonPage';

export interface Section {
  path: string;
  label: string;
  icon: Icon;
  page: ComponentType;
}

export const SECTIONS: Section[] = [
  { path: '/consult', label: 'Consult', icon: IconMessages, page: ConsultPage },
  { path: '/customers', label: 'Customers', icon: IconUsers, page: CustomersPage },
  { path: '/catalog', label: 'Catalog', icon: IconBuildingStore, page: CatalogPage },
  { path: '/review', label: 'Review', icon: IconReportAnalytics, page: ReviewPage },
  { path: '/settings', label: 'Settings', icon: IconSettings, page: SettingsPage },
];

/** Head office (`aisle hq serve`): managers review consultations and compare stores; nothing else. */
export const HQ_SECTIONS: Section[] = [
  { path: '/review', label: 'Review', icon: IconReportAnalytics, page: ReviewPage },
  { path: '/stores', label: 'Stores', icon: IconBuildingWarehouse, page: StoreComparisonPage },
];

/** Where "#/" lands: the consultation workspace, what an associate opens Aisle for. */
export const HOME_PATH = '/consult';
export const HQ_HOME_PATH = '/review';

export function sectionFor(path: string, sections: Section[] = SECTIONS): Section | undefined {
  return sections.find((s) => path === s.path || path.startsWith(`${s.path}/`));
}
