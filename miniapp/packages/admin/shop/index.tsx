import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, type Redemption, type ShopItem } from '@gongzhi/shared';
import { call, messageOf } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { AdminForbidden } from '../../../components/AdminForbidden';
import { requestKey } from '../../../components/ResidentKit';
import { dateTime } from '../lib/format';
import { check, failure, type FieldMessages } from '../lib/forms';
import { ActionBar, Banner, Card, Chips, Field, PlainButton, Sheet, Tag, TextArea, TextInput } from '../components/ui';
import { AdminList, useListPage, wholeList } from '../components/AdminList';
import '../components/ui.scss';
import './index.scss';

type Tab = 'pickup' | 'items';
const EMPTY = { name: '', description: '', price: '', stock: '' };

async function loadAll() {
  const [items, waiting] = await Promise.all([
    call(api.points.listShopItems, { query: { all: 'true', pageSize: 100 } }),
    call(api.points.listRedemptions, { query: { status: 'awaitingPickup', pageSize: 100 } }),
  ]);
  return { items: items.items, waiting: waiting.items, waitingTotal: waiting.total };
}

/** 积分超市 for community staff: hand over redeemed items by pickup code; stock, restock and withdraw items. */
export default function AdminShopPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.points.createShopItem) && !!access.user?.community;
  const data = useRemote(loadAll, [], signedIn && allowed);
  const [tab, setTab] = useState<Tab>('pickup');
  const [handing, setHanding] = useState<Redemption | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState(EMPTY);
  const [fields, setFields] = useState<FieldMessages>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(requestKey());

  // Both tabs show the one load: redemptions waiting for pickup, and the shelf.
  const pickups = wholeList(data, (d) => d.waiting);
  const shelf = wholeList(data, (d) => d.items);
  useListPage(pickups);
  if (!allowed) return <AdminForbidden />;

  const handOver = async () => {
    if (!handing) return;
    setBusy(true);
    try {
      await call(api.points.handOverRedemption, { params: { id: handing.id }, body: { pickupCode: code.trim() } });
      setHanding(null);
      void Taro.showToast({ title: '已领取', icon: 'success' });
      await data.reload();
    } catch (e) {
      const f = failure(e);
      setCodeError(f.fields.pickupCode ?? f.message);
    } finally {
      setBusy(false);
    }
  };

  const addItem = async () => {
    const body = {
      name: form.name,
      description: form.description,
      price: Number(form.price) || 0,
      stock: form.stock === '' ? -1 : Number(form.stock),
    };
    const problems = check(api.points.createShopItem.body, body);
    setFields(problems ?? {});
    if (problems) return;
    setBusy(true);
    setBanner(null);
    try {
      await call(api.points.createShopItem, { body, header: { 'Idempotency-Key': key } });
      setKey(requestKey());
      setForm(EMPTY);
      setAdding(false);
      void Taro.showToast({ title: '已上架', icon: 'success' });
      await data.reload();
    } catch (e) {
      const f = failure(e);
      setFields(f.fields);
      setBanner(f.message);
    } finally {
      setBusy(false);
    }
  };

  const update = async (item: ShopItem, body: { addStock?: number; active?: boolean }, done: string) => {
    try {
      await call(api.points.updateShopItem, { params: { id: item.id }, body });
      void Taro.showToast({ title: done, icon: 'success' });
      await data.reload();
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  const restock = async (item: ShopItem) => {
    const { confirm } = await Taro.showModal({
      title: '补货',
      content: `给“${item.name}”补货 10 件？`,
      confirmText: '补货',
      confirmColor: '#D42A1F',
    });
    if (confirm) await update(item, { addStock: 10 }, '已补货');
  };

  const toggle = async (item: ShopItem) => {
    const { confirm } = await Taro.showModal({
      title: item.active ? '下架商品' : '重新上架',
      content: item.active ? `下架后居民将看不到“${item.name}”，已兑换的仍可领取。` : `重新上架“${item.name}”？`,
      confirmText: item.active ? '下架' : '上架',
      confirmColor: '#D42A1F',
    });
    if (confirm) await update(item, { active: !item.active }, item.active ? '已下架' : '已上架');
  };

  const d = data.data;
  return (
    <View className="page admin-shop">
      <Chips<Tab>
        options={[
          { value: 'pickup', label: d ? `待领取 ${d.waitingTotal}` : '待领取' },
          { value: 'items', label: d ? `商品 ${d.items.length}` : '商品' },
        ]}
        value={tab}
        onChange={setTab}
        className="admin-shop__tabs"
      />
      {tab === 'pickup' && (
        <AdminList
          list={pickups}
          empty={{ text: '没有待领取的兑换', hint: '居民兑换后，凭领取码到这里核对领取' }}
          render={(r) => (
            <Card key={r.id} className="admin-shop__row">
              <View className="admin-shop__line">
                <Text className="admin-shop__name">{r.item.name}</Text>
                <Tag tone="orange">待领取</Tag>
              </View>
              <Text className="admin-shop__meta">{`${r.personName ?? ''} · ${r.price} 积分 · ${dateTime(r.redeemedAt)}`}</Text>
              <PlainButton
                tone="brand"
                className="admin-shop__hand"
                onClick={() => {
                  setHanding(r);
                  setCode('');
                  setCodeError(undefined);
                }}
              >
                核对领取码
              </PlainButton>
            </Card>
          )}
        />
      )}
      {tab === 'items' && (
        <AdminList
          list={shelf}
          empty={{ text: '还没有商品', hint: '上架居民用积分兑换的生活用品' }}
          render={(item) => (
            <Card key={item.id} className="admin-shop__row">
              <View className="admin-shop__line">
                <Text className="admin-shop__name">{item.name}</Text>
                {!item.active && <Tag tone="grey">已下架</Tag>}
              </View>
              <Text className="admin-shop__meta">{`${item.price} 积分 · 库存 ${item.stock} 件`}</Text>
              <View className="admin-shop__actions">
                <PlainButton onClick={() => void restock(item)}>补货 10 件</PlainButton>
                <PlainButton tone={item.active ? 'danger' : 'brand'} onClick={() => void toggle(item)}>
                  {item.active ? '下架' : '上架'}
                </PlainButton>
              </View>
            </Card>
          )}
        />
      )}
      {d && tab === 'items' && (
        <ActionBar>
          <Button type="primary" block className="admin-shop__new" onClick={() => setAdding(true)}>
            上架新商品
          </Button>
        </ActionBar>
      )}

      <Sheet
        open={!!handing}
        title="核对领取码"
        onClose={() => setHanding(null)}
        footer={
          <Button type="primary" block loading={busy} className="admin-shop__confirm" onClick={() => void handOver()}>
            确认已领取
          </Button>
        }
      >
        {handing && (
          <Text className="admin-shop__meta admin-shop__who">{`${handing.personName ?? ''} 兑换的“${handing.item.name}”`}</Text>
        )}
        <Field label="居民出示的领取码" required error={codeError}>
          <TextInput
            value={code}
            type="number"
            maxlength={6}
            placeholder="6 位数字"
            onInput={(v) => {
              setCode(v);
              setCodeError(undefined);
            }}
          />
        </Field>
      </Sheet>

      <Sheet
        open={adding}
        title="上架新商品"
        onClose={() => setAdding(false)}
        footer={
          <Button type="primary" block loading={busy} className="admin-shop__submit" onClick={() => void addItem()}>
            上架
          </Button>
        }
      >
        <Banner message={banner} />
        <Field label="名称" required error={fields.name}>
          <TextInput
            value={form.name}
            maxlength={40}
            placeholder="例如：洗衣液 2kg"
            onInput={(name) => setForm({ ...form, name })}
          />
        </Field>
        <Field label="兑换所需积分" required error={fields.price}>
          <TextInput
            value={form.price}
            type="number"
            placeholder="例如：60"
            onInput={(price) => setForm({ ...form, price })}
          />
        </Field>
        <Field label="库存（件）" required error={fields.stock}>
          <TextInput
            value={form.stock}
            type="number"
            placeholder="例如：20"
            onInput={(stock) => setForm({ ...form, stock })}
          />
        </Field>
        <Field label="说明" error={fields.description}>
          <TextArea
            value={form.description}
            maxlength={200}
            placeholder="规格、领取地点等"
            onInput={(description) => setForm({ ...form, description })}
          />
        </Field>
      </Sheet>
    </View>
  );
}
