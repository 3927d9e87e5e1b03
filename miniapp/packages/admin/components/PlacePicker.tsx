import { useMemo } from 'react';
import { View, Picker } from '@tarojs/components';
import { ORG_KIND_LABELS, api, type OrgNode } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { Field, PickerValue } from './ui';

interface Option {
  id: string;
  label: string;
}

/** Where something happens: the community itself, a grid, a complex or a building of it. */
function optionsOf(places: {
  community: OrgNode;
  grids: OrgNode[];
  complexes: OrgNode[];
  buildings: OrgNode[];
}): Option[] {
  const complexName = new Map(places.complexes.map((c) => [c.id, c.name]));
  return [
    { id: places.community.id, label: `${places.community.name}（整个社区）` },
    ...places.grids.map((g) => ({ id: g.id, label: `${g.name}（${ORG_KIND_LABELS.grid}）` })),
    ...places.complexes.map((c) => ({ id: c.id, label: c.name })),
    ...places.buildings.map((b) => ({
      id: b.id,
      label: `${complexName.get(b.parentId ?? '') ?? ''} ${b.name}`.trim(),
    })),
  ];
}

/**
 * Picks a place of a community. People with a community pick within it; street and county roles
 * (and unit admins) first pick the community.
 */
export function PlacePicker({
  value,
  onChange,
  hasCommunity,
  communityId,
  onCommunity,
}: {
  value: string;
  onChange: (id: string) => void;
  hasCommunity: boolean;
  communityId: string | null;
  onCommunity: (id: string) => void;
}) {
  const communities = useRemote(() => call(api.grids.listCommunities), [], !hasCommunity);
  const places = useRemote(
    () => call(api.grids.listPlaces, { query: communityId ? { communityId } : {} }),
    [communityId],
    hasCommunity || !!communityId,
  );
  const options = useMemo(() => (places.data ? optionsOf(places.data) : []), [places.data]);
  const list = communities.data?.communities ?? [];
  return (
    <View className="place-picker">
      {!hasCommunity && (
        <Picker
          mode="selector"
          range={list.map((c) => c.name)}
          value={Math.max(
            0,
            list.findIndex((c) => c.id === communityId),
          )}
          onChange={(e) => {
            const c = list[Number(e.detail.value)];
            if (c) onCommunity(c.id);
          }}
        >
          <PickerValue
            text={list.find((c) => c.id === communityId)?.name}
            placeholder={communities.loading ? '正在加载社区…' : '先选择社区'}
          />
        </Picker>
      )}
      {(hasCommunity || communityId) && (
        <Picker
          mode="selector"
          range={options.map((o) => o.label)}
          value={Math.max(
            0,
            options.findIndex((o) => o.id === value),
          )}
          onChange={(e) => {
            const o = options[Number(e.detail.value)];
            if (o) onChange(o.id);
          }}
        >
          <PickerValue
            text={options.find((o) => o.id === value)?.label ?? (value ? '已选地点' : null)}
            placeholder={
              places.loading ? '正在加载地点…' : places.error ? '地点没有加载出来，点此重试' : '选择社区、小区或楼栋'
            }
          />
        </Picker>
      )}
    </View>
  );
}

/** An editor's place field over its draft: picking another community empties the place. */
export function DraftPlaceField({
  label,
  error,
  draft,
  set,
  hasCommunity,
}: {
  label: string;
  error?: string;
  draft: { placeId: string; communityId: string | null };
  set: (patch: { placeId: string; communityId?: string }) => void;
  hasCommunity: boolean;
}) {
  return (
    <Field label={label} required error={error}>
      <PlacePicker
        value={draft.placeId}
        onChange={(placeId) => set({ placeId })}
        hasCommunity={hasCommunity}
        communityId={draft.communityId}
        onCommunity={(communityId) => set({ communityId, placeId: '' })}
      />
    </Field>
  );
}
