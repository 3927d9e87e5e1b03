import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, type JoinCommunity, type JoinPlaces } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { HOME_URL, getSavedUser, saveUser, skipJoin } from '../../../services/session';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import '../account.scss';
import './index.scss';

type Spot = { lng: number; lat: number };
type Complex = JoinPlaces['complexes'][number];

function distanceText(m: number | null): string {
  if (m === null) return '';
  return m < 1000 ? `约 ${Math.max(100, Math.round(m / 100) * 100)} 米` : `约 ${(m / 1000).toFixed(1)} 公里`;
}

/** The browser or WeChat may refuse the location: the list by name is always there. */
async function whereAmI(): Promise<Spot | null> {
  try {
    // Browsers give WGS-84 only (a few hundred metres off GCJ-02: still the right order nearby).
    const type = process.env.TARO_ENV === 'h5' ? 'wgs84' : 'gcj02';
    const here = await Taro.getLocation({ type, highAccuracyExpireTime: 8000 });
    return { lng: here.longitude, lat: here.latitude };
  } catch {
    return null;
  }
}

/** 选择社区 → 小区 → 楼栋: where a person lives decides their menu, grid and community staff. */
export default function JoinPage() {
  const signedIn = useSignedIn();
  const saved = useMemo(getSavedUser, []);
  const moving = !!saved?.home;
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [spot, setSpot] = useState<Spot | null>(null);
  const [locating, setLocating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [community, setCommunity] = useState<JoinCommunity | null>(null);
  const [complex, setComplex] = useState<Complex | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const list = useRemote(
    () =>
      call(api.people.listJoinCommunities, {
        query: { ...(spot ?? {}), ...(search ? { q: search } : {}) },
      }),
    [spot, search],
    signedIn,
  );
  const places = useRemote(
    () => call(api.people.listJoinPlaces, { params: { id: community!.id } }),
    [community?.id],
    signedIn && !!community,
  );

  const locate = async () => {
    setLocating(true);
    setNotice(null);
    const here = await whereAmI();
    setLocating(false);
    if (here) setSpot(here);
    else setNotice('没有拿到您的位置，请在下面的列表里找到您的社区，或输入社区名称搜索');
  };

  const join = async (buildingId: string | null, withComplex: Complex | null) => {
    if (!community || busy) return;
    setBusy(true);
    setError(null);
    try {
      const me = await call(api.people.setMyHome, {
        body: { communityId: community.id, complexId: withComplex?.id ?? null, buildingId },
      });
      saveUser(me);
      void Taro.showToast({ title: moving ? '已更换住址' : '已加入社区', icon: 'success' });
      // Every page starts again with the new community's menu.
      void Taro.reLaunch({ url: HOME_URL });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const skip = () => {
    skipJoin();
    void Taro.reLaunch({ url: HOME_URL });
  };

  const trail = [community?.name, complex?.name].filter(Boolean).join(' › ');

  return (
    <View className="page account-page join-page">
      <View className="account-hero">
        <Text className="account-hero__title">{moving ? '搬家了？换一个住址' : '您住在哪里？'}</Text>
        <Text className="account-hero__text">
          {moving
            ? `现在：${[saved?.home?.community.name, saved?.home?.complex?.name, saved?.home?.building?.name].filter(Boolean).join(' · ')}。以前的点单和预约仍按原地址办理。`
            : '选好社区、小区和楼栋，就能看到本社区的服务菜单，找到您的网格员。'}
        </Text>
      </View>

      {trail && (
        <View className="join-trail">
          <Text className="join-trail__text">{trail}</Text>
          <Text
            className="join-trail__back"
            onClick={() => {
              if (complex) setComplex(null);
              else setCommunity(null);
              setError(null);
            }}
          >
            {complex ? '换小区' : '换社区'}
          </Text>
        </View>
      )}
      {error && (
        <View className="account-alert" role="alert">
          <Text>{error}</Text>
        </View>
      )}

      {!community && (
        <>
          <View className="join-tools">
            <View className="join-search">
              <Input
                className="join-search__input"
                value={q}
                placeholder="输入社区或街道名称"
                confirmType="search"
                onInput={(e) => setQ(e.detail.value)}
                onConfirm={() => setSearch(q.trim())}
              />
              <Text className="join-search__go" onClick={() => setSearch(q.trim())}>
                搜索
              </Text>
            </View>
            <Button className="join-locate" fill="outline" loading={locating} onClick={() => void locate()}>
              📍 使用我的位置
            </Button>
          </View>
          {notice && <Text className="join-notice">{notice}</Text>}
          {list.data?.byDistance && <Text className="join-notice">按离您由近到远排列</Text>}
          {list.loading && !list.data && <LoadingCards count={4} />}
          {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
          {list.data && !list.error && list.data.items.length === 0 && (
            <EmptyState text={`没有找到“${search}”`} hint="换个字试试，比如只输入“南门”" />
          )}
          {list.data?.items.map((c) => (
            <View
              key={c.id}
              className="account-option"
              hoverClass="account-option--pressed"
              onClick={() => setCommunity(c)}
            >
              <View className="account-option__body">
                <Text className="account-option__name">{c.name}</Text>
                <Text className="account-option__meta">{c.street?.name ?? ''}</Text>
              </View>
              {c.distanceM !== null && <Text className="account-option__side">{distanceText(c.distanceM)}</Text>}
              <Text className="account-option__arrow">›</Text>
            </View>
          ))}
        </>
      )}

      {community && !complex && (
        <>
          <Text className="account-section">选择小区</Text>
          {places.loading && !places.data && <LoadingCards count={3} />}
          {places.error && !places.loading && (
            <ErrorState message={places.error} onRetry={() => void places.reload()} />
          )}
          {places.data?.complexes.map((x) => (
            <View
              key={x.id}
              className="account-option"
              hoverClass="account-option--pressed"
              onClick={() => setComplex(x)}
            >
              <View className="account-option__body">
                <Text className="account-option__name">{x.name}</Text>
                <Text className="account-option__meta">{`${x.buildings.length} 栋楼`}</Text>
              </View>
              <Text className="account-option__arrow">›</Text>
            </View>
          ))}
          {places.data && (
            <View className="join-plain" onClick={() => void join(null, null)}>
              <Text>我的小区不在这里，只选“{community.name}”</Text>
            </View>
          )}
        </>
      )}

      {community && complex && (
        <>
          <Text className="account-section">选择楼栋</Text>
          <View className="join-buildings">
            {complex.buildings.map((b) => (
              <View
                key={b.id}
                className="join-building"
                hoverClass="join-building--pressed"
                onClick={() => void join(b.id, complex)}
              >
                <Text>{b.name}</Text>
              </View>
            ))}
          </View>
          <View className="join-plain" onClick={() => void join(null, complex)}>
            <Text>不选楼栋，只选“{complex.name}”</Text>
          </View>
          {busy && <Text className="join-notice">正在保存…</Text>}
        </>
      )}

      <View className="account-links">
        <Text className="account-link" onClick={() => void Taro.navigateTo({ url: '/packages/account/link/index' })}>
          我已在社区登记过：志愿者 / 党员 / 社区工作人员 ›
        </Text>
        {!moving && (
          <Text className="account-link account-link--muted" onClick={skip}>
            先随便看看，以后再选
          </Text>
        )}
      </View>
    </View>
  );
}
