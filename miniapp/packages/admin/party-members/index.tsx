import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { EMPLOYMENT_LABELS, MEMBER_CATEGORIES, api, type MemberCategory } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { Chips, Tag } from '../components/ui';
import { AdminList, useListPage } from '../components/AdminList';
import { usePaged } from '../lib/usePaged';
import { CATEGORY_TONES, PARTY_ONLY, categoryShort } from '../lib/party';
import '../components/ui.scss';
import '../components/party.scss';

type Filter = 'all' | MemberCategory | 'mobile' | 'stopped';
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  ...MEMBER_CATEGORIES.map((c) => ({ value: c as Filter, label: categoryShort(c) })),
  { value: 'mobile', label: '流动党员' },
  { value: 'stopped', label: '已停用' },
];

/** 党员名册 of a branch (or everyone in scope): masked names; every page shown is audit-logged. */
export default function PartyMembersPage() {
  const { params } = useRouter();
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.party.listPartyMembers);
  const [filter, setFilter] = useState<Filter>('all');
  const list = usePaged(
    (page) =>
      call(api.party.listPartyMembers, {
        query: {
          page,
          pageSize: 20,
          branchId: params.branchId || undefined,
          category: (MEMBER_CATEGORIES as readonly string[]).includes(filter) ? (filter as MemberCategory) : undefined,
          mobile: filter === 'mobile' ? 'true' : undefined,
          // 转出、去世: kept for history, listed apart from the roster.
          active: filter === 'stopped' ? 'false' : undefined,
        },
      }),
    [filter, params.branchId],
    signedIn && allowed,
  );
  useListPage(list, { reloadOnShow: true });

  if (!allowed || list.errorCode === 'FORBIDDEN') return <AdminForbidden detail={PARTY_ONLY} />;

  return (
    <View className="page party-page party-members">
      {params.name && <Text className="section-title">{decodeURIComponent(params.name)}</Text>}
      <Chips options={FILTERS} value={filter} onChange={setFilter} />
      <Text className="party-note">{`共 ${list.total} 人 · 姓名已脱敏，查看名册会记入审计日志`}</Text>
      <AdminList
        list={list}
        loadingCount={4}
        skeletonOnReload
        empty={{ text: '没有符合条件的党员' }}
        render={(m) => (
          <View
            key={m.id}
            className="party-row party-member-row"
            hoverClass="admin-pressed"
            onClick={() => void Taro.navigateTo({ url: `/packages/admin/party-member/index?id=${m.id}` })}
          >
            <View className="party-row__body">
              <Text className="party-row__title">{m.nameMasked}</Text>
              <Text className="party-row__sub">{`${m.age} 岁 · ${EMPLOYMENT_LABELS[m.employment]} · ${m.branchName}`}</Text>
            </View>
            <View className="party-tags">
              {!m.active && <Tag tone="grey">已停用</Tag>}
              {m.mobile && <Tag tone="blue">流动</Tag>}
              <Tag tone={CATEGORY_TONES[m.category]}>{categoryShort(m.category)}</Tag>
            </View>
            <Text className="party-row__arrow">›</Text>
          </View>
        )}
      />
    </View>
  );
}
