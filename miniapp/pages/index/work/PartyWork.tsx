import { View, Text } from '@tarojs/components';
import { api } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { WhistleWorkRow, WorkEmpty, WorkSection, WorkTile, go, openForMe } from './WorkKit';

const REGISTRATION_URL = '/packages/party/registration/index';
const LEDGER_URL = '/packages/points/ledger/index';

/**
 * A party member's work on the home tab: their 双报到 post, the whistles calling the community's party
 * members (报到 and 办结 on the whistle's page), and this year's study and points.
 */
export function PartyWork({ version }: { version: number }) {
  const registration = useRemote(() => call(api.party.showMyRegistration), [version]);
  const whistles = useRemote(
    () =>
      call(api.whistles.listWhistles, { query: { type: 'communityToPartyMembers', pageSize: 50 } }).then((p) =>
        openForMe(p.items),
      ),
    [version],
  );
  const points = useRemote(() => call(api.points.getMyPoints), [version]);
  const now = Date.now();
  const post = registration.data?.registration;
  const study = points.data?.byKind.find((k) => k.kind === 'studySession');

  return (
    <>
      <WorkSection
        title="社区吹哨 · 党员报到"
        more="全部吹哨"
        moreUrl="/packages/whistles/list/index"
        className="party-work"
      >
        {whistles.error && <WorkEmpty text={whistles.error} />}
        {whistles.data?.length === 0 && <WorkEmpty text="眼下没有需要党员报到的吹哨" />}
        {(whistles.data ?? []).slice(0, 3).map((w) => (
          <WhistleWorkRow key={w.id} w={w} now={now} />
        ))}
      </WorkSection>
      <WorkSection title="我的双报到">
        <View
          className="work-link work-link--flat"
          hoverClass="work-link--pressed"
          onClick={() => go(REGISTRATION_URL)}
        >
          <Text className="work-link__text">
            {registration.data
              ? post
                ? `${post.communityName} · ${post.postName}`
                : '还没有到居住社区报到'
              : registration.error
                ? registration.error
                : '正在读取…'}
          </Text>
          <Text className="work-link__go">{post ? '查看 ›' : '去报到 ›'}</Text>
        </View>
      </WorkSection>
      <WorkSection title="学习与积分" more="积分明细" moreUrl={LEDGER_URL}>
        <View className="work-tiles work-tiles--flat">
          <WorkTile label="今年学习积分" count={study ? study.earned : points.data ? 0 : null} />
          <WorkTile label="今年获得积分" count={points.data?.yearEarned ?? null} />
          <WorkTile label="可用积分" count={points.data?.balance ?? null} onClick={() => go(LEDGER_URL)} />
        </View>
      </WorkSection>
    </>
  );
}
