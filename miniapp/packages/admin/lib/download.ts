import Taro from '@tarojs/taro';
import { ERROR_CODES, isApiError, type Endpoint } from '@gongzhi/shared';
import { ApiClientError, NETWORK_ERROR_MESSAGE } from '../../../services/api';
import { getToken } from '../../../services/session';

function queryString(query: Record<string, string | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v!)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * Downloads an Excel export and hands it to the person: on weapp downloadFile + openDocument (WeChat's
 * viewer, with its menu to forward or save); on H5 a file download named `fileName`.
 */
export async function openExcel(
  endpoint: Pick<Endpoint, 'path'>,
  query: Record<string, string | undefined>,
  fileName: string,
): Promise<void> {
  const token = getToken();
  if (!token) throw new ApiClientError('UNAUTHENTICATED', ERROR_CODES.UNAUTHENTICATED.message, 401);
  const url = API_BASE + endpoint.path + queryString(query);
  const header = { Authorization: `Bearer ${token}` };

  if (process.env.TARO_ENV === 'h5') {
    let res: Response;
    try {
      res = await fetch(url, { headers: header });
    } catch {
      throw new ApiClientError('NETWORK', NETWORK_ERROR_MESSAGE, 0);
    }
    if (!res.ok) {
      const body: unknown = await res.json().catch(() => null);
      if (isApiError(body)) throw new ApiClientError(body.code, body.message, res.status, body.fields ?? []);
      throw new ApiClientError('HTTP_ERROR', `导出失败（${res.status}）`, res.status);
    }
    const blob = await res.blob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    return;
  }

  let file: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    file = await Taro.downloadFile({ url, header });
  } catch {
    throw new ApiClientError('NETWORK', NETWORK_ERROR_MESSAGE, 0);
  }
  if (file.statusCode !== 200)
    throw new ApiClientError('HTTP_ERROR', `导出失败（${file.statusCode}）`, file.statusCode);
  await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'xlsx', showMenu: true });
}
