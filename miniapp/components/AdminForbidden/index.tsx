import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { HOME_URL } from '../../services/session';
import './index.scss';

/**
 * What someone without a staff-type role sees on an admin page: a plain 无权访问 and the way home.
 * The page loads nothing for them (and the API would refuse anyway).
 */
export function AdminForbidden({ detail }: { detail?: string }) {
  return (
    <View className="admin-forbidden">
      <View className="admin-forbidden__picture">
        <Text className="admin-forbidden__symbol">🔒</Text>
      </View>
      <Text className="admin-forbidden__title">无权访问</Text>
      <Text className="admin-forbidden__text">
        {detail ?? '管理功能只对社区工作者、网格员等工作人员开放。如果您是工作人员，请用工作账号登录。'}
      </Text>
      <Button
        className="admin-forbidden__home"
        type="primary"
        shape="round"
        size="large"
        onClick={() => void Taro.switchTab({ url: HOME_URL })}
      >
        回到首页
      </Button>
    </View>
  );
}
