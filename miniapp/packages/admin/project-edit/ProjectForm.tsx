import { Text } from '@tarojs/components';
import {
  MENU_CATEGORIES,
  PROJECT_LEVELS,
  PROJECT_LEVEL_LABELS,
  api,
  type MenuCategoryCode,
  type ProjectDetail,
  type ProjectLevel,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { fenToYuanText, yuanToFen } from '../lib/format';
import type { FieldMessages } from '../lib/forms';
import { binder } from '../lib/useSubmit';
import { DraftPlaceField } from '../components/PlacePicker';
import { Chips, Field } from '../components/ui';
import { AreaField, ChipsField, TextField, toggled } from '../components/form';

// The project's own fields (name, goal, category, level, place, budget, units) in 项目管理.

export interface Draft {
  title: string;
  goal: string;
  categoryCode: MenuCategoryCode;
  placeId: string;
  communityId: string | null;
  level: ProjectLevel;
  budgetYuan: string;
  responsibleUnitIds: string[];
}

export const EMPTY: Draft = {
  title: '',
  goal: '',
  categoryCode: 'sanitation',
  placeId: '',
  communityId: null,
  level: 'community',
  budgetYuan: '',
  responsibleUnitIds: [],
};

export function fromProject(p: ProjectDetail): Draft {
  return {
    title: p.title,
    goal: p.goal,
    categoryCode: p.categoryCode,
    placeId: p.place.buildingId ?? p.place.complexId ?? p.place.gridId ?? p.place.communityId,
    communityId: p.place.communityId,
    level: p.level,
    budgetYuan: fenToYuanText(p.budgetFen),
    responsibleUnitIds: p.units.map((u) => u.id),
  };
}

export function bodyOf(d: Draft) {
  const fen = yuanToFen(d.budgetYuan);
  return {
    title: d.title,
    goal: d.goal,
    categoryCode: d.categoryCode,
    placeId: d.placeId,
    level: d.level,
    // Not a money amount: sent as typed so the schema names the field.
    budgetFen: fen ?? (d.budgetYuan.trim() === '' ? undefined : d.budgetYuan),
    responsibleUnitIds: d.responsibleUnitIds,
  };
}

export function ProjectForm({
  draft,
  set,
  errors,
  hasCommunity,
}: {
  draft: Draft;
  set: (p: Partial<Draft>) => void;
  errors: FieldMessages;
  hasCommunity: boolean;
}) {
  const units = useRemote(() => call(api.resources.listUnits, { query: { pageSize: 100 } }), []);
  const e = errors;
  const bind = binder(draft, set, e);
  return (
    <>
      <TextField label="项目名称" required {...bind('title')} placeholder="例如：老旧小区楼道照明改造" maxlength={60} />
      <AreaField
        label="项目目标"
        required
        {...bind('goal')}
        placeholder="解决什么问题、覆盖哪些楼栋、做到什么程度"
        maxlength={2000}
      />
      <ChipsField
        label="服务类别"
        required
        error={e.categoryCode}
        hint="同类别的需求可以纳入项目"
        options={MENU_CATEGORIES.map((c) => ({ value: c.code, label: c.name }))}
        value={draft.categoryCode}
        onChange={(categoryCode) => set({ categoryCode })}
      />
      <ChipsField
        label="项目级别"
        required
        error={e.level}
        options={PROJECT_LEVELS.map((l) => ({ value: l, label: PROJECT_LEVEL_LABELS[l] }))}
        value={draft.level}
        onChange={(level) => set({ level })}
      />
      <DraftPlaceField label="所在地点" error={e.placeId} draft={draft} set={set} hasCommunity={hasCommunity} />
      <TextField
        label="预算（元）"
        required
        hint="精确到分，例如 48600 或 48600.50"
        {...bind('budgetYuan', 'budgetFen')}
        type="digit"
        placeholder="0"
        maxlength={14}
      />
      <Field label="责任单位（选填）" error={e.responsibleUnitIds}>
        {units.error && <Text className="form-field__hint">{`单位名单没有加载出来：${units.error}`}</Text>}
        <Chips
          options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          value={draft.responsibleUnitIds}
          onChange={(id) => set({ responsibleUnitIds: toggled(draft.responsibleUnitIds, id) })}
        />
      </Field>
    </>
  );
}
