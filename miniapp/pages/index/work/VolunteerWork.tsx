import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { api, localDateOf } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { dayName, timeOf } from '../../../components/ResidentKit';
import { WorkEmpty, WorkRow, WorkSection } from './WorkKit';

const MY_SHIFTS_URL = '/packages/activities/my-shifts/index';

/** A volunteer's shifts today and coming up, the next first; none: a door to the activities tab. */
export function VolunteerWork({ version }: { version: number }) {
  const shifts = useRemote(
    () => call(api.activities.listMyShifts, { query: { when: 'upcoming', pageSize: 3 } }),
    [version],
  );
  const rows = shifts.data?.items ?? [];
  return (
    <WorkSection title="我的班次" more="全部班次" moreUrl={MY_SHIFTS_URL} className="volunteer-work">
      {shifts.error && <WorkEmpty text={shifts.error} />}
      {shifts.data && rows.length === 0 && (
        <View
          className="work-link work-link--flat"
          hoverClass="work-link--pressed"
          onClick={() => void Taro.switchTab({ url: '/pages/activities/index' })}
        >
          <Text className="work-link__text">近期没有班次</Text>
          <Text className="work-link__go">去认领活动 ›</Text>
        </View>
      )}
      {rows.map((s) => (
        <WorkRow
          key={s.shiftId}
          title={s.activity.title}
          sub={`${dayName(localDateOf(s.start))} ${timeOf(s.start)}–${timeOf(s.end)} · ${s.activity.address}`}
          url={`/packages/activities/detail/index?id=${s.activity.id}`}
          pill={
            s.status === 'waitlisted' ? (
              <Text className="work-today work-today--wait">候补</Text>
            ) : dayName(localDateOf(s.start)) === '今天' ? (
              <Text className="work-today">今天</Text>
            ) : undefined
          }
        />
      ))}
    </WorkSection>
  );
}
