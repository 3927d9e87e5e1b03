import { DatePicker } from '@nutui/nutui-react-taro';
import { chinaIso } from '../../../components/ResidentKit';

const DAY = 24 * 3600 * 1000;

/** The picker's wall-clock reading as a China-time instant with its offset (what the API takes). */
function toChinaIso(values: readonly unknown[]): string {
  const [y, mo, d, h, mi] = values.map(Number);
  const date = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return chinaIso(date, h * 60 + mi);
}

/** The wall-clock of a China-time instant as a Date the picker shows. */
function fromChinaIso(iso: string | null): Date | undefined {
  if (!iso) return undefined;
  const shifted = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  return new Date(
    shifted.getUTCFullYear(),
    shifted.getUTCMonth(),
    shifted.getUTCDate(),
    shifted.getUTCHours(),
    shifted.getUTCMinutes(),
  );
}

/** A wheel picker for a date and a time in the next 60 days, in half hours. */
export function TimeSheet({
  visible,
  title,
  value,
  onPick,
  onClose,
}: {
  visible: boolean;
  title: string;
  value: string | null;
  onPick: (iso: string) => void;
  onClose: () => void;
}) {
  const now = new Date();
  return (
    <DatePicker
      className="order-time-sheet"
      visible={visible}
      title={title}
      type="datetime"
      showChinese
      minuteStep={30}
      startDate={now}
      endDate={new Date(now.getTime() + 60 * DAY)}
      defaultValue={fromChinaIso(value) ?? new Date(Math.ceil(now.getTime() / (30 * 60_000)) * 30 * 60_000 + DAY)}
      onClose={onClose}
      onConfirm={(_, values) => onPick(toChinaIso(values))}
    />
  );
}
