import Taro from '@tarojs/taro';
import { api, buildPath, isApiError, type DryRunResult, type ImportKind } from '@gongzhi/shared';
import { ApiClientError, NETWORK_ERROR_MESSAGE } from '../../../services/api';
import { getToken } from '../../../services/session';

const auth = (): Record<string, string> => {
  const token = getToken();
  if (!token) throw new ApiClientError('UNAUTHENTICATED', '请先登录', 401);
  return { Authorization: `Bearer ${token}` };
};

/**
 * Downloads a file the API makes (an .xlsx) and opens it: on H5 the browser saves it; on weapp it
 * is downloaded with the token and opened with the system viewer, from where it can be forwarded.
 */
export async function downloadAndOpen(path: string, fileName: string): Promise<void> {
  const url = API_BASE + path;
  if (process.env.TARO_ENV === 'h5') {
    const res = await fetch(url, { headers: auth() }).catch(() => null);
    if (!res) throw new ApiClientError('NETWORK', NETWORK_ERROR_MESSAGE, 0);
    if (!res.ok) {
      const body = await res.json().catch(() => null);
      throw isApiError(body)
        ? new ApiClientError(body.code, body.message, res.status)
        : new ApiClientError('HTTP_ERROR', `下载失败（${res.status}）`, res.status);
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await res.blob());
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    return;
  }
  const res = await Taro.downloadFile({ url, header: auth() }).catch(() => null);
  if (!res) throw new ApiClientError('NETWORK', NETWORK_ERROR_MESSAGE, 0);
  if (res.statusCode !== 200) throw new ApiClientError('HTTP_ERROR', `下载失败（${res.statusCode}）`, res.statusCode);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
}

export const templatePath = (kind: ImportKind) => buildPath(api.imports.downloadImportTemplate.path, { kind });

/** A picked file: its name and bytes. */
export interface PickedFile {
  name: string;
  bytes: ArrayBuffer;
}

/** Lets staff pick an .xlsx/.csv: a file input on H5, a chat file (chooseMessageFile) on weapp. */
export async function pickSheet(): Promise<PickedFile | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.xlsx,.csv';
      input.onchange = async () => {
        const file = input.files?.[0];
        resolve(file ? { name: file.name, bytes: await file.arrayBuffer() } : null);
      };
      input.click();
    });
  }
  const picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] }).catch(() => null);
  const file = picked?.tempFiles[0];
  if (!file) return null;
  const bytes = await new Promise<ArrayBuffer>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      success: (r) => resolve(r.data as ArrayBuffer),
      fail: () => reject(new ApiClientError('FILE', '读取文件失败，请重试', 0)),
    }),
  );
  return { name: file.name, bytes };
}

/** Sends a picked file to the dry run (the request body is the file). */
export async function dryRunSheet(kind: ImportKind, file: PickedFile): Promise<DryRunResult> {
  const type = file.name.toLowerCase().endsWith('.csv')
    ? 'text/csv'
    : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const url = API_BASE + buildPath(api.imports.dryRunImport.path, { kind });
  const header = { ...auth(), 'Content-Type': type, Accept: 'application/json' };
  let status: number;
  let data: unknown;
  try {
    if (process.env.TARO_ENV === 'h5') {
      const res = await fetch(url, { method: 'POST', headers: header, body: file.bytes });
      status = res.status;
      data = await res.json().catch(() => null);
    } else {
      const res = await Taro.request({
        url,
        method: 'POST',
        header,
        data: file.bytes,
        dataType: 'json',
        timeout: 120000,
      });
      status = res.statusCode;
      data = res.data;
    }
  } catch {
    throw new ApiClientError('NETWORK', NETWORK_ERROR_MESSAGE, 0);
  }
  if (status >= 200 && status < 300) return data as DryRunResult;
  if (isApiError(data)) throw new ApiClientError(data.code, data.message, status);
  throw new ApiClientError('HTTP_ERROR', `预检失败（${status}）`, status);
}
