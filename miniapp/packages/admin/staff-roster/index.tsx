import Taro, { useReachBottom, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { ListFoot, Tag } from '../components/ui';
import { usePaged } from '../lib/usePaged';
import '../components/ui.scss';
import '../components/party.scss';

/** 两委及工作人员名册 of the caller's community (street, county): post, age, education; no ID numbers or phones. */
export default function StaffRosterPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.people.listStaffRoster);
  const list = usePaged(
    (page) => call(api.people.listStaffRoster, { query: { page, pageSize: 20 } }),
    [],
    signedIn && allowed,
  );
  useReachBottom(() => void list.more());
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));

  if (!allowed || list.errorCode === 'FORBIDDEN') return <AdminForbidden />;
  const severalPlaces = new Set(list.items.map((r) => r.placeId)).size > 1;

  return (
    <View className="page party-page staff-roster">
      <Text className="party-note">{`共 ${list.total} 人 · 只显示职务、年龄和学历，身份证号和电话不在此显示`}</Text>
      {list.loading && <LoadingCards count={4} />}
      {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
      {!list.loading && !list.error && list.items.length === 0 && (
        <EmptyState text="还没有两委名册" hint="可在“名册导入”里导入“社区工作人员”名册" />
      )}
      {!list.loading &&
        list.items.map((r) => (
          <View key={r.id} className="party-row staff-roster__row">
            <View className="party-row__body">
              <Text className="party-row__title">{r.name}</Text>
              <Text className="party-row__sub">
                {[`${r.age} 岁`, r.education, severalPlaces ? r.placeName : ''].filter(Boolean).join(' · ')}
              </Text>
            </View>
            <View className="party-tags">
              {r.committee && <Tag tone="brand">两委</Tag>}
              <Tag tone="grey">{r.post}</Tag>
            </View>
          </View>
        ))}
      <ListFoot loading={list.loadingMore} done={list.done} count={list.items.length} />
    </View>
  );
}
