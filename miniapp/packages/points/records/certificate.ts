import Taro from '@tarojs/taro';
import { ApiClientError } from '../../../services/api';
import { getToken } from '../../../services/session';

/**
 * Opens a certificate PDF. The download needs the sign-in token, so a plain link will not do: on
 * weapp downloadFile (with the header) then openDocument; on H5 fetch it and save it as a file.
 */
export async function openCertificate(pdfPath: string, code: string): Promise<void> {
  const url = API_BASE + pdfPath;
  const header = { Authorization: `Bearer ${getToken() ?? ''}` };
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.downloadFile({ url, header });
    if (res.statusCode !== 200) throw new ApiClientError('DOWNLOAD_FAILED', '证明下载失败，请稍后再试', res.statusCode);
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
    return;
  }
  const res = await fetch(url, { headers: header });
  if (!res.ok) throw new ApiClientError('DOWNLOAD_FAILED', '证明下载失败，请稍后再试', res.status);
  const blob = await res.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `志愿服务记录证明-${code}.pdf`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
