import {
  ACTIVITY_FORMATS,
  ACTIVITY_FORMAT_LABELS,
  MENU_CATEGORIES,
  SERVICE_BRANDS,
  VOLUNTEER_TEAMS,
  type ActivityDetail,
  type ActivityFormat,
  type BrandCode,
  type MenuCategoryCode,
  type TeamCode,
} from '@gongzhi/shared';
import type { FieldMessages } from '../lib/forms';
import { binder } from '../lib/useSubmit';
import { DraftPlaceField } from '../components/PlacePicker';
import { AreaField, ChipsField, TextField } from '../components/form';

// The activity's own fields (名称、品牌、地点…), shared by 发布活动 and 活动管理.

export interface Draft {
  title: string;
  brand: BrandCode;
  categoryCode: MenuCategoryCode;
  team: TeamCode | null;
  placeId: string;
  communityId: string | null;
  address: string;
  description: string;
  format: ActivityFormat;
}

export const EMPTY: Draft = {
  title: '',
  brand: 'legalAid',
  categoryCode: 'legalAid',
  team: null,
  placeId: '',
  communityId: null,
  address: '',
  description: '',
  format: 'service',
};

export function fromActivity(a: ActivityDetail): Draft {
  return {
    title: a.title,
    brand: a.brand,
    categoryCode: a.categoryCode,
    team: a.team,
    placeId: a.placeId,
    communityId: a.community.id,
    address: a.address,
    description: a.description,
    format: a.format,
  };
}

export function ActivityForm({
  draft,
  set,
  errors,
  hasCommunity,
}: {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  errors: FieldMessages;
  hasCommunity: boolean;
}) {
  const e = errors;
  const bind = binder(draft, set, e);
  return (
    <>
      <TextField
        label="活动名称"
        required
        {...bind('title')}
        placeholder="例如：法律援助进社区·周六咨询日"
        maxlength={60}
      />
      <ChipsField
        label="服务品牌"
        required
        error={e.brand}
        options={SERVICE_BRANDS.map((b) => ({ value: b.code, label: b.name }))}
        value={draft.brand}
        onChange={(brand) =>
          set({
            brand,
            categoryCode: SERVICE_BRANDS.find((b) => b.code === brand)?.categoryCode ?? draft.categoryCode,
          })
        }
      />
      <ChipsField
        label="服务类别"
        required
        error={e.categoryCode}
        hint="派单时，同类别的需求会推荐到这个活动"
        options={MENU_CATEGORIES.map((c) => ({ value: c.code, label: c.name }))}
        value={draft.categoryCode}
        onChange={(categoryCode) => set({ categoryCode })}
      />
      <ChipsField
        label="志愿队（选填）"
        error={e.team}
        options={[
          { value: 'none', label: '不指定' },
          ...VOLUNTEER_TEAMS.map((t) => ({ value: t.code, label: t.name })),
        ]}
        value={draft.team ?? 'none'}
        onChange={(v) => set({ team: v === 'none' ? null : (v as TeamCode) })}
      />
      <DraftPlaceField label="活动地点" error={e.placeId} draft={draft} set={set} hasCommunity={hasCommunity} />
      <TextField
        label="详细地址"
        required
        {...bind('address')}
        placeholder="例如：南门社区党群服务中心一楼"
        maxlength={100}
      />
      <ChipsField
        label="活动形式"
        required
        error={e.format}
        hint="座谈会议与实践服务分开统计"
        options={ACTIVITY_FORMATS.map((f) => ({ value: f, label: ACTIVITY_FORMAT_LABELS[f] }))}
        value={draft.format}
        onChange={(format) => set({ format })}
      />
      <AreaField
        label="活动介绍"
        {...bind('description')}
        placeholder="做什么、需要志愿者带什么、注意事项"
        maxlength={2000}
      />
    </>
  );
}
