import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, type WhistleTargetDetail } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { Banner, Field, Sheet, TextArea } from '../../admin/components/ui';

/**
 * 督办: a county or street administrator presses a target that is still running. The sheet takes an
 * optional word for the responder; the API records it on the timeline and tells the responder and
 * the level above them (once per target per hour: a repeat is refused with the reason shown here).
 */
export function RemindSheet({
  whistleId,
  target,
  onClose,
  onDone,
}: {
  whistleId: string;
  target: WhistleTargetDetail | null;
  onClose: () => void;
  onDone: () => Promise<unknown>;
}) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!target) return;
    const { confirm } = await Taro.showModal({
      title: '确认督办？',
      content: `${target.name}和它的上级会收到督办消息，督办记入办理经过。同一任务一小时内只能督办一次。`,
      confirmText: '督办',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      await call(api.whistles.remindWhistle, {
        params: { id: whistleId, targetId: target.id },
        body: { note: note.trim() || undefined },
      });
      setNote('');
      onClose();
      void Taro.showToast({ title: '已督办', icon: 'success' });
      await onDone();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet
      open={!!target}
      title={target ? `督办 · ${target.name}` : ''}
      onClose={() => {
        setError(null);
        onClose();
      }}
      footer={
        <Button type="primary" block loading={busy} className="whistle-remind__submit" onClick={() => void submit()}>
          督办
        </Button>
      }
    >
      <Banner message={error} />
      <Text className="whistle-remind__hint">
        {target?.status === 'pending' ? '催促对方尽快报到。' : '催促对方尽快办结。'}
        对方和它的上级都会收到消息。
      </Text>
      <Field label="督办意见（选填）">
        <TextArea value={note} maxlength={200} placeholder="例如：燃气泄漏，请立即派人到场处置" onInput={setNote} />
      </Field>
    </Sheet>
  );
}
