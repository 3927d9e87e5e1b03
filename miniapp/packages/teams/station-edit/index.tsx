import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input, Textarea } from '@tarojs/components';
import { api, createStationBody, parseWith } from '@gongzhi/shared';
import { ApiClientError, call, messageOf } from '../../../services/api';
import { getSavedUser } from '../../../services/session';
import { useSignedIn } from '../../../hooks/useSignedIn';
import { LoadingCards } from '../../../components/PageState';
import { FieldMessage, errorsByField, requestKey } from '../../../components/ResidentKit';
import '../teams.scss';

type Form = {
  name: string;
  address: string;
  openHours: string;
  contactName: string;
  contactPhone: string;
  description: string;
};
const EMPTY: Form = { name: '', address: '', openHours: '', contactName: '', contactPhone: '', description: '' };
const FIELDS: { key: keyof Form; label: string; placeholder: string }[] = [
  { key: 'name', label: '站点名称', placeholder: '如：南门社区新时代文明实践站' },
  { key: 'address', label: '地址', placeholder: '如：党群服务中心一楼' },
  { key: 'openHours', label: '开放时间', placeholder: '如：周一至周六 8:30–17:30' },
  { key: 'contactName', label: '联系人', placeholder: '姓名' },
  { key: 'contactPhone', label: '联系电话', placeholder: '手机号或固定电话' },
];

/** Create or edit a service station (staff of its community). */
export default function StationEditPage() {
  const id = useRouter().params.id;
  useSignedIn();
  const [form, setForm] = useState<Form>(EMPTY);
  const [placeId, setPlaceId] = useState(getSavedUser()?.community?.id ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loading, setLoading] = useState(!!id);
  const [saving, setSaving] = useState(false);
  const [key] = useState(requestKey);

  useEffect(() => {
    if (!id) return;
    call(api.teams.getStation, { params: { id } })
      .then((s) => {
        setForm({ ...s, contactPhone: s.contactPhone ?? '' });
        setPlaceId(s.placeId);
      })
      .catch((err) => void Taro.showToast({ title: messageOf(err), icon: 'none' }))
      .finally(() => setLoading(false));
  }, [id]);

  const save = async () => {
    const checked = parseWith(createStationBody, { ...form, placeId }, 'body');
    if (!checked.ok) return setErrors(errorsByField(checked.fields));
    setErrors({});
    setSaving(true);
    try {
      if (id) await call(api.teams.updateStation, { params: { id }, body: { ...form } });
      else await call(api.teams.createStation, { body: { ...form, placeId }, header: { 'Idempotency-Key': key } });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    } catch (err) {
      if (err instanceof ApiClientError && err.fields.length) setErrors(errorsByField(err.fields));
      void Taro.showToast({ title: messageOf(err), icon: 'none', duration: 3000 });
    } finally {
      setSaving(false);
    }
  };

  if (loading) return <LoadingCards count={2} />;
  return (
    <View className="tm-page station-edit">
      <View className="tm-card">
        {FIELDS.map((f) => (
          <View key={f.key} className="station-edit__field" data-field={f.key}>
            <Text className="tm-card__meta">{f.label}</Text>
            <Input
              className="tm-input"
              value={form[f.key]}
              placeholder={f.placeholder}
              onInput={(e) => {
                setForm({ ...form, [f.key]: e.detail.value });
                if (errors[f.key]) setErrors({ ...errors, [f.key]: '' });
              }}
            />
            <FieldMessage text={errors[f.key]} />
          </View>
        ))}
        <Text className="tm-card__meta">介绍（选填）</Text>
        <View className="station-edit__box">
          <Textarea
            className="station-edit__text"
            value={form.description}
            maxlength={500}
            placeholder="提供哪些服务、怎么找到"
            onInput={(e) => setForm({ ...form, description: e.detail.value })}
          />
        </View>
        <View className={`tm-button${saving ? ' tm-button--disabled' : ''}`} onClick={() => !saving && void save()}>
          <Text>{id ? '保存修改' : '新建站点'}</Text>
        </View>
      </View>
    </View>
  );
}
