import { Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { useSubmit } from '../lib/useSubmit';
import { Banner, Field, PickerValue, PlainButton, Sheet } from '../components/ui';
import { AreaField, TextField } from '../components/form';

// The sheet of 项目管理 that cancels the project, posts a public update or adds a milestone.

export type ProjectSheetKind = 'cancel' | 'update' | 'milestone';
export interface MilestoneDraft {
  title: string;
  due: string;
}

export function ProjectSheet({
  sheet,
  form,
  text,
  setText,
  milestone,
  setMilestone,
  onClose,
  onSubmit,
}: {
  sheet: ProjectSheetKind | null;
  form: ReturnType<typeof useSubmit>;
  text: string;
  setText: (text: string) => void;
  milestone: MilestoneDraft;
  setMilestone: (m: MilestoneDraft) => void;
  onClose: () => void;
  onSubmit: () => void;
}) {
  return (
    <Sheet
      open={sheet !== null}
      title={sheet === 'cancel' ? '撤销项目' : sheet === 'update' ? '发布公开进展' : '添加里程碑'}
      onClose={onClose}
      footer={
        sheet === 'cancel' ? (
          // Destructive: a plain red button, and a confirmation before it goes.
          <PlainButton className="project-sheet__cancel-confirm" tone="danger" onClick={onSubmit}>
            确认撤销
          </PlainButton>
        ) : (
          <Button type="primary" shape="round" size="large" onClick={onSubmit}>
            {sheet === 'update' ? '发布' : '添加'}
          </Button>
        )
      }
    >
      <Banner message={form.banner} />
      {sheet === 'cancel' && (
        <AreaField
          label="撤销原因"
          required
          error={form.errors.reason}
          value={text}
          onInput={setText}
          placeholder="例如：资金未落实，改由街道统一实施"
          maxlength={500}
        />
      )}
      {sheet === 'update' && (
        <AreaField
          label="进展内容"
          required
          error={form.errors.text}
          hint="本社区居民都能看到"
          value={text}
          onInput={setText}
          placeholder="例如：1–3 号楼的声控灯已安装完毕，欢迎居民反馈"
          maxlength={1000}
        />
      )}
      {sheet === 'milestone' && (
        <>
          <TextField
            label="里程碑名称"
            required
            error={form.errors.title}
            value={milestone.title}
            onInput={(title) => setMilestone({ ...milestone, title })}
            placeholder="例如：完成 1–3 号楼安装"
            maxlength={60}
          />
          <Field label="计划完成日期" required error={form.errors.due}>
            <Picker
              mode="date"
              value={milestone.due}
              onChange={(e) => setMilestone({ ...milestone, due: e.detail.value })}
            >
              <PickerValue text={milestone.due} placeholder="选择日期" />
            </Picker>
          </Field>
        </>
      )}
    </Sheet>
  );
}
