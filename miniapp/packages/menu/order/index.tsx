import { useEffect, useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input, Textarea, Image } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  MAX_NEED_PHOTOS,
  MENU_CATEGORIES,
  api,
  createNeedBody,
  parseWith,
  validateNeedAnswers,
  type MenuField,
  type MenuItemDetail,
} from '@gongzhi/shared';
import { ApiClientError, call, messageOf } from '../../../services/api';
import { HOME_URL, getSavedUser } from '../../../services/session';
import { askToSubscribe, loadTemplates } from '../../../services/subscribe';
import { useRemote } from '../../../hooks/useRemote';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { ErrorState, LoadingCards } from '../../../components/PageState';
import { FieldMessage, errorsByField, requestKey, whenText } from '../../../components/ResidentKit';
import { AnswerField, FieldHead, type AnswerDraft } from './AnswerField';
import { AddressSheet, homeIn, placeLabel, type Places } from './AddressSheet';
import { TimeSheet } from './TimeSheet';
import { choosePhotos, uploadPhoto, type PhotoItem } from './photos';
import './index.scss';

/** A datetime field with this code is the need's own preferred time: one picker, not two. */
const TIME_CODE = 'preferredTime';
const DESCRIPTION_MAX = 1000;

interface Draft {
  otherText: string;
  description: string;
  preferredTime: string | null;
  placeId: string | null;
  contactPhone: string;
  answers: Record<string, AnswerDraft>;
}

const EMPTY: Draft = {
  otherText: '',
  description: '',
  preferredTime: null,
  placeId: null,
  contactPhone: '',
  answers: {},
};

/** The answers as the API takes them: numbers as numbers, empty ones left out. */
function answersOf(fields: readonly MenuField[], drafts: Record<string, AnswerDraft>) {
  const out: Record<string, string | number | string[]> = {};
  for (const f of fields) {
    const v = drafts[f.code];
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length) out[f.code] = v;
      continue;
    }
    const text = v.trim();
    if (!text) continue;
    // Not a number stays text, so the check below says “应填写数字” next to the field.
    out[f.code] = f.type === 'number' && text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  }
  return out;
}

function orderedFields(item: MenuItemDetail | null): MenuField[] {
  return [...(item?.fields ?? [])].sort((a, b) => a.order - b.order);
}

export default function OrderPage() {
  const params = useRouter().params;
  const id = params.id && params.id !== 'other' ? params.id : null;
  const signedIn = useSignedIn();
  const setup = useRemote(
    async () => {
      const [item, places] = await Promise.all([
        id ? call(api.menu.getMenuItem, { params: { id } }) : Promise.resolve(null),
        call(api.grids.listPlaces),
      ]);
      void Taro.setNavigationBarTitle({ title: item ? `点单 · ${item.name}` : '其他需求' });
      return { item, places: { complexes: places.complexes, buildings: places.buildings } as Places };
    },
    [id],
    signedIn,
  );

  const [draft, setDraft] = useState<Draft>(EMPTY);
  // Without a bound phone the server has no number to fall back on: the field is then required.
  const hasPhone = !!getSavedUser()?.phone;
  // Where the person lives is the address until they choose another.
  useEffect(() => {
    const home = setup.data && homeIn(setup.data.places, getSavedUser()?.home ?? null);
    if (home) setDraft((d) => (d.placeId ? d : { ...d, placeId: home }));
  }, [setup.data]);
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sheet, setSheet] = useState<null | 'address' | { time: string }>(null);
  // One key for this form: a retried submit (flaky network, double tap) never creates two orders.
  const [key] = useState(requestKey);
  // Template ids ready before the tap: WeChat's consent dialog opens only from the tap itself.
  useEffect(() => void loadTemplates(), []);

  const item = setup.data?.item ?? null;
  const places = setup.data?.places ?? { complexes: [], buildings: [] };
  const fields = useMemo(() => orderedFields(item), [item]);
  const timeInAnswers = fields.some((f) => f.code === TIME_CODE && f.type === 'datetime');
  const category = MENU_CATEGORIES.find((c) => c.code === (item?.categoryCode ?? 'other'));

  function update(patch: Partial<Draft>, clear: string[]) {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of clear) delete next[k];
      return next;
    });
  }

  function setAnswer(code: string, value: AnswerDraft) {
    setDraft((d) => ({ ...d, answers: { ...d.answers, [code]: value } }));
    setErrors((e) => {
      const next = { ...e };
      delete next[`answers.${code}`];
      return next;
    });
  }

  function startUpload(list: PhotoItem[]) {
    for (const photo of list) {
      uploadPhoto(photo).then(
        (uploadId) =>
          setPhotos((now) => now.map((p) => (p.key === photo.key ? { ...p, status: 'done', id: uploadId } : p))),
        (e: unknown) =>
          setPhotos((now) =>
            now.map((p) => (p.key === photo.key ? { ...p, status: 'failed', message: messageOf(e) } : p)),
          ),
      );
    }
  }

  async function addPhotos() {
    const added = await choosePhotos(photos.length);
    if (!added.length) return;
    setPhotos((now) => [...now, ...added].slice(0, MAX_NEED_PHOTOS));
    setErrors((e) => ({ ...e, photos: '' }));
    startUpload(added);
  }

  function retryPhoto(photo: PhotoItem) {
    const again = { ...photo, status: 'uploading' as const, message: undefined };
    setPhotos((now) => now.map((p) => (p.key === photo.key ? again : p)));
    startUpload([again]);
  }

  function buildBody() {
    const answers = answersOf(fields, draft.answers);
    const preferred = timeInAnswers ? (answers[TIME_CODE] as string | undefined) : draft.preferredTime;
    return {
      menuItemId: item ? item.id : null,
      ...(item ? {} : { otherText: draft.otherText }),
      description: draft.description,
      preferredTime: preferred ?? null,
      placeId: draft.placeId ?? '',
      ...(draft.contactPhone.trim() ? { contactPhone: draft.contactPhone.trim() } : {}),
      photos: photos.filter((p) => p.status === 'done' && p.id).map((p) => p.id as string),
      answers,
    };
  }

  function showErrors(found: Record<string, string>, message: string) {
    setErrors(found);
    setBanner(message);
    void Taro.showToast({ title: message.length > 14 ? '请检查标出的项目' : message, icon: 'none' });
    // Bring the first marked field into view.
    setTimeout(
      () => void Taro.pageScrollTo({ selector: '.order-field--error', duration: 200 }).catch(() => undefined),
      50,
    );
  }

  async function submit() {
    if (busy) return;
    setBanner(null);
    const body = buildBody();
    const checked = parseWith(createNeedBody, body, 'body');
    const found = errorsByField([
      ...(checked.ok ? [] : checked.fields),
      ...(item ? validateNeedAnswers(item.fields, body.answers) : []),
    ]);
    if (!draft.placeId) found.placeId = '请选择服务地址';
    if (photos.some((p) => p.status === 'uploading')) found.photos = '照片还在上传，请稍候再提交';
    else if (photos.some((p) => p.status === 'failed')) found.photos = '有照片没有上传成功，请点“重试”或删除后再提交';
    if (Object.keys(found).length) {
      showErrors(found, '请检查标出的项目');
      return;
    }
    // Ask now, still inside the tap: may we tell them on WeChat how the order goes?
    askToSubscribe('need');
    setBusy(true);
    try {
      const need = await call(api.needs.createNeed, { body, header: { 'Idempotency-Key': key } });
      void Taro.showToast({ title: '点单成功', icon: 'success' });
      // Back from the order's detail goes to the item, not to a filled form.
      void Taro.redirectTo({ url: `/packages/needs/detail/index?id=${need.id}&created=1` });
    } catch (e) {
      const fieldErrors = e instanceof ApiClientError ? errorsByField(e.fields) : {};
      showErrors(fieldErrors, messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (setup.loading && !setup.data) {
    return (
      <View className="page order-page">
        <View className="order-loading">
          <LoadingCards count={3} />
        </View>
      </View>
    );
  }
  if (setup.error || !setup.data) {
    return (
      <View className="page order-page">
        <View className="order-loading">
          <ErrorState
            message={setup.error ?? '加载没有成功'}
            onRetry={setup.errorCode === 'VALIDATION_FAILED' ? undefined : () => void setup.reload()}
            fallback={{ text: '回到首页', onClick: () => void Taro.switchTab({ url: HOME_URL }) }}
          />
        </View>
      </View>
    );
  }

  const timeField = sheet && typeof sheet === 'object' ? sheet.time : null;
  const timeValue =
    timeField === TIME_CODE && !timeInAnswers
      ? draft.preferredTime
      : timeField
        ? ((draft.answers[timeField] as string | undefined) ?? null)
        : null;

  return (
    <View className="page order-page">
      <View className="order-hero">
        {category && (
          <Text
            className="order-hero__category"
            style={{ color: category.color, backgroundColor: `${category.color}1A` }}
          >
            {`${category.icon} ${category.name}`}
          </Text>
        )}
        <Text className="order-hero__name">{item ? item.name : '其他需求'}</Text>
        <Text className="order-hero__note">
          {item
            ? `提交后社区在 ${item.timeLimits.acceptHours} 小时内受理，可在“我的点单”查看进度`
            : '菜单里没有的事，写下来，社区帮您想办法'}
        </Text>
      </View>

      {banner && (
        <View className="order-banner">
          <Text>{banner}</Text>
        </View>
      )}

      <View className="order-card">
        <Text className="section-title">需求内容</Text>
        {!item && (
          <View className={`order-field ${errors.otherText ? 'order-field--error' : ''}`} data-field="otherText">
            <FieldHead label="您需要什么服务" required />
            <Input
              className="order-input"
              value={draft.otherText}
              maxlength={100}
              placeholder="一句话说明，例如：想办理老年证"
              placeholderClass="order-placeholder"
              onInput={(e) => update({ otherText: e.detail.value }, ['otherText'])}
            />
            <FieldMessage text={errors.otherText} />
          </View>
        )}

        {fields.map((f) => (
          <AnswerField
            key={f.code}
            field={f}
            value={draft.answers[f.code]}
            error={errors[`answers.${f.code}`]}
            onChange={(v) => setAnswer(f.code, v)}
            onPickTime={() => setSheet({ time: f.code })}
          />
        ))}

        <View
          className={`order-field order-field--description ${errors.description ? 'order-field--error' : ''}`}
          data-field="description"
        >
          <FieldHead label="需求描述" required help="说说具体情况，方便工作人员提前了解" />
          <View className="order-textarea-box">
            <Textarea
              className="order-textarea"
              value={draft.description}
              maxlength={DESCRIPTION_MAX}
              placeholder="例如：家里和邻居因为漏水的事起了纠纷，想咨询一下怎么处理"
              placeholderClass="order-placeholder"
              autoHeight={false}
              onInput={(e) => update({ description: e.detail.value }, ['description'])}
            />
            <Text className="order-textarea-box__count">{`${draft.description.length}/${DESCRIPTION_MAX}`}</Text>
          </View>
          <FieldMessage text={errors.description} />
        </View>
      </View>

      <View className="order-card">
        <Text className="section-title">地址与联系方式</Text>
        <View
          className={`order-field order-field--place ${errors.placeId ? 'order-field--error' : ''}`}
          data-field="placeId"
        >
          <FieldHead label="服务地址" required />
          <View className="order-picker-row order-place" onClick={() => setSheet('address')}>
            <Text className={draft.placeId ? 'order-picker-row__value' : 'order-picker-row__placeholder'}>
              {draft.placeId ? placeLabel(places, draft.placeId) : '请选择小区和楼栋'}
            </Text>
            <Text className="order-picker-row__arrow">›</Text>
          </View>
          <FieldMessage text={errors.placeId} />
        </View>

        {!timeInAnswers && (
          <View
            className={`order-field ${errors.preferredTime ? 'order-field--error' : ''}`}
            data-field="preferredTime"
          >
            <FieldHead label="希望服务时间" required={false} help="不填则由社区与您电话约定" />
            <View className="order-picker-row" onClick={() => setSheet({ time: TIME_CODE })}>
              <Text className={draft.preferredTime ? 'order-picker-row__value' : 'order-picker-row__placeholder'}>
                {draft.preferredTime ? whenText(draft.preferredTime) : '请选择日期和时间'}
              </Text>
              {draft.preferredTime ? (
                <Text
                  className="order-picker-row__clear"
                  onClick={(e) => {
                    e.stopPropagation();
                    update({ preferredTime: null }, ['preferredTime']);
                  }}
                >
                  清除
                </Text>
              ) : (
                <Text className="order-picker-row__arrow">›</Text>
              )}
            </View>
            <FieldMessage text={errors.preferredTime} />
          </View>
        )}

        <View className={`order-field ${errors.contactPhone ? 'order-field--error' : ''}`} data-field="contactPhone">
          <FieldHead
            label="联系电话"
            required={!hasPhone}
            help={`${hasPhone ? '不填则使用您绑定的手机号' : '方便办理人员联系您'}；号码只有办理人员能看到`}
          />
          <Input
            className="order-input order-phone"
            type="number"
            value={draft.contactPhone}
            maxlength={11}
            placeholder="11 位手机号"
            placeholderClass="order-placeholder"
            onInput={(e) => update({ contactPhone: e.detail.value }, ['contactPhone'])}
          />
          <FieldMessage text={errors.contactPhone} />
        </View>
      </View>

      <View className="order-card order-card--photos">
        <View className={`order-field ${errors.photos ? 'order-field--error' : ''}`} data-field="photos">
          <Text className="section-title">现场照片</Text>
          <Text className="order-field__help">{`选填，最多 ${MAX_NEED_PHOTOS} 张，每张不超过 5 MB`}</Text>
          <View className="order-photos">
            {photos.map((p) => (
              <View key={p.key} className={`order-photo order-photo--${p.status}`}>
                <Image className="order-photo__img" src={p.local} mode="aspectFill" />
                {p.status === 'uploading' && <Text className="order-photo__mask">上传中…</Text>}
                {p.status === 'failed' && (
                  <Text className="order-photo__mask order-photo__mask--failed" onClick={() => retryPhoto(p)}>
                    重试
                  </Text>
                )}
                <Text
                  className="order-photo__remove"
                  onClick={() => setPhotos((now) => now.filter((x) => x.key !== p.key))}
                >
                  ×
                </Text>
              </View>
            ))}
            {photos.length < MAX_NEED_PHOTOS && (
              <View className="order-photo order-photo--add" onClick={() => void addPhotos()}>
                <Text className="order-photo__plus">＋</Text>
                <Text className="order-photo__add-text">添加照片</Text>
              </View>
            )}
          </View>
          {photos.find((p) => p.status === 'failed')?.message && (
            <Text className="order-field__help">{photos.find((p) => p.status === 'failed')?.message}</Text>
          )}
          <FieldMessage text={errors.photos} />
        </View>
      </View>

      <View className="order-submit-bar">
        <Button
          className="order-submit"
          type="primary"
          shape="round"
          size="large"
          block
          loading={busy}
          disabled={busy}
          onClick={() => void submit()}
        >
          {busy ? '正在提交…' : '提交点单'}
        </Button>
      </View>

      <AddressSheet
        visible={sheet === 'address'}
        places={places}
        value={draft.placeId}
        onClose={() => setSheet(null)}
        onPick={(placeId) => {
          update({ placeId }, ['placeId']);
          setSheet(null);
        }}
      />
      {timeField !== null && (
        <TimeSheet
          visible
          title={fields.find((f) => f.code === timeField)?.label ?? '希望服务时间'}
          value={timeValue}
          onClose={() => setSheet(null)}
          onPick={(iso) => {
            if (timeField === TIME_CODE && !timeInAnswers) update({ preferredTime: iso }, ['preferredTime']);
            else if (timeField) setAnswer(timeField, iso);
            setSheet(null);
          }}
        />
      )}
    </View>
  );
}
