import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { Chips, Tag } from '../components/ui';
import { AdminList, useListPage } from '../components/AdminList';
import { usePaged } from '../lib/usePaged';
import '../components/ui.scss';
import '../components/party.scss';

type Filter = 'active' | 'left';
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'active', label: '在册' },
  { value: 'left', label: '已退出' },
];

/** 志愿者名册 of the caller's community (street, county): phones masked; viewing is audit-logged. */
export default function VolunteersPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.rosters.listVolunteers);
  const [filter, setFilter] = useState<Filter>('active');
  const list = usePaged(
    (page) =>
      call(api.rosters.listVolunteers, {
        query: { page, pageSize: 20, active: filter === 'active' ? 'true' : 'false' },
      }),
    [filter],
    signedIn && allowed,
  );
  useListPage(list, { reloadOnShow: true });

  if (!allowed || list.errorCode === 'FORBIDDEN') return <AdminForbidden />;
  const severalPlaces = new Set(list.items.map((r) => r.communityId)).size > 1;

  return (
    <View className="page party-page volunteers">
      <Chips options={FILTERS} value={filter} onChange={setFilter} />
      <Text className="party-note">{`共 ${list.total} 人 · 电话已脱敏，查看名册会记入审计日志`}</Text>
      <AdminList
        list={list}
        loadingCount={4}
        skeletonOnReload
        empty={
          filter === 'active'
            ? { text: '还没有志愿者', hint: '可在“名册导入”里导入志愿者名册' }
            : { text: '没有退出的志愿者' }
        }
        render={(v) => (
          <View
            key={v.id}
            className="party-row volunteers__row"
            hoverClass="admin-pressed"
            onClick={() => void Taro.navigateTo({ url: `/packages/admin/volunteer/index?id=${v.id}` })}
          >
            <View className="party-row__body">
              <Text className="party-row__title">{v.name}</Text>
              <Text className="party-row__sub">
                {[v.phoneMasked ?? '未留电话', severalPlaces ? v.communityName : '', v.homeName]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </View>
            {!v.active && <Tag tone="grey">已退出</Tag>}
            <Text className="party-row__arrow">›</Text>
          </View>
        )}
      />
    </View>
  );
}
