import { useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { RosterEvent } from '@gongzhi/shared';
import type { Remote } from '../../../hooks/useRemote';
import { Banner, Card, Field, PlainButton, Sheet, TextArea } from './ui';
import { confirmDanger, useSubmit, type Submit } from '../lib/useSubmit';
import { dateTime } from '../lib/format';
import './roster.scss';

// 名册维护 on the roster pages: the 修改 / 调转 / 停用 buttons, one sheet per change (each with its
// reason), and the row's change history. Used by the party member, staff and volunteer pages.

export type ChangeKind = 'correct' | 'move' | 'deactivate' | 'reactivate';

export interface RosterSheets {
  open: ChangeKind | null;
  show: (kind: ChangeKind) => void;
  close: () => void;
  reason: string;
  setReason: (v: string) => void;
  submit: Submit;
  /**
   * Sends one change (asking first when `ask` is given): on success the sheet closes, a toast says
   * `done` and the page reloads; on failure the sheet stays with what was typed and the messages.
   */
  run: (
    work: () => Promise<unknown>,
    done: string,
    ask?: { title: string; content: string; confirmText: string },
  ) => Promise<void>;
}

export function useRosterSheets(reload: () => Promise<unknown>): RosterSheets {
  const [open, setOpen] = useState<ChangeKind | null>(null);
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  return {
    open,
    show: (kind) => {
      submit.reset();
      setReason('');
      setOpen(kind);
    },
    close: () => setOpen(null),
    reason,
    // What is typed again is not wrong any more: the old messages go.
    setReason: (v) => {
      setReason(v);
      submit.reset();
    },
    submit,
    async run(work, done, ask) {
      if (ask && !(await confirmDanger(ask.title, ask.content, ask.confirmText))) return;
      if (!(await submit.send(work))) return;
      setOpen(null);
      void Taro.showToast({ title: done, icon: 'success' });
      await reload();
    },
  };
}

/** The row's actions: 修改 and 调转 while it is in service, then 停用 (red) — or 恢复 once stopped. */
export function RosterActions({
  sheets,
  active,
  labels,
  canMove = true,
}: {
  sheets: RosterSheets;
  active: boolean;
  labels: { correct: string; move: string; deactivate: string; reactivate: string };
  canMove?: boolean;
}) {
  return (
    <View className="roster-actions">
      {active ? (
        <>
          <PlainButton tone="brand" className="roster-actions__correct" onClick={() => sheets.show('correct')}>
            {labels.correct}
          </PlainButton>
          {canMove && (
            <PlainButton className="roster-actions__move" onClick={() => sheets.show('move')}>
              {labels.move}
            </PlainButton>
          )}
          <PlainButton tone="danger" className="roster-actions__deactivate" onClick={() => sheets.show('deactivate')}>
            {labels.deactivate}
          </PlainButton>
        </>
      ) : (
        <PlainButton tone="brand" className="roster-actions__reactivate" onClick={() => sheets.show('reactivate')}>
          {labels.reactivate}
        </PlainButton>
      )}
    </View>
  );
}

/** One change's sheet: its fields, the reason (kept in the history), and the button that sends it. */
export function RosterSheet({
  sheets,
  kind,
  title,
  confirmText,
  onConfirm,
  reasonHint,
  children,
}: {
  sheets: RosterSheets;
  kind: ChangeKind;
  title: string;
  confirmText: string;
  onConfirm: () => void;
  reasonHint: string;
  children?: ReactNode;
}) {
  const { submit } = sheets;
  return (
    <Sheet
      open={sheets.open === kind}
      title={title}
      onClose={sheets.close}
      className={`roster-sheet roster-sheet--${kind}`}
      footer={
        <Button type="primary" block loading={submit.saving} className="roster-sheet__confirm" onClick={onConfirm}>
          {confirmText}
        </Button>
      }
    >
      <Banner message={submit.banner} />
      {children}
      <Field label="原因" required error={submit.errors.reason} hint={reasonHint}>
        <TextArea
          value={sheets.reason}
          maxlength={200}
          placeholder="请写明原因，会留在变更记录里"
          onInput={sheets.setReason}
        />
      </Field>
    </Sheet>
  );
}

/** 变更记录: who changed what, when, from → to, and why (personal values masked by the server). */
export function RosterHistory({ history }: { history: Remote<{ items: RosterEvent[] }> }) {
  const items = history.data?.items ?? [];
  return (
    <Card title="变更记录" className="roster-history">
      {history.loading && !history.data && <Text className="party-note">正在加载…</Text>}
      {history.error && (
        <Text className="party-note" onClick={() => void history.reload()}>
          {`${history.error}（点此重试）`}
        </Text>
      )}
      {history.data && items.length === 0 && <Text className="party-note">还没有变更记录</Text>}
      {[...items].reverse().map((e) => (
        <View key={e.id} className="roster-event">
          <Text className="roster-event__head">
            {`${dateTime(e.at)} · ${e.actorName || '系统'} · ${e.actionLabel}${e.via === 'import' ? '（名册导入）' : ''}`}
          </Text>
          {e.changes.map((c) => (
            <Text key={c.field} className="roster-event__change">
              {`${c.label}：${c.from ?? '（空）'} → ${c.to ?? '（空）'}`}
            </Text>
          ))}
          <Text className="roster-event__reason">{`原因：${e.reason}`}</Text>
        </View>
      ))}
    </Card>
  );
}
