import { Dialog, List, SearchBar } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../web/api/client';
import { Spinner } from '../../../../web/mobile/Spinner';
import type { CommunityHit, Place } from '../../../../web/mobile/types';

const NEXT: Record<string, 'compound' | 'building' | 'unit' | 'household'> = {
  community: 'compound',
  compound: 'building',
  building: 'unit',
  unit: 'household',
};

/**
 * Community → compound → building → unit → household, through the public sign-up lookups (names only). Calls
 * `onPick` with the household and its address once the resident confirms.
 */
export function HouseholdPicker({ onPick }: { onPick: (household: Place, address: string) => void | Promise<void> }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [trail, setTrail] = useState<Place[]>([]);
  const current = trail.at(-1);

  const communities = useQuery({
    queryKey: ['signup', 'communities', q],
    queryFn: () => api.get<{ items: CommunityHit[] }>('/api/signup/communities', { q }),
    enabled: !current && q.length > 0,
  });
  const children = useQuery({
    queryKey: ['signup', 'children', current?.id],
    queryFn: () => api.get<{ items: Place[] }>(`/api/signup/places/${current!.id}/children`),
    enabled: !!current,
  });

  const open = async (p: Place) => {
    if (p.level !== 'household') {
      setTrail([...trail, p]);
      return;
    }
    const address = [...trail.map((x) => x.name), p.name].join(' ');
    const ok = await Dialog.confirm({
      title: t('mobile.signup.confirmTitle'),
      content: t('mobile.signup.confirmText', { address }),
    });
    if (ok) await onPick(p, address);
  };

  if (!current) {
    return (
      <div>
        <div className="gzm-pad">
          <SearchBar
            placeholder={t('mobile.signup.searchCommunity')}
            onSearch={(v) => setQ(v.trim())}
            onClear={() => setQ('')}
            data-testid="m-community-search"
          />
          <p className="gzm-muted">{t('mobile.signup.searchHint')}</p>
        </div>
        {communities.isFetching && <Spinner />}
        {communities.data && communities.data.items.length === 0 && (
          <div className="gzm-center">{t('mobile.signup.noCommunity')}</div>
        )}
        {communities.data && communities.data.items.length > 0 && (
          <List>
            {communities.data.items.map((c) => (
              <List.Item key={c.id} description={c.area} onClick={() => void open(c)} arrowIcon>
                {c.name}
              </List.Item>
            ))}
          </List>
        )}
      </div>
    );
  }
  const nextLevel = NEXT[current.level] ?? 'household';
  return (
    <div>
      <div className="gzm-crumbs">{trail.map((p) => p.name).join(' › ')}</div>
      <List header={t(`mobile.signup.choose.${nextLevel}`)}>
        <List.Item onClick={() => setTrail(trail.slice(0, -1))} style={{ color: '#888' }}>
          ‹ {t('mobile.signup.back')}
        </List.Item>
        {children.isLoading && (
          <List.Item>
            <Spinner />
          </List.Item>
        )}
        {children.data?.items.map((p) => (
          <List.Item key={p.id} onClick={() => void open(p)} arrowIcon={p.level !== 'household'}>
            {p.name}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
