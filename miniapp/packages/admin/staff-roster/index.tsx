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
  { value: 'active', label: '在任' },
  { value: 'left', label: '已离任' },
];

/**
 * 两委及工作人员名册 of the caller's community (street, county): post, age, education; no ID numbers
 * or phones. A row opens its page, where it is corrected, moved or marked 离任.
 */
export default function StaffRosterPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.people.listStaffRoster);
  const [filter, setFilter] = useState<Filter>('active');
  const list = usePaged(
    (page) =>
      call(api.people.listStaffRoster, {
        query: { page, pageSize: 20, active: filter === 'active' ? 'true' : 'false' },
      }),
    [filter],
    signedIn && allowed,
  );
  useListPage(list, { reloadOnShow: true });

  if (!allowed || list.errorCode === 'FORBIDDEN') return <AdminForbidden />;
  const severalPlaces = new Set(list.items.map((r) => r.placeId)).size > 1;

  return (
    <View className="page party-page staff-roster">
      <Chips options={FILTERS} value={filter} onChange={setFilter} />
      <Text className="party-note">{`共 ${list.total} 人 · 只显示职务、年龄和学历；点一行可修改、调转或离任`}</Text>
      <AdminList
        list={list}
        loadingCount={4}
        skeletonOnReload
        empty={
          filter === 'active'
            ? { text: '还没有两委名册', hint: '可在“名册导入”里导入“社区工作人员”名册' }
            : { text: '没有离任的工作人员' }
        }
        render={(r) => (
          <View
            key={r.id}
            className="party-row staff-roster__row"
            hoverClass="admin-pressed"
            onClick={() => void Taro.navigateTo({ url: `/packages/admin/staff-member/index?id=${r.id}` })}
          >
            <View className="party-row__body">
              <Text className="party-row__title">{r.name}</Text>
              <Text className="party-row__sub">
                {[`${r.age} 岁`, r.education, severalPlaces ? r.placeName : ''].filter(Boolean).join(' · ')}
              </Text>
            </View>
            <View className="party-tags">
              {!r.active && <Tag tone="grey">已离任</Tag>}
              {r.committee && <Tag tone="brand">两委</Tag>}
              <Tag tone="grey">{r.post}</Tag>
            </View>
            <Text className="party-row__arrow">›</Text>
          </View>
        )}
      />
    </View>
  );
}
