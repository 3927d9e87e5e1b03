import { View, Text } from '@tarojs/components';
import { api, isoWeekOf } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { WorkEmpty, WorkSection, WorkTile, go } from './WorkKit';

const PATROLS_URL = '/packages/grids/patrols/index';
const WHISTLES_URL = '/packages/whistles/list/index';

async function load() {
  const week = isoWeekOf(new Date());
  const [patrols, findings, pending, moving] = await Promise.all([
    call(api.grids.listPatrols, { query: { week, pageSize: 1 } }),
    call(api.grids.listFindings, { query: { status: 'open', pageSize: 1 } }),
    call(api.whistles.listWhistles, { query: { status: 'pending', pageSize: 1 } }),
    call(api.whistles.listWhistles, { query: { status: 'inProgress', pageSize: 1 } }),
  ]);
  return { patrols: patrols.total, findings: findings.total, whistles: pending.total + moving.total };
}

/** A grid worker's week: patrols logged this week, the grid's open findings and running whistles. */
export function GridWork({ version }: { version: number }) {
  const work = useRemote(load, [version]);
  const d = work.data;
  return (
    <WorkSection title="本周网格工作" more="巡查记录" moreUrl={PATROLS_URL} className="grid-work">
      {work.error && <WorkEmpty text={work.error} />}
      <View className="work-tiles work-tiles--flat">
        <WorkTile label="本周巡查" count={d?.patrols ?? null} onClick={() => go(PATROLS_URL)} />
        <WorkTile label="待处理发现" count={d?.findings ?? null} warn onClick={() => go(PATROLS_URL)} />
        <WorkTile label="在办吹哨" count={d?.whistles ?? null} onClick={() => go(WHISTLES_URL)} />
      </View>
      {d && d.patrols === 0 && <Text className="work-warn">本周还没有巡查，记得走一遍网格</Text>}
      <View
        className="work-link work-link--button"
        hoverClass="work-link--pressed"
        onClick={() => go('/packages/grids/patrol-new/index')}
      >
        <Text className="work-link__text">记录一次巡查</Text>
        <Text className="work-link__go">›</Text>
      </View>
    </WorkSection>
  );
}
