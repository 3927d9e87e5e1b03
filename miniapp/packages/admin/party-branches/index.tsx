import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { Tag } from '../components/ui';
import { AdminList, useListPage, wholeList } from '../components/AdminList';
import { PARTY_ONLY } from '../lib/party';
import '../components/ui.scss';
import '../components/party.scss';

/** 党支部: branches in scope with their active members; over 50 is flagged (支部工作条例). */
export default function PartyBranchesPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.party.listBranches);
  const branches = useRemote(() => call(api.party.listBranches), [], signedIn && allowed);
  const list = wholeList(branches, (d) => d.items);
  useListPage(list);

  if (!allowed || branches.errorCode === 'FORBIDDEN') return <AdminForbidden detail={PARTY_ONLY} />;
  const data = branches.data;
  const over = data?.items.filter((b) => b.overLimit) ?? [];

  return (
    <View className="page party-page party-branches">
      {over.length > 0 && (
        <View className="party-warn">
          <Text>{`${over.length} 个支部党员超过 ${data!.limit} 人。《中国共产党支部工作条例（试行）》规定党支部党员人数一般不超过 50 人，建议按小区或楼栋拆分。`}</Text>
        </View>
      )}
      <AdminList
        list={list}
        loadingCount={4}
        empty={{ text: '还没有党支部', hint: '可在“名册导入”里导入党员名册，支部会随之建立' }}
        render={(b) => (
          <View
            key={b.id}
            className="party-row party-branch"
            hoverClass="admin-pressed"
            onClick={() =>
              void Taro.navigateTo({
                url: `/packages/admin/party-members/index?branchId=${b.id}&name=${encodeURIComponent(b.name)}`,
              })
            }
          >
            <View className="party-row__body">
              <Text className="party-row__title">{b.name}</Text>
              <View className="party-tags">
                <Text className="party-row__sub">{b.unitName ?? b.placeName}</Text>
                {b.overLimit && <Tag tone="red">超过 {data?.limit} 人</Tag>}
              </View>
            </View>
            <Text className={`party-row__count ${b.overLimit ? 'party-row__count--over' : ''}`}>
              {b.memberCount}
              <Text className="party-row__unit">人</Text>
            </Text>
            <Text className="party-row__arrow">›</Text>
          </View>
        )}
      />
      {data && data.items.length > 0 && (
        <Text className="party-note">人数为在册党员（不含已转出）。查看名册会记入审计日志。</Text>
      )}
    </View>
  );
}
