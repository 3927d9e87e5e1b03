import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { MAX_NEED_PHOTOS, RESULT_NOTE_REQUIRED, api, type NeedDetail } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { check, failure, type FieldMessages } from '../lib/forms';
import { PhotoPicker, photoIds, photoProblem, type PhotoItem } from './PhotoPicker';
import { Banner, Field, Sheet, TextArea } from './ui';

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  const r = await Taro.showModal({ title, content, confirmText, cancelText: '再想想', confirmColor: '#D42A1F' });
  return r.confirm;
}

/**
 * 完成服务 / 办结: the result in words and photos of the work. The result is required when the need
 * was dispatched to a person (`required`): the resident reads it. What was typed stays on an error.
 */
export function CompleteNeedSheet({
  need,
  open,
  required,
  title = '完成服务',
  onClose,
  onDone,
}: {
  need: NeedDetail;
  open: boolean;
  required: boolean;
  title?: string;
  onClose: () => void;
  onDone: (n: NeedDetail) => void;
}) {
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const body = { ...(note.trim() ? { note: note.trim() } : {}), photos: photoIds(photos) };
    const found = check(api.needs.completeNeed.body, body) ?? {};
    if (required && !note.trim()) found.note = RESULT_NOTE_REQUIRED;
    const waiting = photoProblem(photos, title);
    if (waiting) found.photos = waiting;
    // Messages stand under their fields; the banner is for what the server says.
    setErrors(found);
    setBanner(null);
    if (Object.keys(found).length) return;
    // WeChat shows at most 4 characters on a modal's button.
    const content = '完成后居民会收到通知并可以评价，不能撤销。确定已经办好了吗？';
    if (!(await confirm(`确认${title}`, content, '确认完成'))) return;
    setBusy(true);
    try {
      const done = await call(api.needs.completeNeed, { params: { id: need.id }, body });
      setNote('');
      setPhotos([]);
      onDone(done);
      void Taro.showToast({ title: '已完成', icon: 'success' });
    } catch (e) {
      const { message, fields } = failure(e);
      setErrors(fields);
      setBanner(message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Sheet
      open={open}
      title={title}
      className="complete-sheet"
      onClose={onClose}
      footer={
        <Button
          className="complete-sheet__submit"
          type="primary"
          shape="round"
          size="large"
          disabled={busy}
          onClick={() => void submit()}
        >
          {`确认${title}`}
        </Button>
      }
    >
      <Banner message={banner} />
      <Field
        label={required ? '服务结果' : '办理结果（选填）'}
        required={required}
        error={errors.note}
        hint="居民会看到这段话：做了什么、结果如何"
      >
        <TextArea value={note} onInput={setNote} placeholder="例如：已上门面谈，建议先与物业协商，并保留照片等证据" />
      </Field>
      <Field label={`照片（选填，最多 ${MAX_NEED_PHOTOS} 张）`} error={errors.photos}>
        <PhotoPicker
          className="complete-sheet__photos"
          photos={photos}
          max={MAX_NEED_PHOTOS}
          onChange={(update) => setPhotos((now) => update(now))}
        />
      </Field>
    </Sheet>
  );
}

/** 无法服务: the reason goes to the community's staff, who arrange someone else. */
export function DeclineNeedSheet({
  need,
  open,
  onClose,
  onDone,
}: {
  need: NeedDetail;
  open: boolean;
  onClose: () => void;
  onDone: (n: NeedDetail) => void;
}) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldMessages>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const body = { reason };
    const found = check(api.needs.declineNeed.body, body) ?? {};
    setErrors(found);
    setBanner(null);
    if (Object.keys(found).length) return;
    if (!(await confirm('确认无法服务', '这项需求会退回社区，由社区重新安排。确定吗？', '确认退回'))) return;
    setBusy(true);
    try {
      const back = await call(api.needs.declineNeed, { params: { id: need.id }, body });
      setReason('');
      onDone(back);
      void Taro.showToast({ title: '已退回社区', icon: 'success' });
    } catch (e) {
      const { message, fields } = failure(e);
      setErrors(fields);
      setBanner(message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Sheet
      open={open}
      title="无法服务"
      className="decline-sheet"
      onClose={onClose}
      footer={
        <Button
          className="decline-sheet__submit"
          type="primary"
          shape="round"
          size="large"
          disabled={busy}
          onClick={() => void submit()}
        >
          退回社区
        </Button>
      }
    >
      <Banner message={banner} />
      <Text className="decline-sheet__hint">社区工作人员会看到原因并重新安排，居民不会看到原因。</Text>
      <Field label="原因" required error={errors.reason}>
        <TextArea value={reason} onInput={setReason} placeholder="例如：本周在外地出庭，无法上门" />
      </Field>
    </Sheet>
  );
}
