import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, linkRecordBody, parseWith } from '@gongzhi/shared';
import { ApiClientError, call, messageOf } from '../../../services/api';
import { HOME_URL, saveSession } from '../../../services/session';
import { FieldMessage, errorsByField } from '../../../components/ResidentKit';
import { useSignedIn } from '../../../hooks/useSignedIn';
import '../account.scss';
import './index.scss';

const KIND_WORDS = { resident: '居民', volunteer: '志愿者', partyMember: '党员', staff: '社区工作人员' } as const;

/**
 * 关联登记信息: someone the community registered (志愿者, 党员, 社区工作人员) proves it is them with their
 * name and ID number; from then on this WeChat signs in as that record, with its hours, points and branch.
 */
export default function LinkPage() {
  useSignedIn();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const body = { name, idNumber };
    const checked = parseWith(linkRecordBody, body, 'body');
    if (!checked.ok) {
      setFields(errorsByField(checked.fields));
      return;
    }
    const { confirm } = await Taro.showModal({
      title: '确认关联',
      content: '关联后，这个微信将以登记的身份登录，您在这里点的单、预约等会一并转过去。确定吗？',
      confirmText: '确定关联',
      cancelText: '再看看',
      confirmColor: '#D42A1F',
    });
    if (!confirm) return;
    setBusy(true);
    setFields({});
    setError(null);
    try {
      const result = await call(api.people.linkMyRecord, { body });
      saveSession(result);
      const kinds = result.recordKinds.map((k) => KIND_WORDS[k]).join('、');
      await Taro.showModal({
        title: '关联成功',
        content: `${result.user.name}，您好！已找到您的登记信息${kinds ? `（${kinds}）` : ''}，服务时长、积分和支部信息都能在“我的”里看到。`,
        showCancel: false,
        confirmText: '知道了',
      });
      void Taro.reLaunch({ url: HOME_URL });
    } catch (e) {
      if (e instanceof ApiClientError && e.fields.length) setFields(errorsByField(e.fields));
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page account-page link-page">
      <View className="account-hero">
        <Text className="account-hero__title">我已在社区登记过</Text>
        <Text className="account-hero__text">
          志愿者、党员、社区工作人员：填写登记时的姓名和身份证号，找到您的记录后，就能看到自己的服务时长、积分和所在支部。
        </Text>
      </View>
      {error && (
        <View className="account-alert" role="alert">
          <Text>{error}</Text>
        </View>
      )}
      <View className="account-field">
        <Text className="account-field__label">姓名</Text>
        <Input
          className="account-field__input link-name"
          value={name}
          placeholder="登记时用的姓名"
          maxlength={30}
          onInput={(e) => setName(e.detail.value)}
        />
        <FieldMessage text={fields.name} />
      </View>
      <View className="account-field">
        <Text className="account-field__label">身份证号</Text>
        <Input
          className="account-field__input link-id"
          type="idcard"
          value={idNumber}
          placeholder="18 位身份证号"
          maxlength={18}
          onInput={(e) => setIdNumber(e.detail.value)}
        />
        <FieldMessage text={fields.idNumber} />
      </View>
      <Button type="primary" block size="large" loading={busy} className="link-submit" onClick={() => void submit()}>
        查找并关联
      </Button>
      <Text className="account-note">
        身份证号只用来核对，保存时会加密，页面上不会显示。每天最多核对 5 次；找不到记录，请联系社区工作人员。
      </Text>
    </View>
  );
}
