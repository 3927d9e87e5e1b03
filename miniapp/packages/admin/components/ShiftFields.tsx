import { View, Text, Picker } from '@tarojs/components';
import { SHIFT_RULES } from '@gongzhi/shared';
import { QUARTER_TIMES, chinaDate, chinaIso, dayLabel } from '../lib/format';
import { Field, PickerValue, TextInput } from './ui';

/** One shift as typed: a China-time day, quarter-hour times, and the numbers as text (checked by the schema). */
export interface ShiftDraft {
  date: string;
  start: string;
  end: string;
  seats: string;
  cutoffHours: string;
}

/** Tomorrow 09:00–11:00, five seats: what a new shift starts from. */
export function newShiftDraft(): ShiftDraft {
  return {
    date: chinaDate(new Date(Date.now() + 86_400_000)),
    start: '09:00',
    end: '11:00',
    seats: '5',
    cutoffHours: String(SHIFT_RULES.defaultCutoffHours),
  };
}

const int = (t: string) => (/^\d+$/.test(t.trim()) ? Number(t.trim()) : t);

/** The draft in createShiftBody's shape (numbers left as text when they are not, so the schema names them). */
export function shiftBodyOf(d: ShiftDraft) {
  return {
    start: chinaIso(d.date, d.start),
    end: chinaIso(d.date, d.end),
    seats: int(d.seats) as number,
    cutoffHours: int(d.cutoffHours) as number,
  };
}

/**
 * 日期 / 开始 / 结束 / 名额 / 提前截止: the fields of one shift, for the activity editor's 添加班次 and
 * the 党员报到 whistle's volunteer call. `errors` are keyed by the shift's own field names.
 */
export function ShiftFields({
  value,
  onChange,
  errors,
}: {
  value: ShiftDraft;
  onChange: (patch: Partial<ShiftDraft>) => void;
  errors: Partial<Record<keyof ShiftDraft, string>>;
}) {
  const d = value;
  const startIndex = Math.max(0, QUARTER_TIMES.indexOf(d.start));
  const endIndex = Math.max(0, QUARTER_TIMES.indexOf(d.end));
  return (
    <View className="shift-fields">
      <Field label="日期" required error={errors.date}>
        <Picker mode="date" value={d.date} start={chinaDate()} onChange={(e) => onChange({ date: e.detail.value })}>
          <PickerValue
            text={`${d.date}（${dayLabel(`${d.date}T12:00:00+08:00`).split(' ')[1]}）`}
            placeholder="选择日期"
          />
        </Picker>
      </Field>
      <View className="form-row">
        <Field label="开始" required error={errors.start}>
          <Picker
            mode="selector"
            range={QUARTER_TIMES as string[]}
            value={startIndex}
            onChange={(e) => onChange({ start: QUARTER_TIMES[Number(e.detail.value)] })}
          >
            <PickerValue text={d.start} placeholder="开始时间" />
          </Picker>
        </Field>
        <Field label="结束" required error={errors.end}>
          <Picker
            mode="selector"
            range={QUARTER_TIMES as string[]}
            value={endIndex}
            onChange={(e) => onChange({ end: QUARTER_TIMES[Number(e.detail.value)] })}
          >
            <PickerValue text={d.end} placeholder="结束时间" />
          </Picker>
        </Field>
      </View>
      <View className="form-row">
        <Field label="名额" required error={errors.seats}>
          <TextInput
            className="shift-fields__seats"
            value={d.seats}
            onInput={(seats) => onChange({ seats })}
            type="number"
            maxlength={3}
          />
        </Field>
        <Field label="提前截止（小时）" error={errors.cutoffHours}>
          <TextInput
            value={d.cutoffHours}
            onInput={(cutoffHours) => onChange({ cutoffHours })}
            type="number"
            maxlength={3}
          />
        </Field>
      </View>
      <Text className="shift-fields__hint">
        时间按整刻钟（15 分钟）安排；开始前“提前截止”小时停止认领，志愿者也不能再自行取消。
      </Text>
    </View>
  );
}
