/**
 * The frame around every section: header (store, status), navigation (collapsible to icons to give
 * the consultation room at 1280 px), and the page. Alt+1…5 switch sections; a skip link leads to content.
 * Served by head office (status mode "hq"), the frame shows only Review and Stores, and asks for a
 * manager's HQ sign-in before any page.
 */
import { useEffect } from 'react';
import { ActionIcon, AppShell, Box, Group, Kbd, NavLink, Stack, Text, Tooltip } from '@mantine/core';
import { useHotkeys, useLocalStorage } from '@mantine/hooks';
import { IconLayoutSidebarLeftCollapse, IconLayoutSidebarLeftExpand } from '@tabler/icons-react';
import { useCall } from '../api';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { navigate, useRoute, buildHash } from './router';
import { HOME_PATH, HQ_HOME_PATH, HQ_SECTIONS, SECTIONS, sectionFor } from './routes';
import { StatusBadges } from './StatusBadges';
import { setStoreLocale } from '../lib/format';
import { WhoIsWorking } from '../features/auth/WhoIsWorking';
import { HqManagerChip } from '../features/hq/HqManagerChip';
import { HqSignIn } from '../features/hq/HqSignIn';
import { CameraScanButton } from '../features/scan/CameraScan';
import classes from './AppFrame.module.css';

export function AppFrame() {
  const route = useRoute();
  const [collapsed, setCollapsed] = useLocalStorage({ key: 'aisle.nav.collapsed', defaultValue: false });
  const status = useCall('app.status', {}, { refetchInterval: 5 * 60_000 });
  const isHq = status.data?.mode === 'hq';
  const who = useCall('auth.whoami', {}, { enabled: isHq });
  const sections = isHq ? HQ_SECTIONS : SECTIONS;
  const section = sectionFor(route.path, sections);
  const hqSignedOut = isHq && who.isSuccess && !who.data.actor;

  useEffect(() => {
    // wait for the status: until then it is not known whether this is a store laptop or head office
    const known = status.data !== undefined || status.isError;
    if (!section && known) navigate(buildHash(isHq ? HQ_HOME_PATH : HOME_PATH), { replace: true });
  }, [section, status.data, status.isError, isHq]);
  useEffect(() => {
    document.title = section ? `${section.label} · Aisle` : 'Aisle';
  }, [section]);

  // Alt+digit types nothing, so it works from inside the search box too (no ignored tags).
  useHotkeys(
    sections.map((s, i) => [`alt+${i + 1}`, () => navigate(buildHash(s.path))]),
    [],
  );

  // prices, numbers and dates follow the store's locale; set before the page renders, and the page is
  // keyed on it so a change (first status answer, or IT's new setting) redraws every figure
  const locale = setStoreLocale(status.data?.locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const Page = section?.page;
  const storeName = status.data?.store.name;

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: collapsed ? 76 : 224, breakpoint: 0 }} padding={0}>
      <a
        href="#main-content"
        className={classes.skip}
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        Skip to content
      </a>
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="lg" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <img src="./favicon.svg" alt="" width={32} height={32} />
            <Text fw={700} fz={20} c="dark.8">
              {isHq ? 'Aisle HQ' : 'Aisle'}
            </Text>
            {storeName && (
              <>
                <Box className={classes.divider} />
                <Text fz="md" fw={500} c="dark.5" truncate="end" data-testid="store-name">
                  {storeName}
                </Text>
              </>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            {isHq ? (
              <HqManagerChip />
            ) : (
              <>
                <StatusBadges status={status.data} />
                <CameraScanButton />
                <WhoIsWorking />
              </>
            )}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar className={classes.navbar} aria-label="Sections">
        <Stack gap={4} p="sm" style={{ flex: 1 }}>
          {sections.map((s, i) => {
            const active = s === section;
            const Icon = s.icon;
            const link = (
              <NavLink
                key={s.path}
                href={buildHash(s.path)}
                label={collapsed ? undefined : s.label}
                // the visible label is the name (axe: label-content-name-mismatch); the shortcut is announced via aria-keyshortcuts
                aria-label={collapsed ? s.label : undefined}
                aria-keyshortcuts={`Alt+${i + 1}`}
                leftSection={<Icon size={22} stroke={1.7} aria-hidden />}
                rightSection={
                  collapsed ? undefined : <Kbd size="xs" className={classes.kbd} aria-hidden>{`Alt ${i + 1}`}</Kbd>
                }
                active={active}
                aria-current={active ? 'page' : undefined}
                variant="light"
                className={classes.navLink}
                data-collapsed={collapsed || undefined}
              />
            );
            return collapsed ? (
              <Tooltip key={s.path} label={`${s.label} · Alt+${i + 1}`} position="right">
                {link}
              </Tooltip>
            ) : (
              link
            );
          })}
        </Stack>
        <Box p="sm" className={classes.navFooter}>
          <Tooltip label={collapsed ? 'Show labels' : 'Hide labels'} position="right">
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              onClick={() => setCollapsed(!collapsed)}
              aria-label={collapsed ? 'Expand navigation' : 'Collapse navigation'}
            >
              {collapsed ? <IconLayoutSidebarLeftExpand size={20} /> : <IconLayoutSidebarLeftCollapse size={20} />}
            </ActionIcon>
          </Tooltip>
          {!collapsed && status.data && (
            <Text size="xs" c="gray.7">
              v{status.data.version}
            </Text>
          )}
        </Box>
      </AppShell.Navbar>

      <AppShell.Main className={classes.main}>
        <Box id="main-content" tabIndex={-1} className={classes.content} component="main">
          <ErrorBoundary resetKey={route.path}>
            {hqSignedOut ? <HqSignIn /> : Page ? <Page key={locale} /> : null}
          </ErrorBoundary>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
