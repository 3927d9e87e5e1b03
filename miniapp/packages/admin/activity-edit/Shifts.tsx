import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, createShiftBody, type ShiftDetail } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { clock, dateTime, dayLabel } from '../lib/format';
import { useSubmit } from '../lib/useSubmit';
import { ShiftFields, newShiftDraft, shiftBodyOf, type ShiftDraft } from '../components/ShiftFields';
import { Banner, PlainButton, Sheet } from '../components/ui';

// A shift of the activity in 活动管理 (times, seats, its QR code and roster), and adding one.

export function ShiftSheet({
  activityId,
  onClose,
  onAdded,
}: {
  activityId: string;
  onClose: () => void;
  onAdded: () => void;
}) {
  const [d, setD] = useState<ShiftDraft>(newShiftDraft);
  const { errors, banner, saving: busy, validate, send } = useSubmit();

  async function submit() {
    const parsed = validate(createShiftBody, shiftBodyOf(d), { quiet: true });
    if (!parsed) return;
    const added = await send(() => call(api.activities.addShift, { params: { id: activityId }, body: parsed }));
    if (added) {
      void Taro.showToast({ title: '已添加班次', icon: 'success' });
      onAdded();
    }
  }

  return (
    <Sheet
      open
      title="添加班次"
      className="shift-sheet"
      onClose={onClose}
      footer={
        <Button
          className="shift-sheet__submit"
          type="primary"
          shape="round"
          size="large"
          loading={busy}
          onClick={() => void submit()}
        >
          添加班次
        </Button>
      }
    >
      <Banner message={banner} />
      <ShiftFields value={d} onChange={(patch) => setD({ ...d, ...patch })} errors={errors} />
    </Sheet>
  );
}

export function ShiftRow({
  shift,
  canManage,
  onCode,
  onRoster,
}: {
  shift: ShiftDetail;
  canManage: boolean;
  onCode: () => void;
  onRoster: () => void;
}) {
  const past = new Date(shift.end).getTime() < Date.now();
  // Hours are confirmed after the shift: say so here, before anyone opens the roster to try.
  const hoursNote = past ? '已结束，可在“名单与时长”里确认服务时长' : `认领截止 ${dateTime(shift.claimDeadline)}`;
  return (
    <View className="shift-admin-row">
      <View className="shift-admin-row__top">
        <View className="shift-admin-row__when">
          <Text className="shift-admin-row__day">{dayLabel(shift.start)}</Text>
          <Text className="shift-admin-row__time">{`${clock(shift.start)}–${clock(shift.end)}`}</Text>
        </View>
        <View className="shift-admin-row__seats">
          <Text className="shift-admin-row__taken">{`${shift.taken}/${shift.seats}`}</Text>
          <Text className="shift-admin-row__seats-label">
            {shift.waiting ? `已认领 · 候补 ${shift.waiting}` : '已认领'}
          </Text>
        </View>
      </View>
      <Text className="shift-admin-row__deadline">{hoursNote}</Text>
      {canManage && (
        <View className="shift-admin-row__actions">
          {!past && (
            <PlainButton className="shift-admin-row__code" tone="brand" onClick={onCode}>
              签到二维码
            </PlainButton>
          )}
          <PlainButton className="shift-admin-row__roster" onClick={onRoster}>
            名单与时长
          </PlainButton>
        </View>
      )}
    </View>
  );
}
