import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { FINDING_CATEGORIES, FINDING_CATEGORY_LABELS, PATROL_RULES, api, type FindingCategory } from '@gongzhi/shared';
import { call } from '../../../services/api';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { useRemote } from '../../../hooks/useRemote';
import { useAdminAccess } from '../../../hooks/useAdminAccess';
import { requestKey } from '../../../components/ResidentKit';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { AdminForbidden } from '../../../components/AdminForbidden';
import {
  ActionBar,
  Banner,
  Card,
  Chips,
  Field,
  PickerValue,
  PlainButton,
  Sheet,
  TextArea,
  TextInput,
} from '../../admin/components/ui';
import { chinaDate, clock } from '../../admin/lib/format';
import { failure, firstMessage, type FieldMessages } from '../../admin/lib/forms';
import { PhotoPicker, photoIds, photoProblem, type PhotoItem } from '../../admin/components/PhotoPicker';
import '../../admin/components/ui.scss';
import './index.scss';

interface Draft {
  key: string;
  category: FindingCategory | null;
  description: string;
  photos: PhotoItem[];
  lat: string;
  lng: string;
  /** Where the location came from: the phone, or typed in. */
  located: 'phone' | 'typed' | null;
}

const emptyDraft = (): Draft => ({
  key: requestKey(),
  category: null,
  description: '',
  photos: [],
  lat: '',
  lng: '',
  located: null,
});

/** Rounded down to 5 minutes, China time: `14:35`. */
function nowTime(offsetMinutes = 0): string {
  const t = new Date(Date.now() + offsetMinutes * 60_000);
  t.setMinutes(t.getMinutes() - (t.getMinutes() % 5));
  return clock(t);
}

/** Asks the phone where it is (weapp: pick on the map); H5 falls back to typing the coordinates. */
async function locate(): Promise<{ lat: number; lng: number } | null> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const picked = await Taro.chooseLocation({});
      return { lat: picked.latitude, lng: picked.longitude };
    }
    const here = await Taro.getLocation({ type: 'wgs84' });
    return { lat: here.latitude, lng: here.longitude };
  } catch {
    return null;
  }
}

/** 记录巡查: the grid worker's weekly patrol — when, which complexes, what was found (with photos and location). */
export default function PatrolNewPage() {
  const signedIn = useSignedIn();
  const access = useAdminAccess();
  const allowed = access.can(api.grids.logPatrol);
  const grids = useRemote(
    async () => (await call(api.grids.listGrids, { query: { pageSize: 100 } })).items,
    [],
    signedIn && allowed,
  );
  const [gridId, setGridId] = useState<string | null>(null);
  const [date, setDate] = useState(chinaDate());
  const [start, setStart] = useState(nowTime(-60));
  const [end, setEnd] = useState(nowTime());
  const [places, setPlaces] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [findings, setFindings] = useState<Draft[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [draftError, setDraftError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldMessages>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(requestKey());

  useEffect(() => {
    if (grids.data?.length && !gridId) setGridId(grids.data[0].id);
  }, [grids.data, gridId]);

  if (!signedIn) return <View className="page" />;
  if (!allowed) return <AdminForbidden />;
  if (!grids.data) {
    return (
      <View className="page">
        {grids.loading && <LoadingCards count={2} />}
        {grids.error && <ErrorState message={grids.error} onRetry={() => void grids.reload()} />}
      </View>
    );
  }
  if (grids.data.length === 0)
    return <EmptyState text="您还没有负责的网格" hint="请联系社区工作人员把您加入网格团队" />;
  const grid = grids.data.find((g) => g.id === gridId) ?? grids.data[0];

  const editDraft = (change: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...change } : d));

  const fillLocation = async () => {
    const here = await locate();
    if (here) editDraft({ lat: here.lat.toFixed(6), lng: here.lng.toFixed(6), located: 'phone' });
    else {
      editDraft({ located: 'typed' });
      void Taro.showToast({ title: '无法获取定位，请手动填写经纬度', icon: 'none' });
    }
  };

  const saveDraft = () => {
    if (!draft) return;
    if (!draft.category) return setDraftError('请选择发现的类别');
    if (!draft.description.trim()) return setDraftError('请描述发现的问题');
    const waiting = photoProblem(draft.photos, '保存');
    if (waiting) return setDraftError(waiting);
    const lat = Number(draft.lat);
    const lng = Number(draft.lng);
    if ((draft.lat || draft.lng) && !(Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && draft.lat && draft.lng)) {
      return setDraftError('经纬度不正确，例如 纬度 30.2741、经度 120.1551');
    }
    setFindings((now) => {
      const i = now.findIndex((f) => f.key === draft.key);
      return i < 0 ? [...now, draft] : now.map((f) => (f.key === draft.key ? draft : f));
    });
    setDraft(null);
  };

  const submit = async () => {
    const body = {
      gridId: grid.id,
      startedAt: `${date}T${start}:00+08:00`,
      endedAt: `${date}T${end}:00+08:00`,
      placeIds: places,
      note: note.trim() || undefined,
      findings: findings.map((f) => ({
        category: f.category as FindingCategory,
        description: f.description.trim(),
        photos: photoIds(f.photos),
        location: f.lat && f.lng ? { lat: Number(f.lat), lng: Number(f.lng) } : null,
        // One complex visited: the finding is there (several: the grid, unless said otherwise).
        placeId: places.length === 1 ? places[0] : undefined,
      })),
    };
    setBusy(true);
    setBanner(null);
    try {
      const patrol = await call(api.grids.logPatrol, { body, header: { 'Idempotency-Key': key.current } });
      void Taro.showToast({ title: '巡查已记录', icon: 'success' });
      void Taro.redirectTo({ url: `/packages/grids/patrol/index?id=${patrol.id}` });
    } catch (e) {
      const f = failure(e);
      setFields(f.fields);
      setBanner(firstMessage(f.fields) ?? f.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page patrol-new">
      <Card>
        <Banner message={banner} />
        <Field label="网格" required error={fields.gridId}>
          <Chips
            options={grids.data.map((g) => ({ value: g.id, label: g.name }))}
            value={grid.id}
            onChange={(id) => {
              setGridId(id);
              setPlaces([]);
            }}
          />
        </Field>
        <Field label="巡查日期" required>
          <Picker mode="date" value={date} end={chinaDate()} onChange={(e) => setDate(String(e.detail.value))}>
            <PickerValue text={date} placeholder="选择日期" />
          </Picker>
        </Field>
        <View className="patrol-new__times">
          <Field label="开始" required className="patrol-new__time">
            <Picker mode="time" value={start} onChange={(e) => setStart(String(e.detail.value))}>
              <PickerValue text={start} placeholder="开始时间" />
            </Picker>
          </Field>
          <Field label="结束" required error={fields.endedAt} className="patrol-new__time">
            <Picker mode="time" value={end} onChange={(e) => setEnd(String(e.detail.value))}>
              <PickerValue text={end} placeholder="结束时间" />
            </Picker>
          </Field>
        </View>
        <Field label="巡查到的小区" required error={fields.placeIds} hint="可多选">
          <Chips
            className="patrol-new__places"
            options={grid.complexes.map((c) => ({ value: c.id, label: c.name }))}
            value={places}
            onChange={(id) => setPlaces((now) => (now.includes(id) ? now.filter((x) => x !== id) : [...now, id]))}
          />
        </Field>
        <Field label="备注（选填）" error={fields.note}>
          <TextInput value={note} maxlength={500} placeholder="例如：重点看了楼道和消防通道" onInput={setNote} />
        </Field>
      </Card>

      <View className="patrol-new__findings-head">
        <Text className="section-title">{`发现的问题（${findings.length}）`}</Text>
        <Text className="patrol-new__findings-hint">没有发现可不填</Text>
      </View>
      {findings.map((f, i) => (
        <View key={f.key} className="patrol-new__finding">
          <View className="patrol-new__finding-body" onClick={() => setDraft(f)}>
            <Text className="patrol-new__finding-cat">{`${i + 1}. ${FINDING_CATEGORY_LABELS[f.category as FindingCategory]}`}</Text>
            <Text className="patrol-new__finding-desc">{f.description}</Text>
            <Text className="patrol-new__finding-meta">
              {[f.photos.length ? `照片 ${f.photos.length} 张` : '', f.lat ? '已定位' : '']
                .filter(Boolean)
                .join(' · ') || '点按修改'}
            </Text>
          </View>
          <Text
            className="patrol-new__finding-remove"
            onClick={() => setFindings((now) => now.filter((x) => x.key !== f.key))}
          >
            删除
          </Text>
        </View>
      ))}
      {fields['findings.0.description'] && (
        <Text className="form-field__error">{fields['findings.0.description']}</Text>
      )}
      <View className="patrol-new__add">
        <PlainButton
          tone="brand"
          className="patrol-new__add-finding"
          disabled={findings.length >= PATROL_RULES.maxFindings}
          onClick={() => {
            setDraftError(null);
            setDraft(emptyDraft());
          }}
        >
          ＋ 添加发现的问题
        </PlainButton>
      </View>

      <ActionBar>
        <Button type="primary" block loading={busy} className="patrol-new__submit" onClick={() => void submit()}>
          提交巡查记录
        </Button>
      </ActionBar>

      <Sheet
        open={!!draft}
        title="发现的问题"
        onClose={() => setDraft(null)}
        footer={
          <Button type="primary" block className="patrol-new__save-finding" onClick={saveDraft}>
            保存这条发现
          </Button>
        }
      >
        {draft && (
          <>
            <Banner message={draftError} />
            <Field label="类别" required>
              <Chips
                options={FINDING_CATEGORIES.map((c) => ({ value: c, label: FINDING_CATEGORY_LABELS[c] }))}
                value={draft.category}
                onChange={(category) => editDraft({ category })}
              />
            </Field>
            <Field label="问题描述" required>
              <TextArea
                value={draft.description}
                maxlength={500}
                placeholder="例如：1 号楼 2 单元楼道灯不亮"
                onInput={(description) => editDraft({ description })}
              />
            </Field>
            <Field label={`照片（最多 ${PATROL_RULES.maxPhotos} 张）`}>
              <PhotoPicker
                photos={draft.photos}
                max={PATROL_RULES.maxPhotos}
                onChange={(update) => setDraft((d) => (d ? { ...d, photos: update(d.photos) } : d))}
              />
            </Field>
            <Field
              label="位置（选填）"
              hint={draft.located === 'phone' ? '已使用手机定位' : '可用手机定位，或手动填写经纬度'}
            >
              <PlainButton className="patrol-new__locate" onClick={() => void fillLocation()}>
                获取当前位置
              </PlainButton>
              {(draft.located === 'typed' || process.env.TARO_ENV === 'h5' || draft.lat) && (
                <View className="patrol-new__coords">
                  <TextInput
                    className="patrol-new__lat"
                    type="digit"
                    value={draft.lat}
                    placeholder="纬度，如 30.2741"
                    onInput={(lat) => editDraft({ lat, located: 'typed' })}
                  />
                  <TextInput
                    className="patrol-new__lng"
                    type="digit"
                    value={draft.lng}
                    placeholder="经度，如 120.1551"
                    onInput={(lng) => editDraft({ lng, located: 'typed' })}
                  />
                </View>
              )}
            </Field>
          </>
        )}
      </Sheet>
    </View>
  );
}
