import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { MENU_CATEGORIES, RESOURCE_KIND_LABELS, api, type MenuCategoryCode, type ResourceView } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { requestKey } from '../../../components/ResidentKit';
import { Banner, Sheet, type ChoiceOption } from '../../admin/components/ui';
import { ChipsField, TextField, toggled } from '../../admin/components/form';
import { useSubmit } from '../../admin/lib/useSubmit';

type PersonKind = 'lawyer' | 'doctor' | 'teacher' | 'talent';
const KINDS: ChoiceOption<PersonKind>[] = (['lawyer', 'doctor', 'teacher', 'talent'] as const).map((k) => ({
  value: k,
  label: RESOURCE_KIND_LABELS[k],
}));
/** What each kind usually serves: picked for the admin, who may change it. */
const SERVES: Record<PersonKind, MenuCategoryCode[]> = {
  lawyer: ['legalAid'],
  doctor: ['freeClinic'],
  teacher: ['studyAid'],
  talent: [],
};
const CATEGORIES: ChoiceOption<MenuCategoryCode>[] = MENU_CATEGORIES.map((c) => ({ value: c.code, label: c.name }));

interface Draft {
  name: string;
  kind: PersonKind | null;
  categoryCodes: MenuCategoryCode[];
  skills: string;
  phone: string;
}
const EMPTY: Draft = { name: '', kind: null, categoryCodes: [], skills: '', phone: '' };

/** 添加人员: a unit admin registers one of the unit's lawyers, doctors or teachers, to invite them next. */
export function AddPersonSheet({
  open,
  onClose,
  onAdded,
}: {
  open: boolean;
  onClose: () => void;
  onAdded: (person: ResourceView) => void;
}) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [key, setKey] = useState(requestKey);
  const submit = useSubmit();
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  async function save() {
    if (!draft.kind) {
      submit.setBanner('请选择身份（律师、医生……）');
      return;
    }
    const body = submit.validate(
      api.resources.createResource.body!,
      {
        kind: draft.kind,
        name: draft.name,
        categoryCodes: draft.categoryCodes,
        skills: draft.skills.split(/[,，、\s]+/).filter(Boolean),
        contact: draft.phone.trim() ? { name: draft.name.trim() || '本人', phone: draft.phone.trim() } : null,
      },
      { quiet: true },
    );
    if (!body) return;
    let made: ResourceView | null = null;
    const ok = await submit.send(async () => {
      made = await call(api.resources.createResource, { body, header: { 'Idempotency-Key': key } });
    });
    if (!ok || !made) return;
    setDraft(EMPTY);
    setKey(requestKey());
    submit.reset();
    void Taro.showToast({ title: '已添加', icon: 'success' });
    onAdded(made);
  }

  return (
    <Sheet
      open={open}
      title="添加本单位服务人员"
      className="add-person-sheet"
      onClose={onClose}
      footer={
        <Button
          className="add-person-sheet__submit"
          type="primary"
          shape="round"
          block
          loading={submit.saving}
          onClick={() => void save()}
        >
          添加
        </Button>
      }
    >
      <Text className="add-person-sheet__hint">
        添加后可以邀请本人使用小程序，社区派给他的需求会直接发到他的手机上。
      </Text>
      <TextField
        className="add-person-sheet__name"
        label="姓名"
        required
        value={draft.name}
        maxlength={40}
        placeholder="例如：刘明"
        error={submit.errors.name}
        onInput={(name) => set({ name })}
      />
      <ChipsField
        className="add-person-sheet__kind"
        label="身份"
        required
        options={KINDS}
        value={draft.kind}
        onChange={(kind) =>
          set({ kind, categoryCodes: draft.categoryCodes.length ? draft.categoryCodes : SERVES[kind] })
        }
      />
      <ChipsField
        className="add-person-sheet__serves"
        label="能服务的事项（可多选）"
        options={CATEGORIES}
        value={draft.categoryCodes}
        error={submit.errors.categoryCodes}
        onChange={(code) => set({ categoryCodes: toggled(draft.categoryCodes, code) })}
      />
      <TextField
        className="add-person-sheet__skills"
        label="擅长"
        value={draft.skills}
        placeholder="例如：婚姻家事、劳动争议"
        error={submit.errors.skills ?? submit.errors['skills.0']}
        onInput={(skills) => set({ skills })}
      />
      <TextField
        className="add-person-sheet__phone"
        label="联系电话（选填）"
        type="number"
        maxlength={13}
        value={draft.phone}
        placeholder="社区工作人员联系他用"
        error={submit.errors['contact.phone']}
        onInput={(phone) => set({ phone })}
      />
      <Banner message={submit.banner} />
    </Sheet>
  );
}
