import { useEffect, useState } from 'react';
import { NEED_REJECT_REASONS, api } from '@gongzhi/shared';
import { check } from '../lib/forms';
import { Banner, Field, PlainButton, QuickReasons, Sheet, TextArea } from '../components/ui';

/**
 * 驳回需求: the reason (tap a common one or write it; the resident reads it), checked with the
 * shared schema before `onReject` confirms and sends it. The typed reason is kept if that fails.
 */
export function RejectSheet(props: {
  open: boolean;
  busy: boolean;
  /** The server's answer to the last try, shown above the form. */
  error: string | null;
  onClose: () => void;
  /** The reason was changed: the server's message no longer applies. */
  onEdit: () => void;
  /** Confirms and sends; true when the need was rejected. */
  onReject: (reason: string) => Promise<boolean>;
}) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  useEffect(() => {
    if (props.open) setReasonError(undefined);
  }, [props.open]);

  /** Typing or a tapped reason: the reason's message (and the sheet's) go once it is changed. */
  function edit(value: string) {
    setReason(value);
    setReasonError(undefined);
    props.onEdit();
  }

  async function submit() {
    const errors = check(api.needs.rejectNeed.body, { reason });
    setReasonError(errors?.reason);
    if (errors) return;
    if (await props.onReject(reason)) setReason('');
  }

  return (
    <Sheet
      open={props.open}
      title="驳回需求"
      className="reject-sheet"
      onClose={props.onClose}
      footer={
        <PlainButton className="reject-sheet__submit" tone="danger" disabled={props.busy} onClick={() => void submit()}>
          确认驳回
        </PlainButton>
      }
    >
      <Banner message={props.error} />
      <Field label="驳回原因" required error={reasonError} hint="居民会看到这段话，请写清楚原因和可以怎么办">
        <QuickReasons reasons={NEED_REJECT_REASONS} value={reason} onPick={edit} />
        <TextArea value={reason} onInput={edit} placeholder="点上面的常用原因，或写下具体原因" />
      </Field>
    </Sheet>
  );
}
