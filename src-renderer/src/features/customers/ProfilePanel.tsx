/**
 * Everything Aisle knows about one customer, for the associate's eyes: who they are, what they
 * bought (by order, newest first), their sizes and tastes with the evidence behind each (which the
 * associate confirms or corrects — stored and queued for HQ), consent, and notes. In customer view,
 * spend, contact details and notes are not rendered at all (not merely hidden by CSS).
 */
import { useState, type ReactNode } from 'react';
import {
  Alert,
  Avatar,
  Badge,
  Box,
  Button,
  Group,
  Image,
  Paper,
  Popover,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCheck,
  IconLock,
  IconMail,
  IconMessageCircle,
  IconPencil,
  IconPhone,
  IconShieldCheck,
  IconShieldOff,
  IconArrowBackUp,
} from '@tabler/icons-react';
import { LOOKUP_ONLY_NOTE, type CustomerProfileView } from '../../../../src-main/contract';
import { formatMoney } from '../../lib/format';
import { useCall, useMutate } from '../../api';
import { useCustomerFacing } from '../../components/CustomerFacing';
import { ErrorNotice } from '../../components/ErrorNotice';
import { fullTime, timeAgo } from '../../lib/time';
import { groupPreferences, initials, preferenceKey, preferenceLabel, type PreferenceView } from './customer-logic';
import classes from './Customers.module.css';

function Section({
  title,
  children,
  aside,
  testId,
}: {
  title: string;
  children: ReactNode;
  aside?: ReactNode;
  testId?: string;
}) {
  const id = `section-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <Paper
      withBorder
      radius="lg"
      p="md"
      className={classes.section}
      component="section"
      aria-labelledby={id}
      data-testid={testId}
    >
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={3} fz="lg" id={id}>
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Paper>
  );
}

function Stat({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <Box className={classes.stat} data-testid={testId}>
      <Text size="xs" c="dark.4" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text fz={18} fw={700} className="tabular" style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </Box>
  );
}

function ConsentBadge({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return (
    <Badge
      size="lg"
      variant="light"
      color={ok ? 'teal' : 'gray'}
      tt="none"
      fw={500}
      leftSection={ok ? <IconCheck size={14} /> : <IconLock size={14} />}
    >
      {ok ? yes : no}
    </Badge>
  );
}

function PreferenceRow({ customerId, pref, canEdit }: { customerId: number; pref: PreferenceView; canEdit: boolean }) {
  const confirm = useMutate('customers.confirmPreference');
  const remove = useMutate('customers.removePreference');
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(pref.value);
  const label = preferenceLabel(pref);
  const confirmed = pref.origin === 'confirmed';
  const save = (v: string) =>
    confirm.mutate(
      { customerId, kind: pref.kind, scope: pref.scope, value: v },
      {
        onSuccess: (r) => {
          setEditing(false);
          notifications.show({
            color: 'teal',
            title: `${label}: ${v} confirmed`,
            message: r.queuedUpstream ? 'Saved here and queued to go back to head office.' : 'Saved on this laptop.',
          });
        },
      },
    );
  return (
    <Group
      className={classes.prefRow}
      wrap="nowrap"
      justify="space-between"
      gap="sm"
      data-testid="preference"
      data-kind={pref.kind}
      data-scope={pref.scope}
    >
      <Box style={{ minWidth: 0, flex: 1 }}>
        <Text size="sm" c="dark.4">
          {label}
        </Text>
        <Group gap={8} wrap="nowrap">
          <Text fz="lg" fw={700} data-testid="preference-value">
            {pref.value}
          </Text>
          {confirmed ? (
            <Badge
              color="teal"
              variant="light"
              tt="none"
              leftSection={<IconShieldCheck size={13} />}
              data-testid="preference-origin"
            >
              Confirmed
            </Badge>
          ) : (
            <Badge color="gray" variant="outline" tt="none" fw={500} data-testid="preference-origin">
              From purchases
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dark.4">
          {pref.evidence}
        </Text>
        {(confirm.error || remove.error) && <ErrorNotice error={confirm.error ?? remove.error} />}
      </Box>
      {canEdit && (
        <Group gap={6} wrap="nowrap" style={{ flex: 'none' }}>
          {!confirmed && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconCheck size={14} />}
              loading={confirm.isPending && !editing}
              onClick={() => save(pref.value)}
              aria-label={`Confirm ${label}: ${pref.value}`}
            >
              Confirm
            </Button>
          )}
          <Popover opened={editing} onChange={setEditing} trapFocus position="bottom-end" withArrow shadow="md">
            <Popover.Target>
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                leftSection={<IconPencil size={14} />}
                onClick={() => {
                  setValue(pref.value);
                  setEditing((o) => !o);
                }}
                aria-label={`Correct ${label}`}
              >
                Correct
              </Button>
            </Popover.Target>
            <Popover.Dropdown>
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  if (value.trim()) save(value.trim());
                }}
              >
                <Stack gap="xs" w={220}>
                  <TextInput
                    label={`${label} — what it really is`}
                    value={value}
                    onChange={(e) => setValue(e.currentTarget.value)}
                    data-autofocus
                    maxLength={80}
                  />
                  <Group justify="flex-end" gap="xs">
                    <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                      Cancel
                    </Button>
                    <Button size="xs" type="submit" loading={confirm.isPending}>
                      Save
                    </Button>
                  </Group>
                </Stack>
              </form>
            </Popover.Dropdown>
          </Popover>
          {confirmed && (
            <Tooltip label="Forget the confirmation and go back to what purchases suggest">
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                leftSection={<IconArrowBackUp size={14} />}
                loading={remove.isPending}
                onClick={() => remove.mutate({ customerId, kind: pref.kind, scope: pref.scope })}
                aria-label={`Undo confirmation of ${label}`}
              >
                Undo
              </Button>
            </Tooltip>
          )}
        </Group>
      )}
    </Group>
  );
}

function Notes({ customerId, notes }: { customerId: number; notes: CustomerProfileView['notes'] }) {
  const add = useMutate('customers.addNote');
  const [body, setBody] = useState('');
  return (
    <Section title="Notes" testId="customer-notes">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!body.trim()) return;
          add.mutate(
            { customerId, body: body.trim() },
            {
              onSuccess: (r) => {
                setBody('');
                notifications.show({
                  color: 'teal',
                  title: 'Note saved',
                  message: r.queuedUpstream ? 'Queued to go back to head office.' : 'Saved on this laptop.',
                });
              },
            },
          );
        }}
      >
        <Group align="flex-end" gap="xs" wrap="nowrap" mb="sm">
          <Textarea
            label="Add a note"
            description="Visible to colleagues; not sent to any language model."
            placeholder="e.g. Walking the West Highland Way in May"
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={1}
            maxRows={4}
            maxLength={2000}
            style={{ flex: 1 }}
          />
          <Button type="submit" variant="light" loading={add.isPending} disabled={!body.trim()}>
            Save note
          </Button>
        </Group>
      </form>
      {add.error && <ErrorNotice error={add.error} what="saving the note" />}
      {notes.length === 0 ? (
        <Text size="sm" c="dark.4">
          No notes yet.
        </Text>
      ) : (
        <Stack gap="xs" component="ul" className={classes.resultList}>
          {notes.map((n, i) => (
            <Box component="li" key={n.id ?? `imported-${i}`} data-testid="customer-note">
              <Text size="md" style={{ whiteSpace: 'pre-wrap' }}>
                {n.body}
              </Text>
              <Text size="xs" c="dark.3">
                {[n.author ?? (n.id === null ? 'Imported' : null), n.createdAt ? fullTime(n.createdAt) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Box>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function Orders({ orders, showSpend }: { orders: CustomerProfileView['orders']; showSpend: boolean }) {
  const [all, setAll] = useState(false);
  const shown = all ? orders : orders.slice(0, 4);
  return (
    <Section
      title="Purchase history"
      aside={
        <Text size="sm" c="dark.4">
          {orders.length} {orders.length === 1 ? 'order' : 'orders'}, newest first
        </Text>
      }
      testId="purchase-history"
    >
      {orders.length === 0 && (
        <Text size="sm" c="dark.4">
          No purchases on record.
        </Text>
      )}
      <Stack gap="md">
        {shown.map((o) => (
          <Box key={o.orderId} data-testid="order">
            <Group justify="space-between" wrap="nowrap" mb={6}>
              <Text fw={600} size="sm">
                <time dateTime={o.placedAt}>
                  {new Date(o.placedAt).toLocaleDateString('en-GB', {
                    day: 'numeric',
                    month: 'short',
                    year: 'numeric',
                  })}
                </time>
                <Text span c="dark.4" fw={400}>
                  {' '}
                  · {o.storeName ?? 'Online'} · {o.externalId}
                </Text>
              </Text>
              {showSpend && o.total !== null && (
                <Text fw={700} size="sm" className="tabular" data-testid="order-total">
                  {formatMoney(o.total, o.currency)}
                </Text>
              )}
            </Group>
            <Stack gap={6}>
              {o.lines.map((l, i) => (
                <Group key={`${l.sku ?? l.title}-${i}`} gap="sm" wrap="nowrap">
                  <Box className={classes.orderLineImage}>
                    {l.imageUrl && <Image src={l.imageUrl} alt="" w={48} h={48} fit="cover" />}
                  </Box>
                  <Box style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" fw={500} truncate="end">
                      {l.title}
                    </Text>
                    <Text size="xs" c="dark.4">
                      {[l.size && `Size ${l.size}`, l.color, l.quantity > 1 ? `× ${l.quantity}` : null]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </Box>
                </Group>
              ))}
            </Stack>
          </Box>
        ))}
      </Stack>
      {orders.length > 4 && (
        <Button variant="subtle" size="xs" mt="sm" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${orders.length} orders`}
        </Button>
      )}
    </Section>
  );
}

export function ProfileView({ profile, actions }: { profile: CustomerProfileView; actions?: ReactNode }) {
  const [customerFacing] = useCustomerFacing();
  const c = profile.customer;
  const s = profile.stats;
  const { sizes, tastes } = groupPreferences(profile.preferences);
  const canEdit = !customerFacing;
  return (
    <Stack gap="md" data-testid="customer-profile">
      <Paper withBorder radius="lg" p="md" className={classes.section}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="md" wrap="nowrap" miw={0}>
            <Avatar radius="xl" size={56} color="aisle" aria-hidden>
              {initials(c.name)}
            </Avatar>
            <Box miw={0}>
              <Title order={2} fz={24} data-testid="customer-name">
                {c.name}
              </Title>
              <Text size="sm" c="dark.4">
                {[c.loyaltyId ? `Loyalty ${c.loyaltyId}` : 'No loyalty card', c.city, `Customer ${c.externalId}`]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              {!customerFacing && (c.email || c.phone) && (
                <Group gap="md" mt={4} data-testid="customer-contacts">
                  {c.email && (
                    <Group gap={4} wrap="nowrap">
                      <IconMail size={15} aria-hidden />
                      <Text size="sm">{c.email}</Text>
                    </Group>
                  )}
                  {c.phone && (
                    <Group gap={4} wrap="nowrap">
                      <IconPhone size={15} aria-hidden />
                      <Text size="sm">{c.phone}</Text>
                    </Group>
                  )}
                </Group>
              )}
              {/* tags are the store's own labels ("VIP"): never on the customer's side of the screen */}
              {!customerFacing && c.tags.length > 0 && (
                <Group gap={6} mt={6}>
                  {c.tags.map((t) => (
                    <Badge key={t} variant="outline" color="gray" tt="none" fw={500}>
                      {t}
                    </Badge>
                  ))}
                </Group>
              )}
            </Box>
          </Group>
          <Box style={{ flex: 'none' }}>{actions}</Box>
        </Group>
        <SimpleGrid cols={{ base: 2, lg: customerFacing ? 2 : 4 }} spacing="sm" mt="md">
          <Stat label="Orders" value={s.orderCount} testId="order-count" />
          {!customerFacing && s.lifetimeSpend !== null && (
            <Stat label="Lifetime spend" value={formatMoney(s.lifetimeSpend, s.currency)} testId="lifetime-spend" />
          )}
          {!customerFacing && s.averageOrder !== null && (
            <Stat label="Average order" value={s.orderCount ? formatMoney(s.averageOrder, s.currency) : '—'} />
          )}
          <Stat label="Last order" value={s.lastOrderAt ? timeAgo(s.lastOrderAt) : 'never'} />
        </SimpleGrid>
        <Group gap="xs" mt="md" role="group" aria-label="Consent">
          <ConsentBadge ok={c.consentPersonalization} yes="Personalised suggestions OK" no="No personalisation" />
          {!customerFacing && <ConsentBadge ok={c.acceptsEmail} yes="Email OK" no="No email marketing" />}
          {!customerFacing && <ConsentBadge ok={c.acceptsSms} yes="SMS OK" no="No SMS" />}
        </Group>
        {profile.lookupOnly && !customerFacing && (
          <Alert
            mt="md"
            color="gray"
            variant="light"
            icon={<IconLock size={20} />}
            title="Look-up mode"
            data-testid="lookup-only"
          >
            {LOOKUP_ONLY_NOTE} Sizes, tastes and purchases are here to help with advice.
          </Alert>
        )}
        {!profile.personalization.allowed && (
          <Alert
            mt="md"
            color="yellow"
            variant="light"
            icon={<IconShieldOff size={20} />}
            title="No personalisation for this customer"
            data-testid="no-personalisation"
          >
            {profile.personalization.message}
          </Alert>
        )}
      </Paper>

      <Section
        title="Sizes and preferences"
        aside={
          <Text size="sm" c="dark.4">
            {profile.personalization.allowed
              ? 'Confirm or correct: it improves every suggestion'
              : 'Not used for suggestions'}
          </Text>
        }
        testId="preferences"
      >
        {profile.preferences.length === 0 ? (
          <Text size="sm" c="dark.4">
            Nothing known yet. Sizes appear here after a few purchases, or when you confirm one.
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
            <Box>
              <Text size="sm" fw={700} c="dark.6" mb={2}>
                Sizes
              </Text>
              {sizes.length === 0 && (
                <Text size="sm" c="dark.4">
                  No sizes known yet.
                </Text>
              )}
              {sizes.map((p) => (
                <PreferenceRow key={preferenceKey(p)} customerId={c.customerId} pref={p} canEdit={canEdit} />
              ))}
            </Box>
            <Box>
              <Text size="sm" fw={700} c="dark.6" mb={2}>
                Tastes
              </Text>
              {tastes.length === 0 && (
                <Text size="sm" c="dark.4">
                  No tastes known yet.
                </Text>
              )}
              {tastes.slice(0, 8).map((p) => (
                <PreferenceRow key={preferenceKey(p)} customerId={c.customerId} pref={p} canEdit={canEdit} />
              ))}
            </Box>
          </SimpleGrid>
        )}
      </Section>

      {!customerFacing && !profile.lookupOnly && <Notes customerId={c.customerId} notes={profile.notes} />}
      {customerFacing && (
        <Group gap={6} c="dark.4">
          <IconMessageCircle size={16} aria-hidden />
          <Text size="sm">Customer view: spend, contact details and notes are hidden.</Text>
        </Group>
      )}
      <Orders orders={profile.orders} showSpend={!customerFacing} />
    </Stack>
  );
}

export function ProfilePanel({ customerId, actions }: { customerId: number; actions?: ReactNode }) {
  const q = useCall('customers.profile', { customerId });
  if (q.error) return <ErrorNotice error={q.error} onRetry={() => q.refetch()} what="opening this customer" />;
  if (!q.data)
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading customer">
        <Skeleton h={160} radius="lg" />
        <Skeleton h={220} radius="lg" />
      </Stack>
    );
  return <ProfileView profile={q.data} actions={actions} />;
}
