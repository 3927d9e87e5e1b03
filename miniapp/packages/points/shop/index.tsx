import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Image } from '@tarojs/components';
import { api, type ShopItem } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { usePaged } from '../../../hooks/usePaged';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { PagedFooter, requestKey } from '../../../components/ResidentKit';
import './index.scss';

/** Warm tile colours for items without a photo, picked by name so an item keeps its colour. */
const TILES = ['#fdece6', '#fff4e0', '#eef6ea', '#e9f1fb', '#f6ecf8'];
const INKS = ['#d42a1f', '#c77a12', '#3d8b4a', '#2f6fb3', '#8a4aa8'];

function ItemCard({
  item,
  balance,
  busy,
  onRedeem,
}: {
  item: ShopItem;
  balance: number | null;
  busy: boolean;
  onRedeem: () => void;
}) {
  const soldOut = item.stock <= 0;
  const short = balance !== null && balance < item.price;
  const tone = [...item.name].reduce((n, c) => n + c.charCodeAt(0), 0) % TILES.length;
  return (
    <View className="shop-item">
      {item.imageUrl ? (
        <Image className="shop-item__image" src={item.imageUrl} mode="aspectFill" />
      ) : (
        <View className="shop-item__image shop-item__image--icon" style={{ backgroundColor: TILES[tone] }}>
          <Text style={{ color: INKS[tone] }}>{item.name.slice(0, 1)}</Text>
        </View>
      )}
      <View className="shop-item__body">
        <Text className="shop-item__name">{item.name}</Text>
        {!!item.description && <Text className="shop-item__desc">{item.description}</Text>}
        <View className="shop-item__foot">
          <View className="shop-item__price">
            <Text className="shop-item__price-num">{item.price}</Text>
            <Text className="shop-item__price-unit">积分</Text>
          </View>
          <Text className="shop-item__stock">{soldOut ? '已兑完' : `剩 ${item.stock} 件`}</Text>
        </View>
        <View
          className={`shop-item__btn ${soldOut || short || busy ? 'shop-item__btn--off' : ''}`}
          onClick={() => !soldOut && !busy && onRedeem()}
        >
          <Text>{soldOut ? '已兑完' : short ? '积分不足' : busy ? '兑换中…' : '兑换'}</Text>
        </View>
      </View>
    </View>
  );
}

/** 积分超市 of my community: what my points buy; each redemption asks first and gives a pickup code. */
export default function ShopPage() {
  const signedIn = useSignedIn();
  const mine = useRemote(() => call(api.points.getMyPoints), [], signedIn);
  const list = usePaged(
    (page, pageSize) => call(api.points.listShopItems, { query: { page, pageSize } }),
    [],
    signedIn,
    20,
  );
  const [busy, setBusy] = useState<string | null>(null);
  const balance = mine.data?.balance ?? null;

  const redeem = async (item: ShopItem) => {
    if (balance !== null && balance < item.price) {
      void Taro.showToast({ title: `还差 ${item.price - balance} 积分`, icon: 'none' });
      return;
    }
    const { confirm } = await Taro.showModal({
      title: '确认兑换',
      content: `用 ${item.price} 积分兑换“${item.name}”？兑换后积分不退回，请凭领取码到社区党群服务中心领取。`,
      confirmText: '兑换',
      cancelText: '再想想',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(item.id);
    try {
      const r = await call(api.points.redeemShopItem, {
        params: { id: item.id },
        body: {},
        header: { 'Idempotency-Key': requestKey() },
      });
      await Promise.all([mine.reload(), list.refresh()]);
      const { confirm: view } = await Taro.showModal({
        title: '兑换成功',
        content: `领取码 ${r.pickupCode}。请到社区党群服务中心出示领取码领取“${r.item.name}”。`,
        confirmText: '查看兑换',
        cancelText: '继续逛逛',
        confirmColor: '#D42A1F',
      });
      if (view) void Taro.navigateTo({ url: '/packages/points/redemptions/index' });
    } catch (e) {
      void Taro.showModal({ title: '没有兑换成功', content: messageOf(e), showCancel: false, confirmColor: '#D42A1F' });
      void list.refresh();
      void mine.reload();
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="page pts-page shop-page">
      <View className="pts-hero shop-hero">
        <Text className="pts-hero__label">我的积分</Text>
        <Text className="pts-hero__num">{balance ?? '—'}</Text>
        <View className="shop-hero__links">
          <Text
            className="pts-hero__shop"
            onClick={() => void Taro.navigateTo({ url: '/packages/points/redemptions/index' })}
          >
            我的兑换 ›
          </Text>
          <Text
            className="pts-hero__shop"
            onClick={() => void Taro.navigateTo({ url: '/packages/points/ledger/index' })}
          >
            积分明细 ›
          </Text>
        </View>
      </View>
      <View className="pts-body">
        {list.loading && list.items.length === 0 && <LoadingCards count={3} />}
        {list.error && !list.loading && <ErrorState message={list.error} onRetry={() => void list.reload()} />}
        {!list.loading && !list.error && list.items.length === 0 && (
          <EmptyState text="积分超市暂时没有商品" hint="社区上架后会在这里显示，敬请期待" />
        )}
        {list.items.map((item) => (
          <ItemCard
            key={item.id}
            item={item}
            balance={balance}
            busy={busy === item.id}
            onRedeem={() => void redeem(item)}
          />
        ))}
        <PagedFooter list={list} />
      </View>
    </View>
  );
}
