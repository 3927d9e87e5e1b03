import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, type OrgChildrenList, type OrgTreeNode, type TreeKind } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { AdminList, useListPage } from '../../admin/components/AdminList';
import { Chips, Tag } from '../../admin/components/ui';
import { usePaged } from '../../admin/lib/usePaged';
import { childKinds, childrenText, go, kindLabel, urls } from '../lib';
import '../../admin/components/ui.scss';
import '../org.scss';

type Extra = Pick<OrgChildrenList, 'parent' | 'path' | 'canEdit'>;

/**
 * 组织架构: one level of the tree at a time — the county's streets (or departments), a street's
 * communities, down to a complex's buildings. Tap a row to go down a level; the card on top opens
 * the current place's details and adds what belongs under it.
 */
export default function OrgTreePage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.org.listOrgChildren);
  const { params } = useRouter();
  // The county's top lists its streets first (departments on the other chip).
  const atCounty = !params.id && access.roles.includes('countyAdmin');
  const [kind, setKind] = useState<TreeKind | undefined>(
    (params.kind as TreeKind) || (atCounty ? 'street' : undefined),
  );
  const [closed, setClosed] = useState(false);
  const list = usePaged<OrgTreeNode, Extra>(
    async (page) => {
      const r = await call(api.org.listOrgChildren, {
        query: {
          ...(params.id ? { parentId: params.id } : {}),
          ...(kind ? { kind } : {}),
          ...(closed ? { includeInactive: 'true' as const } : {}),
          page,
          pageSize: 20,
        },
      });
      return { items: r.items, total: r.total, extra: { parent: r.parent, path: r.path, canEdit: r.canEdit } };
    },
    [params.id, kind, closed],
    signedIn && allowed,
  );
  useListPage(list, { reloadOnShow: true });

  if (!allowed) return <AdminForbidden />;
  const extra = list.extra;
  const parent = extra?.parent;
  const creatable = parent ? childKinds(parent.kind).filter((k) => !kind || k === kind) : [];

  return (
    <View className="page org-page org-tree">
      {extra && extra.path.length > 0 && (
        <View className="org-path">
          {extra.path.map((p, i) => (
            <View key={p.id} className="org-path">
              {i > 0 && <Text className="org-path__sep">›</Text>}
              <Text className="org-path__step" onClick={() => go(urls.tree(p.kind === 'county' ? undefined : p.id))}>
                {p.name}
              </Text>
            </View>
          ))}
        </View>
      )}
      {parent && (
        <View className="org-head">
          <Text className="org-head__kind">{kindLabel(parent.kind)}</Text>
          <Text className="org-head__name">{parent.name}</Text>
          <View className="org-head__actions">
            <Text className="org-button org-button--plain org-tree__detail" onClick={() => go(urls.node(parent.id))}>
              详情与变更记录
            </Text>
            {extra.canEdit &&
              creatable.map((k) => (
                <Text
                  key={k}
                  className={`org-button org-tree__new org-tree__new--${k}`}
                  onClick={() => go(urls.create(parent.id, k))}
                >
                  {`＋ 新建${kindLabel(k)}`}
                </Text>
              ))}
            {(parent.kind === 'county' || parent.kind === 'street') && (
              <Text
                className="org-button org-button--plain org-tree__units"
                onClick={() => go(urls.units(parent.kind === 'street' ? parent.id : undefined))}
              >
                驻区单位
              </Text>
            )}
          </View>
        </View>
      )}
      {parent?.kind === 'county' && (
        <Chips
          className="org-chip-row"
          options={[
            { value: 'street', label: '街道' },
            { value: 'department', label: '职能部门' },
          ]}
          value={kind ?? 'street'}
          onChange={(k) => setKind(k)}
        />
      )}
      <AdminList
        list={list}
        loadingCount={4}
        empty={{
          text: parent
            ? `「${parent.name}」下还没有${childKinds(parent.kind).map(kindLabel).join('或')}`
            : '这里还没有内容',
          hint: extra?.canEdit ? '点上面的“新建”添加，或从表格导入整个组织架构' : undefined,
        }}
        render={(n) => <NodeRow key={n.id} node={n} />}
      />
      {extra?.canEdit && (
        <Text className="org-note org-tree__import" onClick={() => go('/packages/admin/import/index?kind=orgTree')}>
          从表格导入街道、社区、网格、小区和楼栋 ›
        </Text>
      )}
      <Text className="org-note org-tree__closed" onClick={() => setClosed(!closed)}>
        {closed ? '不显示已停用的' : '显示已停用的'}
      </Text>
    </View>
  );
}

function NodeRow({ node }: { node: OrgTreeNode }) {
  const below = childrenText(node);
  const goDown = childKinds(node.kind).length > 0 && node.active;
  return (
    <View
      className={`org-row org-node ${node.active ? '' : 'org-row--closed'}`}
      hoverClass="admin-pressed"
      onClick={() => go(goDown ? urls.tree(node.id) : urls.node(node.id))}
    >
      <View className="org-row__body">
        <Text className="org-row__title">{node.name}</Text>
        <View className="org-row__sub">
          <Text>{[kindLabel(node.kind), below].filter(Boolean).join(' · ')}</Text>
          {node.old && <Tag tone="orange">老旧小区</Tag>}
          {node.kind === 'complex' && !node.hasProperty && <Tag tone="grey">无物业</Tag>}
          {!node.active && <Tag tone="grey">已停用</Tag>}
        </View>
      </View>
      <Text className="org-row__arrow">›</Text>
    </View>
  );
}
