import { useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { api, type OrgKind, type OrgRef, type OrgTreeNode } from '@gongzhi/shared';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import { ErrorState, LoadingCards } from '../../components/PageState';
import { kindLabel } from './lib';

/**
 * Chooses a node of one kind by walking down the tree from the caller's top (the county, or their
 * street): nodes of the wanted kind are chosen with a tap, the ones above it are opened. `exclude`
 * is left out (a node cannot be merged into itself, nor moved under where it already is).
 */
export function NodePicker({
  want,
  exclude = [],
  onPick,
}: {
  want: OrgKind;
  exclude?: string[];
  onPick: (node: OrgTreeNode) => void;
}) {
  const [trail, setTrail] = useState<OrgRef[]>([]);
  // Under the county, streets lead down and departments are chosen there.
  const atCounty = want === 'department' ? 'department' : 'street';
  const here = trail.at(-1);
  const list = useRemote(
    () =>
      call(api.org.listOrgChildren, {
        query: {
          ...(here ? { parentId: here.id } : {}),
          ...(here?.kind === 'county' ? { kind: atCounty } : {}),
          pageSize: 100,
        },
      }),
    [here?.id],
  );
  const data = list.data;
  const root = useRef('');
  if (!here && data) root.current = data.parent.name;
  const open = (n: OrgRef) => setTrail((t) => [...t, n]);

  return (
    <View className="org-picker">
      <View className="org-path org-picker__path">
        <Text className="org-path__step" onClick={() => setTrail([])}>
          {root.current || '全部'}
        </Text>
        {trail.map((n, i) => (
          <View key={n.id} className="org-path">
            <Text className="org-path__sep">›</Text>
            <Text className="org-path__step" onClick={() => setTrail(trail.slice(0, i + 1))}>
              {n.name}
            </Text>
          </View>
        ))}
      </View>
      {list.loading && <LoadingCards count={2} />}
      {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
      {data && !list.loading && data.items.length === 0 && <Text className="org-note">这里还没有可选的内容</Text>}
      {data &&
        !list.loading &&
        data.items
          .filter((n) => !exclude.includes(n.id) && (data.parent.kind !== 'county' || n.kind === atCounty))
          .map((n) => (
            <View
              key={n.id}
              className={`org-picker__row org-picker__row--${n.kind}`}
              onClick={() => (n.kind === want ? onPick(n) : open({ id: n.id, kind: n.kind, name: n.name }))}
            >
              <Text>{n.name}</Text>
              {n.kind === want ? (
                <Text className="org-picker__pick">选这里</Text>
              ) : (
                <Text className="org-picker__down">{`${kindLabel(n.kind)} ›`}</Text>
              )}
            </View>
          ))}
    </View>
  );
}
